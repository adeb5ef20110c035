// Badges for a customer's purchase rhythm (not due, due, overdue) and health band.
import { Badge, type BadgeTone } from '../../../ui';
import type { DueStatus, HealthBand } from '../types';

const DUE: Record<DueStatus, { text: string; tone: BadgeTone }> = {
  none: { text: 'No rhythm yet', tone: 'neutral' },
  not_due: { text: 'Not due', tone: 'green' },
  due: { text: 'Due', tone: 'amber' },
  overdue: { text: 'Overdue', tone: 'red' },
};

const HEALTH: Record<HealthBand, { text: string; tone: BadgeTone }> = {
  healthy: { text: 'Healthy', tone: 'green' },
  watch: { text: 'Watch', tone: 'amber' },
  at_risk: { text: 'At risk', tone: 'red' },
};

export function DueBadge({ status }: { status: DueStatus }) {
  const d = DUE[status] ?? { text: status, tone: 'neutral' as BadgeTone };
  return <Badge tone={d.tone}>{d.text}</Badge>;
}

export function HealthBadge({ band }: { band: HealthBand }) {
  const h = HEALTH[band] ?? { text: band, tone: 'neutral' as BadgeTone };
  return <Badge tone={h.tone}>{h.text}</Badge>;
}
