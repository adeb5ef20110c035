// The RFM tables: segments with their customers, share and value (each segment links to
// its customers), how customers moved between segments since the comparison date, and
// one segment's customers.
import { Link } from 'react-router-dom';
import { formatDate } from '../../../lib/format';
import { usePagedList } from '../../../lib/hooks';
import { formatMoney } from '../../../lib/money';
import { EmptyState, PagedListView, Table } from '../../../ui';
import { customerNameColumn } from '../../contacts';
import { getRfm } from '../api';
import { formatPercent, segmentName, type RfmAnswer, type RfmCustomer, type RfmFlow, type RfmSegment } from '../types';

export function SegmentTable({ rfm, linkTo }: { rfm: RfmAnswer; linkTo: (segment: string) => string }) {
  const currency = rfm.currency ?? null;
  return (
    <Table<RfmSegment>
      label="RFM segments"
      rows={rfm.segments}
      rowKey={(s) => s.segment}
      columns={[
        {
          key: 'segment',
          header: 'Segment',
          primary: true,
          render: (s) => (
            <Link className="row-link" to={linkTo(s.segment)}>
              {segmentName(s.segment)}
            </Link>
          ),
        },
        { key: 'customers', header: 'Customers', align: 'right', render: (s) => s.customers },
        { key: 'share', header: 'Share', align: 'right', render: (s) => formatPercent(s.share) },
        { key: 'value', header: 'Value', align: 'right', render: (s) => (currency ? formatMoney(s.monetary_minor, currency) : s.monetary_minor) },
      ]}
    />
  );
}

export function MovementTable({ movement }: { movement: RfmAnswer['movement'] }) {
  const flows = movement.flows.filter((f) => f.customers > 0);
  return (
    <>
      <p className="muted report-note">
        From {formatDate(movement.from)} to {formatDate(movement.to)}.
      </p>
      {flows.length === 0 ? (
        <EmptyState title="No movement">No customer changed segment in this period.</EmptyState>
      ) : (
        <Table<RfmFlow>
          label="Segment movement"
          rows={flows}
          rowKey={(f) => `${f.from}-${f.to}`}
          columns={[
            { key: 'from', header: 'From', primary: true, render: (f) => (f.from ? segmentName(f.from) : 'Not a customer yet') },
            { key: 'to', header: 'To', render: (f) => (f.to ? segmentName(f.to) : 'No longer scored') },
            { key: 'customers', header: 'Customers', align: 'right', render: (f) => f.customers },
          ]}
        />
      )}
    </>
  );
}

export function SegmentCustomers({ segment, currency }: { segment: string; currency: string | null }) {
  const list = usePagedList<RfmCustomer>(segment, async (cursor, signal) => {
    const answer = await getRfm({ segment, limit: 50, cursor }, { signal });
    return { items: answer.items ?? [], next_cursor: answer.next_cursor ?? null };
  });
  return (
    <PagedListView list={list} one="customer" many="customers" empty={<EmptyState title="No customers in this segment" />}>
      <Table<RfmCustomer>
        label={`${segmentName(segment)} customers`}
        rows={list.items}
        rowKey={(c) => c.contact_id}
        busy={list.loading}
        columns={[
          customerNameColumn<RfmCustomer>(),
          { key: 'rfm', header: 'R F M', render: (c) => `${c.r} ${c.f} ${c.m}` },
          { key: 'recency', header: 'Days since last purchase', align: 'right', render: (c) => c.recency_days },
          { key: 'frequency', header: 'Purchases', align: 'right', render: (c) => c.frequency },
          { key: 'monetary', header: 'Value', align: 'right', render: (c) => (currency ? formatMoney(c.monetary_minor, currency) : c.monetary_minor) },
        ]}
      />
    </PagedListView>
  );
}
