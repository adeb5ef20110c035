// The "Cases" section of a contact's page: the customer's cases, newest first (open and
// closed), and "New case" with the customer filled in.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, EmptyState, PagedListView, Section } from '../../../ui';
import { useCaseList } from '../hooks';
import { caseRef } from '../types';
import { CaseTable } from './CaseTable';
import { NewCaseDialog } from './NewCaseDialog';

export interface ContactCasesProps {
  contactId: string;
  contactName: string;
  writable: boolean;
}

export function ContactCases({ contactId, contactName, writable }: ContactCasesProps) {
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = useCaseList({ contact_id: contactId, sort: '-opened_at' }, 20);
  const newCase = writable && (
    <Button size="sm" onClick={() => setCreating(true)}>
      New case
    </Button>
  );
  return (
    <Section id="contact-cases" title="Cases" actions={newCase}>
      <PagedListView
        list={list}
        one="case"
        many="cases"
        empty={<EmptyState title="No cases">Complaints, questions and requests from this customer appear here.</EmptyState>}
      >
        <CaseTable cases={list.items} busy={list.loading} label={`Cases of ${contactName}`} hideCustomer />
      </PagedListView>
      <NewCaseDialog
        open={creating}
        contact={{ id: contactId, name: contactName }}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          navigate(`/cases/${encodeURIComponent(c.id)}`, { state: { created: caseRef(c) } });
        }}
      />
    </Section>
  );
}
