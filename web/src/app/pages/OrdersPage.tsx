// All orders: filter by status, channel and a period (on when they were ordered), sort,
// "Load more". Filters live in the URL. "New order" for agents and up; "Import CSV" for
// managers and up.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { localDateTimeToIso } from '../../lib/format';
import { useDocumentTitle } from '../../lib/hooks';
import {
  ORDER_CHANNELS,
  ORDER_SORTS,
  ORDER_STATUSES,
  OrderTable,
  useOrderList,
  type OrderChannel,
  type OrderListParams,
  type OrderSort,
  type OrderStatus,
} from '../../modules/orders';
import { canWrite, isManager } from '../../modules/users';
import { Button, ButtonLink, Input, Options, PageHeader, PagedListView, Select, ToolbarFilter } from '../../ui';
import { useAuth } from '../auth';

const DEFAULT_SORT: OrderSort = '-ordered_at';

/** The start of local day `ymd` as RFC 3339, `days` later (the API filters on times, `to` exclusive). */
function dayStart(ymd: string, days = 0): string | undefined {
  const iso = ymd ? localDateTimeToIso(ymd, '00:00') : null;
  if (!iso) return undefined;
  const d = new Date(iso);
  d.setDate(d.getDate() + days);
  return d.toISOString();
}

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return values.includes(v as T) ? (v as T) : undefined;
}

export function OrdersPage() {
  useDocumentTitle('Orders');
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const status = oneOf(ORDER_STATUSES, params.get('status'));
  const channel = oneOf(ORDER_CHANNELS, params.get('channel'));
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const sort = oneOf(ORDER_SORTS.map((s) => s.value), params.get('sort')) ?? DEFAULT_SORT;

  const query: OrderListParams = useMemo(
    // The period is whole local days: from the start of `from` up to the end of `to`.
    () => ({ status, channel, from: dayStart(from), to: dayStart(to, 1), sort }),
    [status, channel, from, to, sort],
  );
  const list = useOrderList(query);
  const filtered = !!(status || channel || from || to);

  function update(patch: Record<string, string>) {
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) {
          if (!v || (k === 'sort' && v === DEFAULT_SORT)) n.delete(k);
          else n.set(k, v);
        }
        return n;
      },
      { replace: true },
    );
  }

  const actions = (
    <>
      {isManager(user) && <ButtonLink to="/orders/import">Import CSV</ButtonLink>}
      {canWrite(user) && (
        <ButtonLink to="/orders/new" variant="primary">
          New order
        </ButtonLink>
      )}
    </>
  );

  return (
    <div className="page">
      <PageHeader title="Orders" subtitle="What customers bought, from staff, the portal and imports." actions={actions} />
      <div className="toolbar" role="search" aria-label="Filter orders">
        <div className="toolbar-filters">
          <ToolbarFilter label="Status">
            <Select value={status ?? ''} onChange={(e) => update({ status: e.target.value as OrderStatus | '' })}>
              <option value="">All statuses</option>
              <Options options={ORDER_STATUSES} />
            </Select>
          </ToolbarFilter>
          <ToolbarFilter label="Channel">
            <Select value={channel ?? ''} onChange={(e) => update({ channel: e.target.value as OrderChannel | '' })}>
              <option value="">All channels</option>
              <Options options={ORDER_CHANNELS} />
            </Select>
          </ToolbarFilter>
          <ToolbarFilter label="Ordered from">
            <Input type="date" value={from} max={to || undefined} onChange={(e) => update({ from: e.target.value })} />
          </ToolbarFilter>
          <span className="muted" aria-hidden="true">
            to
          </span>
          <ToolbarFilter label="Ordered to">
            <Input type="date" value={to} min={from || undefined} onChange={(e) => update({ to: e.target.value })} />
          </ToolbarFilter>
          <ToolbarFilter label="Sort by">
            <Select value={sort} onChange={(e) => update({ sort: e.target.value })}>
              <Options options={ORDER_SORTS} />
            </Select>
          </ToolbarFilter>
          {filtered && (
            <Button variant="ghost" size="sm" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              Clear
            </Button>
          )}
        </div>
      </div>
      <PagedListView list={list} one="order" many="orders" filtered={filtered}>
        <OrderTable orders={list.items} busy={list.loading} />
      </PagedListView>
    </div>
  );
}
