// Create an order for a customer (`?contact_id=` fills the customer in, from the contact
// page). Field errors show by their fields; line problems above the form.
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useDocumentTitle, useResource } from '../../lib/hooks';
import { useSave } from '../../lib/useSave';
import { contactName, getContact } from '../../modules/contacts';
import { createOrder, ORDER_FIELDS, OrderForm, orderRef } from '../../modules/orders';
import { Loading, PageHeader, useToast } from '../../ui';
import { SaveProblemBanner } from '../components/SaveProblemBanner';

export function OrderNewPage() {
  useDocumentTitle('New order');
  const navigate = useNavigate();
  const toast = useToast();
  const [params] = useSearchParams();
  const presetId = params.get('contact_id');
  // The preset customer; a failed load just leaves the customer empty.
  const presetLoad = useResource(presetId ?? '', (signal) => (presetId ? getContact(presetId, signal).catch(() => null) : Promise.resolve(null)));
  const preset = presetLoad.data;
  const save = useSave(ORDER_FIELDS);
  const back = presetId ? `/contacts/${encodeURIComponent(presetId)}` : '/orders';

  return (
    <div className="page page-narrow">
      <PageHeader
        title="New order"
        back={{ to: back, label: presetId ? (preset ? contactName(preset) : 'Contact') : 'Orders' }}
      />
      {presetLoad.loading ? (
        <Loading label="Loading the customer…" />
      ) : (
        <OrderForm
          contact={preset ? { id: preset.id, name: contactName(preset) } : null}
          errors={save.errors}
          busy={save.busy}
          onCancel={() => navigate(back)}
          onSubmit={(input) => {
            void save.run(async () => {
              const created = await createOrder(input);
              toast.show(`Order ${orderRef(created)} created`);
              navigate(`/orders/${encodeURIComponent(created.id)}`);
            });
          }}
          banner={
            <>
              <SaveProblemBanner problem={save.problem} noun="order" />
              {save.existingId && (
                <p>
                  <Link to={`/orders/${encodeURIComponent(save.existingId)}`}>Open the order with this external reference</Link>
                </p>
              )}
            </>
          }
        />
      )}
    </div>
  );
}
