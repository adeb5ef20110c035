// Edit a contact. Saves only what changed (a JSON merge patch) with If-Match on the
// version the form was opened with; if someone else saved in between the server answers
// 412 and the page says so, with a Reload button that brings in their version.
import { useRef } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { mergePatch } from '../../lib/forms';
import { useDocumentTitle } from '../../lib/hooks';
import { useSave } from '../../lib/useSave';
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
import { Alert, PageHeader, RecordLoadState, useToast } from '../../ui';
import { useAuth } from '../auth';
import { ContactSaveProblem } from '../components/ContactSaveProblem';

export function ContactEditPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const toast = useToast();
  const { data: contact, loading, error, reload } = useContact(id);
  const companies = useCompaniesById([contact?.company_id]);
  const save = useSave(CONTACT_FIELDS);
  // Set by "Save anyway" after a duplicate-email answer; the form then submits again.
  const allowDuplicate = useRef(false);
  useDocumentTitle(contact ? `Edit ${contactName(contact)}` : 'Edit contact');

  if (loading || error || !contact) {
    return <RecordLoadState loading={loading} error={error} noun="contact" title="Edit contact" back={{ to: '/contacts', label: 'Contacts' }} />;
  }

  const detailPath = `/contacts/${encodeURIComponent(contact.id)}`;

  function submit(values: ContactFormValues) {
    if (!contact) return;
    const allow = allowDuplicate.current;
    allowDuplicate.current = false;
    const patch = mergePatch(formToContactInput(contactToForm(contact)), formToContactInput(values));
    if (allow && patch.email !== undefined) patch.allow_duplicate = true;
    if (Object.keys(patch).length === 0) {
      navigate(detailPath);
      return;
    }
    void save.run(async () => {
      const saved = await updateContact(contact.id, patch, contact.version);
      toast.show(`${contactName(saved)} saved`);
      navigate(detailPath);
    });
  }

  return (
    <div className="page page-narrow">
      <PageHeader title={`Edit ${contactName(contact)}`} back={{ to: detailPath, label: contactName(contact) }} />
      <ContactForm
        // A new version (after Reload) starts the form over from the stored values.
        key={contact.version}
        initial={contactToForm(contact)}
        initialCompanyName={(contact.company_id && companies.get(contact.company_id)?.name) || ''}
        errors={save.errors}
        busy={save.busy}
        submitLabel="Save changes"
        onSubmit={submit}
        onCancel={() => navigate(detailPath)}
        disabled={!canWrite(user)}
        banner={
          <>
            {contact.archived_at && (
              <Alert tone="info">
                This contact is archived. <Link to={detailPath}>Back to the contact</Link>
              </Alert>
            )}
            <ContactSaveProblem
              problem={save.problem}
              busy={save.busy}
              anywayLabel="Save anyway"
              onAnyway={() => (allowDuplicate.current = true)}
              onReload={() => void save.reloadLatest(reload)}
              reloading={save.reloading}
            />
          </>
        }
      />
    </div>
  );
}
