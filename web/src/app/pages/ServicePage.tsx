// The service dashboard (managers and up): the service report for a period (from, to,
// bucket — kept in the URL) as figures, charts and tables; "Export CSV" downloads the
// same report as a spreadsheet; below, the weekly digests.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { daysFromTodayYmd, formatDate, formatDateTime } from '../../lib/format';
import { useDocumentTitle, usePagedList, useResource } from '../../lib/hooks';
import { errorMessage } from '../../lib/http';
import {
  BUCKETS,
  downloadServiceReportCsv,
  getServiceReport,
  listDigests,
  ServiceReportView,
  type Bucket,
  type Digest,
  type ServiceReportParams,
} from '../../modules/reports';
import { Alert, Button, EmptyState, Input, LoadError, Loading, Options, PageHeader, PagedListView, Section, Select, ToolbarFilter } from '../../ui';

function readParams(p: URLSearchParams): Required<ServiceReportParams> {
  const bucket = p.get('bucket');
  return {
    from: p.get('from') || daysFromTodayYmd(-27),
    to: p.get('to') || daysFromTodayYmd(0),
    bucket: (BUCKETS as readonly string[]).includes(bucket ?? '') ? (bucket as Bucket) : 'week',
  };
}

function Digests() {
  const list = usePagedList<Digest>('digests', (cursor, signal) => listDigests({ cursor, limit: 20 }, signal));
  return (
    <Section id="service-digests" title="Weekly digests">
      <PagedListView
        list={list}
        one="digest"
        many="digests"
        errorTitle="Could not load the digests."
        empty={<EmptyState title="No digests yet">Every Monday the week before is summed up here.</EmptyState>}
      >
        <ul className="digest-list" aria-label="Weekly digests">
          {list.items.map((d) => (
            <li key={d.id} className="digest-item card">
              <Link className="row-link" to={`/service/digests/${encodeURIComponent(d.id)}`}>
                Week of {formatDate(d.period_start)} – {formatDate(d.period_end)}
              </Link>
              <p className="digest-summary">{d.summary}</p>
              <span className="muted">Made {formatDateTime(d.created_at)}</span>
            </li>
          ))}
        </ul>
      </PagedListView>
    </Section>
  );
}

export function ServicePage() {
  useDocumentTitle('Service');
  const [search, setSearch] = useSearchParams();
  const params = readParams(search);
  const report = useResource(JSON.stringify(params), (signal) => getServiceReport(params, signal));
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);

  function update(patch: Partial<ServiceReportParams>) {
    setSearch((p) => {
      const n = new URLSearchParams(p);
      for (const [k, v] of Object.entries(patch)) if (v) n.set(k, v);
      return n;
    }, { replace: true });
  }

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      await downloadServiceReportCsv(params);
    } catch (e) {
      setExportError(errorMessage(e));
    } finally {
      setExporting(false);
    }
  }

  return (
    <div className="page page-wide">
      <PageHeader
        title="Service"
        subtitle="How the service desk is doing: volumes, response times, service levels and backlog."
        actions={
          <Button onClick={() => void exportCsv()} busy={exporting}>
            Export CSV
          </Button>
        }
      />
      <div className="toolbar" role="group" aria-label="Period">
        <div className="toolbar-filters">
          <ToolbarFilter label="From">
            <Input type="date" value={params.from} max={params.to} onChange={(e) => update({ from: e.target.value })} />
          </ToolbarFilter>
          <span className="muted" aria-hidden="true">
            to
          </span>
          <ToolbarFilter label="To">
            <Input type="date" value={params.to} min={params.from} onChange={(e) => update({ to: e.target.value })} />
          </ToolbarFilter>
          <ToolbarFilter label="Bucket">
            <Select value={params.bucket} onChange={(e) => update({ bucket: e.target.value as Bucket })}>
              <Options options={[{ value: 'day', label: 'By day' }, { value: 'week', label: 'By week' }, { value: 'month', label: 'By month' }]} />
            </Select>
          </ToolbarFilter>
        </div>
      </div>
      {exportError && <Alert tone="danger" title="Could not export the report.">{exportError}</Alert>}
      {report.error != null && !report.data ? (
        <LoadError title="Could not load the service report." error={report.error} onRetry={() => void report.reload()} />
      ) : !report.data ? (
        <Loading label="Loading the service report…" />
      ) : (
        <ServiceReportView report={report.data} />
      )}
      <Digests />
    </div>
  );
}
