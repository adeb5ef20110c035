// One analytics answer with a "recompute now" (managers): the cached answer loads first;
// recompute asks again with ?refresh=true and replaces it.
import { useState } from 'react';
import { useResource } from '../../lib/hooks';

export type AnalyticsLoad<T> = (opts: { refresh?: boolean; signal?: AbortSignal }) => Promise<T>;

export function useAnalytics<T>(key: string, load: AnalyticsLoad<T>) {
  const res = useResource<T>(key, (signal) => load({ signal }));
  const [recomputing, setRecomputing] = useState(false);
  const [recomputeError, setRecomputeError] = useState<unknown>(null);

  async function recompute() {
    setRecomputing(true);
    setRecomputeError(null);
    try {
      res.set(await load({ refresh: true }));
    } catch (e) {
      setRecomputeError(e);
    } finally {
      setRecomputing(false);
    }
  }

  return { ...res, recomputing, recomputeError, recompute };
}
