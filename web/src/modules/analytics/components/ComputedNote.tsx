// The line above an analysis: the date it stands on and when it was computed, and for
// managers a "Recompute" button (the answer is otherwise cached per data version and
// refreshed by a background job).
import { formatDate, formatDateTime, formatRelative } from '../../../lib/format';
import { errorMessage } from '../../../lib/http';
import { Alert, Button } from '../../../ui';
import type { Computed } from '../types';

export interface ComputedNoteProps {
  computed: Partial<Computed> | null;
  canRecompute: boolean;
  recomputing: boolean;
  recomputeError?: unknown;
  onRecompute: () => void;
}

export function ComputedNote({ computed, canRecompute, recomputing, recomputeError, onRecompute }: ComputedNoteProps) {
  return (
    <>
      <div className="computed-note">
        <span className="muted">
          {computed?.as_of && <>As of {formatDate(computed.as_of.slice(0, 10))}</>}
          {computed?.computed_at && (
            <>
              {' · '}computed <time dateTime={computed.computed_at} title={formatDateTime(computed.computed_at)}>{formatRelative(computed.computed_at)}</time>
            </>
          )}
          {computed?.stale && ' · newer data is being analysed'}
        </span>
        {canRecompute && (
          <Button size="sm" variant="ghost" busy={recomputing} onClick={onRecompute}>
            Recompute
          </Button>
        )}
      </div>
      {recomputeError != null && (
        <Alert tone="danger" title="Could not recompute.">
          {errorMessage(recomputeError)}
        </Alert>
      )}
    </>
  );
}
