// Customers due (or overdue) to buy again, by their usual interval — the owners' work list
// (the "Due purchases" page) and the analytics "Due now" tab. Filter by status (and by
// owner where the caller lets the user pick one), tick customers and "Create follow-up
// tasks" gives each one's owner a call task (customers that already have an open
// purchase-due task are skipped). The server's `total` counts the whole due list whatever
// the filters, so it shows only unfiltered.
import { useEffect, useState } from 'react';
import { formatDate } from '../../../lib/format';
import { usePagedList } from '../../../lib/hooks';
import { errorMessage } from '../../../lib/http';
import { Alert, Button, EmptyState, PagedListView, Select, Table, ToolbarFilter } from '../../../ui';
import { customerNameColumn } from '../../contacts';
import { UserName, UserSelect } from '../../users';
import { createDueTasks, getDue } from '../api';
import type { DueAnswer, DueCustomer, DueParams } from '../types';
import { DueBadge } from './AnalyticsBadges';
import { ComputedNote } from './ComputedNote';

export interface DueListProps {
  /** May create tasks (agents and up). */
  writable: boolean;
  canRecompute: boolean;
  /** Whose customers: a user id, `me` (the signed-in user), or null for every owner. */
  owner: string | null;
  /**
   * Lets the user pick the owner (all owners or any one user) in the toolbar. Without it the
   * list stays on `owner` and leaves out the owner filter and column.
   */
  onOwnerChange?: (owner: string | null) => void;
}

export function DueList({ writable, canRecompute, owner, onOwnerChange }: DueListProps) {
  const [status, setStatus] = useState<DueParams['status'] | ''>('');
  const [generation, setGeneration] = useState(0);
  const [computed, setComputed] = useState<DueAnswer | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [recomputing, setRecomputing] = useState(false);
  const [result, setResult] = useState<{ created: number; skipped: number } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const params: DueParams = { owner_id: owner ?? undefined, status: status || undefined };

  // Another owner's list: what was ticked is not on it.
  useEffect(() => {
    setSelected(new Set());
    setResult(null);
  }, [owner]);

  const list = usePagedList<DueCustomer>(`${owner}|${status}|${generation}`, async (cursor, signal) => {
    const answer = await getDue({ ...params, limit: 100, cursor }, { signal });
    if (!cursor) setComputed(answer);
    return { items: answer.items, next_cursor: answer.next_cursor ?? null };
  });

  const visible = list.items.map((c) => c.contact_id);
  const allChosen = visible.length > 0 && visible.every((id) => selected.has(id));

  function toggle(id: string, on: boolean) {
    setSelected((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });
    setResult(null);
  }

  async function createTasks() {
    setBusy(true);
    setFailure(null);
    setResult(null);
    try {
      const r = await createDueTasks({ contact_ids: Array.from(selected) });
      setResult(r);
      setSelected(new Set());
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function recompute() {
    setRecomputing(true);
    try {
      await getDue({ ...params, limit: 1 }, { refresh: true });
    } catch {
      // The reload below shows any problem.
    }
    setRecomputing(false);
    setGeneration((g) => g + 1);
  }

  return (
    <div className="due-list">
      <ComputedNote computed={computed} canRecompute={canRecompute} recomputing={recomputing} onRecompute={() => void recompute()} />
      <div className="toolbar" role="group" aria-label="Filter due customers">
        <div className="toolbar-filters">
          {onOwnerChange && (
            <ToolbarFilter label="Owner">
              <UserSelect value={owner} onChange={onOwnerChange} emptyLabel="All owners" />
            </ToolbarFilter>
          )}
          <ToolbarFilter label="Due status">
            <Select
              value={status}
              onChange={(e) => {
                setStatus(e.target.value as DueParams['status'] | '');
                setSelected(new Set());
              }}
            >
              <option value="">Due and overdue</option>
              <option value="due">Due</option>
              <option value="overdue">Overdue</option>
            </Select>
          </ToolbarFilter>
        </div>
        {writable && (
          <Button variant="primary" disabled={selected.size === 0} busy={busy} onClick={() => void createTasks()}>
            Create follow-up tasks{selected.size > 0 ? ` (${selected.size})` : ''}
          </Button>
        )}
      </div>
      {result && (
        <Alert tone="success">
          Created {result.created} follow-up {result.created === 1 ? 'task' : 'tasks'}
          {result.skipped > 0 && `; skipped ${result.skipped} (already had an open purchase-due task)`}.
        </Alert>
      )}
      {failure && (
        <Alert tone="danger" title="Could not create the tasks.">
          {failure}
        </Alert>
      )}
      {computed && !owner && !status && computed.total > 0 && (
        <p className="muted report-note">
          {computed.total} {computed.total === 1 ? 'customer is' : 'customers are'} due or overdue.
        </p>
      )}
      <PagedListView
        list={list}
        one="customer"
        many="customers"
        empty={<EmptyState title="Nobody is due">Customers whose usual interval since their last purchase has passed appear here.</EmptyState>}
      >
        <Table<DueCustomer>
          label="Customers due to buy again"
          rows={list.items}
          rowKey={(c) => c.contact_id}
          busy={list.loading}
          columns={[
            ...(writable
              ? [
                  {
                    key: 'pick',
                    header: (
                      <input
                        type="checkbox"
                        aria-label="Select all"
                        checked={allChosen}
                        onChange={(e) => {
                          setSelected(e.target.checked ? new Set(visible) : new Set());
                          setResult(null);
                        }}
                      />
                    ),
                    label: '',
                    render: (c: DueCustomer) => (
                      <input
                        type="checkbox"
                        aria-label={`Select ${c.name}`}
                        checked={selected.has(c.contact_id)}
                        onChange={(e) => toggle(c.contact_id, e.target.checked)}
                      />
                    ),
                  },
                ]
              : []),
            customerNameColumn<DueCustomer>(),
            ...(onOwnerChange ? [{ key: 'owner', header: 'Owner', render: (c: DueCustomer) => <UserName id={c.owner_id} /> }] : []),
            { key: 'last', header: 'Last purchase', render: (c) => formatDate(c.last_purchase) },
            { key: 'days', header: 'Purchase days', align: 'right', hideBelow: 'md', render: (c) => c.purchase_days },
            { key: 'usual', header: 'Usual interval', align: 'right', render: (c) => (c.usual_days !== null ? `${Math.round(c.usual_days)} days` : '—') },
            { key: 'next', header: 'Next due', render: (c) => formatDate(c.next_due) },
            { key: 'overdue', header: 'Days overdue', align: 'right', render: (c) => (c.days_overdue && c.days_overdue > 0 ? c.days_overdue : 0) },
            { key: 'status', header: 'Status', render: (c) => <DueBadge status={c.status} /> },
          ]}
        />
      </PagedListView>
    </div>
  );
}
