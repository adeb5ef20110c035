// The toolbar above the contacts list: search-as-you-type, filters (phase, owner, kind)
// and sort. It only reports changes; the page keeps them in the URL.
import { useId } from 'react';
import { humanize } from '../../../lib/format';
import { Button, SearchInput, Select } from '../../../ui';
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
  const id = useId();
  const active = filters.phase !== '' || filters.owner_id !== '' || filters.kind !== '' || search !== '';
  return (
    <div className="toolbar" role="search">
      <SearchInput
        className="toolbar-search"
        label="Search contacts"
        placeholder="Search name, email, phone, company…"
        value={search}
        onChange={onSearch}
      />
      <div className="toolbar-filters">
        <label className="sr-only" htmlFor={`${id}-phase`}>
          Phase
        </label>
        <Select id={`${id}-phase`} className="select-compact" value={filters.phase} onChange={(e) => onFilters({ phase: e.target.value as Phase | '' })}>
          <option value="">All phases</option>
          {PHASES.map((p) => (
            <option key={p} value={p}>
              {humanize(p)}
            </option>
          ))}
        </Select>
        <label className="sr-only" htmlFor={`${id}-owner`}>
          Owner
        </label>
        <UserSelect
          id={`${id}-owner`}
          className="select-compact"
          value={filters.owner_id || null}
          onChange={(v) => onFilters({ owner_id: v ?? '' })}
          emptyLabel="All owners"
        />
        <label className="sr-only" htmlFor={`${id}-kind`}>
          Kind
        </label>
        <Select id={`${id}-kind`} className="select-compact" value={filters.kind} onChange={(e) => onFilters({ kind: e.target.value as Kind | '' })}>
          <option value="">All kinds</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {humanize(k)}
            </option>
          ))}
        </Select>
        <label className="sr-only" htmlFor={`${id}-sort`}>
          Sort by
        </label>
        <Select id={`${id}-sort`} className="select-compact" value={filters.sort} onChange={(e) => onFilters({ sort: e.target.value as ContactSort })}>
          {CONTACT_SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </Select>
        {active && (
          <Button variant="ghost" size="sm" onClick={onClear}>
            Clear
          </Button>
        )}
      </div>
    </div>
  );
}
