// The phase board: one column per relationship phase, cards are contacts (the first 50
// of each phase, GET /contacts?phase=X, optionally only the user's own). A card moves by
// dragging it to another column (HTML5 drag and drop) or with its "Move to…" select
// (keyboard and touch); either way a dialog asks for the reason and POSTs
// /contacts/{id}/phase. The card moves when that succeeds; the dialog shows any error.
import { useEffect, useState, type DragEvent } from 'react';
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
import { LoadError, PageHeader, Select, Spinner, useToast } from '../../ui';
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

interface CardProps {
  contact: Contact;
  writable: boolean;
  dragging: boolean;
  onDragStart: (e: DragEvent<HTMLLIElement>) => void;
  onDragEnd: () => void;
  onMoveTo: (phase: Phase) => void;
}

function Card({ contact, writable, dragging, onDragStart, onDragEnd, onMoveTo }: CardProps) {
  const name = contactName(contact);
  return (
    <li
      className={dragging ? 'board-card board-card-dragging' : 'board-card'}
      draggable={writable}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      data-contact-id={contact.id}
    >
      <Link className="row-link board-card-name" to={`/contacts/${encodeURIComponent(contact.id)}`} draggable={false}>
        {name}
      </Link>
      <span className="board-card-meta">
        <KindBadge kind={contact.kind} />
        {contact.owner_id && (
          <span className="muted board-card-owner">
            <UserName id={contact.owner_id} />
          </span>
        )}
      </span>
      {writable && (
        <Select
          className="select-compact board-card-move"
          aria-label={`Move ${name} to…`}
          value=""
          onChange={(e) => {
            if (e.target.value) onMoveTo(e.target.value as Phase);
          }}
        >
          <option value="">Move to…</option>
          {PHASES.filter((p) => p !== contact.phase).map((p) => (
            <option key={p} value={p}>
              {humanize(p)}
            </option>
          ))}
        </Select>
      )}
    </li>
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
  const [dragging, setDragging] = useState<Contact | null>(null);
  const [over, setOver] = useState<Phase | null>(null);
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

  function dropOn(phase: Phase, e: DragEvent<HTMLElement>) {
    e.preventDefault();
    setOver(null);
    const id = e.dataTransfer.getData('text/plain') || dragging?.id;
    setDragging(null);
    const c = id ? find(id) : undefined;
    if (c && c.phase !== phase) setMoving({ contact: c, target: phase });
  }

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
            <section
              key={phase}
              className={over === phase ? 'board-column board-column-over' : 'board-column'}
              aria-labelledby={headingId}
              data-phase={phase}
              onDragOver={(e) => {
                if (!dragging) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
                if (over !== phase) setOver(phase);
              }}
              onDragLeave={(e) => {
                if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver((o) => (o === phase ? null : o));
              }}
              onDrop={(e) => dropOn(phase, e)}
            >
              <div className="board-column-header">
                <h2 className="board-column-title" id={headingId}>
                  <PhaseBadge phase={phase} />
                </h2>
                <span className="count" aria-label={`${col.items.length}${col.more ? ' or more' : ''} contacts`}>
                  {col.loading ? <Spinner size={12} /> : `${col.items.length}${col.more ? '+' : ''}`}
                </span>
              </div>
              {col.error != null ? (
                <LoadError title="Could not load." error={col.error} onRetry={() => setGeneration((g) => g + 1)} />
              ) : col.items.length === 0 && !col.loading ? (
                <p className="board-empty muted">No contacts in {humanize(phase).toLowerCase()}.</p>
              ) : (
                <ul className="board-cards" aria-label={`${humanize(phase)} contacts`}>
                  {col.items.map((c) => (
                    <Card
                      key={c.id}
                      contact={c}
                      writable={writable}
                      dragging={dragging?.id === c.id}
                      onDragStart={(e) => {
                        e.dataTransfer.setData('text/plain', c.id);
                        e.dataTransfer.effectAllowed = 'move';
                        setDragging(c);
                      }}
                      onDragEnd={() => {
                        setDragging(null);
                        setOver(null);
                      }}
                      onMoveTo={(target) => setMoving({ contact: c, target })}
                    />
                  ))}
                </ul>
              )}
              {col.more && (
                <Link className="board-more subtle-link" to={`/contacts?phase=${phase}`}>
                  Showing the first {PAGE}. See all in Contacts
                </Link>
              )}
            </section>
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
