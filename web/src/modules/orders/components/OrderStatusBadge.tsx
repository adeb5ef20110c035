// An order's status as a badge, coloured the same everywhere.
import { humanize } from '../../../lib/format';
import { Badge, type BadgeTone } from '../../../ui';
import type { OrderStatus } from '../types';

const TONE: Record<OrderStatus, BadgeTone> = {
  placed: 'blue',
  paid: 'teal',
  shipped: 'violet',
  delivered: 'green',
  cancelled: 'neutral',
  returned: 'amber',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <Badge tone={TONE[status] ?? 'neutral'}>{humanize(status)}</Badge>;
}
