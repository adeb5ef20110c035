// The "Opportunities" card of a case page: the opportunities raised from this case
// (GET /opportunities?source_case_id=) and "Create opportunity", which raises one for the
// case's customer (POST /cases/{id}/opportunity).
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatMoney } from '../../../lib/money';
import { Button, Card, LoadError, Spinner, useToast } from '../../../ui';
import { useOpportunityList } from '../hooks';
import { NewOpportunityDialog } from './NewOpportunityDialog';
import { StageBadge } from './StageBadge';

export function CaseOpportunities({ caseId, subject, writable }: { caseId: string; subject: string; writable: boolean }) {
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const list = useOpportunityList({ source_case_id: caseId, sort: '-created_at' }, 20);
  return (
    <Card id="case-opportunities" title="Opportunities">
      {list.error != null && <LoadError title="Could not load the opportunities." error={list.error} onRetry={list.reload} />}
      {list.loading && list.items.length === 0 ? (
        <Spinner size={14} />
      ) : list.items.length === 0 ? (
        <p className="muted card-text">No opportunity was raised from this case.</p>
      ) : (
        <ul className="opportunity-list" aria-label="Opportunities from this case">
          {list.items.map((o) => (
            <li key={o.id}>
              <Link to={`/opportunities/${encodeURIComponent(o.id)}`}>{o.title}</Link>
              <span className="opportunity-list-meta">
                <StageBadge stage={o.stage} /> {formatMoney(o.amount_minor, o.currency)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {writable && (
        <Button size="sm" onClick={() => setCreating(true)}>
          Create opportunity
        </Button>
      )}
      <NewOpportunityDialog
        open={creating}
        fromCase={{ id: caseId, subject }}
        onClose={() => setCreating(false)}
        onCreated={(o) => {
          setCreating(false);
          toast.show(`Opportunity “${o.title}” created`);
          list.reload();
        }}
      />
    </Card>
  );
}
