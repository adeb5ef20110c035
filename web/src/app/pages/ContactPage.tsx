// One contact: its details, with Edit and Archive (archive asks first, and sends
// If-Match so it cannot silently archive a version the user has not seen); its owner
// with Reassign and its phase with Move; a quick "Log interaction" form (with the
// contact-pressure warning and an optional follow-up task), its value (purchases, rhythm,
// RFM, CLV, health and offer-next), orders, opportunities, cases (with "New case" for this
// customer) and its timeline.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatDate, formatDateTime, humanize } from '../../lib/format';
import { useDocumentTitle } from '../../lib/hooks';
import { useCompaniesById } from '../../modules/companies';
import {
  archiveContact,
  contactInitials,
  contactName,
  KindBadge,
  OwnerDialog,
  PhaseBadge,
  PhaseMoveDialog,
  useContact,
} from '../../modules/contacts';
import { ContactCases } from '../../modules/cases';
import { CustomerValuePanel } from '../../modules/analytics';
import { ContactOrders } from '../../modules/orders';
import { ContactOpportunities } from '../../modules/opportunities';
import { createInteraction, LogInteractionForm } from '../../modules/interactions';
import { ContactTimeline } from '../../modules/timeline';
import { canWrite, isManager, UserName } from '../../modules/users';
import { ArchiveDialog, Badge, Button, DetailCard, RecordHeader, RecordLoadState, Section, useToast } from '../../ui';
import { useAuth } from '../auth';

export function ContactPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const toast = useToast();
  const { data: contact, loading, error, reload, set: setContact } = useContact(id);
  const companies = useCompaniesById([contact?.company_id]);
  const [confirming, setConfirming] = useState(false);
  const [reassigning, setReassigning] = useState(false);
  const [movingPhase, setMovingPhase] = useState(false);
  // Bumped after anything that adds to the timeline, so it loads again.
  const [timelineKey, setTimelineKey] = useState(0);
  useDocumentTitle(contact ? contactName(contact) : 'Contact');

  if (loading || error || !contact) {
    return <RecordLoadState loading={loading} error={error} noun="contact" title="Contact" back={{ to: '/contacts', label: 'Contacts' }} />;
  }

  const company = contact.company_id ? companies.get(contact.company_id) : undefined;
  const writable = canWrite(user) && !contact.archived_at;

  return (
    <div className="page">
      <RecordHeader
        back={{ to: '/contacts', label: 'Contacts' }}
        name={contactName(contact)}
        avatar={{ text: contactInitials(contact), seed: contact.id }}
        subtitle={
          <>
            {contact.job_title}
            {contact.job_title && company && ' at '}
            {company && <Link to={`/companies/${encodeURIComponent(company.id)}`}>{company.name}</Link>}
          </>
        }
        writable={writable}
        onArchive={() => setConfirming(true)}
        editTo={`/contacts/${encodeURIComponent(contact.id)}/edit`}
        noun="contact"
        archivedAt={contact.archived_at}
      />
      <div className="detail-grid">
        <DetailCard
          id="contact-details"
          title="Details"
          items={[
            { label: 'Email', value: contact.email && <a href={`mailto:${contact.email}`}>{contact.email}</a> },
            { label: 'Phone', value: contact.phone && <a href={`tel:${contact.phone}`}>{contact.phone}</a> },
            {
              label: 'Company',
              value: contact.company_id && (
                <Link to={`/companies/${encodeURIComponent(contact.company_id)}`}>{company?.name ?? '…'}</Link>
              ),
            },
            { label: 'Job title', value: contact.job_title },
            { label: 'Birthday', value: formatDate(contact.birthday) },
            {
              label: 'Tags',
              wide: true,
              value: contact.tags.length > 0 && (
                <span className="tag-list">
                  {contact.tags.map((t) => (
                    <Badge key={t}>{t}</Badge>
                  ))}
                </span>
              ),
            },
          ]}
        />
        <DetailCard
          id="contact-relationship"
          title="Relationship"
          items={[
            { label: 'Kind', value: <KindBadge kind={contact.kind} /> },
            {
              label: 'Phase',
              value: (
                <span className="inline-actions">
                  <PhaseBadge phase={contact.phase} />
                  {writable && (
                    <Button size="sm" variant="ghost" onClick={() => setMovingPhase(true)}>
                      Move phase
                    </Button>
                  )}
                </span>
              ),
            },
            { label: 'Relationship type', value: humanize(contact.relationship_type) },
            {
              label: 'Owner',
              value: (
                <span className="inline-actions">
                  {contact.owner_id ? <UserName id={contact.owner_id} /> : <span className="muted">No owner</span>}
                  {writable && (
                    <Button size="sm" variant="ghost" onClick={() => setReassigning(true)}>
                      Reassign
                    </Button>
                  )}
                </span>
              ),
            },
            { label: 'Customer since', value: formatDate(contact.customer_since) },
            { label: 'Created', value: formatDateTime(contact.created_at) },
            { label: 'Last updated', value: formatDateTime(contact.updated_at) },
          ]}
        />
      </div>

      {/* A customer's analytics are for agents and up (viewers get 403). */}
      {canWrite(user) && (
        <CustomerValuePanel
          contact={contact}
          writable={writable}
          canRecompute={isManager(user)}
          onContactChanged={(saved) => {
            setContact(saved);
            setTimelineKey((k) => k + 1);
            toast.show(`Moved to ${humanize(saved.phase)}`);
          }}
        />
      )}

      <ContactOrders contactId={contact.id} contactName={contactName(contact)} writable={writable} />

      <ContactOpportunities contactId={contact.id} contactName={contactName(contact)} writable={writable} />

      <ContactCases contactId={contact.id} contactName={contactName(contact)} writable={writable} />

      {writable && (
        <Section id="contact-log" title="Log interaction">
          <LogInteractionForm
            contactId={contact.id}
            submitLabel="Log interaction"
            className="card"
            followUp
            onLog={(input) => createInteraction({ ...input, contact_id: contact.id })}
            onLogged={({ followUpCreated }) => {
              toast.show(followUpCreated ? 'Interaction logged, follow-up task created' : 'Interaction logged');
              setTimelineKey((k) => k + 1);
            }}
          />
        </Section>
      )}

      <Section id="contact-timeline" title="Timeline">
        <ContactTimeline contactId={contact.id} refreshKey={timelineKey} />
      </Section>

      <OwnerDialog
        open={reassigning}
        contact={contact}
        onClose={() => setReassigning(false)}
        onSaved={(saved) => {
          setReassigning(false);
          setContact(saved);
          setTimelineKey((k) => k + 1);
          toast.show('Owner changed');
        }}
        onReload={() => void reload()}
      />
      <PhaseMoveDialog
        contact={movingPhase ? contact : null}
        onClose={() => setMovingPhase(false)}
        onMoved={(moved) => {
          setMovingPhase(false);
          setContact(moved);
          setTimelineKey((k) => k + 1);
          toast.show(`Moved to ${humanize(moved.phase)}`);
        }}
      />

      <ArchiveDialog
        open={confirming}
        name={contactName(contact)}
        noun="contact"
        onArchive={async () => {
          await archiveContact(contact.id, contact.version);
          toast.show(`${contactName(contact)} archived`);
          navigate('/contacts');
        }}
        onReload={() => void reload()}
        onClose={() => setConfirming(false)}
      >
        <p>The contact leaves the lists but is kept with its history. You can still open it by its link.</p>
      </ArchiveDialog>
    </div>
  );
}
