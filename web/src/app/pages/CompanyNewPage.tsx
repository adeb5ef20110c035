// Create a company; the server's field errors (422) appear next to their fields.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { withoutNulls } from '../../lib/forms';
import { useDocumentTitle } from '../../lib/hooks';
import { useSave } from '../../lib/useSave';
import { COMPANY_FIELDS, CompanyForm, companyToForm, createCompany, formToCompanyInput, rememberCompany, type CompanyFormValues } from '../../modules/companies';
import { PageHeader, useToast } from '../../ui';
import { SaveProblemBanner } from '../components/SaveProblemBanner';

export function CompanyNewPage() {
  useDocumentTitle('New company');
  const navigate = useNavigate();
  const toast = useToast();
  const save = useSave(COMPANY_FIELDS);
  const [initial] = useState(() => companyToForm());

  function submit(values: CompanyFormValues) {
    void save.run(async () => {
      const created = await createCompany(withoutNulls(formToCompanyInput(values)));
      rememberCompany(created);
      toast.show(`${created.name} created`);
      navigate(`/companies/${encodeURIComponent(created.id)}`);
    });
  }

  return (
    <div className="page page-narrow">
      <PageHeader title="New company" back={{ to: '/companies', label: 'Companies' }} />
      <CompanyForm
        initial={initial}
        errors={save.errors}
        busy={save.busy}
        submitLabel="Create company"
        onSubmit={submit}
        onCancel={() => navigate('/companies')}
        banner={<SaveProblemBanner problem={save.problem} noun="company" />}
      />
    </div>
  );
}
