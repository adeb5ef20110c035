// Badges for a case's priority, status and service-level state, coloured the same
// everywhere.
import { humanize } from '../../../lib/format';
import { Badge, type BadgeTone } from '../../../ui';
import type { CasePriority, CaseStatus, SlaState } from '../types';

const PRIORITY_TONE: Record<CasePriority, BadgeTone> = { low: 'neutral', normal: 'blue', high: 'amber', urgent: 'red' };
const STATUS_TONE: Record<CaseStatus, BadgeTone> = { new: 'violet', open: 'blue', pending: 'amber', resolved: 'green', closed: 'neutral' };
const SLA_TONE: Record<SlaState, BadgeTone> = { ok: 'green', warning: 'amber', breached: 'red' };
const SLA_TEXT: Record<SlaState, string> = { ok: 'SLA ok', warning: 'SLA warning', breached: 'SLA breached' };

export function PriorityBadge({ priority }: { priority: CasePriority }) {
  return <Badge tone={PRIORITY_TONE[priority] ?? 'neutral'}>{humanize(priority)}</Badge>;
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  return <Badge tone={STATUS_TONE[status] ?? 'neutral'}>{humanize(status)}</Badge>;
}

export function SlaBadge({ state }: { state: SlaState }) {
  return <Badge tone={SLA_TONE[state] ?? 'neutral'}>{SLA_TEXT[state] ?? humanize(state)}</Badge>;
}
