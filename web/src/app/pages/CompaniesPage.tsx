// The companies list: search as you type (name, domain), filter by owner, sort, and
// "Load more" through cursor pages. Search and filters live in the URL.
import { useMemo } from 'react';
import { useDocumentTitle } from '../../lib/hooks';
import { useListSearch } from '../../lib/useListSearch';
import { COMPANY_SORTS, CompanyTable, useCompanyList, type CompanyListParams, type CompanySort } from '../../modules/companies';
import { canWrite, UserSelect } from '../../modules/users';
import { ButtonLink, ListToolbar, Options, PageHeader, PagedListView, Select, ToolbarFilter } from '../../ui';
import { useAuth } from '../auth';

const DEFAULT_SORT: CompanySort = 'name';

export function CompaniesPage() {
  useDocumentTitle('Companies');
  const { user } = useAuth();
  const { params, q, search, setSearch, pending, update, clear } = useListSearch(DEFAULT_SORT);
  const owner = params.get('owner_id') ?? '';
  const sortParam = params.get('sort') ?? '';
  const sort: CompanySort = COMPANY_SORTS.some((s) => s.value === sortParam) ? (sortParam as CompanySort) : DEFAULT_SORT;

  const query: CompanyListParams = useMemo(
    () => ({ q: q || undefined, owner_id: owner || undefined, sort }),
    [q, owner, sort],
  );
  const list = useCompanyList(query);
  const filtered = !!(query.q || query.owner_id);
  const newCompany = canWrite(user) && (
    <ButtonLink to="/companies/new" variant="primary">
      New company
    </ButtonLink>
  );

  return (
    <div className="page">
      <PageHeader title="Companies" subtitle="Organisations your contacts belong to." actions={newCompany} />
      <ListToolbar
        searchLabel="Search companies"
        placeholder="Search name or domain…"
        search={search}
        onSearch={setSearch}
        active={filtered || !!search}
        onClear={clear}
      >
        <ToolbarFilter label="Owner">
          <UserSelect value={owner || null} onChange={(v) => update({ owner_id: v ?? '' })} emptyLabel="All owners" />
        </ToolbarFilter>
        <ToolbarFilter label="Sort by">
          <Select value={sort} onChange={(e) => update({ sort: e.target.value })}>
            <Options options={COMPANY_SORTS} />
          </Select>
        </ToolbarFilter>
      </ListToolbar>
      <PagedListView list={list} one="company" many="companies" filtered={filtered} createAction={newCompany}>
        <CompanyTable companies={list.items} busy={list.loading || pending} />
      </PagedListView>
    </div>
  );
}
