// One version of the customer-experience policy: its text (Markdown made safe by the
// server, the one thing rendered as HTML here) and the service levels it promises.
import { formatMinutes, humanize } from '../../../lib/format';
import { Table, type Column } from '../../../ui';
import type { CxPolicy, SlaTarget } from '../types';

const COLUMNS: Column<SlaTarget>[] = [
  { key: 'name', header: 'Service level', primary: true, render: (t) => t.name },
  { key: 'priority', header: 'Priority', render: (t) => humanize(t.priority) },
  { key: 'kind', header: 'Kind', render: (t) => (t.kind ? humanize(t.kind) : 'Any') },
  { key: 'first', header: 'First response', render: (t) => formatMinutes(t.first_response_minutes) },
  { key: 'resolution', header: 'Resolution', render: (t) => formatMinutes(t.resolution_minutes) },
  { key: 'tz', header: 'Business hours in', render: (t) => t.tz },
];

export function CxPolicyView({ policy }: { policy: CxPolicy }) {
  return (
    <div className="cx-policy">
      {/* Sanitised by the server (see the file comment). */}
      <div className="prose cx-policy-body" dangerouslySetInnerHTML={{ __html: policy.body_html }} />
      {(policy.sla_targets ?? []).length > 0 && (
        <>
          <h3 className="cx-policy-subtitle">Service levels we promise</h3>
          <Table columns={COLUMNS} rows={policy.sla_targets} rowKey={(t) => `${t.name}|${t.priority}|${t.kind ?? ''}`} label="Service levels we promise" />
        </>
      )}
    </div>
  );
}
