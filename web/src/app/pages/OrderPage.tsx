// One order: its number, customer and time, the lines with totals in the order's
// currency, and its status, which staff change in place (a PATCH with If-Match: a change
// someone else made meanwhile is refused with a Reload offer, as on the case page).
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { formatDateTime, humanize } from '../../lib/format';
import { useDocumentTitle } from '../../lib/hooks';
import { formatMoney } from '../../lib/money';
import { ContactLink } from '../../modules/contacts';
import { ORDER_STATUSES, OrderLinesTable, orderRef, OrderStatusBadge, updateOrder, useOrder, type OrderStatus } from '../../modules/orders';
import { canWrite } from '../../modules/users';
import { actionFailure, ActionFailureAlert, Card, DetailList, Field, Options, PageHeader, RecordLoadState, Section, Select, useToast, type ActionFailure } from '../../ui';
import { useAuth } from '../auth';

const STALE = 'This order was changed by someone else since you opened it. Reload to see their changes, then try again.';

export function OrderPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const toast = useToast();
  const { data: order, loading, error, reload, set: setOrder } = useOrder(id);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  useDocumentTitle(order ? `Order ${orderRef(order)}` : 'Order');

  if (loading || error || !order) {
    return <RecordLoadState loading={loading} error={error} noun="order" title="Order" back={{ to: '/orders', label: 'Orders' }} />;
  }
  const writable = canWrite(user);

  async function changeStatus(status: OrderStatus) {
    if (!order) return;
    setBusy(true);
    setFailure(null);
    try {
      const saved = await updateOrder(order.id, { status }, order.version);
      setOrder(saved);
      toast.show(`Order ${orderRef(saved)}: ${humanize(saved.status)}`);
    } catch (e) {
      setFailure(actionFailure(e, STALE));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <PageHeader
        back={{ to: '/orders', label: 'Orders' }}
        title={`Order ${orderRef(order)}`}
        subtitle={
          <span className="case-subtitle">
            <ContactLink id={order.contact_id} />
            <span>
              ordered {formatDateTime(order.ordered_at)} · {formatMoney(order.total_minor, order.currency)}
            </span>
          </span>
        }
      />
      <div className="case-badges" role="group" aria-label="Order state">
        <OrderStatusBadge status={order.status} />
      </div>
      {failure && (
        <ActionFailureAlert
          failure={failure}
          onReload={() => {
            setFailure(null);
            void reload();
          }}
        />
      )}
      <div className="case-layout">
        <div className="case-main">
          <Section id="order-lines" title="Lines">
            <OrderLinesTable order={order} />
          </Section>
          {order.note && (
            <Card id="order-note" title="Note">
              <p className="pre-line">{order.note}</p>
            </Card>
          )}
        </div>
        <aside className="case-side">
          <Card id="order-details" title="Details">
            <div className="case-controls">
              <Field label="Status">
                <Select value={order.status} disabled={!writable || busy} onChange={(e) => void changeStatus(e.target.value as OrderStatus)}>
                  <Options options={ORDER_STATUSES} />
                </Select>
              </Field>
            </div>
            <DetailList
              items={[
                { label: 'Channel', value: humanize(order.channel) },
                { label: 'Currency', value: order.currency },
                { label: 'External reference', value: order.external_ref },
                { label: 'Ordered', value: formatDateTime(order.ordered_at) },
                { label: 'Last changed', value: formatDateTime(order.updated_at) },
              ]}
            />
            {(order.status === 'cancelled' || order.status === 'returned') && (
              <p className="muted card-text">Cancelled and returned orders stay on the timeline but leave every analysis.</p>
            )}
          </Card>
        </aside>
      </div>
    </div>
  );
}
