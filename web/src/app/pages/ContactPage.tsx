// One contact: its details, with Edit and Archive (archive asks first, and sends
// If-Match so it cannot silently archive a version the user has not seen).
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatDate, formatDateTime, humanize } from '../../lib/format';
import { useDocumentTitle } from '../../lib/hooks';
import { errorMessage, isApiError } from '../../lib/http';
import { useCompaniesById } from '../../modules/companies';
import { archiveContact, contactInitials, contactName, KindBadge, PhaseBadge, useContact } from '../../modules/contacts';
import { canWrite, UserName } from '../../modules/users';
import { Alert, Avatar, Badge, Button, ButtonLink, DetailList, Dialog, Loading, PageHeader, useToast } from '../../ui';
import { useAuth } from '../auth';

export function ContactPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const toast = useToast();
  const { data: contact, loading, error, reload } = useContact(id);
  const companies = useCompaniesById([contact?.company_id]);
  const [confirming, setConfirming] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const [archiveError, setArchiveError] = useState<{ text: string; stale: boolean } | null>(null);
  useDocumentTitle(contact ? contactName(contact) : 'Contact');

  if (loading) return <div className="page"><Loading label="Loading contact…" /></div>;
  if (error || !contact) {
    return (
      <div className="page">
        <PageHeader title="Contact" back={{ to: '/contacts', label: 'Contacts' }} />
        <Alert tone="danger" title="Could not load this contact.">
          {errorMessage(error)}
        </Alert>
      </div>
    );
  }

  const company = contact.company_id ? companies.get(contact.company_id) : undefined;
  const writable = canWrite(user) && !contact.archived_at;

  async function archive() {
    if (!contact) return;
    setArchiving(true);
    setArchiveError(null);
    try {
      await archiveContact(contact.id, contact.version);
      toast.show(`${contactName(contact)} archived`);
      navigate('/contacts');
    } catch (e) {
      const stale = isApiError(e) && e.status === 412;
      setArchiveError({
        text: stale
          ? 'This contact was changed by someone else since you opened it. Reload to see their changes before archiving.'
          : errorMessage(e),
        stale,
      });
      setArchiving(false);
    }
  }

  return (
    <div className="page">
      <PageHeader
        back={{ to: '/contacts', label: 'Contacts' }}
        title={
          <span className="title-with-avatar">
            <Avatar text={contactInitials(contact)} seed={contact.id} size={40} />
            <span>{contactName(contact)}</span>
          </span>
        }
        subtitle={
          <>
            {contact.job_title}
            {contact.job_title && company && ' at '}
            {company && <Link to={`/companies/${encodeURIComponent(company.id)}`}>{company.name}</Link>}
          </>
        }
        actions={
          writable && (
            <>
              <Button variant="ghost" onClick={() => setConfirming(true)}>
                Archive
              </Button>
              <ButtonLink to={`/contacts/${encodeURIComponent(contact.id)}/edit`} variant="primary">
                Edit
              </ButtonLink>
            </>
          )
        }
      />
      {contact.archived_at && (
        <Alert tone="info" title="Archived">
          This contact was archived on {formatDateTime(contact.archived_at)}. It no longer shows in lists.
        </Alert>
      )}
      <div className="detail-grid">
        <section className="card" aria-labelledby="contact-details">
          <h2 className="card-title" id="contact-details">
            Details
          </h2>
          <DetailList
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
        </section>
        <section className="card" aria-labelledby="contact-relationship">
          <h2 className="card-title" id="contact-relationship">
            Relationship
          </h2>
          <DetailList
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
        </section>
      </div>

      <Dialog
        open={confirming}
        title={`Archive ${contactName(contact)}?`}
        onClose={() => {
          setConfirming(false);
          setArchiveError(null);
        }}
        footer={
          <>
            <Button
              variant="ghost"
              onClick={() => {
                setConfirming(false);
                setArchiveError(null);
              }}
            >
              Cancel
            </Button>
            {archiveError?.stale ? (
              <Button
                variant="primary"
                onClick={() => {
                  setConfirming(false);
                  setArchiveError(null);
                  void reload();
                }}
              >
                Reload
              </Button>
            ) : (
              <Button variant="danger" busy={archiving} onClick={() => void archive()} autoFocus>
                Archive
              </Button>
            )}
          </>
        }
      >
        {archiveError ? (
          <Alert tone={archiveError.stale ? 'warning' : 'danger'}>{archiveError.text}</Alert>
        ) : (
          <p>The contact leaves the lists but is kept with its history. You can still open it by its link.</p>
        )}
      </Dialog>
    </div>
  );
}
