// The "Opportunities" section of a contact's page: the customer's opportunities (open and
// closed) and "New opportunity" with the customer filled in.
import { useState } from 'react';
import { Button, EmptyState, PagedListView, Section, useToast } from '../../../ui';
import { useOpportunityList } from '../hooks';
import { NewOpportunityDialog } from './NewOpportunityDialog';
import { OpportunityTable } from './OpportunityTable';

export function ContactOpportunities({ contactId, contactName, writable }: { contactId: string; contactName: string; writable: boolean }) {
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const list = useOpportunityList({ contact_id: contactId, sort: '-created_at' }, 20);
  return (
    <Section
      id="contact-opportunities"
      title="Opportunities"
      actions={
        writable && (
          <Button size="sm" onClick={() => setCreating(true)}>
            New opportunity
          </Button>
        )
      }
    >
      <PagedListView
        list={list}
        one="opportunity"
        many="opportunities"
        empty={<EmptyState title="No opportunities">Chances to sell to this customer appear here.</EmptyState>}
      >
        <OpportunityTable opportunities={list.items} busy={list.loading} label={`Opportunities of ${contactName}`} hideCustomer />
      </PagedListView>
      <NewOpportunityDialog
        open={creating}
        contact={{ id: contactId, name: contactName }}
        onClose={() => setCreating(false)}
        onCreated={(o) => {
          setCreating(false);
          toast.show(`Opportunity “${o.title}” created`);
          list.reload();
        }}
      />
    </Section>
  );
}
