// The toolbar above the contacts list: search-as-you-type, filters (phase, owner, kind)
// and sort. It only reports changes; the page keeps them in the URL.
import { ListToolbar, Options, Select, ToolbarFilter } from '../../../ui';
import { UserSelect } from '../../users';
import { CONTACT_SORTS, KINDS, PHASES, type ContactSort, type Kind, type Phase } from '../types';

export interface ContactFilterValues {
  phase: Phase | '';
  owner_id: string;
  kind: Kind | '';
  sort: ContactSort;
}

export interface ContactFiltersProps {
  search: string;
  onSearch: (text: string) => void;
  filters: ContactFilterValues;
  onFilters: (patch: Partial<ContactFilterValues>) => void;
  onClear: () => void;
}

export function ContactFilters({ search, onSearch, filters, onFilters, onClear }: ContactFiltersProps) {
  const active = filters.phase !== '' || filters.owner_id !== '' || filters.kind !== '' || search !== '';
  return (
    <ListToolbar
      searchLabel="Search contacts"
      placeholder="Search name, email, phone, company…"
      search={search}
      onSearch={onSearch}
      active={active}
      onClear={onClear}
    >
      <ToolbarFilter label="Phase">
        <Select value={filters.phase} onChange={(e) => onFilters({ phase: e.target.value as Phase | '' })}>
          <option value="">All phases</option>
          <Options options={PHASES} />
        </Select>
      </ToolbarFilter>
      <ToolbarFilter label="Owner">
        <UserSelect value={filters.owner_id || null} onChange={(v) => onFilters({ owner_id: v ?? '' })} emptyLabel="All owners" />
      </ToolbarFilter>
      <ToolbarFilter label="Kind">
        <Select value={filters.kind} onChange={(e) => onFilters({ kind: e.target.value as Kind | '' })}>
          <option value="">All kinds</option>
          <Options options={KINDS} />
        </Select>
      </ToolbarFilter>
      <ToolbarFilter label="Sort by">
        <Select value={filters.sort} onChange={(e) => onFilters({ sort: e.target.value as ContactSort })}>
          <Options options={CONTACT_SORTS} />
        </Select>
      </ToolbarFilter>
    </ListToolbar>
  );
}
