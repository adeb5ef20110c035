// The service report as the dashboard and a digest show it: key figures, the charts,
// the per-agent workload and customers with repeat complaints.
import { formatDateTime, formatMinutes } from '../../../lib/format';
import { Figure, Table } from '../../../ui';
import { customerNameColumn } from '../../contacts';
import type { AgentLoad, RepeatComplaint, ServiceReport } from '../types';
import { BacklogChart, ComplianceChart, DurationsChart, VolumeChart } from './ServiceCharts';

function orDash(min: number | null): string {
  return min === null ? '—' : formatMinutes(min);
}

export function ServiceReportView({ report }: { report: ServiceReport }) {
  const { sla, backlog } = report;
  const opened = report.volumes.reduce((n, v) => n + v.total, 0);
  return (
    <div className="report">
      <dl className="figures" aria-label="Key figures">
        <Figure label="Cases opened" value={String(opened)} />
        <Figure label="SLA compliance" value={sla.compliance_percent === null ? '—' : `${Math.round(sla.compliance_percent * 10) / 10}%`} note={`${sla.breached} breached of ${sla.cases}`} />
        <Figure label="First response (median)" value={orDash(report.first_response.median_minutes)} note={`90%: ${orDash(report.first_response.p90_minutes)}`} />
        <Figure label="Resolution (median)" value={orDash(report.resolution.median_minutes)} note={`90%: ${orDash(report.resolution.p90_minutes)}`} />
        <Figure
          label="Open now"
          value={String(backlog.open)}
          note={`${backlog.by_status.new} new · ${backlog.by_status.open} open · ${backlog.by_status.pending} pending`}
        />
      </dl>
      <div className="charts">
        <VolumeChart volumes={report.volumes} />
        <DurationsChart firstResponse={report.first_response} resolution={report.resolution} />
        <ComplianceChart sla={sla} />
        <BacklogChart backlog={backlog} />
      </div>
      {backlog.oldest_opened_at && <p className="muted report-note">Oldest open case opened {formatDateTime(backlog.oldest_opened_at)}.</p>}
      <div className="report-tables">
        <section className="section" aria-labelledby="report-agents">
          <h2 className="section-title section-block" id="report-agents">
            Workload per agent
          </h2>
          {report.agents.length === 0 ? (
            <p className="muted">No cases with an owner.</p>
          ) : (
            <Table<AgentLoad>
              label="Workload per agent"
              rows={report.agents}
              rowKey={(a) => a.user_id}
              columns={[
                { key: 'name', header: 'Agent', primary: true, render: (a) => a.name },
                { key: 'open', header: 'Open now', align: 'right', render: (a) => a.open },
                { key: 'assigned', header: 'Assigned', align: 'right', render: (a) => a.assigned },
                { key: 'resolved', header: 'Resolved', align: 'right', render: (a) => a.resolved },
                { key: 'breached', header: 'Breached', align: 'right', render: (a) => (a.breached ? <span className="text-danger">{a.breached}</span> : 0) },
              ]}
            />
          )}
        </section>
        <section className="section" aria-labelledby="report-repeat">
          <h2 className="section-title section-block" id="report-repeat">
            Repeat complaints
          </h2>
          {report.repeat_complaints.length === 0 ? (
            <p className="muted">No customer complained twice in this range.</p>
          ) : (
            <Table<RepeatComplaint>
              label="Repeat complaints"
              rows={report.repeat_complaints}
              rowKey={(r) => r.contact_id}
              columns={[
                customerNameColumn<RepeatComplaint>(),
                { key: 'complaints', header: 'Complaints', align: 'right', render: (r) => r.complaints },
              ]}
            />
          )}
        </section>
      </div>
    </div>
  );
}
