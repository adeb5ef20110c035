// Service levels (managers and up): the active SLA policies — which cases each applies to
// (priority, optionally kind), its targets and business-hours zone — with "New policy".
import { Link } from 'react-router-dom';
import { formatMinutes, humanize } from '../../lib/format';
import { useDocumentTitle, usePagedList } from '../../lib/hooks';
import { PriorityBadge } from '../../modules/cases';
import { listSlaPolicies, type SlaPolicy } from '../../modules/sla';
import { ButtonLink, EmptyState, PageHeader, PagedListView, Table, type Column } from '../../ui';

const COLUMNS: Column<SlaPolicy>[] = [
  {
    key: 'name',
    header: 'Name',
    primary: true,
    render: (p) => (
      <Link className="row-link" to={`/settings/sla-policies/${encodeURIComponent(p.id)}`}>
        {p.name}
      </Link>
    ),
  },
  { key: 'priority', header: 'Priority', render: (p) => <PriorityBadge priority={p.priority} /> },
  { key: 'kind', header: 'Kind', render: (p) => (p.kind ? humanize(p.kind) : <span className="muted">Any</span>) },
  { key: 'first', header: 'First response', render: (p) => formatMinutes(p.first_response_minutes) },
  { key: 'resolution', header: 'Resolution', render: (p) => formatMinutes(p.resolution_minutes) },
  { key: 'tz', header: 'Time zone', render: (p) => p.business_hours.tz },
];

export function SlaPoliciesPage() {
  useDocumentTitle('SLA policies');
  const list = usePagedList<SlaPolicy>('sla', (_cursor, signal) => listSlaPolicies(signal));
  const create = (
    <ButtonLink to="/settings/sla-policies/new" variant="primary">
      New policy
    </ButtonLink>
  );
  return (
    <div className="page">
      <PageHeader
        title="SLA policies"
        subtitle="First response and resolution targets in business hours. A case uses the policy for its priority and kind, else the one for its priority."
        actions={create}
      />
      <PagedListView
        list={list}
        one="policy"
        many="policies"
        empty={
          <EmptyState title="No SLA policies yet" action={create}>
            Without a policy, cases have no clocks.
          </EmptyState>
        }
      >
        <Table columns={COLUMNS} rows={list.items} rowKey={(p) => p.id} label="SLA policies" busy={list.loading} />
      </PagedListView>
    </div>
  );
}
