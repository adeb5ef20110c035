// The customer-experience policy (managers and up): the current version with who has
// and has not acknowledged it, the earlier versions, and for admins "Publish new
// version" (title, Markdown text; the active SLA policies are copied in as the promised
// service levels unless left out). Publishing asks everyone, the publisher too, to read
// and accept the new version.
import { useId, useState } from 'react';
import { formatDateTime, humanize } from '../../lib/format';
import { useDocumentTitle, useResource } from '../../lib/hooks';
import { errorMessage, isApiError } from '../../lib/http';
import {
  CxPolicyView,
  getAcknowledgements,
  listCxPolicies,
  publishCxPolicy,
  type Acknowledgements,
  type CxPolicy,
} from '../../modules/cx_policy';
import { isAdmin, UserName } from '../../modules/users';
import { Alert, Badge, Button, Card, EmptyState, Field, Input, LoadError, Loading, PageHeader, Table, TextArea, useToast } from '../../ui';
import { useAuth } from '../auth';
import { usePolicyGate } from '../PolicyGate';

function PublishForm({ next, onPublished, onCancel }: { next: number; onPublished: (p: CxPolicy) => void; onCancel: () => void }) {
  const copyId = useId();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [copyTargets, setCopyTargets] = useState(true);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  async function publish() {
    setBusy(true);
    setFailure(null);
    try {
      const p = await publishCxPolicy(copyTargets ? { title: title.trim(), body } : { title: title.trim(), body, sla_targets: [] });
      onPublished(p);
    } catch (e) {
      const fields = isApiError(e) ? e.fieldMap() : {};
      setErrors(fields);
      setFailure(Object.keys(fields).length ? null : errorMessage(e));
      setBusy(false);
    }
  }

  return (
    <form
      className="form card section-block"
      aria-label="Publish new version"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void publish();
      }}
    >
      {failure && <Alert tone="danger">{failure}</Alert>}
      <p>Version {next} replaces the current one. Published versions never change; every staff member is asked to read and accept it.</p>
      <Field label="Title" required error={errors.title}>
        <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} autoFocus />
      </Field>
      <Field label="Policy text" required hint="Markdown" error={errors.body}>
        <TextArea value={body} onChange={(e) => setBody(e.target.value)} rows={10} />
      </Field>
      <label className="checkbox" htmlFor={copyId}>
        <input id={copyId} type="checkbox" checked={copyTargets} onChange={(e) => setCopyTargets(e.target.checked)} />
        Promise the active SLA policies as the service levels of this version
      </label>
      <div className="form-actions">
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" busy={busy}>
          Publish version {next}
        </Button>
      </div>
    </form>
  );
}

function AcknowledgementList({ policy }: { policy: CxPolicy }) {
  const acks = useResource<Acknowledgements>(policy.id, (signal) => getAcknowledgements(policy.id, signal));
  if (acks.error != null) return <LoadError title="Could not load the acknowledgements." error={acks.error} onRetry={() => void acks.reload()} />;
  if (!acks.data) return <Loading label="Loading acknowledgements…" />;
  const a = acks.data;
  const total = a.acknowledged_count + a.pending_count;
  return (
    <>
      <p className="ack-summary">
        <strong>
          {a.acknowledged_count} of {total}
        </strong>{' '}
        staff have acknowledged version {policy.number}.
      </p>
      <h3 className="cx-policy-subtitle">Not acknowledged yet ({a.pending_count})</h3>
      {a.pending.length === 0 ? (
        <p className="muted">Everyone has read it.</p>
      ) : (
        <Table
          label="Not acknowledged yet"
          rows={a.pending}
          rowKey={(p) => p.user_id}
          columns={[
            { key: 'name', header: 'Name', primary: true, render: (p) => p.name || p.email },
            { key: 'email', header: 'Email', render: (p) => p.email },
            { key: 'role', header: 'Role', render: (p) => humanize(p.role) },
          ]}
        />
      )}
      <h3 className="cx-policy-subtitle">Acknowledged ({a.acknowledged_count})</h3>
      {a.acknowledged.length === 0 ? (
        <p className="muted">No one yet.</p>
      ) : (
        <Table
          label="Acknowledged"
          rows={a.acknowledged}
          rowKey={(p) => p.user_id}
          columns={[
            { key: 'name', header: 'Name', primary: true, render: (p) => p.name || p.email },
            { key: 'role', header: 'Role', render: (p) => humanize(p.role) },
            { key: 'at', header: 'Acknowledged', render: (p) => formatDateTime(p.acknowledged_at) },
          ]}
        />
      )}
    </>
  );
}

export function CxPolicyPage() {
  useDocumentTitle('Customer-experience policy');
  const { user } = useAuth();
  const toast = useToast();
  const gate = usePolicyGate();
  const versions = useResource('cx', (signal) => listCxPolicies(signal));
  const [publishing, setPublishing] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const items = versions.data?.items ?? [];
  const selected = items.find((p) => p.id === selectedId) ?? items[0] ?? null;
  const admin = isAdmin(user);

  return (
    <div className="page">
      <PageHeader
        title="Customer-experience policy"
        subtitle="The service staff promise customers. Every staff member reads and accepts each version."
        actions={
          admin &&
          !publishing && (
            <Button variant="primary" onClick={() => setPublishing(true)}>
              Publish new version
            </Button>
          )
        }
      />
      {publishing && (
        <PublishForm
          next={(items[0]?.number ?? 0) + 1}
          onCancel={() => setPublishing(false)}
          onPublished={(p) => {
            setPublishing(false);
            setSelectedId(p.id);
            toast.show(`Version ${p.number} published`);
            void versions.reload();
            gate.recheck();
          }}
        />
      )}
      {versions.error != null && !versions.data ? (
        <LoadError title="Could not load the policy." error={versions.error} onRetry={() => void versions.reload()} />
      ) : !versions.data ? (
        <Loading label="Loading the policy…" />
      ) : !selected ? (
        <EmptyState title="No policy published yet">{admin ? 'Publish the first version for your staff to read and accept.' : 'An administrator publishes it.'}</EmptyState>
      ) : (
        <div className="cx-layout">
          <section className="card" aria-labelledby="cx-current">
            <h2 className="section-title" id="cx-current">
              {selected.title}{' '}
              <Badge tone={selected.id === items[0].id ? 'green' : 'neutral'}>
                Version {selected.number}
                {selected.id === items[0].id ? ' (current)' : ''}
              </Badge>
            </h2>
            <p className="muted cx-meta">
              Published {formatDateTime(selected.published_at)} by <UserName id={selected.published_by} />
            </p>
            <CxPolicyView policy={selected} />
          </section>
          <div className="cx-side">
            <Card id="cx-acks" title="Acknowledgements">
              <AcknowledgementList policy={selected} />
            </Card>
            <Card id="cx-versions" title="Versions">
              <ul className="cx-versions">
                {items.map((p) => (
                  <li key={p.id}>
                    <button type="button" className="link-button" aria-current={p.id === selected.id || undefined} onClick={() => setSelectedId(p.id)}>
                      Version {p.number}: {p.title}
                    </button>
                    <span className="muted">{formatDateTime(p.published_at)}</span>
                  </li>
                ))}
              </ul>
            </Card>
          </div>
        </div>
      )}
    </div>
  );
}
