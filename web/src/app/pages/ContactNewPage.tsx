// Create a contact. Field errors from the server (422) appear next to their fields; a
// duplicate email (409) links the existing contact and offers to create anyway
// (allow_duplicate). `?company_id=` preselects the company.
import { useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { withoutNulls } from '../../lib/forms';
import { useDocumentTitle } from '../../lib/hooks';
import { useSave } from '../../lib/useSave';
import { useCompaniesById } from '../../modules/companies';
import {
  CONTACT_FIELDS,
  ContactForm,
  contactName,
  contactToForm,
  createContact,
  formToContactInput,
  type ContactFormValues,
} from '../../modules/contacts';
import { PageHeader, useToast } from '../../ui';
import { ContactSaveProblem } from '../components/ContactSaveProblem';

export function ContactNewPage() {
  useDocumentTitle('New contact');
  const navigate = useNavigate();
  const toast = useToast();
  const [params] = useSearchParams();
  const presetCompany = params.get('company_id');
  const companies = useCompaniesById([presetCompany]);
  const save = useSave(CONTACT_FIELDS);
  // Set by "Create anyway", which submits the form (with what it holds now) once more.
  const allowDuplicate = useRef(false);
  const [initial] = useState(() => contactToForm({ company_id: presetCompany }));
  const back = presetCompany ? `/companies/${encodeURIComponent(presetCompany)}` : '/contacts';

  function submit(values: ContactFormValues) {
    const allow = allowDuplicate.current;
    allowDuplicate.current = false;
    void save.run(async () => {
      const body = withoutNulls(formToContactInput(values));
      if (allow) body.allow_duplicate = true;
      const created = await createContact(body);
      toast.show(`${contactName(created)} created`);
      navigate(`/contacts/${encodeURIComponent(created.id)}`);
    });
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
        errors={save.errors}
        busy={save.busy}
        submitLabel="Create contact"
        onSubmit={submit}
        onCancel={() => navigate(back)}
        banner={
          <ContactSaveProblem
            problem={save.problem}
            busy={save.busy}
            anywayLabel="Create anyway"
            onAnyway={() => (allowDuplicate.current = true)}
          />
        }
      />
    </div>
  );
}
