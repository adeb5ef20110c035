// Edit a contact. Saves only what changed (a JSON merge patch) with If-Match on the
// version the form was opened with; if someone else saved in between the server answers
// 412 and the page says so, with a Reload button that brings in their version.
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { mergePatch } from '../../lib/forms';
import { useDocumentTitle } from '../../lib/hooks';
import { errorMessage } from '../../lib/http';
import { classifySaveError, type SaveProblem } from '../../lib/saveError';
import { useCompaniesById } from '../../modules/companies';
import {
  CONTACT_FIELDS,
  ContactForm,
  contactName,
  contactToForm,
  formToContactInput,
  updateContact,
  useContact,
  type ContactFormValues,
} from '../../modules/contacts';
import { canWrite } from '../../modules/users';
import { Alert, Button, Loading, PageHeader, useToast } from '../../ui';
import { useAuth } from '../auth';
import { SaveProblemBanner } from '../components/SaveProblemBanner';
import { DuplicateLink } from './ContactNewPage';

const NO_ERRORS: Record<string, string> = {};

export function ContactEditPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const toast = useToast();
  const { data: contact, loading, error, reload } = useContact(id);
  const companies = useCompaniesById([contact?.company_id]);
  const [busy, setBusy] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>(NO_ERRORS);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  // Set by "Save anyway" after a duplicate-email answer; the form then submits again.
  const allowDuplicate = useRef(false);
  useDocumentTitle(contact ? `Edit ${contactName(contact)}` : 'Edit contact');

  if (loading) return <div className="page"><Loading label="Loading contact…" /></div>;
  if (error || !contact) {
    return (
      <div className="page">
        <PageHeader title="Edit contact" back={{ to: '/contacts', label: 'Contacts' }} />
        <Alert tone="danger" title="Could not load this contact.">
          {errorMessage(error)}
        </Alert>
      </div>
    );
  }

  const detailPath = `/contacts/${encodeURIComponent(contact.id)}`;

  async function save(values: ContactFormValues) {
    if (!contact) return;
    const allow = allowDuplicate.current;
    allowDuplicate.current = false;
    const patch = mergePatch(formToContactInput(contactToForm(contact)), formToContactInput(values));
    if (allow && patch.email !== undefined) patch.allow_duplicate = true;
    if (Object.keys(patch).length === 0) {
      navigate(detailPath);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const saved = await updateContact(contact.id, patch, contact.version);
      toast.show(`${contactName(saved)} saved`);
      navigate(detailPath);
    } catch (e) {
      const f = classifySaveError(e, CONTACT_FIELDS);
      setErrors(f.fields);
      setProblem(f.problem);
      setBusy(false);
    }
  }

  async function reloadLatest() {
    setReloading(true);
    const fresh = await reload();
    setReloading(false);
    if (fresh) {
      setProblem(null);
      setErrors(NO_ERRORS);
    }
  }

  return (
    <div className="page page-narrow">
      <PageHeader title={`Edit ${contactName(contact)}`} back={{ to: detailPath, label: contactName(contact) }} />
      <ContactForm
        // A new version (after Reload) starts the form over from the stored values.
        key={contact.version}
        initial={contactToForm(contact)}
        initialCompanyName={(contact.company_id && companies.get(contact.company_id)?.name) || ''}
        errors={errors}
        busy={busy}
        submitLabel="Save changes"
        onSubmit={(v) => void save(v)}
        onCancel={() => navigate(detailPath)}
        disabled={!canWrite(user)}
        banner={
          <>
            {contact.archived_at && (
              <Alert tone="info">
                This contact is archived. <Link to={detailPath}>Back to the contact</Link>
              </Alert>
            )}
            <SaveProblemBanner
              problem={problem}
              noun="contact"
              onReload={() => void reloadLatest()}
              reloading={reloading}
              duplicate={
                problem?.kind === 'duplicate'
                  ? {
                      link: <DuplicateLink existingId={problem.existingId} />,
                      action: (
                        <Button
                          size="sm"
                          busy={busy}
                          onClick={(e) => {
                            allowDuplicate.current = true;
                            e.currentTarget.form?.requestSubmit();
                          }}
                        >
                          Save anyway
                        </Button>
                      ),
                    }
                  : undefined
              }
            />
          </>
        }
      />
    </div>
  );
}
