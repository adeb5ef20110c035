// The sales board: one column per pipeline stage (GET /settings/pipeline, won and lost
// last), cards are opportunities (the first 50 of each stage, optionally only mine) with
// their amount. A card moves by dragging it to another column or with its "Move to…"
// select (keyboard and touch); either way a PATCH with If-Match. Losing asks why first.
// A move over someone else's change is refused with a Reload offer.
import { useEffect, useState, type DragEvent } from 'react';
import { Link } from 'react-router-dom';
import { formatDate } from '../../lib/format';
import { useDocumentTitle } from '../../lib/hooks';
import { isAbort } from '../../lib/http';
import { formatMoney } from '../../lib/money';
import { contactName, useContactsById } from '../../modules/contacts';
import {
  isClosedStage,
  listOpportunities,
  LOST,
  LostReasonDialog,
  moveOpportunity,
  NewOpportunityDialog,
  stageName,
  usePipeline,
  type Opportunity,
  type PipelineStage,
} from '../../modules/opportunities';
import { canWrite } from '../../modules/users';
import { actionFailure, Alert, Button, ButtonLink, LoadError, Loading, PageHeader, Select, Spinner, useToast, type ActionFailure } from '../../ui';
import { useAuth } from '../auth';
import { OwnerToolbar, useMineOnly } from '../components/OwnerToolbar';

const PAGE = 50;
const STALE = 'This opportunity was changed by someone else since the board loaded. Reload the board, then try again.';

interface Column {
  items: Opportunity[];
  loading: boolean;
  error: unknown;
  more: boolean;
}

/** "NOK 12,000.00" for one currency; "NOK 1,000.00 + EUR 50.00" for several. */
function sumByCurrency(items: Opportunity[]): string {
  const sums = new Map<string, number>();
  for (const o of items) sums.set(o.currency, (sums.get(o.currency) ?? 0) + o.amount_minor);
  return Array.from(sums, ([c, m]) => formatMoney(m, c)).join(' + ');
}

interface CardProps {
  o: Opportunity;
  stages: PipelineStage[];
  customer: string | null;
  writable: boolean;
  dragging: boolean;
  onDragStart: (e: DragEvent<HTMLLIElement>) => void;
  onDragEnd: () => void;
  onMoveTo: (stage: string) => void;
}

function OpportunityCard({ o, stages, customer, writable, dragging, onDragStart, onDragEnd, onMoveTo }: CardProps) {
  return (
    <li
      className={dragging ? 'board-card board-card-dragging' : 'board-card'}
      draggable={writable}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      data-opportunity-id={o.id}
    >
      <Link className="row-link board-card-name" to={`/opportunities/${encodeURIComponent(o.id)}`} draggable={false}>
        {o.title}
      </Link>
      <span className="board-card-amount">{formatMoney(o.amount_minor, o.currency)}</span>
      <span className="board-card-meta muted">
        {customer && <span>{customer}</span>}
        {o.expected_close && !isClosedStage(o.stage) && <span>Close {formatDate(o.expected_close)}</span>}
        {o.status === 'lost' && o.lost_reason && <span>Lost: {o.lost_reason}</span>}
      </span>
      {writable && (
        <Select
          className="select-compact board-card-move"
          aria-label={`Move ${o.title} to…`}
          value=""
          onChange={(e) => {
            if (e.target.value) onMoveTo(e.target.value);
          }}
        >
          <option value="">Move to…</option>
          {stages
            .filter((s) => s.key !== o.stage)
            .map((s) => (
              <option key={s.key} value={s.key}>
                {s.name}
              </option>
            ))}
        </Select>
      )}
    </li>
  );
}

export function SalesBoardPage() {
  useDocumentTitle('Sales board');
  const { user } = useAuth();
  const toast = useToast();
  const writable = canWrite(user);
  const mine = useMineOnly();
  const pipeline = usePipeline();
  const stages = pipeline.stages;
  const [columns, setColumns] = useState<Record<string, Column>>({});
  const [generation, setGeneration] = useState(0);
  const [dragging, setDragging] = useState<Opportunity | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [losing, setLosing] = useState<Opportunity | null>(null);
  const [creating, setCreating] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const all = Object.values(columns).flatMap((c) => c.items);
  const contacts = useContactsById(all.map((o) => o.contact_id));
  const stageKeys = stages.map((s) => s.key).join(',');

  useEffect(() => {
    if (stages.length === 0) return;
    const ac = new AbortController();
    setColumns((cols) => Object.fromEntries(stages.map((s) => [s.key, { items: cols[s.key]?.items ?? [], loading: true, error: null, more: false }])));
    for (const s of stages) {
      listOpportunities(
        { stage: s.key, owner_id: mine ? user?.id : undefined, sort: isClosedStage(s.key) ? '-created_at' : 'expected_close', limit: PAGE },
        ac.signal,
      ).then(
        (page) => {
          if (!ac.signal.aborted) setColumns((cols) => ({ ...cols, [s.key]: { items: page.items, loading: false, error: null, more: page.next_cursor !== null } }));
        },
        (error) => {
          if (!isAbort(error) && !ac.signal.aborted) setColumns((cols) => ({ ...cols, [s.key]: { items: [], loading: false, error, more: false } }));
        },
      );
    }
    return () => ac.abort();
  }, [stageKeys, mine, user?.id, generation]);

  function find(id: string): Opportunity | undefined {
    return all.find((o) => o.id === id);
  }

  function placed(saved: Opportunity, from: string) {
    setColumns((cols) => {
      const next = { ...cols };
      if (next[from]) next[from] = { ...next[from], items: next[from].items.filter((x) => x.id !== saved.id) };
      const to = next[saved.stage];
      if (to) next[saved.stage] = { ...to, items: [saved, ...to.items.filter((x) => x.id !== saved.id)] };
      return next;
    });
  }

  async function move(o: Opportunity, stage: string) {
    setFailure(null);
    if (stage === o.stage) return;
    if (stage === LOST) {
      setLosing(o);
      return;
    }
    try {
      const saved = await moveOpportunity(o, stage);
      placed(saved, o.stage);
      toast.show(`${saved.title} moved to ${stageName(stages, saved.stage)}`);
    } catch (e) {
      setFailure(actionFailure(e, STALE));
    }
  }

  function dropOn(stage: string, e: DragEvent<HTMLElement>) {
    e.preventDefault();
    setOver(null);
    const id = e.dataTransfer.getData('text/plain') || dragging?.id;
    setDragging(null);
    const o = id ? find(id) : undefined;
    if (o) void move(o, stage);
  }

  function reloadBoard() {
    setFailure(null);
    setGeneration((g) => g + 1);
  }

  const actions = (
    <>
      <ButtonLink to="/sales/forecast">Forecast</ButtonLink>
      {writable && (
        <Button variant="primary" onClick={() => setCreating(true)}>
          New opportunity
        </Button>
      )}
    </>
  );

  return (
    <div className="page page-wide">
      <PageHeader
        title="Sales board"
        subtitle={writable ? 'Drag a card to another stage, or use its “Move to…” menu.' : 'Where each opportunity stands.'}
        actions={actions}
      />
      <OwnerToolbar />
      {failure && (
        <Alert
          tone={failure.stale ? 'warning' : 'danger'}
          actions={
            failure.stale && (
              <Button size="sm" onClick={reloadBoard}>
                Reload
              </Button>
            )
          }
        >
          {failure.text}
        </Alert>
      )}
      {pipeline.error != null ? (
        <LoadError title="Could not load the pipeline." error={pipeline.error} onRetry={pipeline.reload} />
      ) : pipeline.loading ? (
        <Loading label="Loading the pipeline…" />
      ) : (
        <div className="board" style={{ gridTemplateColumns: `repeat(${stages.length}, minmax(190px, 1fr))` }}>
          {stages.map((s) => {
            const col = columns[s.key] ?? { items: [], loading: true, error: null, more: false };
            const headingId = `stage-${s.key}`;
            return (
              <section
                key={s.key}
                className={over === s.key ? 'board-column board-column-over' : 'board-column'}
                aria-labelledby={headingId}
                data-stage={s.key}
                onDragOver={(e) => {
                  if (!dragging) return;
                  e.preventDefault();
                  e.dataTransfer.dropEffect = 'move';
                  if (over !== s.key) setOver(s.key);
                }}
                onDragLeave={(e) => {
                  if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver((v) => (v === s.key ? null : v));
                }}
                onDrop={(e) => dropOn(s.key, e)}
              >
                <div className="board-column-header">
                  <h2 className="board-column-title" id={headingId}>
                    {s.name} <span className="muted">{s.probability}%</span>
                  </h2>
                  <span className="count" aria-label={`${col.items.length}${col.more ? ' or more' : ''} opportunities`}>
                    {col.loading ? <Spinner size={12} /> : `${col.items.length}${col.more ? '+' : ''}`}
                  </span>
                </div>
                {col.items.length > 0 && <p className="board-column-sum">{sumByCurrency(col.items)}</p>}
                {col.error != null ? (
                  <LoadError title="Could not load." error={col.error} onRetry={() => setGeneration((g) => g + 1)} />
                ) : col.items.length === 0 && !col.loading ? (
                  <p className="board-empty muted">Nothing in {s.name.toLowerCase()}.</p>
                ) : (
                  <ul className="board-cards" aria-label={`${s.name} opportunities`}>
                    {col.items.map((o) => {
                      const c = o.contact_id ? contacts.get(o.contact_id) : undefined;
                      return (
                        <OpportunityCard
                          key={o.id}
                          o={o}
                          stages={stages}
                          customer={c ? contactName(c) : null}
                          writable={writable}
                          dragging={dragging?.id === o.id}
                          onDragStart={(e) => {
                            e.dataTransfer.setData('text/plain', o.id);
                            e.dataTransfer.effectAllowed = 'move';
                            setDragging(o);
                          }}
                          onDragEnd={() => {
                            setDragging(null);
                            setOver(null);
                          }}
                          onMoveTo={(stage) => void move(o, stage)}
                        />
                      );
                    })}
                  </ul>
                )}
                {col.more && <p className="board-more muted">Showing the first {PAGE}.</p>}
              </section>
            );
          })}
        </div>
      )}

      <LostReasonDialog
        opportunity={losing}
        onClose={() => setLosing(null)}
        onReload={reloadBoard}
        onLost={(saved) => {
          const from = losing?.stage ?? saved.stage;
          setLosing(null);
          placed(saved, from);
          toast.show(`${saved.title} marked as lost`);
        }}
      />
      <NewOpportunityDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(o) => {
          setCreating(false);
          toast.show(`Opportunity “${o.title}” created`);
          setGeneration((g) => g + 1);
        }}
      />
    </div>
  );
}
