// Small React hooks with no domain knowledge: debouncing, document titles, closing a popup
// on Esc or a click outside, a cursor-paged list loader that cancels stale requests
// (search-as-you-type races), and one record.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { isAbort, type Page } from './http';

/** `value`, but only after it stopped changing for `ms` milliseconds. */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/** The current time, renewed every `ms` milliseconds (for live countdowns). */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(t);
  }, [ms]);
  return now;
}

/** While `open`, calls `dismiss` on Esc and on a mouse press outside `root` (menus, popups). */
export function useDismiss(open: boolean, root: RefObject<HTMLElement | null>, dismiss: () => void): void {
  const dismissRef = useRef(dismiss);
  dismissRef.current = dismiss;
  useEffect(() => {
    if (!open) return;
    function onDown(e: MouseEvent) {
      if (root.current && !root.current.contains(e.target as Node)) dismissRef.current();
    }
    function onKey(e: KeyboardEvent) {
      if (e.key === 'Escape') dismissRef.current();
    }
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, root]);
}

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Hearth` : 'Hearth';
  }, [title]);
}

export interface PagedList<T> {
  items: T[];
  /** True while the first page for the current key loads. */
  loading: boolean;
  /** True while a further page loads. */
  loadingMore: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

/**
 * Loads a cursor-paged list. `key` names the query (filters, search, sort): when it
 * changes the list starts over and any request still in flight is aborted, so a slow
 * answer for an old search never overwrites a newer one.
 */
export function usePagedList<T>(
  key: string,
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>,
): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  useEffect(() => {
    controller.current?.abort();
    const ac = new AbortController();
    controller.current = ac;
    setLoading(true);
    setError(null);
    fetchRef
      .current(null, ac.signal)
      .then((page) => {
        if (ac.signal.aborted) return;
        setItems(page.items);
        setCursor(page.next_cursor);
        setLoading(false);
      })
      .catch((e) => {
        if (isAbort(e) || ac.signal.aborted) return;
        setItems([]);
        setCursor(null);
        setError(e);
        setLoading(false);
      });
    return () => ac.abort();
  }, [key, generation]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    const ac = new AbortController();
    controller.current = ac;
    setLoadingMore(true);
    setError(null);
    fetchRef
      .current(cursor, ac.signal)
      .then((page) => {
        if (ac.signal.aborted) return;
        setItems((prev) => [...prev, ...page.items]);
        setCursor(page.next_cursor);
      })
      .catch((e) => {
        if (!isAbort(e) && !ac.signal.aborted) setError(e);
      })
      .finally(() => {
        if (!ac.signal.aborted) setLoadingMore(false);
      });
  }, [cursor, loadingMore]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { items, loading, loadingMore, error, hasMore: cursor !== null, loadMore, reload };
}

/**
 * usePagedList for a list call that takes query parameters plus `cursor` and `limit`
 * (`listContacts`, `listCompanies`): the list starts over when `params` changes.
 */
export function usePagedQuery<P, T>(
  params: P,
  list: (query: P & { cursor: string | null; limit: number }, signal: AbortSignal) => Promise<Page<T>>,
  pageSize = 50,
): PagedList<T> {
  return usePagedList<T>(JSON.stringify(params), (cursor, signal) => list({ ...params, cursor, limit: pageSize }, signal));
}

/** Loads one thing (a record) and lets the caller reload it or replace it after a save. */
export function useResource<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
): { data: T | null; loading: boolean; error: unknown; reload: () => Promise<T | null>; set: (v: T) => void } {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    setError(null);
    setData(null);
    loadRef
      .current(ac.signal)
      .then((v) => {
        if (!ac.signal.aborted) {
          setData(v);
          setLoading(false);
        }
      })
      .catch((e) => {
        if (isAbort(e) || ac.signal.aborted) return;
        setError(e);
        setLoading(false);
      });
    return () => ac.abort();
  }, [key]);

  const reload = useCallback(async () => {
    const ac = new AbortController();
    try {
      const v = await loadRef.current(ac.signal);
      setData(v);
      setError(null);
      return v;
    } catch (e) {
      setError(e);
      return null;
    }
  }, []);

  return { data, loading, error, reload, set: setData };
}
