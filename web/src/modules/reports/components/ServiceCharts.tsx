// The charts of the service report: cases opened per period stacked by kind, first
// response and resolution times (median and 90th percentile), SLA compliance, and the
// open backlog by age.
import { Bar, BarChart, CartesianGrid, Cell, Legend, Pie, PieChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, formatMinutes, humanize } from '../../../lib/format';
import { CASE_KINDS } from '../../cases/types';
import type { Backlog, Durations, SlaCompliance, VolumePeriod } from '../types';
import { ChartCard } from './ChartCard';

const KIND_COLOURS: Record<string, string> = { complaint: '#dc2626', question: '#4f46e5', request: '#0d9488', incident: '#f59e0b' };
const AXIS = { fontSize: 12, fill: '#8a8a93' };

export function VolumeChart({ volumes }: { volumes: VolumePeriod[] }) {
  const data = volumes.map((v) => ({ period: formatDate(v.period), ...Object.fromEntries(CASE_KINDS.map((k) => [k, v.by_kind?.[k] ?? 0])) }));
  const total = volumes.reduce((n, v) => n + v.total, 0);
  return (
    <ChartCard
      title="Cases opened"
      summary={`${total} cases opened in ${volumes.length} periods. ${volumes.map((v) => `${v.period}: ${v.total}`).join(', ')}.`}
      empty={volumes.length === 0 ? 'No periods in this range.' : undefined}
      height={260}
      className="chart-wide"
    >
      <BarChart data={data} margin={{ top: 8, right: 8, left: -12, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="period" tick={AXIS} />
        <YAxis allowDecimals={false} tick={AXIS} />
        <Tooltip />
        <Legend formatter={(v: string) => humanize(v)} />
        {CASE_KINDS.map((k) => (
          <Bar key={k} dataKey={k} name={k} stackId="kind" fill={KIND_COLOURS[k]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartCard>
  );
}

function hours(min: number | null): number {
  return min === null ? 0 : Math.round((min / 60) * 10) / 10;
}

export function DurationsChart({ firstResponse, resolution }: { firstResponse: Durations; resolution: Durations }) {
  const data = [
    { name: 'First response', median: hours(firstResponse.median_minutes), p90: hours(firstResponse.p90_minutes) },
    { name: 'Resolution', median: hours(resolution.median_minutes), p90: hours(resolution.p90_minutes) },
  ];
  const text = (d: Durations) => (d.count ? `median ${formatMinutes(d.median_minutes)}, 90% within ${formatMinutes(d.p90_minutes)} (${d.count} cases)` : 'no cases');
  return (
    <ChartCard
      title="Response times (business hours)"
      summary={`First response: ${text(firstResponse)}. Resolution: ${text(resolution)}.`}
      empty={firstResponse.count + resolution.count === 0 ? 'No case was answered or resolved in this range.' : undefined}
    >
      <BarChart data={data} margin={{ top: 8, right: 8, left: -12, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" tick={AXIS} />
        <YAxis tick={AXIS} unit=" h" />
        <Tooltip formatter={(v) => `${v} h`} />
        <Legend formatter={(v: string) => (v === 'p90' ? '90th percentile' : 'Median')} />
        <Bar dataKey="median" fill="#4f46e5" isAnimationActive={false} />
        <Bar dataKey="p90" fill="#a5b4fc" isAnimationActive={false} />
      </BarChart>
    </ChartCard>
  );
}

export function ComplianceChart({ sla }: { sla: SlaCompliance }) {
  const data = [
    { name: 'Met', value: sla.met, fill: '#16a34a' },
    { name: 'Breached', value: sla.breached, fill: '#dc2626' },
  ];
  const pct = sla.compliance_percent === null ? '—' : `${Math.round(sla.compliance_percent * 10) / 10}%`;
  return (
    <ChartCard
      title="SLA compliance"
      summary={`${pct} of ${sla.cases} cases with a policy met their service levels; ${sla.breached} breached (${sla.first_response_breached} first response, ${sla.resolution_breached} resolution).`}
      empty={sla.cases === 0 ? 'No case with a service-level policy was opened in this range.' : undefined}
    >
      <PieChart>
        <Pie data={data} dataKey="value" nameKey="name" innerRadius="55%" outerRadius="85%" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.name} fill={d.fill} />
          ))}
        </Pie>
        <Tooltip />
        <Legend />
        <text x="50%" y="46%" textAnchor="middle" dominantBaseline="middle" className="chart-center">
          {pct}
        </text>
      </PieChart>
    </ChartCard>
  );
}

export function BacklogChart({ backlog }: { backlog: Backlog }) {
  const a = backlog.by_age;
  const data = [
    { name: 'Under 1 day', cases: a.under_1_day },
    { name: '1–3 days', cases: a.days_1_to_3 },
    { name: '3–7 days', cases: a.days_3_to_7 },
    { name: 'Over 7 days', cases: a.over_7_days },
  ];
  return (
    <ChartCard
      title="Open backlog by age"
      summary={`${backlog.open} open cases: ${data.map((d) => `${d.name} ${d.cases}`).join(', ')}.`}
      empty={backlog.open === 0 ? 'No open cases.' : undefined}
    >
      <BarChart data={data} margin={{ top: 8, right: 8, left: -12, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" tick={AXIS} interval={0} />
        <YAxis allowDecimals={false} tick={AXIS} />
        <Tooltip />
        <Bar dataKey="cases" fill="#f59e0b" isAnimationActive={false} />
      </BarChart>
    </ChartCard>
  );
}
