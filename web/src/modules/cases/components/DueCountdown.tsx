// A live countdown to a due time: "in 2h 05m", "overdue 12m 30s" (in red), or "Paused"
// while the clocks stand still. It re-renders every few seconds on its own.
import { formatDateTime, formatDuration } from '../../../lib/format';
import { useNow } from '../../../lib/hooks';

export interface DueCountdownProps {
  due: string | null;
  paused?: boolean;
  /** Shown when there is no due time and nothing is paused. */
  none?: string;
}

export function DueCountdown({ due, paused = false, none = 'No clock' }: DueCountdownProps) {
  const now = useNow(5000);
  if (paused) return <span className="due due-paused">Paused</span>;
  if (!due) return <span className="due muted">{none}</span>;
  const left = Date.parse(due) - now;
  const overdue = left <= 0;
  return (
    <time className={overdue ? 'due due-overdue' : 'due'} dateTime={due} title={formatDateTime(due)}>
      {overdue ? `Overdue ${formatDuration(left)}` : `in ${formatDuration(left)}`}
    </time>
  );
}
