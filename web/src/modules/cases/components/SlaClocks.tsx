// The service-level clocks of a case: first response and resolution, each with its due
// time and a live countdown, or when it was met and how many business minutes it took;
// the state (ok, warning, breached), whether the clocks are paused, and breach flags.
import { formatDateTime, formatMinutes } from '../../../lib/format';
import { Badge, Card } from '../../../ui';
import { isPaused, type Case } from '../types';
import { SlaBadge } from './CaseBadges';
import { DueCountdown } from './DueCountdown';

interface ClockProps {
  name: string;
  due: string | null;
  doneAt: string | null;
  doneLabel: string;
  minutes: number | null;
  breached: boolean;
  paused: boolean;
}

function Clock({ name, due, doneAt, doneLabel, minutes, breached, paused }: ClockProps) {
  return (
    <div className="clock">
      <dt>{name}</dt>
      <dd>
        {doneAt ? (
          <span>
            {doneLabel} <time dateTime={doneAt}>{formatDateTime(doneAt)}</time>
            {minutes !== null && <span className="muted"> · {formatMinutes(minutes)} business time</span>}
          </span>
        ) : due ? (
          <span>
            Due <time dateTime={due}>{formatDateTime(due)}</time> · <DueCountdown due={due} paused={paused} />
          </span>
        ) : (
          <span className="muted">No target</span>
        )}
        {breached && (
          <span className="clock-flag">
            <Badge tone="red">Breached</Badge>
          </span>
        )}
      </dd>
    </div>
  );
}

export function SlaClocks({ value: c }: { value: Case }) {
  const paused = isPaused(c);
  return (
    <Card id="case-sla" title="Service level">
      {!c.sla_policy_id ? (
        <p className="muted">No service-level policy applies to this case, so no clocks run.</p>
      ) : (
        <>
          <p className="clock-state">
            <SlaBadge state={c.sla_state} />
            {paused && c.sla_paused_at && (
              <span className="muted">
                Clocks paused since <time dateTime={c.sla_paused_at}>{formatDateTime(c.sla_paused_at)}</time>
              </span>
            )}
            {c.escalation_level && <Badge tone={c.escalation_level === 'breach' ? 'red' : 'amber'}>Escalated ({c.escalation_level})</Badge>}
          </p>
          <dl className="clocks">
            <Clock
              name="First response"
              due={c.first_response_due_at}
              doneAt={c.first_responded_at}
              doneLabel="Responded"
              minutes={c.first_response_minutes}
              breached={c.first_response_breached}
              paused={paused}
            />
            <Clock
              name="Resolution"
              due={c.resolution_due_at}
              doneAt={c.resolved_at}
              doneLabel="Resolved"
              minutes={c.resolution_minutes}
              breached={c.resolution_breached}
              paused={paused}
            />
          </dl>
        </>
      )}
    </Card>
  );
}
