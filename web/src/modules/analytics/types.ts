// The purchase analyses as /api/v1/analytics/… answers them: one customer's value (purchase
// intervals, RFM, BG/NBD and Gamma-Gamma model, CLV, health, offer-next), the RFM grid and
// segments, the CLV model, customers due to buy again, and product affinity. Every answer
// says when it was computed and the date it stands on.

/** What every analytics answer carries. */
export interface Computed {
  as_of: string;
  computed_at: string;
  data_version: number;
  /** The data changed since: a newer answer is being computed (the server's background job). */
  stale: boolean;
  /** The analytics currency (the setting, or the currency of most orders); null without orders. */
  currency: string | null;
}

export type DueStatus = 'none' | 'not_due' | 'due' | 'overdue';
export type HealthBand = 'healthy' | 'watch' | 'at_risk';

export interface CustomerPurchases {
  orders: number;
  purchase_days: number | null;
  first_purchase: string | null;
  last_purchase: string | null;
  total_minor: number | null;
  average_minor: number | null;
}

export interface PurchaseInterval {
  usual_days: number | null;
  next_due: string | null;
  days_overdue: number | null;
  status: DueStatus;
}

export interface ProductRhythm {
  product_id: string;
  sku: string;
  name: string;
  purchases: number;
  last_purchase: string | null;
  usual_days: number | null;
  next_due: string | null;
  days_overdue: number | null;
  status: DueStatus;
}

export interface RfmScore {
  recency_days: number;
  frequency: number;
  monetary_minor: number;
  r: number;
  f: number;
  m: number;
  score: string | number;
  segment: string;
}

export interface CustomerModel {
  x: number;
  t_x: number;
  T: number;
  p_alive: number;
  expected_purchases: number;
  horizon_weeks: number;
  expected_spend_minor: number;
  clv_minor: number;
}

export interface HealthReason {
  factor: string;
  /** Points added to (positive) or taken from (negative) the score. */
  effect: number;
  detail: string;
}

export interface Health {
  score: number;
  band: HealthBand;
  reasons: HealthReason[];
  drifting: boolean;
  suggested_phase: 'dissolution' | null;
}

export interface Recommendation {
  product_id: string;
  sku: string;
  name: string;
  score: number;
  /** The SKUs the customer bought that lead to this one. */
  because: string[];
  confidence: number;
  lift: number;
  /** The customer already buys this product and, by its own rhythm for it, is due to buy it again. */
  due_again: boolean;
}

export interface CustomerAnalytics extends Computed {
  contact_id: string;
  purchases: CustomerPurchases;
  interval: PurchaseInterval;
  products: ProductRhythm[];
  rfm: RfmScore | null;
  model: CustomerModel | null;
  health: Health | null;
  recommendations: Recommendation[];
}

export interface RfmSegment {
  segment: string;
  customers: number;
  share: number;
  monetary_minor: number;
}

/** One cell of the R × F grid. Segments are read from R and FM (F and M together), so a cell has none. */
export interface RfmCell {
  r: number;
  f: number;
  customers: number;
  average_monetary_minor: number;
}

export interface RfmFlow {
  from: string | null;
  to: string | null;
  customers: number;
}

export interface RfmCustomer {
  contact_id: string;
  name: string;
  r: number;
  f: number;
  m: number;
  score: string;
  segment: string;
  recency_days: number;
  frequency: number;
  monetary_minor: number;
}

export interface RfmAnswer extends Computed {
  customers: number;
  segments: RfmSegment[];
  grid: RfmCell[];
  movement: { from: string; to: string; flows: RfmFlow[] };
  /** The values that earn scores 2, 3, 4 and 5. */
  thresholds: { recency_days: number[]; frequency: number[]; monetary_minor: number[] };
  /** With ?segment=: that segment's customers. */
  items?: RfmCustomer[];
  next_cursor?: string | null;
}

/** A customer by lifetime value; the model's figures are missing while there is no model (fewer than two repeat customers). */
export interface ClvCustomer extends Partial<CustomerModel> {
  contact_id: string;
  name: string;
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
  log_likelihood: number;
}

export interface ClvAnswer extends Computed {
  /** Null with fewer than two repeat customers. */
  model: {
    bgnbd: BgNbdParams;
    /** Null when the spend model cannot be fitted. */
    gamma_gamma: { p: number; q: number; gamma: number; log_likelihood: number } | null;
    customers: number;
    repeat_customers: number;
  } | null;
  settings: { horizon_weeks: number; annual_discount_rate: number; margin_percent: number };
  totals: { clv_minor: number; expected_purchases: number };
  distribution: { from_minor: number; to_minor: number; customers: number }[];
  /** The holdout check; null with fewer than ten repeat customers in the calibration period. */
  diagnostics: {
    calibration_end: string;
    holdout_end: string;
    holdout_weeks: number;
    /** BG/NBD fitted on the calibration period. */
    model: BgNbdParams;
    /** By repeat purchases in calibration, 0…6 and "7+" (x = 7). */
    by_frequency: { x: number; label: string; customers: number; actual: number; predicted: number }[];
  } | null;
  items: ClvCustomer[];
  next_cursor: string | null;
}

export interface AffinityProduct {
  product_id: string;
  sku: string;
  name: string;
}

export interface AffinityRule {
  antecedent: AffinityProduct[];
  consequent: AffinityProduct[];
  support: number;
  confidence: number;
  lift: number;
}

export interface AffinityAnswer extends Computed {
  baskets: number;
  /** All rules that pass the thresholds; `rules` holds the first `limit` of them. */
  rules_total: number;
  rules: AffinityRule[];
}

export interface DueCustomer {
  contact_id: string;
  name: string;
  owner_id: string | null;
  last_purchase: string | null;
  purchase_days: number;
  usual_days: number | null;
  next_due: string | null;
  days_overdue: number | null;
  status: DueStatus;
}

export interface DueAnswer extends Computed {
  items: DueCustomer[];
  next_cursor: string | null;
  /** Every customer due or overdue (the server counts the whole list, not only the filtered one). */
  total: number;
}

export interface DueParams {
  owner_id?: string;
  status?: 'due' | 'overdue';
}

/** The RFM segments in the order people read them, best first. */
export const RFM_SEGMENTS = [
  'champions',
  'loyal',
  'potential_loyalist',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose',
  'hibernating',
  'lost',
] as const;

const SEGMENT_NAMES: Record<string, string> = {
  champions: 'Champions',
  loyal: 'Loyal',
  potential_loyalist: 'Potential loyalist',
  new: 'New',
  promising: 'Promising',
  need_attention: 'Need attention',
  about_to_sleep: 'About to sleep',
  at_risk: 'At risk',
  cant_lose: "Can't lose",
  hibernating: 'Hibernating',
  lost: 'Lost',
};

export function segmentName(segment: string | null | undefined): string {
  if (!segment) return '—';
  return SEGMENT_NAMES[segment] ?? segment.replace(/_/g, ' ');
}

/** 0.1234 → "12.3%". */
export function formatPercent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return `${(share * 100).toFixed(digits)}%`;
}

/** A model figure with a few significant digits: 0.123456 → "0.123". */
export function formatFigure(n: number | null | undefined, digits = 3): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return Number(n.toPrecision(digits)).toLocaleString(undefined, { maximumFractionDigits: 6 });
}
