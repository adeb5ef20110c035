// The contact-pressure status around a planned outbound touch (a task that will become an
// outbound contact): a debounced GET /contacts/{id}/pressure?at=<due>. Used by the task
// form and the follow-up task of the "Log interaction" form to warn, without blocking,
// when the planned touch would go over the cap.
import { useEffect, useState } from 'react';
import { useDebouncedValue } from '../../lib/hooks';
import { isAbort } from '../../lib/http';
import type { TaskKind } from '../tasks/types';
import { getPressure } from './api';
import type { Pressure } from './types';

/** Task kinds that become an outbound contact with the customer. */
export const OUTBOUND_TASK_KINDS: readonly TaskKind[] = ['call', 'email', 'card', 'gift', 'meeting'];

/**
 * The status for `contactId` at `at` (RFC 3339; null means now), asked 300 ms after the
 * last change. `contactId` null: nothing to check (no contact, or not an outbound touch).
 * Returns null until the answer is about the current contact, and when the check failed
 * (it is only a warning).
 */
export function usePlannedPressure(contactId: string | null, at: string | null): Pressure | null {
  const [pressure, setPressure] = useState<Pressure | null>(null);
  const checkContact = useDebouncedValue(contactId, 300);
  const checkAt = useDebouncedValue(at ?? '', 300);

  useEffect(() => {
    if (!checkContact) {
      setPressure(null);
      return;
    }
    const ac = new AbortController();
    getPressure(checkContact, checkAt || undefined, ac.signal).then(
      (p) => {
        if (!ac.signal.aborted) setPressure(p);
      },
      (e) => {
        if (!isAbort(e) && !ac.signal.aborted) setPressure(null);
      },
    );
    return () => ac.abort();
  }, [checkContact, checkAt]);

  // The answer may still be about the contact picked before.
  return contactId !== null && pressure !== null && pressure.contact_id === contactId ? pressure : null;
}
