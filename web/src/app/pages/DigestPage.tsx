// One weekly digest (managers and up): its summary and the service report of that week.
import { useParams } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../lib/format';
import { useDocumentTitle, useResource } from '../../lib/hooks';
import { getDigest, ServiceReportView } from '../../modules/reports';
import { Card, PageHeader, RecordLoadState } from '../../ui';

const BACK = { to: '/service', label: 'Service' };

export function DigestPage() {
  const { id = '' } = useParams();
  const { data: d, loading, error } = useResource(id, (signal) => getDigest(id, signal));
  useDocumentTitle(d ? `Digest ${d.period_start}` : 'Digest');
  if (loading || error || !d) return <RecordLoadState loading={loading} error={error} noun="digest" title="Digest" back={BACK} />;
  return (
    <div className="page page-wide">
      <PageHeader
        back={BACK}
        title={`Week of ${formatDate(d.period_start)} – ${formatDate(d.period_end)}`}
        subtitle={`Weekly service digest, made ${formatDateTime(d.created_at)}`}
      />
      <Card id="digest-summary" title="Summary" className="section-block">
        <p className="pre-line">{d.summary}</p>
      </Card>
      {d.data && <ServiceReportView report={d.data} />}
    </div>
  );
}
