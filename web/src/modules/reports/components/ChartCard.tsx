// A chart in a card: a heading that names the region, a one-line text summary for screen
// readers (the drawing itself is hidden from them), and the chart sized to the card.
import { useId, type ReactElement, type ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';
import { Card } from '../../../ui';

export interface ChartCardProps {
  title: string;
  /** What the chart shows, in words. */
  summary: string;
  /** Shown in place of the chart when there is nothing to draw. */
  empty?: ReactNode;
  height?: number;
  className?: string;
  children: ReactElement;
}

export function ChartCard({ title, summary, empty, height = 240, className, children }: ChartCardProps) {
  const id = useId();
  return (
    <Card id={id} title={title} className={`chart-card ${className ?? ''}`.trim()}>
      <p className="sr-only">{summary}</p>
      {empty ? (
        <div className="chart-empty muted">{empty}</div>
      ) : (
        <div className="chart" aria-hidden="true" style={{ height }}>
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        </div>
      )}
    </Card>
  );
}
