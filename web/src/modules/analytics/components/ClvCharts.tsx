// The CLV charts: how lifetime values are spread over customers, and the model's check
// against a holdout period (purchases predicted from the calibration period vs the
// purchases that happened, by number of repeat purchases in calibration). Imported by
// path from the lazily loaded analytics page (it brings the chart library).
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate } from '../../../lib/format';
import { formatMoneyCompact } from '../../../lib/money';
import { ChartCard } from '../../reports/components/ChartCard';
import { formatFigure, type ClvAnswer } from '../types';

const AXIS = { fontSize: 12, fill: '#8a8a93' };

export function ClvHistogram({ clv }: { clv: ClvAnswer }) {
  const currency = clv.currency ?? 'EUR';
  const data = clv.distribution.map((d) => ({
    range: `${formatMoneyCompact(d.from_minor, currency)}–${formatMoneyCompact(d.to_minor, currency)}`,
    customers: d.customers,
  }));
  const total = clv.distribution.reduce((n, d) => n + d.customers, 0);
  return (
    <ChartCard
      title="CLV distribution"
      summary={`${total} customers by lifetime value: ${data.map((d) => `${d.range}: ${d.customers}`).join(', ')}.`}
      empty={total === 0 ? 'No customer has a lifetime value yet.' : undefined}
      height={260}
    >
      <BarChart data={data} margin={{ top: 8, right: 8, left: -12, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="range" tick={AXIS} interval="preserveStartEnd" />
        <YAxis allowDecimals={false} tick={AXIS} />
        <Tooltip />
        <Bar dataKey="customers" name="Customers" fill="#4f46e5" isAnimationActive={false} />
      </BarChart>
    </ChartCard>
  );
}

export function CalibrationChart({ clv }: { clv: ClvAnswer }) {
  const d = clv.diagnostics;
  const rows = d?.by_frequency ?? [];
  const data = rows.map((r) => ({ x: r.label, actual: r.actual, predicted: r.predicted, customers: r.customers }));
  const period = d
    ? ` Calibration up to ${formatDate(d.calibration_end)}, then a holdout of ${formatFigure(d.holdout_weeks)} weeks up to ${formatDate(d.holdout_end)}.`
    : '';
  return (
    <ChartCard
      title="Predicted vs actual purchases (holdout)"
      summary={`Average purchases in the holdout period by repeat purchases in calibration, predicted and actual.${period} ${rows
        .map((r) => `${r.label}: predicted ${r.predicted.toFixed(2)}, actual ${r.actual.toFixed(2)}`)
        .join('; ')}`}
      empty={rows.length === 0 ? 'Not enough history for a holdout check yet.' : undefined}
      height={260}
    >
      <LineChart data={data} margin={{ top: 8, right: 8, left: -12, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="x" tick={AXIS} label={{ value: 'Repeat purchases in calibration', position: 'insideBottom', offset: -2, fontSize: 11 }} height={36} />
        <YAxis tick={AXIS} />
        <Tooltip formatter={(v) => Number(v).toFixed(2)} />
        <Legend verticalAlign="top" />
        <Line dataKey="actual" name="Actual" stroke="#16a34a" strokeWidth={2} isAnimationActive={false} />
        <Line dataKey="predicted" name="Predicted" stroke="#4f46e5" strokeWidth={2} strokeDasharray="5 3" isAnimationActive={false} />
      </LineChart>
    </ChartCard>
  );
}
