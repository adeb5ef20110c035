// Create a company; the server's field errors (422) appear next to their fields.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { withoutNulls } from '../../lib/forms';
import { useDocumentTitle } from '../../lib/hooks';
import { classifySaveError, type SaveProblem } from '../../lib/saveError';
import { COMPANY_FIELDS, CompanyForm, companyToForm, createCompany, formToCompanyInput, rememberCompany, type CompanyFormValues } from '../../modules/companies';
import { PageHeader, useToast } from '../../ui';
import { SaveProblemBanner } from '../components/SaveProblemBanner';

const NO_ERRORS: Record<string, string> = {};

export function CompanyNewPage() {
  useDocumentTitle('New company');
  const navigate = useNavigate();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>(NO_ERRORS);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const [initial] = useState(() => companyToForm());

  async function save(values: CompanyFormValues) {
    setBusy(true);
    setProblem(null);
    try {
      const created = await createCompany(withoutNulls(formToCompanyInput(values)));
      rememberCompany(created);
      toast.show(`${created.name} created`);
      navigate(`/companies/${encodeURIComponent(created.id)}`);
    } catch (e) {
      const f = classifySaveError(e, COMPANY_FIELDS);
      setErrors(f.fields);
      setProblem(f.problem);
      setBusy(false);
    }
  }

  return (
    <div className="page page-narrow">
      <PageHeader title="New company" back={{ to: '/companies', label: 'Companies' }} />
      <CompanyForm
        initial={initial}
        errors={errors}
        busy={busy}
        submitLabel="Create company"
        onSubmit={(v) => void save(v)}
        onCancel={() => navigate('/companies')}
        banner={<SaveProblemBanner problem={problem} noun="company" />}
      />
    </div>
  );
}
