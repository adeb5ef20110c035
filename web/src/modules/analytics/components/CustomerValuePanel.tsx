// The "Value" panel of a contact's page, from GET /analytics/customers/{id}: what the
// customer bought and how often, when the next purchase is due, the RFM segment, the
// model's probability that they are still a customer, expected purchases and lifetime
// value, a health score with its reasons (and, when the relationship is drifting, a
// button that moves the contact to dissolution through POST /contacts/{id}/phase, with
// the health reasons as the reason kept in the phase history), and which products to
// offer next (a product the customer already buys and is due to buy again is marked so,
// not offered as new). A customer without purchases gets a short note instead of empty
// figures.
import { useState } from 'react';
import { formatDate } from '../../../lib/format';
import { useResource } from '../../../lib/hooks';
import { errorMessage } from '../../../lib/http';
import { formatMoney } from '../../../lib/money';
import { Alert, Badge, Button, Card, DetailList, EmptyState, Figure, LoadError, Loading, Section, Table } from '../../../ui';
import { moveContactPhase } from '../../contacts/api';
import type { Contact } from '../../contacts/types';
import { getCustomerAnalytics } from '../api';
import { formatFigure, formatPercent, segmentName, type CustomerAnalytics, type Health, type ProductRhythm, type Recommendation } from '../types';
import { DueBadge, HealthBadge } from './AnalyticsBadges';
import { ComputedNote } from './ComputedNote';

export interface CustomerValuePanelProps {
  contact: Contact;
  writable: boolean;
  canRecompute: boolean;
  /** After "Move to dissolution" saved the contact. */
  onContactChanged: (c: Contact) => void;
  /** Bumped when something that changes the analysis happened on the page. */
  refreshKey?: number;
}

/** The server keeps a phase change's reason up to 500 characters. */
const REASON_MAX = 500;

/**
 * Why the contact is moved to dissolution, for its phase history: "Drifting: " and the
 * health reasons, e.g. "Drifting: 18% likely to still be buying; no purchase for 200
 * days, usually every 30 days".
 */
function driftReason(health: Health): string {
  const details = health.reasons
    .map((r) => r.detail.trim().replace(/; /g, ', '))
    .filter(Boolean)
    .map((d) => d.charAt(0).toLowerCase() + d.slice(1));
  const text = details.length > 0 ? `Drifting: ${details.join('; ')}` : `Drifting: health score ${Math.round(health.score)} of 100`;
  const chars = Array.from(text);
  return chars.length <= REASON_MAX ? text : `${chars.slice(0, REASON_MAX - 1).join('')}…`;
}

function HealthCard({ health, contact, writable, onContactChanged }: { health: Health } & Omit<CustomerValuePanelProps, 'canRecompute' | 'refreshKey'>) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const suggest = health.drifting && health.suggested_phase === 'dissolution' && contact.phase !== 'dissolution';

  // POST /contacts/{id}/phase, as the phase dialog and board move contacts: it records the
  // reason in the phase history and on the timeline. The route takes no If-Match (the
  // API checks versions only on PATCH and DELETE); moving to the phase the contact is
  // already in changes nothing.
  async function dissolve() {
    setBusy(true);
    setFailure(null);
    try {
      onContactChanged(await moveContactPhase(contact.id, 'dissolution', driftReason(health)));
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card id="value-health" title="Health">
      <div className="health-score">
        <meter min={0} max={100} low={40} high={70} optimum={100} value={health.score} aria-label="Health score">
          {health.score}
        </meter>
        <span className="figure-value">{Math.round(health.score)}</span>
        <span className="muted">/ 100</span>
        <HealthBadge band={health.band} />
      </div>
      {health.reasons.length > 0 && (
        <ul className="health-reasons" aria-label="Why this score">
          {health.reasons.map((r, i) => (
            <li key={`${r.factor}-${i}`}>
              <span className={r.effect < 0 ? 'health-effect text-danger' : 'health-effect'}>{r.effect > 0 ? `+${r.effect}` : r.effect}</span> {r.detail}
            </li>
          ))}
        </ul>
      )}
      {suggest && (
        <Alert tone="warning" title="This relationship is drifting." className="drift-alert">
          <p>The signs suggest moving the contact to the dissolution phase.</p>
          {writable && (
            <Button size="sm" busy={busy} onClick={() => void dissolve()}>
              Move to dissolution
            </Button>
          )}
        </Alert>
      )}
      {failure && (
        <Alert tone="danger" title="Could not move the contact.">
          {failure}
        </Alert>
      )}
    </Card>
  );
}

function OfferNext({ recommendations }: { recommendations: Recommendation[] }) {
  return (
    <Card id="value-offer" title="Offer next">
      {recommendations.length === 0 ? (
        <p className="muted card-text">Nothing to suggest yet: too few customers bought alongside what this customer bought.</p>
      ) : (
        <ul className="offer-list" aria-label="Products to offer next">
          {recommendations.map((r) => (
            <li key={r.product_id}>
              <span className="offer-name">
                {r.name} <code className="sku">{r.sku}</code>
                {r.due_again && (
                  <>
                    {' '}
                    <Badge tone="amber">due again</Badge>
                  </>
                )}
              </span>
              <span className="offer-because muted">
                Because they bought {r.because.join(', ')} · confidence {formatPercent(r.confidence, 0)} · lift {formatFigure(r.lift)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Rhythm({ data }: { data: CustomerAnalytics }) {
  const i = data.interval;
  const currency = data.currency;
  return (
    <Card id="value-rhythm" title="Purchase rhythm">
      <DetailList
        items={[
          { label: 'Usual interval', value: i.usual_days !== null ? `Every ${Math.round(i.usual_days)} days` : 'Not enough purchases yet' },
          { label: 'Next due', value: i.next_due && formatDate(i.next_due) },
          {
            label: 'Status',
            value: (
              <span className="inline-actions">
                <DueBadge status={i.status} />
                {i.days_overdue !== null && i.days_overdue > 0 && <span className="muted">{i.days_overdue} days overdue</span>}
              </span>
            ),
          },
          { label: 'RFM segment', value: data.rfm && `${segmentName(data.rfm.segment)} (R ${data.rfm.r} · F ${data.rfm.f} · M ${data.rfm.m})` },
          { label: 'Probability alive', value: data.model && formatPercent(data.model.p_alive, 0) },
          {
            label: 'Expected purchases',
            value: data.model && `${formatFigure(data.model.expected_purchases)} in the next ${data.model.horizon_weeks} weeks`,
          },
          { label: 'Lifetime value (CLV)', value: data.model && currency && formatMoney(data.model.clv_minor, currency) },
        ]}
      />
    </Card>
  );
}

function ProductsBought({ products }: { products: ProductRhythm[] }) {
  if (products.length === 0) return null;
  return (
    <Table<ProductRhythm>
      label="Products bought"
      rows={products}
      rowKey={(p) => p.product_id}
      columns={[
        { key: 'name', header: 'Product', primary: true, render: (p) => `${p.name} (${p.sku})` },
        { key: 'purchases', header: 'Purchases', align: 'right', render: (p) => p.purchases },
        { key: 'last', header: 'Last', render: (p) => formatDate(p.last_purchase) },
        { key: 'usual', header: 'Usual interval', align: 'right', render: (p) => (p.usual_days !== null ? `${Math.round(p.usual_days)} days` : '—') },
        { key: 'next', header: 'Next due', render: (p) => formatDate(p.next_due) },
        {
          key: 'status',
          header: 'Status',
          render: (p) => (
            <span className="inline-actions">
              <DueBadge status={p.status} />
              {p.days_overdue !== null && p.days_overdue > 0 && <span className="muted">{p.days_overdue} days overdue</span>}
            </span>
          ),
        },
      ]}
    />
  );
}

export function CustomerValuePanel(props: CustomerValuePanelProps) {
  const { contact, canRecompute, refreshKey = 0 } = props;
  const res = useResource<CustomerAnalytics>(`${contact.id}|${refreshKey}`, (signal) => getCustomerAnalytics(contact.id, { signal }));
  const [recomputing, setRecomputing] = useState(false);
  const [recomputeError, setRecomputeError] = useState<unknown>(null);
  const data = res.data;

  async function recompute() {
    setRecomputing(true);
    setRecomputeError(null);
    try {
      res.set(await getCustomerAnalytics(contact.id, { refresh: true }));
    } catch (e) {
      setRecomputeError(e);
    } finally {
      setRecomputing(false);
    }
  }

  let body;
  if (res.error != null && !data) {
    body = <LoadError title="Could not load this customer's value." error={res.error} onRetry={() => void res.reload()} />;
  } else if (!data) {
    body = <Loading label="Loading the customer's value…" />;
  } else {
    const p = data.purchases;
    const currency = data.currency;
    const money = (m: number | null) => (m === null || !currency ? '—' : formatMoney(m, currency));
    body = (
      <>
        <ComputedNote computed={data} canRecompute={canRecompute} recomputing={recomputing} recomputeError={recomputeError} onRecompute={() => void recompute()} />
        {p.orders === 0 ? (
          <EmptyState title="No purchases yet">Once this customer has orders, their purchase rhythm, value and health show here.</EmptyState>
        ) : (
          <>
            <dl className="figures" aria-label="Purchases">
              <Figure label="Orders" value={String(p.orders)} note={p.purchase_days !== null ? `on ${p.purchase_days} days` : undefined} />
              <Figure label="Total spent" value={money(p.total_minor)} note={p.average_minor !== null ? `average ${money(p.average_minor)}` : undefined} />
              <Figure label="First purchase" value={formatDate(p.first_purchase) || '—'} />
              <Figure label="Last purchase" value={formatDate(p.last_purchase) || '—'} />
            </dl>
            <div className="value-grid">
              <Rhythm data={data} />
              {data.health && <HealthCard {...props} health={data.health} />}
              <OfferNext recommendations={data.recommendations} />
            </div>
            <ProductsBought products={data.products} />
          </>
        )}
        {p.orders === 0 && data.health && (
          <div className="value-grid">
            <HealthCard {...props} health={data.health} />
          </div>
        )}
      </>
    );
  }

  return (
    <Section id="contact-value" title="Value">
      {body}
    </Section>
  );
}
