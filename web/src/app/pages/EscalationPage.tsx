// Escalation (admins): what happens when a case's clock reaches its warning point (80%
// of the target) and when it is breached — whom to notify (and whether by email too),
// whether to reassign the case, and whether to raise its priority.
import { useEffect, useState } from 'react';
import { useDocumentTitle, useResource } from '../../lib/hooks';
import { errorMessage } from '../../lib/http';
import { getEscalation, putEscalation, type EscalationRule, type EscalationSettings } from '../../modules/cases';
import { userLabel, useUsers } from '../../modules/users';
import { Alert, Button, Field, LoadError, Loading, PageHeader, Select, useToast } from '../../ui';

function RuleFields({ level, rule, onChange }: { level: string; rule: EscalationRule; onChange: (r: EscalationRule) => void }) {
  const toggle = (who: 'owner' | 'managers', on: boolean) =>
    onChange({ ...rule, notify: on ? [...rule.notify.filter((w) => w !== who), who] : rule.notify.filter((w) => w !== who) });
  const { users } = useUsers();
  return (
    <fieldset className="form-section">
      <legend className="form-legend">{level}</legend>
      <div className="checks">
        <label className="checkbox">
          <input type="checkbox" checked={rule.notify.includes('owner')} onChange={(e) => toggle('owner', e.target.checked)} />
          Notify the owner
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={rule.notify.includes('managers')} onChange={(e) => toggle('managers', e.target.checked)} />
          Notify the managers
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={rule.email} onChange={(e) => onChange({ ...rule, email: e.target.checked })} />
          Also by email (when outgoing mail is set up)
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={rule.raise_priority} onChange={(e) => onChange({ ...rule, raise_priority: e.target.checked })} />
          Raise the priority one step
        </label>
      </div>
      <div className="form-grid">
        <Field label={`${level}: reassign to`}>
          <Select value={rule.reassign_to ?? ''} onChange={(e) => onChange({ ...rule, reassign_to: e.target.value || null })}>
            <option value="">Keep the owner</option>
            <option value="service_team">The service team (least loaded)</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {userLabel(u)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
    </fieldset>
  );
}

export function EscalationPage() {
  useDocumentTitle('Escalation');
  const toast = useToast();
  const current = useResource<EscalationSettings>('escalation', (signal) => getEscalation(signal));
  const [value, setValue] = useState<EscalationSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => setValue(current.data), [current.data]);

  async function save() {
    if (!value) return;
    setBusy(true);
    setFailure(null);
    try {
      const saved = await putEscalation({ warning: value.warning, breach: value.breach });
      current.set(saved);
      toast.show('Escalation saved');
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page page-narrow">
      <PageHeader title="Escalation" subtitle="What happens when a case nears its due time (80% of the target used) and when it is breached." />
      {current.error != null && !current.data ? (
        <LoadError title="Could not load the escalation setting." error={current.error} onRetry={() => void current.reload()} />
      ) : !value ? (
        <Loading />
      ) : (
        <form
          className="form card"
          aria-label="Escalation"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {failure && <Alert tone="danger" title="Could not save.">{failure}</Alert>}
          <RuleFields level="Warning" rule={value.warning} onChange={(warning) => setValue({ ...value, warning })} />
          <RuleFields level="Breach" rule={value.breach} onChange={(breach) => setValue({ ...value, breach })} />
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={busy}>
              Save escalation
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
