// Opportunities (a chance to sell, moving through the sales pipeline's stages) as
// /api/v1/opportunities sends them, the pipeline's stages from /settings/pipeline, and
// the forecast by month. Amounts are minor units in the opportunity's currency.
export interface PipelineStage {
  key: string;
  name: string;
  /** 0–100: how likely an opportunity in this stage is won. */
  probability: number;
}

export interface Pipeline {
  stages: PipelineStage[];
}

export type OpportunityStatus = 'open' | 'won' | 'lost';

export interface Opportunity {
  id: string;
  title: string;
  contact_id: string | null;
  company_id: string | null;
  stage: string;
  probability: number;
  amount_minor: number;
  currency: string;
  expected_close: string | null;
  owner_id: string | null;
  source_case_id: string | null;
  status: OpportunityStatus;
  lost_reason: string | null;
  closed_at: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface OpportunityInput {
  title?: string;
  contact_id?: string | null;
  company_id?: string | null;
  stage?: string;
  probability?: number;
  amount_minor?: number;
  currency?: string;
  expected_close?: string | null;
  owner_id?: string | null;
  source_case_id?: string | null;
  lost_reason?: string | null;
  note?: string | null;
}

export const OPPORTUNITY_FIELDS = [
  'title',
  'contact_id',
  'company_id',
  'stage',
  'probability',
  'amount_minor',
  'currency',
  'expected_close',
  'owner_id',
  'source_case_id',
  'lost_reason',
  'note',
] as const;

export interface OpportunityListParams {
  stage?: string;
  status?: OpportunityStatus;
  owner_id?: string;
  contact_id?: string;
  company_id?: string;
  source_case_id?: string;
  sort?: 'expected_close' | '-expected_close' | 'amount_minor' | '-amount_minor' | 'created_at' | '-created_at';
}

export interface ForecastFigures {
  open_count: number;
  pipeline_minor: number;
  weighted_minor: number;
  won_minor: number;
  lost_minor: number;
}

export interface ForecastMonth extends ForecastFigures {
  /** YYYY-MM */
  month: string;
}

export interface Forecast {
  currency: string | null;
  months: ForecastMonth[];
  totals: ForecastFigures;
  /** Opportunities in other currencies, left out of this answer. */
  other_currencies?: number | Record<string, unknown>;
}

export interface ForecastParams {
  /** YYYY-MM */
  from?: string;
  to?: string;
  owner_id?: string;
  currency?: string;
}

/** The stages the last two of which are always won and lost. */
export const WON = 'won';
export const LOST = 'lost';

export function isClosedStage(key: string): boolean {
  return key === WON || key === LOST;
}

/** "2026-12" → "Dec 2026". */
export function formatMonth(ym: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return ym;
  return new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric' }).format(new Date(Number(m[1]), Number(m[2]) - 1, 1));
}
