// One company: its details and its contacts (GET /contacts?company_id=…), with Edit,
// Archive and "Add contact" (a new contact with this company preselected).
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { formatDateTime } from '../../lib/format';
import { useDocumentTitle } from '../../lib/hooks';
import { archiveCompany, useCompany } from '../../modules/companies';
import { ContactTable, useContactList } from '../../modules/contacts';
import { canWrite, UserName } from '../../modules/users';
import {
  ArchiveDialog,
  Button,
  ButtonLink,
  DetailCard,
  EmptyState,
  Loading,
  LoadError,
  RecordHeader,
  RecordLoadState,
  Section,
  useToast,
} from '../../ui';
import { useAuth } from '../auth';

// Not PagedListView: inside a company the list has no count line or "no match" state,
// and it shows the spinner on every load.
function CompanyContacts({ companyId, writable }: { companyId: string; writable: boolean }) {
  const list = useContactList({ company_id: companyId, sort: 'name' });
  const addLink = `/contacts/new?company_id=${encodeURIComponent(companyId)}`;
  return (
    <Section
      id="company-contacts"
      title="Contacts"
      actions={
        writable && (
          <ButtonLink to={addLink} size="sm">
            Add contact
          </ButtonLink>
        )
      }
    >
      {list.error != null && <LoadError title="Could not load the contacts." error={list.error} onRetry={list.reload} />}
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
    </Section>
  );
}

export function CompanyPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const toast = useToast();
  const { data: company, loading, error, reload } = useCompany(id);
  const [confirming, setConfirming] = useState(false);
  useDocumentTitle(company?.name ?? 'Company');

  if (loading || error || !company) {
    return <RecordLoadState loading={loading} error={error} noun="company" title="Company" back={{ to: '/companies', label: 'Companies' }} />;
  }

  const writable = canWrite(user) && !company.archived_at;

  return (
    <div className="page">
      <RecordHeader
        back={{ to: '/companies', label: 'Companies' }}
        name={company.name}
        avatar={{ text: company.name.charAt(0).toUpperCase(), seed: company.id }}
        subtitle={[company.industry, company.domain].filter(Boolean).join(' · ')}
        writable={writable}
        onArchive={() => setConfirming(true)}
        editTo={`/companies/${encodeURIComponent(company.id)}/edit`}
        noun="company"
        archivedAt={company.archived_at}
      />
      <DetailCard
        id="company-details"
        title="Details"
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
      <CompanyContacts companyId={company.id} writable={writable} />

      <ArchiveDialog
        open={confirming}
        name={company.name}
        noun="company"
        onArchive={async () => {
          await archiveCompany(company.id, company.version);
          toast.show(`${company.name} archived`);
          navigate('/companies');
        }}
        onReload={() => void reload()}
        onClose={() => setConfirming(false)}
      >
        <p>The company leaves the lists but is kept, and its contacts keep their link to it.</p>
      </ArchiveDialog>
    </div>
  );
}
