// One opportunity: title, customer and amount, its stage (changed in place with If-Match;
// losing asks why), probability, expected close, owner, the case it came from, and why
// it was lost.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { formatDate, formatDateTime, humanize } from '../../lib/format';
import { useDocumentTitle } from '../../lib/hooks';
import { formatMoney } from '../../lib/money';
import { ContactLink } from '../../modules/contacts';
import { LOST, LostReasonDialog, moveOpportunity, stageName, StageBadge, useOpportunity, usePipeline } from '../../modules/opportunities';
import { canWrite, UserName } from '../../modules/users';
import { actionFailure, ActionFailureAlert, Card, DetailList, Field, PageHeader, RecordLoadState, Select, useToast, type ActionFailure } from '../../ui';
import { useAuth } from '../auth';

const STALE = 'This opportunity was changed by someone else since you opened it. Reload to see their changes, then try again.';

export function OpportunityPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const toast = useToast();
  const { stages } = usePipeline();
  const { data: o, loading, error, reload, set } = useOpportunity(id);
  const [busy, setBusy] = useState(false);
  const [losing, setLosing] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  useDocumentTitle(o ? o.title : 'Opportunity');

  if (loading || error || !o) {
    return <RecordLoadState loading={loading} error={error} noun="opportunity" title="Opportunity" back={{ to: '/sales', label: 'Sales board' }} />;
  }
  const writable = canWrite(user);

  async function changeStage(stage: string) {
    if (!o) return;
    setFailure(null);
    if (stage === LOST) {
      setLosing(true);
      return;
    }
    setBusy(true);
    try {
      const saved = await moveOpportunity(o, stage);
      set(saved);
      toast.show(`Moved to ${stageName(stages, saved.stage)}`);
    } catch (e) {
      setFailure(actionFailure(e, STALE));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <PageHeader
        back={{ to: '/sales', label: 'Sales board' }}
        title={o.title}
        subtitle={
          <span className="case-subtitle">
            {o.contact_id && <ContactLink id={o.contact_id} />}
            <span>{formatMoney(o.amount_minor, o.currency)}</span>
          </span>
        }
      />
      <div className="case-badges" role="group" aria-label="Opportunity state">
        <StageBadge stage={o.stage} />
      </div>
      {failure && (
        <ActionFailureAlert
          failure={failure}
          onReload={() => {
            setFailure(null);
            void reload();
          }}
        />
      )}
      <div className="detail-grid">
        <Card id="opportunity-stage" title="Stage">
          <Field label="Stage">
            <Select value={o.stage} disabled={!writable || busy} onChange={(e) => void changeStage(e.target.value)}>
              {stages.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.name} ({s.probability}%)
                </option>
              ))}
              {!stages.some((s) => s.key === o.stage) && <option value={o.stage}>{o.stage}</option>}
            </Select>
          </Field>
          <DetailList
            items={[
              { label: 'Status', value: humanize(o.status) },
              { label: 'Probability', value: `${o.probability}%` },
              { label: 'Closed', value: formatDateTime(o.closed_at) },
              { label: 'Lost because', value: o.lost_reason, wide: true },
            ]}
          />
        </Card>
        <Card id="opportunity-details" title="Details">
          <DetailList
            items={[
              { label: 'Amount', value: formatMoney(o.amount_minor, o.currency) },
              { label: 'Expected close', value: formatDate(o.expected_close) },
              { label: 'Owner', value: <UserName id={o.owner_id} /> },
              { label: 'From case', value: o.source_case_id && <Link to={`/cases/${encodeURIComponent(o.source_case_id)}`}>Open the case</Link> },
              { label: 'Note', value: o.note, wide: true },
              { label: 'Created', value: formatDateTime(o.created_at) },
            ]}
          />
        </Card>
      </div>
      <LostReasonDialog
        opportunity={losing ? o : null}
        onClose={() => setLosing(false)}
        onReload={() => void reload()}
        onLost={(saved) => {
          setLosing(false);
          set(saved);
          toast.show('Marked as lost');
        }}
      />
    </div>
  );
}
