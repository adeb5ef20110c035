// The forecast as bars by month: the open pipeline, its probability-weighted value, and
// what was won. Values stay in minor units; the axis and tooltip format them. Imported
// by path from the lazily loaded forecast page (it brings the chart library).
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney, formatMoneyCompact } from '../../../lib/money';
import { ChartCard } from '../../reports/components/ChartCard';
import { formatMonth, type Forecast } from '../types';

const AXIS = { fontSize: 12, fill: '#8a8a93' };
const SERIES = [
  { key: 'pipeline', name: 'Pipeline', fill: '#a5b4fc' },
  { key: 'weighted', name: 'Weighted', fill: '#4f46e5' },
  { key: 'won', name: 'Won', fill: '#16a34a' },
] as const;

export function ForecastChart({ forecast }: { forecast: Forecast }) {
  const currency = forecast.currency ?? 'EUR';
  const data = forecast.months.map((m) => ({
    month: formatMonth(m.month),
    pipeline: m.pipeline_minor,
    weighted: m.weighted_minor,
    won: m.won_minor,
  }));
  const t = forecast.totals;
  const empty = forecast.months.every((m) => m.pipeline_minor === 0 && m.won_minor === 0);
  return (
    <ChartCard
      title="Pipeline, weighted and won by month"
      summary={`In total ${formatMoney(t.pipeline_minor, currency)} in the pipeline, ${formatMoney(t.weighted_minor, currency)} weighted by probability, ${formatMoney(t.won_minor, currency)} won.`}
      empty={empty ? 'No open or won opportunities in these months.' : undefined}
      height={300}
      className="chart-wide"
    >
      <BarChart data={data} margin={{ top: 8, right: 8, left: 8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="month" tick={AXIS} />
        <YAxis tick={AXIS} width={72} tickFormatter={(v: number) => formatMoneyCompact(v, currency)} />
        <Tooltip formatter={(v) => formatMoney(Number(v), currency)} />
        <Legend />
        {SERIES.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.fill} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartCard>
  );
}
