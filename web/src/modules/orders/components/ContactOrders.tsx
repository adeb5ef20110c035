// The "Orders" section of a contact's page: the customer's orders, newest first, and
// "New order" with the customer filled in.
import { ButtonLink, EmptyState, PagedListView, Section } from '../../../ui';
import { useOrderList } from '../hooks';
import { OrderTable } from './OrderTable';

export interface ContactOrdersProps {
  contactId: string;
  contactName: string;
  writable: boolean;
}

export function ContactOrders({ contactId, contactName, writable }: ContactOrdersProps) {
  const list = useOrderList({ contact_id: contactId, sort: '-ordered_at' }, 20);
  const newOrder = writable && (
    <ButtonLink size="sm" to={`/orders/new?contact_id=${encodeURIComponent(contactId)}`}>
      New order
    </ButtonLink>
  );
  return (
    <Section id="contact-orders" title="Orders" actions={newOrder}>
      <PagedListView
        list={list}
        one="order"
        many="orders"
        empty={<EmptyState title="No orders yet">Orders this customer places, and orders imported for them, appear here.</EmptyState>}
      >
        <OrderTable orders={list.items} busy={list.loading} label={`Orders of ${contactName}`} hideCustomer />
      </PagedListView>
    </Section>
  );
}
