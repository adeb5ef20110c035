// The warning a form shows before an outbound contact that would go over the customer's
// contact-pressure cap (or after the server refused one with 409 contact-pressure): how
// many outbound touches there are, the limit and its window, and when the next one is
// possible. It is an alert (announced); the form asks for an override reason under it.
// With `planned` it warns about a task that will become an outbound contact: planning is
// not refused, so it only says that logging it will need an override reason.
import { formatDateTime } from '../../../lib/format';
import { Alert } from '../../../ui';
import type { Pressure, PressureConflict } from '../types';

export interface PressureWarningProps {
  /** The status from GET /contacts/{id}/pressure, when known. */
  pressure: Pressure | null;
  /** The members of a 409 contact-pressure answer, when the server refused. */
  conflict: PressureConflict | null;
  /** About a planned contact (a task), not one being logged. */
  planned?: boolean;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function PressureWarning({ pressure, conflict, planned = false }: PressureWarningProps) {
  const limit = pressure?.limit ?? conflict?.limit ?? null;
  const windowDays = pressure?.window_days ?? conflict?.window_days ?? null;
  const count = conflict?.count ?? pressure?.count ?? null;
  const freesAt = pressure?.frees_at ?? null;
  return (
    <Alert tone="warning" title="Contact pressure limit reached" className="pressure-warning">
      <p>
        {count !== null && windowDays !== null
          ? `This customer already has ${plural(count, 'outbound contact', 'outbound contacts')} within ${plural(windowDays, 'day', 'days')} of this time. `
          : 'This customer has had as many outbound contacts as allowed. '}
        The contact pressure limit is{' '}
        <strong>
          {limit ?? '?'} outbound {limit === 1 ? 'contact' : 'contacts'} per {windowDays !== null ? plural(windowDays, 'day', 'days') : 'window'}
        </strong>
        {planned && ', so this planned contact would go over it'}.
      </p>
      <p>
        {freesAt ? (
          <>
            The next outbound contact is possible from <time dateTime={freesAt}>{formatDateTime(freesAt)}</time>.
          </>
        ) : (
          'The next outbound contact is possible once an earlier one leaves the window.'
        )}{' '}
        {planned
          ? 'You can still plan it; logging it will need an override reason.'
          : 'To log this one anyway, give an override reason; it is kept with the interaction.'}
      </p>
    </Alert>
  );
}
