// Badges for a contact's phase and kind, coloured consistently across the app.
import { humanize } from '../../../lib/format';
import { Badge, type BadgeTone } from '../../../ui';
import type { Kind, Phase } from '../types';

const PHASE_TONE: Record<Phase, BadgeTone> = {
  exploration: 'blue',
  awareness: 'violet',
  expansion: 'teal',
  commitment: 'green',
  dissolution: 'red',
};

export function PhaseBadge({ phase }: { phase: Phase | null | undefined }) {
  if (!phase) return null;
  return <Badge tone={PHASE_TONE[phase] ?? 'neutral'}>{humanize(phase)}</Badge>;
}

export function KindBadge({ kind }: { kind: Kind | null | undefined }) {
  if (!kind) return null;
  return <Badge tone={kind === 'customer' ? 'green' : 'neutral'}>{humanize(kind)}</Badge>;
}
