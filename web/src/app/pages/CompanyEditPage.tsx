// Edit a company: a merge patch of what changed, with If-Match; a 412 says someone else
// changed it and offers Reload.
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { mergePatch } from '../../lib/forms';
import { useDocumentTitle } from '../../lib/hooks';
import { errorMessage } from '../../lib/http';
import { classifySaveError, type SaveProblem } from '../../lib/saveError';
import {
  COMPANY_FIELDS,
  CompanyForm,
  companyToForm,
  formToCompanyInput,
  rememberCompany,
  updateCompany,
  useCompany,
  type CompanyFormValues,
} from '../../modules/companies';
import { canWrite } from '../../modules/users';
import { Alert, Loading, PageHeader, useToast } from '../../ui';
import { useAuth } from '../auth';
import { SaveProblemBanner } from '../components/SaveProblemBanner';

const NO_ERRORS: Record<string, string> = {};

export function CompanyEditPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const toast = useToast();
  const { data: company, loading, error, reload } = useCompany(id);
  const [busy, setBusy] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>(NO_ERRORS);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  useDocumentTitle(company ? `Edit ${company.name}` : 'Edit company');

  if (loading) return <div className="page"><Loading label="Loading company…" /></div>;
  if (error || !company) {
    return (
      <div className="page">
        <PageHeader title="Edit company" back={{ to: '/companies', label: 'Companies' }} />
        <Alert tone="danger" title="Could not load this company.">
          {errorMessage(error)}
        </Alert>
      </div>
    );
  }

  const detailPath = `/companies/${encodeURIComponent(company.id)}`;

  async function save(values: CompanyFormValues) {
    if (!company) return;
    const patch = mergePatch(formToCompanyInput(companyToForm(company)), formToCompanyInput(values));
    if (Object.keys(patch).length === 0) {
      navigate(detailPath);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const saved = await updateCompany(company.id, patch, company.version);
      rememberCompany(saved);
      toast.show(`${saved.name} saved`);
      navigate(detailPath);
    } catch (e) {
      const f = classifySaveError(e, COMPANY_FIELDS);
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
      <PageHeader title={`Edit ${company.name}`} back={{ to: detailPath, label: company.name }} />
      <CompanyForm
        key={company.version}
        initial={companyToForm(company)}
        errors={errors}
        busy={busy}
        submitLabel="Save changes"
        onSubmit={(v) => void save(v)}
        onCancel={() => navigate(detailPath)}
        disabled={!canWrite(user)}
        banner={<SaveProblemBanner problem={problem} noun="company" onReload={() => void reloadLatest()} reloading={reloading} />}
      />
    </div>
  );
}
