// The case queue as a table: the case (number and subject), customer, priority, status,
// service level, a live countdown to the next due time, and owner.
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../lib/format';
import { Table, type Column } from '../../../ui';
import { useCustomerColumns } from '../../contacts';
import { UserName } from '../../users';
import { caseRef, isPaused, type Case } from '../types';
import { PriorityBadge, SlaBadge, StatusBadge } from './CaseBadges';
import { DueCountdown } from './DueCountdown';

export interface CaseTableProps {
  cases: Case[];
  busy?: boolean;
  label?: string;
  /** Leave out the customer column (on the customer's own page). */
  hideCustomer?: boolean;
}

export function CaseTable({ cases, busy, label = 'Cases', hideCustomer = false }: CaseTableProps) {
  const customer = useCustomerColumns(cases, (c) => c.contact_id, hideCustomer);
  const columns: Column<Case>[] = [
    {
      key: 'case',
      header: 'Case',
      primary: true,
      clip: true,
      render: (c) => (
        <Link className="row-link" to={`/cases/${encodeURIComponent(c.id)}`}>
          <span className="case-ref">{caseRef(c)}</span> {c.subject}
        </Link>
      ),
    },
    ...customer,
    { key: 'priority', header: 'Priority', render: (c) => <PriorityBadge priority={c.priority} /> },
    { key: 'status', header: 'Status', render: (c) => <StatusBadge status={c.status} /> },
    { key: 'sla', header: 'SLA', render: (c) => <SlaBadge state={c.sla_state} /> },
    {
      key: 'due',
      header: 'Due',
      render: (c) =>
        c.status === 'resolved' || c.status === 'closed' ? (
          <span className="muted">{c.status === 'resolved' ? 'Resolved' : 'Closed'}</span>
        ) : (
          <DueCountdown due={c.next_due_at} paused={isPaused(c)} />
        ),
    },
    { key: 'owner', header: 'Owner', render: (c) => (c.owner_id ? <UserName id={c.owner_id} /> : <span className="muted">Unassigned</span>) },
    { key: 'opened', header: 'Opened', hideBelow: 'lg', render: (c) => formatDateTime(c.opened_at) },
  ];
  return <Table columns={columns} rows={cases} rowKey={(c) => c.id} label={label} busy={busy} />;
}
