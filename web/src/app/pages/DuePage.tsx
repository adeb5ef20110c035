// Due purchases: the owners' work list — customers due (or overdue) to buy again by their
// usual interval (GET /analytics/due), each linked to the contact, with "Create follow-up
// tasks" for the ticked ones. Agents see their own customers (owner_id=me); managers start
// on their own too and may pick another owner or all of them (kept in the address as
// ?owner=<user id> or ?owner=all). The list is the one the analytics "Due now" tab shows.
import { useSearchParams } from 'react-router-dom';
import { useDocumentTitle } from '../../lib/hooks';
import { DueList } from '../../modules/analytics';
import { isManager } from '../../modules/users';
import { PageHeader } from '../../ui';
import { useCurrentUser } from '../auth';

export function DuePage() {
  useDocumentTitle('Due purchases');
  const user = useCurrentUser();
  const manager = isManager(user);
  const [params, setParams] = useSearchParams();
  const picked = params.get('owner');
  const owner = !manager ? 'me' : picked === 'all' ? null : picked || user.id;

  function pickOwner(id: string | null) {
    setParams(id === user.id ? {} : { owner: id ?? 'all' }, { replace: true });
  }

  return (
    <div className="page page-wide">
      <PageHeader
        title="Due purchases"
        subtitle={
          manager
            ? 'Customers due to buy again by their usual rhythm. Tick them to give their owners a follow-up call.'
            : 'Your customers who are due to buy again by their usual rhythm. Tick them to give yourself a follow-up call.'
        }
      />
      <DueList writable canRecompute={manager} owner={owner} onOwnerChange={manager ? pickOwner : undefined} />
    </div>
  );
}
