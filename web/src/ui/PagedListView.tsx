// A cursor-paged list (see usePagedList in lib/hooks) as a list page shows it: a load
// error with Try again, a spinner on the first load, an empty state (nothing matches, or
// nothing yet, or the caller's own), or the caller's table with a footer that counts the
// rows and offers "Load more".
import type { ReactNode } from 'react';
import type { PagedList } from '../lib/hooks';
import { Button } from './Button';
import { EmptyState } from './EmptyState';
import { LoadError } from './LoadState';
import { Loading } from './Spinner';

export interface PagedListViewProps<T> {
  list: PagedList<T>;
  /** The noun for one row and for many: "contact", "contacts". */
  one: string;
  many: string;
  /** A search or filter is set: an empty list means "nothing matches", not "nothing yet". */
  filtered?: boolean;
  /** The next step when there is nothing yet (a "New …" link), if the user may take it. */
  createAction?: ReactNode;
  /** What an empty list shows, in place of the "No … yet" and "No … match" states. */
  empty?: ReactNode;
  /** The spinner's text; "Loading contacts…" if not given. */
  loadingLabel?: string;
  /** The load error's title; "Could not load contacts." if not given. */
  errorTitle?: string;
  /** The table of `list.items`. */
  children: ReactNode;
}

export function PagedListView<T>({
  list,
  one,
  many,
  filtered = false,
  createAction,
  empty,
  loadingLabel = `Loading ${many}…`,
  errorTitle = `Could not load ${many}.`,
  children,
}: PagedListViewProps<T>) {
  const count = list.items.length;
  const Many = many.charAt(0).toUpperCase() + many.slice(1);
  return (
    <>
      {list.error != null && <LoadError title={errorTitle} error={list.error} onRetry={list.reload} />}
      {list.loading && count === 0 && !list.error ? (
        <Loading label={loadingLabel} />
      ) : count === 0 && !list.error ? (
        empty !== undefined ? (
          empty
        ) : filtered ? (
          <EmptyState title={`No ${many} match`}>Try another spelling or clear the filters.</EmptyState>
        ) : (
          <EmptyState title={`No ${many} yet`} action={createAction}>
            {`${Many} you add appear here.`}
          </EmptyState>
        )
      ) : (
        count > 0 && (
          <>
            {children}
            <div className="list-footer">
              <span className="muted" aria-live="polite">
                {list.hasMore ? `Showing the first ${count}` : `${count} ${count === 1 ? one : many}`}
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
    </>
  );
}
