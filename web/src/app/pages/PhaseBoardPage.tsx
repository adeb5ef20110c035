// The phase board: one column per relationship phase, cards are contacts (the first 50
// of each phase, GET /contacts?phase=X, optionally only the user's own). A card moves by
// dragging it to another column (HTML5 drag and drop) or with its "Move to…" select
// (keyboard and touch); either way a dialog asks for the reason and POSTs
// /contacts/{id}/phase. The card moves when that succeeds; the dialog shows any error.
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { humanize } from '../../lib/format';
import { useDocumentTitle } from '../../lib/hooks';
import { isAbort } from '../../lib/http';
import {
  contactName,
  KindBadge,
  listContacts,
  PHASES,
  PhaseBadge,
  PhaseMoveDialog,
  type Contact,
  type Phase,
} from '../../modules/contacts';
import { canWrite, UserName } from '../../modules/users';
import { BoardCard, BoardColumn, PageHeader, useBoardDrag, useToast, type BoardCardDrag } from '../../ui';
import { useAuth } from '../auth';
import { OwnerToolbar, useMineOnly } from '../components/OwnerToolbar';

const PAGE = 50;

interface Column {
  items: Contact[];
  loading: boolean;
  error: unknown;
  more: boolean;
}

type Columns = Record<Phase, Column>;

function emptyColumns(): Columns {
  return Object.fromEntries(PHASES.map((p) => [p, { items: [], loading: true, error: null, more: false }])) as unknown as Columns;
}

function byName(a: Contact, b: Contact): number {
  return contactName(a).localeCompare(contactName(b));
}

function PhaseCard({ contact, writable, drag, onMoveTo }: { contact: Contact; writable: boolean; drag: BoardCardDrag; onMoveTo: (phase: Phase) => void }) {
  return (
    <BoardCard
      name={contactName(contact)}
      to={`/contacts/${encodeURIComponent(contact.id)}`}
      writable={writable}
      drag={drag}
      data={{ 'data-contact-id': contact.id }}
      targets={PHASES.filter((p) => p !== contact.phase).map((p) => ({ value: p, label: humanize(p) }))}
      onMoveTo={(p) => onMoveTo(p as Phase)}
    >
      <span className="board-card-meta">
        <KindBadge kind={contact.kind} />
        {contact.owner_id && (
          <span className="muted board-card-owner">
            <UserName id={contact.owner_id} />
          </span>
        )}
      </span>
    </BoardCard>
  );
}

export function PhaseBoardPage() {
  useDocumentTitle('Phase board');
  const { user } = useAuth();
  const toast = useToast();
  const writable = canWrite(user);
  const mine = useMineOnly();
  const [columns, setColumns] = useState<Columns>(emptyColumns);
  const [generation, setGeneration] = useState(0);
  const [moving, setMoving] = useState<{ contact: Contact; target: Phase } | null>(null);

  useEffect(() => {
    const ac = new AbortController();
    setColumns((cols) => Object.fromEntries(PHASES.map((p) => [p, { ...cols[p], loading: true, error: null }])) as unknown as Columns);
    for (const phase of PHASES) {
      listContacts({ phase, owner_id: mine ? user?.id : undefined, sort: 'name', limit: PAGE }, ac.signal).then(
        (page) => {
          if (ac.signal.aborted) return;
          setColumns((cols) => ({ ...cols, [phase]: { items: page.items, loading: false, error: null, more: page.next_cursor !== null } }));
        },
        (error) => {
          if (isAbort(error) || ac.signal.aborted) return;
          setColumns((cols) => ({ ...cols, [phase]: { items: [], loading: false, error, more: false } }));
        },
      );
    }
    return () => ac.abort();
  }, [mine, user?.id, generation]);

  function find(id: string): Contact | undefined {
    for (const p of PHASES) {
      const c = columns[p].items.find((x) => x.id === id);
      if (c) return c;
    }
    return undefined;
  }

  function moved(c: Contact, from: Phase) {
    setColumns((cols) => {
      const next = { ...cols, [from]: { ...cols[from], items: cols[from].items.filter((x) => x.id !== c.id) } };
      const to = next[c.phase];
      next[c.phase] = { ...to, items: [...to.items.filter((x) => x.id !== c.id), c].sort(byName) };
      return next;
    });
  }

  const drag = useBoardDrag<Contact, Phase>(find, (c, phase) => {
    if (c.phase !== phase) setMoving({ contact: c, target: phase });
  });

  return (
    <div className="page page-wide">
      <PageHeader
        title="Phase board"
        subtitle={writable ? 'Drag a card to another phase, or use its “Move to…” menu.' : 'Where each relationship stands.'}
      />
      <OwnerToolbar />

      <div className="board">
        {PHASES.map((phase) => {
          const col = columns[phase];
          const headingId = `board-${phase}`;
          return (
            <BoardColumn
              key={phase}
              headingId={headingId}
              title={<PhaseBadge phase={phase} />}
              drop={drag.column(phase)}
              data={{ 'data-phase': phase }}
              count={col.items.length}
              more={col.more}
              loading={col.loading}
              error={col.error}
              onRetry={() => setGeneration((g) => g + 1)}
              noun="contacts"
              listLabel={`${humanize(phase)} contacts`}
              empty={`No contacts in ${humanize(phase).toLowerCase()}.`}
              footer={
                col.more && (
                  <Link className="board-more subtle-link" to={`/contacts?phase=${phase}`}>
                    Showing the first {PAGE}. See all in Contacts
                  </Link>
                )
              }
            >
              {col.items.map((c) => (
                <PhaseCard key={c.id} contact={c} writable={writable} drag={drag.card(c)} onMoveTo={(target) => setMoving({ contact: c, target })} />
              ))}
            </BoardColumn>
          );
        })}
      </div>

      <PhaseMoveDialog
        contact={moving?.contact ?? null}
        target={moving?.target}
        onClose={() => setMoving(null)}
        onMoved={(c) => {
          const from = moving?.contact.phase ?? c.phase;
          setMoving(null);
          moved(c, from);
          toast.show(`${contactName(c)} moved to ${humanize(c.phase)}`);
        }}
      />
    </div>
  );
}
