// The contacts list: search as you type (debounced `q=`), filter by phase, owner and
// kind, sort, and "Load more" through cursor pages. Search and filters live in the URL,
// so reload, back and shared links keep them.
import { useMemo } from 'react';
import { useDocumentTitle } from '../../lib/hooks';
import { useListSearch } from '../../lib/useListSearch';
import {
  CONTACT_SORTS,
  ContactFilters,
  ContactTable,
  KINDS,
  PHASES,
  useContactList,
  type ContactFilterValues,
  type ContactListParams,
  type ContactSort,
  type Kind,
  type Phase,
} from '../../modules/contacts';
import { canWrite } from '../../modules/users';
import { ButtonLink, PageHeader, PagedListView } from '../../ui';
import { useAuth } from '../auth';

const DEFAULT_SORT: ContactSort = 'name';

function readFilters(p: URLSearchParams): ContactFilterValues {
  const phase = p.get('phase') ?? '';
  const kind = p.get('kind') ?? '';
  const sort = p.get('sort') ?? '';
  return {
    phase: (PHASES as readonly string[]).includes(phase) ? (phase as Phase) : '',
    kind: (KINDS as readonly string[]).includes(kind) ? (kind as Kind) : '',
    owner_id: p.get('owner_id') ?? '',
    sort: CONTACT_SORTS.some((s) => s.value === sort) ? (sort as ContactSort) : DEFAULT_SORT,
  };
}

export function ContactsPage() {
  useDocumentTitle('Contacts');
  const { user } = useAuth();
  const { params, q, search, setSearch, pending, update, clear } = useListSearch(DEFAULT_SORT);
  const filters = readFilters(params);

  const query: ContactListParams = useMemo(
    () => ({
      q: q || undefined,
      phase: filters.phase || undefined,
      owner_id: filters.owner_id || undefined,
      kind: filters.kind || undefined,
      sort: filters.sort,
    }),
    [q, filters.phase, filters.owner_id, filters.kind, filters.sort],
  );
  const list = useContactList(query);
  const filtered = !!(query.q || query.phase || query.owner_id || query.kind);
  const newContact = canWrite(user) && (
    <ButtonLink to="/contacts/new" variant="primary">
      New contact
    </ButtonLink>
  );

  return (
    <div className="page">
      <PageHeader title="Contacts" subtitle="People you work with: customers and prospects." actions={newContact} />
      <ContactFilters search={search} onSearch={setSearch} filters={filters} onFilters={update} onClear={clear} />
      <PagedListView list={list} one="contact" many="contacts" filtered={filtered} createAction={newContact}>
        <ContactTable contacts={list.items} busy={list.loading || pending} />
      </PagedListView>
    </div>
  );
}
