// One company: its details and its contacts (GET /contacts?company_id=…), with Edit,
// Archive and "Add contact" (a new contact with this company preselected).
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { formatDateTime } from '../../lib/format';
import { useDocumentTitle } from '../../lib/hooks';
import { errorMessage, isApiError } from '../../lib/http';
import { archiveCompany, useCompany } from '../../modules/companies';
import { ContactTable, useContactList } from '../../modules/contacts';
import { canWrite, UserName } from '../../modules/users';
import { Alert, Avatar, Button, ButtonLink, DetailList, Dialog, EmptyState, Loading, PageHeader, useToast } from '../../ui';
import { useAuth } from '../auth';

function CompanyContacts({ companyId, writable }: { companyId: string; writable: boolean }) {
  const list = useContactList({ company_id: companyId, sort: 'name' });
  const addLink = `/contacts/new?company_id=${encodeURIComponent(companyId)}`;
  return (
    <section className="section" aria-labelledby="company-contacts">
      <div className="section-header">
        <h2 className="section-title" id="company-contacts">
          Contacts
        </h2>
        {writable && (
          <ButtonLink to={addLink} size="sm">
            Add contact
          </ButtonLink>
        )}
      </div>
      {list.error != null && (
        <Alert tone="danger" title="Could not load the contacts." actions={<Button size="sm" onClick={list.reload}>Try again</Button>}>
          {errorMessage(list.error)}
        </Alert>
      )}
      {list.loading ? (
        <Loading label="Loading contacts…" />
      ) : list.items.length === 0 ? (
        !list.error && <EmptyState title="No contacts at this company yet" />
      ) : (
        <>
          <ContactTable contacts={list.items} hideCompany />
          {list.hasMore && (
            <div className="list-footer">
              <span className="muted">Showing the first {list.items.length}</span>
              <Button onClick={list.loadMore} busy={list.loadingMore}>
                Load more
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

export function CompanyPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const toast = useToast();
  const { data: company, loading, error, reload } = useCompany(id);
  const [confirming, setConfirming] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const [archiveError, setArchiveError] = useState<{ text: string; stale: boolean } | null>(null);
  useDocumentTitle(company?.name ?? 'Company');

  if (loading) return <div className="page"><Loading label="Loading company…" /></div>;
  if (error || !company) {
    return (
      <div className="page">
        <PageHeader title="Company" back={{ to: '/companies', label: 'Companies' }} />
        <Alert tone="danger" title="Could not load this company.">
          {errorMessage(error)}
        </Alert>
      </div>
    );
  }

  const writable = canWrite(user) && !company.archived_at;

  async function archive() {
    if (!company) return;
    setArchiving(true);
    setArchiveError(null);
    try {
      await archiveCompany(company.id, company.version);
      toast.show(`${company.name} archived`);
      navigate('/companies');
    } catch (e) {
      const stale = isApiError(e) && e.status === 412;
      setArchiveError({
        text: stale
          ? 'This company was changed by someone else since you opened it. Reload to see their changes before archiving.'
          : errorMessage(e),
        stale,
      });
      setArchiving(false);
    }
  }

  function closeDialog() {
    setConfirming(false);
    setArchiveError(null);
  }

  return (
    <div className="page">
      <PageHeader
        back={{ to: '/companies', label: 'Companies' }}
        title={
          <span className="title-with-avatar">
            <Avatar text={company.name.charAt(0).toUpperCase()} seed={company.id} size={40} />
            <span>{company.name}</span>
          </span>
        }
        subtitle={[company.industry, company.domain].filter(Boolean).join(' · ')}
        actions={
          writable && (
            <>
              <Button variant="ghost" onClick={() => setConfirming(true)}>
                Archive
              </Button>
              <ButtonLink to={`/companies/${encodeURIComponent(company.id)}/edit`} variant="primary">
                Edit
              </ButtonLink>
            </>
          )
        }
      />
      {company.archived_at && (
        <Alert tone="info" title="Archived">
          This company was archived on {formatDateTime(company.archived_at)}. It no longer shows in lists.
        </Alert>
      )}
      <section className="card" aria-labelledby="company-details">
        <h2 className="card-title" id="company-details">
          Details
        </h2>
        <DetailList
          items={[
            {
              label: 'Domain',
              value: company.domain && (
                <a href={`https://${company.domain}`} target="_blank" rel="noreferrer noopener">
                  {company.domain}
                </a>
              ),
            },
            { label: 'Industry', value: company.industry },
            { label: 'Phone', value: company.phone && <a href={`tel:${company.phone}`}>{company.phone}</a> },
            { label: 'Owner', value: company.owner_id && <UserName id={company.owner_id} /> },
            { label: 'Address', value: company.address && <span className="pre-line">{company.address}</span>, wide: true },
            { label: 'Created', value: formatDateTime(company.created_at) },
            { label: 'Last updated', value: formatDateTime(company.updated_at) },
          ]}
        />
      </section>
      <CompanyContacts companyId={company.id} writable={writable} />

      <Dialog
        open={confirming}
        title={`Archive ${company.name}?`}
        onClose={closeDialog}
        footer={
          <>
            <Button variant="ghost" onClick={closeDialog}>
              Cancel
            </Button>
            {archiveError?.stale ? (
              <Button
                variant="primary"
                onClick={() => {
                  closeDialog();
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
          <p>The company leaves the lists but is kept, and its contacts keep their link to it.</p>
        )}
      </Dialog>
    </div>
  );
}
