// Create or edit one SLA policy (managers and up), with the live preview of due times.
// Saving an existing one sends If-Match; a 409 names the active policy that already
// covers the same priority and kind. Archive takes a policy out of use.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useDocumentTitle, useResource } from '../../lib/hooks';
import { errorMessage, isApiError } from '../../lib/http';
import {
  archiveSlaPolicy,
  createSlaPolicy,
  emptyPolicyForm,
  formToPolicyInput,
  getSlaPolicy,
  policyToForm,
  SlaPolicyForm,
  updateSlaPolicy,
  type SlaPolicy,
  type SlaPolicyFormValues,
} from '../../modules/sla';
import { Alert, ArchiveDialog, Button, PageHeader, RecordLoadState, useToast } from '../../ui';

const BACK = { to: '/settings/sla-policies', label: 'SLA policies' };

type Problem = { kind: 'stale' } | { kind: 'conflict'; existingId: string | null; detail: string } | { kind: 'message'; messages: string[] };

/** Field errors by full path, and what goes in the banner. */
function sortError(e: unknown): { fields: Record<string, string>; problem: Problem | null } {
  if (!isApiError(e)) return { fields: {}, problem: { kind: 'message', messages: [errorMessage(e)] } };
  if (e.status === 412) return { fields: {}, problem: { kind: 'stale' } };
  if (e.status === 409) {
    const existing = e.problem.existing_id;
    return { fields: {}, problem: { kind: 'conflict', existingId: typeof existing === 'string' ? existing : null, detail: e.detail } };
  }
  const fields: Record<string, string> = {};
  for (const f of e.fieldErrors) if (!(f.field in fields)) fields[f.field] = f.message;
  if (Object.keys(fields).length > 0) return { fields, problem: { kind: 'message', messages: ['Some fields need attention.'] } };
  return { fields, problem: { kind: 'message', messages: [errorMessage(e)] } };
}

function Banner({ problem, onReload }: { problem: Problem | null; onReload: () => void }) {
  if (!problem) return null;
  if (problem.kind === 'stale') {
    return (
      <Alert
        tone="warning"
        title="This policy was changed by someone else since you opened it."
        actions={
          <Button size="sm" onClick={onReload}>
            Reload
          </Button>
        }
      >
        Reload to see their changes. Your unsaved edits here will be replaced.
      </Alert>
    );
  }
  if (problem.kind === 'conflict') {
    return (
      <Alert tone="danger" title="Another active policy covers this priority and kind.">
        {problem.detail}{' '}
        {problem.existingId && <Link to={`/settings/sla-policies/${encodeURIComponent(problem.existingId)}`}>Open that policy</Link>}
      </Alert>
    );
  }
  return (
    <Alert tone="danger" title="Could not save the policy.">
      {problem.messages.join(' ')}
    </Alert>
  );
}

function Editor({ policy, onReload }: { policy: SlaPolicy | null; onReload: () => void }) {
  const navigate = useNavigate();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [archiving, setArchiving] = useState(false);

  async function save(values: SlaPolicyFormValues) {
    setBusy(true);
    setProblem(null);
    try {
      const input = formToPolicyInput(values);
      const saved = policy ? await updateSlaPolicy(policy.id, input, policy.version) : await createSlaPolicy(input);
      toast.show(`${saved.name} saved`);
      navigate(BACK.to);
    } catch (e) {
      const sorted = sortError(e);
      setErrors(sorted.fields);
      setProblem(sorted.problem);
      setBusy(false);
    }
  }

  return (
    <div className="page page-wide">
      <PageHeader
        back={BACK}
        title={policy ? policy.name : 'New SLA policy'}
        subtitle="Targets count business minutes only: the clocks stop outside the hours below, on holidays and while a case is pending."
        actions={
          policy && (
            <Button variant="ghost" onClick={() => setArchiving(true)}>
              Archive
            </Button>
          )
        }
      />
      <SlaPolicyForm
        key={policy ? `${policy.id}:${policy.version}` : 'new'}
        initial={policy ? policyToForm(policy) : emptyPolicyForm()}
        errors={errors}
        busy={busy}
        submitLabel={policy ? 'Save policy' : 'Create policy'}
        onSubmit={(v) => void save(v)}
        onCancel={() => navigate(BACK.to)}
        banner={
          <Banner
            problem={problem}
            onReload={() => {
              setProblem(null);
              setErrors({});
              onReload();
            }}
          />
        }
      />
      {policy && (
        <ArchiveDialog
          open={archiving}
          name={policy.name}
          noun="policy"
          onArchive={async () => {
            await archiveSlaPolicy(policy.id, policy.version);
            toast.show(`${policy.name} archived`);
            navigate(BACK.to);
          }}
          onReload={onReload}
          onClose={() => setArchiving(false)}
        >
          <p>New cases no longer use this policy. Open cases keep the due times they have.</p>
        </ArchiveDialog>
      )}
    </div>
  );
}

export function SlaPolicyNewPage() {
  useDocumentTitle('New SLA policy');
  return <Editor policy={null} onReload={() => undefined} />;
}

export function SlaPolicyEditPage() {
  const { id = '' } = useParams();
  const { data, loading, error, reload } = useResource<SlaPolicy>(id, (signal) => getSlaPolicy(id, signal));
  useDocumentTitle(data ? data.name : 'SLA policy');
  if (loading || error || !data) return <RecordLoadState loading={loading} error={error} noun="policy" title="SLA policy" back={BACK} />;
  return <Editor policy={data} onReload={() => void reload()} />;
}
