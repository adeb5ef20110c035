// One contact: its details, with Edit and Archive (archive asks first, and sends
// If-Match so it cannot silently archive a version the user has not seen).
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatDate, formatDateTime, humanize } from '../../lib/format';
import { useDocumentTitle } from '../../lib/hooks';
import { useCompaniesById } from '../../modules/companies';
import { archiveContact, contactInitials, contactName, KindBadge, PhaseBadge, useContact } from '../../modules/contacts';
import { canWrite, UserName } from '../../modules/users';
import { ArchiveDialog, Badge, DetailCard, RecordHeader, RecordLoadState, useToast } from '../../ui';
import { useAuth } from '../auth';

export function ContactPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const toast = useToast();
  const { data: contact, loading, error, reload } = useContact(id);
  const companies = useCompaniesById([contact?.company_id]);
  const [confirming, setConfirming] = useState(false);
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
            { label: 'Phase', value: <PhaseBadge phase={contact.phase} /> },
            { label: 'Relationship type', value: humanize(contact.relationship_type) },
            { label: 'Owner', value: contact.owner_id && <UserName id={contact.owner_id} /> },
            { label: 'Customer since', value: formatDate(contact.customer_since) },
            { label: 'Created', value: formatDateTime(contact.created_at) },
            { label: 'Last updated', value: formatDateTime(contact.updated_at) },
          ]}
        />
      </div>

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
