// The state of a record form's save: busy while the call runs, then the server's field
// errors and the banner problem (see classifySaveError), and the record a 409 names as
// already having the SKU or reference (`existingId`). On success the caller moves on
// (navigates away), so busy stays set.
import { useState } from 'react';
import { classifySaveError, existingIdOf, type SaveProblem } from './saveError';

const NO_ERRORS: Record<string, string> = {};

export function useSave(knownFields: readonly string[]) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>(NO_ERRORS);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const [reloading, setReloading] = useState(false);
  const [existingId, setExistingId] = useState<string | null>(null);

  /** Runs `call` (the API call and what follows it); a failure fills `errors`, `problem` and `existingId`. */
  async function run(call: () => Promise<void>) {
    setExistingId(null);
    setBusy(true);
    setProblem(null);
    try {
      await call();
    } catch (e) {
      setExistingId(existingIdOf(e));
      const f = classifySaveError(e, knownFields);
      setErrors(f.fields);
      setProblem(f.problem);
      setBusy(false);
    }
  }

  /** After a 412: loads the latest version and, when that worked, drops the old errors. */
  async function reloadLatest(reload: () => Promise<unknown>) {
    setReloading(true);
    const fresh = await reload();
    setReloading(false);
    if (fresh) {
      setProblem(null);
      setErrors(NO_ERRORS);
    }
  }

  return { busy, errors, problem, reloading, existingId, run, reloadLatest };
}
