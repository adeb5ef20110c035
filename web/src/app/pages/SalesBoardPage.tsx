// The sales board: one column per pipeline stage (GET /settings/pipeline, won and lost
// last), cards are opportunities (the first 50 of each stage, optionally only mine) with
// their amount. A card moves by dragging it to another column or with its "Move to…"
// select (keyboard and touch); either way a PATCH with If-Match. Losing asks why first.
// A move over someone else's change is refused with a Reload offer.
import { useEffect, useState } from 'react';
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
import {
  actionFailure,
  ActionFailureAlert,
  BoardCard,
  BoardColumn,
  Button,
  ButtonLink,
  LoadError,
  Loading,
  PageHeader,
  useBoardDrag,
  useToast,
  type ActionFailure,
  type BoardCardDrag,
} from '../../ui';
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
  drag: BoardCardDrag;
  onMoveTo: (stage: string) => void;
}

function OpportunityCard({ o, stages, customer, writable, drag, onMoveTo }: CardProps) {
  return (
    <BoardCard
      name={o.title}
      to={`/opportunities/${encodeURIComponent(o.id)}`}
      writable={writable}
      drag={drag}
      data={{ 'data-opportunity-id': o.id }}
      targets={stages.filter((s) => s.key !== o.stage).map((s) => ({ value: s.key, label: s.name }))}
      onMoveTo={onMoveTo}
    >
      <span className="board-card-amount">{formatMoney(o.amount_minor, o.currency)}</span>
      <span className="board-card-meta muted">
        {customer && <span>{customer}</span>}
        {o.expected_close && !isClosedStage(o.stage) && <span>Close {formatDate(o.expected_close)}</span>}
        {o.status === 'lost' && o.lost_reason && <span>Lost: {o.lost_reason}</span>}
      </span>
    </BoardCard>
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

  const drag = useBoardDrag<Opportunity, string>(find, (o, stage) => void move(o, stage));

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
      {failure && <ActionFailureAlert failure={failure} onReload={reloadBoard} />}
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
              <BoardColumn
                key={s.key}
                headingId={headingId}
                title={
                  <>
                    {s.name} <span className="muted">{s.probability}%</span>
                  </>
                }
                drop={drag.column(s.key)}
                data={{ 'data-stage': s.key }}
                count={col.items.length}
                more={col.more}
                loading={col.loading}
                error={col.error}
                onRetry={() => setGeneration((g) => g + 1)}
                noun="opportunities"
                listLabel={`${s.name} opportunities`}
                empty={`Nothing in ${s.name.toLowerCase()}.`}
                summary={col.items.length > 0 && <p className="board-column-sum">{sumByCurrency(col.items)}</p>}
                footer={col.more && <p className="board-more muted">Showing the first {PAGE}.</p>}
              >
                {col.items.map((o) => {
                  const c = o.contact_id ? contacts.get(o.contact_id) : undefined;
                  return (
                    <OpportunityCard
                      key={o.id}
                      o={o}
                      stages={stages}
                      customer={c ? contactName(c) : null}
                      writable={writable}
                      drag={drag.card(o)}
                      onMoveTo={(stage) => void move(o, stage)}
                    />
                  );
                })}
              </BoardColumn>
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
