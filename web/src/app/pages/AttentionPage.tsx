// Needs attention: customers whose recent interactions show trouble (several negative or
// failed ones, or gone quiet for much longer than usual), each with its reasons and a
// link to the contact (GET /attention, all owners or only mine). Managers also find
// "Reassign customers" here: moving one owner's customers to another.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useDocumentTitle, usePagedList } from '../../lib/hooks';
import { contactInitials, contactName, KindBadge, PhaseBadge, ReassignCustomersDialog } from '../../modules/contacts';
import { listAttention, type AttentionItem } from '../../modules/interactions';
import { UserName } from '../../modules/users';
import { Avatar, Badge, Button, EmptyState, PageHeader, PagedListView, type BadgeTone } from '../../ui';
import { useAuth } from '../auth';
import { OwnerToolbar, useMineOnly } from '../components/OwnerToolbar';

const RULES: Record<string, { label: string; tone: BadgeTone }> = {
  negative: { label: 'Negative interactions', tone: 'red' },
  silence: { label: 'Gone quiet', tone: 'amber' },
};

export function AttentionPage() {
  useDocumentTitle('Needs attention');
  const { user } = useAuth();
  const mine = useMineOnly();
  const manager = user?.role === 'manager' || user?.role === 'admin';
  const [reassigning, setReassigning] = useState(false);
  const list = usePagedList<AttentionItem>(mine ? 'mine' : 'all', (cursor, signal) =>
    listAttention({ owner_id: mine ? 'me' : undefined, limit: 50, cursor }, signal),
  );

  return (
    <div className="page">
      <PageHeader
        title="Needs attention"
        subtitle="Customers whose recent interactions show trouble, and why."
        actions={
          manager && (
            <Button onClick={() => setReassigning(true)} variant="secondary">
              Reassign customers
            </Button>
          )
        }
      />
      <OwnerToolbar />

      <PagedListView
        list={list}
        one="customer"
        many="customers"
        errorTitle="Could not load the list."
        loadingLabel="Looking for customers who need attention…"
        empty={
          <EmptyState title={mine ? 'None of your customers need attention' : 'No customer needs attention'}>
            Customers show up here after repeated negative or failed interactions, or a long silence.
          </EmptyState>
        }
      >
        <ul className={list.loading ? 'attention-list table-busy' : 'attention-list'} aria-label="Customers who need attention">
          {list.items.map(({ contact, reasons }) => (
            <li key={contact.id} className="attention-item">
              <div className="attention-who">
                <Avatar text={contactInitials(contact)} seed={contact.id} size={32} />
                <div className="name-cell-text">
                  <Link className="row-link" to={`/contacts/${encodeURIComponent(contact.id)}`}>
                    {contactName(contact)}
                  </Link>
                  <span className="attention-meta">
                    <PhaseBadge phase={contact.phase} />
                    <KindBadge kind={contact.kind} />
                    <span className="muted">
                      Owner: <UserName id={contact.owner_id} />
                    </span>
                  </span>
                </div>
              </div>
              <ul className="attention-reasons" aria-label={`Why ${contactName(contact)} needs attention`}>
                {reasons.map((r, i) => {
                  const rule = RULES[r.rule] ?? { label: r.rule, tone: 'neutral' as BadgeTone };
                  return (
                    <li key={`${r.rule}-${i}`}>
                      <Badge tone={rule.tone}>{rule.label}</Badge>
                      <span>{r.detail}</span>
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
      </PagedListView>

      {manager && <ReassignCustomersDialog open={reassigning} onClose={() => setReassigning(false)} onMoved={() => list.reload()} />}
    </div>
  );
}
