// The companies list: search as you type (name, domain), filter by owner, sort, and
// "Load more" through cursor pages. Search and filters live in the URL.
import { useEffect, useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useDebouncedValue, useDocumentTitle } from '../../lib/hooks';
import { errorMessage } from '../../lib/http';
import { COMPANY_SORTS, CompanyTable, useCompanyList, type CompanyListParams, type CompanySort } from '../../modules/companies';
import { canWrite, UserSelect } from '../../modules/users';
import { Alert, Button, ButtonLink, EmptyState, Loading, PageHeader, SearchInput, Select } from '../../ui';
import { useAuth } from '../auth';

const DEFAULT_SORT: CompanySort = 'name';

export function CompaniesPage() {
  useDocumentTitle('Companies');
  const id = useId();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const urlQ = params.get('q') ?? '';
  const owner = params.get('owner_id') ?? '';
  const sortParam = params.get('sort') ?? '';
  const sort: CompanySort = COMPANY_SORTS.some((s) => s.value === sortParam) ? (sortParam as CompanySort) : DEFAULT_SORT;
  const [search, setSearch] = useState(urlQ);
  const debounced = useDebouncedValue(search, 250);

  function update(patch: Record<string, string>) {
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) {
          if (!v || (k === 'sort' && v === DEFAULT_SORT)) n.delete(k);
          else n.set(k, v);
        }
        return n;
      },
      { replace: true },
    );
  }

  useEffect(() => {
    if (debounced.trim() !== urlQ) update({ q: debounced.trim() });
  }, [debounced]);

  useEffect(() => {
    if (urlQ !== debounced.trim()) setSearch(urlQ);
  }, [urlQ]);

  const query: CompanyListParams = useMemo(
    () => ({ q: urlQ || undefined, owner_id: owner || undefined, sort }),
    [urlQ, owner, sort],
  );
  const list = useCompanyList(query);
  const filtered = !!(query.q || query.owner_id);

  return (
    <div className="page">
      <PageHeader
        title="Companies"
        subtitle="Organisations your contacts belong to."
        actions={
          canWrite(user) && (
            <ButtonLink to="/companies/new" variant="primary">
              New company
            </ButtonLink>
          )
        }
      />
      <div className="toolbar" role="search">
        <SearchInput
          className="toolbar-search"
          label="Search companies"
          placeholder="Search name or domain…"
          value={search}
          onChange={setSearch}
        />
        <div className="toolbar-filters">
          <label className="sr-only" htmlFor={`${id}-owner`}>
            Owner
          </label>
          <UserSelect
            id={`${id}-owner`}
            className="select-compact"
            value={owner || null}
            onChange={(v) => update({ owner_id: v ?? '' })}
            emptyLabel="All owners"
          />
          <label className="sr-only" htmlFor={`${id}-sort`}>
            Sort by
          </label>
          <Select id={`${id}-sort`} className="select-compact" value={sort} onChange={(e) => update({ sort: e.target.value })}>
            {COMPANY_SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </Select>
          {(filtered || search) && (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setSearch('');
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              Clear
            </Button>
          )}
        </div>
      </div>
      {list.error != null && (
        <Alert
          tone="danger"
          title="Could not load companies."
          actions={
            <Button size="sm" onClick={list.reload}>
              Try again
            </Button>
          }
        >
          {errorMessage(list.error)}
        </Alert>
      )}
      {list.loading && list.items.length === 0 && !list.error ? (
        <Loading label="Loading companies…" />
      ) : list.items.length === 0 && !list.error ? (
        filtered ? (
          <EmptyState title="No companies match">Try another spelling or clear the filters.</EmptyState>
        ) : (
          <EmptyState
            title="No companies yet"
            action={
              canWrite(user) && (
                <ButtonLink to="/companies/new" variant="primary">
                  New company
                </ButtonLink>
              )
            }
          >
            Companies you add appear here.
          </EmptyState>
        )
      ) : (
        list.items.length > 0 && (
          <>
            <CompanyTable companies={list.items} busy={list.loading || search.trim() !== urlQ} />
            <div className="list-footer">
              <span className="muted" aria-live="polite">
                {list.hasMore
                  ? `Showing the first ${list.items.length}`
                  : `${list.items.length} ${list.items.length === 1 ? 'company' : 'companies'}`}
              </span>
              {list.hasMore && (
                <Button onClick={list.loadMore} busy={list.loadingMore}>
                  Load more
                </Button>
              )}
            </div>
          </>
        )
      )}
    </div>
  );
}
