// An opportunity's stage as a badge: open stages blue, won green, lost grey.
import { Badge } from '../../../ui';
import { stageName, usePipeline } from '../hooks';
import { LOST, WON } from '../types';

export function StageBadge({ stage }: { stage: string }) {
  const { stages } = usePipeline();
  return <Badge tone={stage === WON ? 'green' : stage === LOST ? 'neutral' : 'blue'}>{stageName(stages, stage)}</Badge>;
}
