// Create a contact. Field errors from the server (422) appear next to their fields; a
// duplicate email (409) links the existing contact and offers to create anyway
// (allow_duplicate). `?company_id=` preselects the company.
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { withoutNulls } from '../../lib/forms';
import { useDocumentTitle } from '../../lib/hooks';
import { classifySaveError, type SaveProblem } from '../../lib/saveError';
import { useCompaniesById } from '../../modules/companies';
import {
  CONTACT_FIELDS,
  ContactForm,
  contactName,
  contactToForm,
  createContact,
  formToContactInput,
  getContact,
  type Contact,
  type ContactFormValues,
} from '../../modules/contacts';
import { Button, PageHeader, useToast } from '../../ui';
import { SaveProblemBanner } from '../components/SaveProblemBanner';

/** "Open Kari Nordmann" for the contact that already has the email. */
export function DuplicateLink({ existingId }: { existingId: string | null }) {
  const [existing, setExisting] = useState<Contact | null>(null);
  useEffect(() => {
    if (!existingId) return;
    const ac = new AbortController();
    getContact(existingId, ac.signal).then(setExisting, () => undefined);
    return () => ac.abort();
  }, [existingId]);
  if (!existingId) return <>Search the contacts list for this email.</>;
  return (
    <>
      It belongs to{' '}
      <Link to={`/contacts/${encodeURIComponent(existingId)}`}>{existing ? contactName(existing) : 'the existing contact'}</Link>.
      Open that contact instead, or change the email.
    </>
  );
}

const NO_ERRORS: Record<string, string> = {};

export function ContactNewPage() {
  useDocumentTitle('New contact');
  const navigate = useNavigate();
  const toast = useToast();
  const [params] = useSearchParams();
  const presetCompany = params.get('company_id');
  const companies = useCompaniesById([presetCompany]);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>(NO_ERRORS);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  // Set by "Create anyway", which submits the form (with what it holds now) once more.
  const allowDuplicate = useRef(false);
  const [initial] = useState(() => contactToForm({ company_id: presetCompany }));
  const back = presetCompany ? `/companies/${encodeURIComponent(presetCompany)}` : '/contacts';

  async function save(values: ContactFormValues) {
    const allow = allowDuplicate.current;
    allowDuplicate.current = false;
    setBusy(true);
    setProblem(null);
    try {
      const body = withoutNulls(formToContactInput(values));
      if (allow) body.allow_duplicate = true;
      const created = await createContact(body);
      toast.show(`${contactName(created)} created`);
      navigate(`/contacts/${encodeURIComponent(created.id)}`);
    } catch (e) {
      const f = classifySaveError(e, CONTACT_FIELDS);
      setErrors(f.fields);
      setProblem(f.problem);
      setBusy(false);
    }
  }

  return (
    <div className="page page-narrow">
      <PageHeader
        title="New contact"
        subtitle="A contact needs a name or an email; everything else can come later."
        back={{ to: back, label: presetCompany ? companies.get(presetCompany)?.name ?? 'Company' : 'Contacts' }}
      />
      <ContactForm
        initial={initial}
        initialCompanyName={(presetCompany && companies.get(presetCompany)?.name) || ''}
        errors={errors}
        busy={busy}
        submitLabel="Create contact"
        onSubmit={(v) => void save(v)}
        onCancel={() => navigate(back)}
        banner={
          <SaveProblemBanner
            problem={problem}
            noun="contact"
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
                        Create anyway
                      </Button>
                    ),
                  }
                : undefined
            }
          />
        }
      />
    </div>
  );
}
