// A case's history (GET /cases/{id}/events), newest first: opened, assignment (with the
// rule and reason), status and priority changes, files, service-level state changes,
// escalations and sales leads.
import { useEffect } from 'react';
import { formatDateTime, humanize } from '../../../lib/format';
import { useResource } from '../../../lib/hooks';
import { Badge, Card, LoadError, Loading, type BadgeTone } from '../../../ui';
import { UserName } from '../../users';
import { listEvents } from '../api';
import type { CaseEvent } from '../types';

const TONE: Record<string, BadgeTone> = {
  opened: 'violet',
  assigned: 'teal',
  status: 'blue',
  priority: 'amber',
  sla: 'amber',
  escalation: 'red',
  sales_lead: 'green',
};

export function CaseHistory({ caseId, refreshKey }: { caseId: string; refreshKey: number }) {
  const events = useResource<{ items: CaseEvent[] }>(caseId, (signal) => listEvents(caseId, signal));
  // Load again after a change, keeping the old list on screen meanwhile.
  const { reload } = events;
  useEffect(() => {
    if (refreshKey > 0) void reload();
  }, [refreshKey, reload]);
  return (
    <Card id="case-history" title="History">
      {events.error != null && !events.data ? (
        <LoadError title="Could not load the history." error={events.error} />
      ) : !events.data ? (
        <Loading label="Loading the history…" />
      ) : (
        <ol className="case-events" aria-label="Case history">
          {[...events.data.items].reverse().map((e) => (
            <li key={e.id} className="case-event">
              <Badge tone={TONE[e.kind] ?? 'neutral'}>{e.kind === 'sla' ? 'SLA' : humanize(e.kind)}</Badge>
              <span className="case-event-detail">{e.detail}</span>
              <span className="case-event-meta muted">
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                {e.user_id && (
                  <>
                    {' · '}
                    <UserName id={e.user_id} />
                  </>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
