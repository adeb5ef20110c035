// One case: number and subject, its customer, status actions (Open, Pending, Resolve,
// Close, Reopen — each a PATCH with If-Match, so a change made meanwhile by someone else
// is refused with a Reload offer), priority and owner, the conversation with the reply
// box (a public reply or an internal note), the service-level clocks with live
// countdowns, attachments, the sales-lead hand-off, opportunities raised from the case
// ("Create opportunity") and the case's history.
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { formatDateTime, humanize } from '../../lib/format';
import { useDocumentTitle } from '../../lib/hooks';
import { errorMessage } from '../../lib/http';
import {
  CASE_PRIORITIES,
  CaseAttachments,
  CaseConversation,
  CaseHistory,
  caseRef,
  handSalesLead,
  nextStatuses,
  PriorityBadge,
  ReplyBox,
  SlaBadge,
  SlaClocks,
  StatusBadge,
  updateCase,
  useCase,
  type Case,
  type CaseInput,
  type CasePriority,
  type CaseStatus,
} from '../../modules/cases';
import { ContactLink } from '../../modules/contacts';
import { CaseOpportunities } from '../../modules/opportunities';
import { canWrite, UserSelect } from '../../modules/users';
import { actionFailure, ActionFailureAlert, Alert, Button, Card, DetailList, Field, Options, PageHeader, RecordLoadState, Section, Select, useToast, type ActionFailure } from '../../ui';
import { useAuth } from '../auth';

const STATUS_ACTION: Record<CaseStatus, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  resolved: 'Resolve',
  closed: 'Close',
};

function actionLabel(from: CaseStatus, to: CaseStatus): string {
  return to === 'open' && (from === 'resolved' || from === 'closed') ? 'Reopen' : STATUS_ACTION[to];
}

const STALE = 'This case was changed by someone else since you opened it. Reload to see their changes, then try again.';

function SalesLeadCard({ value: c, onDone }: { value: Case; onDone: () => void }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  async function hand() {
    setBusy(true);
    setFailure(null);
    try {
      await handSalesLead(c.id);
      toast.show('Sales lead handed to the customer’s owner');
      onDone();
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card id="case-sales" title="Sales">
      {failure && <Alert tone="warning">{failure}</Alert>}
      <p className="muted card-text">Spotted a chance to sell? Give the customer&apos;s owner a sales-lead task.</p>
      <Button size="sm" onClick={() => void hand()} busy={busy}>
        Hand sales lead to owner
      </Button>
    </Card>
  );
}

export function CasePage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const toast = useToast();
  const { data: c, loading, error, reload, set: setCase } = useCase(id);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  // Bumped after every change, so the history (and the conversation) load again.
  const [refresh, setRefresh] = useState(0);
  useDocumentTitle(c ? `${caseRef(c)} ${c.subject}` : 'Case');

  if (loading || error || !c) {
    return <RecordLoadState loading={loading} error={error} noun="case" title="Case" back={{ to: '/cases', label: 'Cases' }} />;
  }

  const writable = canWrite(user) && !c.archived_at;

  async function change(patch: CaseInput, what: string, done: string) {
    if (!c) return;
    setBusy(what);
    setFailure(null);
    try {
      const saved = await updateCase(c.id, patch, c.version);
      setCase(saved);
      setRefresh((k) => k + 1);
      toast.show(done);
    } catch (e) {
      setFailure(actionFailure(e, STALE));
    } finally {
      setBusy(null);
    }
  }

  async function reloadCase() {
    setFailure(null);
    await reload();
    setRefresh((k) => k + 1);
  }

  const statusActions =
    writable &&
    nextStatuses(c.status).map((to) => {
      const label = actionLabel(c.status, to);
      return (
        <Button
          key={to}
          variant={to === 'resolved' ? 'primary' : 'secondary'}
          busy={busy === `status-${to}`}
          disabled={busy !== null}
          onClick={() => void change({ status: to }, `status-${to}`, `${caseRef(c)}: ${humanize(to)}`)}
        >
          {label}
        </Button>
      );
    });

  return (
    <div className="page page-wide">
      <PageHeader
        back={{ to: '/cases', label: 'Cases' }}
        title={
          <>
            <span className="case-ref">{caseRef(c)}</span> {c.subject}
          </>
        }
        subtitle={
          <span className="case-subtitle">
            <ContactLink id={c.contact_id} />
            <span>
              {humanize(c.kind)} by {c.channel}, opened {formatDateTime(c.opened_at)}
            </span>
          </span>
        }
        actions={statusActions}
      />
      <div className="case-badges" role="group" aria-label="Case state">
        <StatusBadge status={c.status} />
        <PriorityBadge priority={c.priority} />
        {c.sla_policy_id && <SlaBadge state={c.sla_state} />}
      </div>
      {failure && <ActionFailureAlert failure={failure} onReload={() => void reloadCase()} />}

      <div className="case-layout">
        <div className="case-main">
          {c.description && (
            <Card id="case-description" title="Description">
              <p className="pre-line">{c.description}</p>
            </Card>
          )}
          <Section id="case-messages" title="Conversation" className="case-conversation">
            <CaseConversation caseId={c.id} refreshKey={refresh} />
          </Section>
          {writable && c.status !== 'closed' && (
            <ReplyBox
              caseId={c.id}
              onPosted={(m) => {
                setCase(m.case);
                setRefresh((k) => k + 1);
                toast.show(m.public ? (m.emailed ? 'Reply sent to the customer by email' : 'Reply added') : 'Internal note added');
              }}
            />
          )}
        </div>

        <aside className="case-side">
          <Card id="case-details" title="Details">
            <div className="case-controls">
              <Field label="Priority">
                <Select
                  value={c.priority}
                  disabled={!writable || busy !== null}
                  onChange={(e) => void change({ priority: e.target.value as CasePriority }, 'priority', `Priority: ${humanize(e.target.value)}`)}
                >
                  <Options options={CASE_PRIORITIES} />
                </Select>
              </Field>
              <Field label="Owner">
                <UserSelect
                  value={c.owner_id}
                  emptyLabel="Unassigned"
                  disabled={!writable || busy !== null}
                  onChange={(owner) => void change({ owner_id: owner }, 'owner', owner ? 'Owner changed' : 'Case unassigned')}
                />
              </Field>
            </div>
            <DetailList
              items={[
                { label: 'Assignment', value: c.assignment_reason, wide: true },
                { label: 'Kind', value: humanize(c.kind) },
                { label: 'Channel', value: humanize(c.channel) },
                { label: 'Opened', value: formatDateTime(c.opened_at) },
                { label: 'Closed', value: formatDateTime(c.closed_at) },
              ]}
            />
          </Card>
          <SlaClocks value={c} />
          <CaseAttachments caseId={c.id} writable={writable} refreshKey={refresh} onUploaded={(a) => {
            toast.show(`${a.filename} attached`);
            setRefresh((k) => k + 1);
          }} />
          {writable && <SalesLeadCard value={c} onDone={() => setRefresh((k) => k + 1)} />}
          <CaseOpportunities caseId={c.id} subject={c.subject} writable={writable} />
          <CaseHistory caseId={c.id} refreshKey={refresh} />
        </aside>
      </div>
    </div>
  );
}
