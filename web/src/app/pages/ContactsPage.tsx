// The contacts list: search as you type (debounced `q=`), filter by phase, owner and
// kind, sort, and "Load more" through cursor pages. Search and filters live in the URL,
// so reload, back and shared links keep them.
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useDebouncedValue, useDocumentTitle } from '../../lib/hooks';
import { errorMessage } from '../../lib/http';
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
import { Alert, Button, ButtonLink, EmptyState, Loading, PageHeader } from '../../ui';
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
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const urlQ = params.get('q') ?? '';
  const [search, setSearch] = useState(urlQ);
  const debounced = useDebouncedValue(search, 250);

  // Typed text reaches the URL (and the query) once typing pauses.
  useEffect(() => {
    if (debounced.trim() === urlQ) return;
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (debounced.trim()) n.set('q', debounced.trim());
        else n.delete('q');
        return n;
      },
      { replace: true },
    );
  }, [debounced]);

  // Back/forward changes the URL under us: follow it.
  useEffect(() => {
    if (urlQ !== debounced.trim()) setSearch(urlQ);
  }, [urlQ]);

  function setFilters(patch: Partial<ContactFilterValues>) {
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) {
          if (!v || (k === 'sort' && v === DEFAULT_SORT)) n.delete(k);
          else n.set(k, String(v));
        }
        return n;
      },
      { replace: true },
    );
  }

  const query: ContactListParams = useMemo(
    () => ({
      q: urlQ || undefined,
      phase: filters.phase || undefined,
      owner_id: filters.owner_id || undefined,
      kind: filters.kind || undefined,
      sort: filters.sort,
    }),
    [urlQ, filters.phase, filters.owner_id, filters.kind, filters.sort],
  );
  const list = useContactList(query);
  const filtered = !!(query.q || query.phase || query.owner_id || query.kind);
  const pending = search.trim() !== urlQ;

  return (
    <div className="page">
      <PageHeader
        title="Contacts"
        subtitle="People you work with: customers and prospects."
        actions={
          canWrite(user) && (
            <ButtonLink to="/contacts/new" variant="primary">
              New contact
            </ButtonLink>
          )
        }
      />
      <ContactFilters
        search={search}
        onSearch={setSearch}
        filters={filters}
        onFilters={setFilters}
        onClear={() => {
          setSearch('');
          setParams(new URLSearchParams(), { replace: true });
        }}
      />
      {list.error != null && (
        <Alert
          tone="danger"
          title="Could not load contacts."
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
        <Loading label="Loading contacts…" />
      ) : list.items.length === 0 && !list.error ? (
        filtered ? (
          <EmptyState title="No contacts match">Try another spelling or clear the filters.</EmptyState>
        ) : (
          <EmptyState
            title="No contacts yet"
            action={
              canWrite(user) && (
                <ButtonLink to="/contacts/new" variant="primary">
                  New contact
                </ButtonLink>
              )
            }
          >
            Contacts you add appear here.
          </EmptyState>
        )
      ) : (
        list.items.length > 0 && (
          <>
            <ContactTable contacts={list.items} busy={list.loading || pending} />
            <div className="list-footer">
              <span className="muted" aria-live="polite">
                {list.hasMore ? `Showing the first ${list.items.length}` : `${list.items.length} ${list.items.length === 1 ? 'contact' : 'contacts'}`}
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
