// Search text and filters of a list page, kept in the URL (`?q=…&owner_id=…&sort=…`) so
// reload, back/forward and shared links keep them. Typed text reaches the URL once typing
// pauses; a filter goes there at once. Empty values and the default sort stay out of it.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useDebouncedValue } from './hooks';

export function useListSearch(defaultSort: string) {
  const [params, setParams] = useSearchParams();
  /** The search the list shows (from the URL). */
  const q = params.get('q') ?? '';
  /** The text in the search box, ahead of `q` while the user types. */
  const [search, setSearch] = useState(q);
  const debounced = useDebouncedValue(search, 250);

  function update(patch: { [name: string]: string | undefined }) {
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) {
          if (!v || (k === 'sort' && v === defaultSort)) n.delete(k);
          else n.set(k, v);
        }
        return n;
      },
      { replace: true },
    );
  }

  // Typed text reaches the URL (and the query) once typing pauses.
  useEffect(() => {
    if (debounced.trim() !== q) update({ q: debounced.trim() });
  }, [debounced]);

  // Back/forward changes the URL under us: follow it.
  useEffect(() => {
    if (q !== debounced.trim()) setSearch(q);
  }, [q]);

  function clear() {
    setSearch('');
    setParams(new URLSearchParams(), { replace: true });
  }

  return { params, q, search, setSearch, pending: search.trim() !== q, update, clear };
}
