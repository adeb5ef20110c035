// Edit a company: a merge patch of what changed, with If-Match; a 412 says someone else
// changed it and offers Reload.
import { useNavigate, useParams } from 'react-router-dom';
import { mergePatch } from '../../lib/forms';
import { useDocumentTitle } from '../../lib/hooks';
import { useSave } from '../../lib/useSave';
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
import { PageHeader, RecordLoadState, useToast } from '../../ui';
import { useAuth } from '../auth';
import { SaveProblemBanner } from '../components/SaveProblemBanner';

export function CompanyEditPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const toast = useToast();
  const { data: company, loading, error, reload } = useCompany(id);
  const save = useSave(COMPANY_FIELDS);
  useDocumentTitle(company ? `Edit ${company.name}` : 'Edit company');

  if (loading || error || !company) {
    return <RecordLoadState loading={loading} error={error} noun="company" title="Edit company" back={{ to: '/companies', label: 'Companies' }} />;
  }

  const detailPath = `/companies/${encodeURIComponent(company.id)}`;

  function submit(values: CompanyFormValues) {
    if (!company) return;
    const patch = mergePatch(formToCompanyInput(companyToForm(company)), formToCompanyInput(values));
    if (Object.keys(patch).length === 0) {
      navigate(detailPath);
      return;
    }
    void save.run(async () => {
      const saved = await updateCompany(company.id, patch, company.version);
      rememberCompany(saved);
      toast.show(`${saved.name} saved`);
      navigate(detailPath);
    });
  }

  return (
    <div className="page page-narrow">
      <PageHeader title={`Edit ${company.name}`} back={{ to: detailPath, label: company.name }} />
      <CompanyForm
        key={company.version}
        initial={companyToForm(company)}
        errors={save.errors}
        busy={save.busy}
        submitLabel="Save changes"
        onSubmit={submit}
        onCancel={() => navigate(detailPath)}
        disabled={!canWrite(user)}
        banner={
          <SaveProblemBanner
            problem={save.problem}
            noun="company"
            onReload={() => void save.reloadLatest(reload)}
            reloading={save.reloading}
          />
        }
      />
    </div>
  );
}
