// The analytics section (managers and up; loaded lazily: it brings the chart library), in
// four tabs kept in the URL (?tab=): RFM (the 5×5 recency × frequency grid, segments with
// their customers, movement between segments), CLV (the value distribution, the model's
// parameters, its holdout check, the top customers), Due now (customers due to buy again,
// with follow-up tasks for their owners) and Affinity (products bought together). Each
// shows when it was computed, with Recompute.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useDocumentTitle } from '../../lib/hooks';
import {
  AffinityTable,
  ClvModelCard,
  ClvTopTable,
  ComputedNote,
  DueList,
  getAffinity,
  getClv,
  getRfm,
  MovementTable,
  RfmGrid,
  segmentName,
  SegmentCustomers,
  SegmentTable,
  useAnalytics,
} from '../../modules/analytics';
import { CalibrationChart, ClvHistogram } from '../../modules/analytics/components/ClvCharts';
import { canWrite, isManager } from '../../modules/users';
import { EmptyState, LoadError, Loading, PageHeader, Section } from '../../ui';
import { useAuth } from '../auth';
import { Tabs } from '../components/Tabs';

const TABS = [
  { value: 'rfm', label: 'RFM' },
  { value: 'clv', label: 'CLV' },
  { value: 'due', label: 'Due now' },
  { value: 'affinity', label: 'Affinity' },
] as const;
type Tab = (typeof TABS)[number]['value'];

function readTab(p: URLSearchParams): Tab {
  const t = p.get('tab');
  return TABS.some((x) => x.value === t) ? (t as Tab) : 'rfm';
}

function RfmTab({ segment, manager }: { segment: string | null; manager: boolean }) {
  const rfm = useAnalytics('rfm', (opts) => getRfm({}, opts));
  if (rfm.error != null && !rfm.data) return <LoadError title="Could not load the RFM analysis." error={rfm.error} onRetry={() => void rfm.reload()} />;
  if (!rfm.data) return <Loading label="Loading the RFM analysis…" />;
  const data = rfm.data;
  return (
    <>
      <ComputedNote computed={data} canRecompute={manager} recomputing={rfm.recomputing} recomputeError={rfm.recomputeError} onRecompute={() => void rfm.recompute()} />
      {data.customers === 0 ? (
        <EmptyState title="No customers to score yet">Customers with orders are scored on recency, frequency and monetary value.</EmptyState>
      ) : (
        <>
          <div className="rfm-layout">
            <Section id="rfm-grid" title={`Recency × frequency (${data.customers} customers)`}>
              <RfmGrid grid={data.grid} currency={data.currency} />
            </Section>
            <Section id="rfm-segments" title="Segments">
              <SegmentTable rfm={data} linkTo={(s) => `/analytics?tab=rfm&segment=${encodeURIComponent(s)}`} />
            </Section>
          </div>
          {segment && (
            <Section
              id="rfm-segment-customers"
              title={`${segmentName(segment)}: customers`}
              actions={
                <Link className="subtle-link" to="/analytics?tab=rfm">
                  Close
                </Link>
              }
            >
              <SegmentCustomers segment={segment} currency={data.currency ?? null} />
            </Section>
          )}
          <Section id="rfm-movement" title="Movement between segments">
            <MovementTable movement={data.movement} />
          </Section>
        </>
      )}
    </>
  );
}

function ClvTab({ manager }: { manager: boolean }) {
  const clv = useAnalytics('clv', (opts) => getClv({ limit: 50 }, opts));
  if (clv.error != null && !clv.data) return <LoadError title="Could not load the lifetime values." error={clv.error} onRetry={() => void clv.reload()} />;
  if (!clv.data) return <Loading label="Loading the lifetime values…" />;
  const data = clv.data;
  return (
    <>
      <ComputedNote computed={data} canRecompute={manager} recomputing={clv.recomputing} recomputeError={clv.recomputeError} onRecompute={() => void clv.recompute()} />
      <div className="charts">
        <ClvHistogram clv={data} />
        <CalibrationChart clv={data} />
        <ClvModelCard clv={data} />
      </div>
      <Section id="clv-top" title="Top customers by lifetime value">
        {data.items.length === 0 ? <EmptyState title="No customers yet" /> : <ClvTopTable clv={data} />}
      </Section>
    </>
  );
}

function AffinityTab({ manager }: { manager: boolean }) {
  const aff = useAnalytics('affinity', (opts) => getAffinity({ limit: 100 }, opts));
  if (aff.error != null && !aff.data) return <LoadError title="Could not load the product affinity." error={aff.error} onRetry={() => void aff.reload()} />;
  if (!aff.data) return <Loading label="Loading the product affinity…" />;
  const data = aff.data;
  return (
    <>
      <ComputedNote computed={data} canRecompute={manager} recomputing={aff.recomputing} recomputeError={aff.recomputeError} onRecompute={() => void aff.recompute()} />
      <p className="muted report-note">
        From {data.baskets} baskets: {data.rules_total} {data.rules_total === 1 ? 'rule' : 'rules'}
        {data.rules.length < data.rules_total && `, the first ${data.rules.length} shown`}. Sorted by lift.
      </p>
      {data.rules.length === 0 ? (
        <EmptyState title="No products are bought together often enough yet" />
      ) : (
        <AffinityTable rules={data.rules} />
      )}
    </>
  );
}

// The whole base's due list (every owner unless one is picked); the owners' own work list
// is the "Due purchases" page (DuePage), with the same list.
function DueTab({ writable, manager }: { writable: boolean; manager: boolean }) {
  const [owner, setOwner] = useState<string | null>(null);
  return <DueList writable={writable} canRecompute={manager} owner={owner} onOwnerChange={setOwner} />;
}

export function AnalyticsPage() {
  useDocumentTitle('Analytics');
  const { user } = useAuth();
  const manager = isManager(user);
  const [params, setParams] = useSearchParams();
  const tab = readTab(params);
  const segment = params.get('segment');

  return (
    <div className="page page-wide">
      <PageHeader title="Analytics" subtitle="What customers buy, how often, what they are worth, and who is due to buy again." />
      <Tabs label="Analyses" tabs={TABS} value={tab} onChange={(v) => setParams(v === 'rfm' ? {} : { tab: v }, { replace: true })}>
        {tab === 'rfm' && <RfmTab segment={segment} manager={manager} />}
        {tab === 'clv' && <ClvTab manager={manager} />}
        {tab === 'due' && <DueTab writable={canWrite(user)} manager={manager} />}
        {tab === 'affinity' && <AffinityTab manager={manager} />}
      </Tabs>
    </div>
  );
}
