// Interactions (a call, a meeting, an email with a customer) as /api/v1/interactions
// sends them, the contact-pressure status of a contact, and "needs attention" entries.
import type { Contact } from '../contacts/types';

export const CHANNELS = ['phone', 'email', 'meeting', 'visit', 'letter', 'video', 'chat', 'sms', 'social', 'portal', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Sentiment −2…2, with words for the picker. */
export const SENTIMENTS: { value: string; label: string }[] = [
  { value: '-2', label: '−2 Very negative' },
  { value: '-1', label: '−1 Negative' },
  { value: '0', label: '0 Neutral' },
  { value: '1', label: '+1 Positive' },
  { value: '2', label: '+2 Very positive' },
];

/** Outcomes people often type; the field is free text. The failed ones feed "Needs attention". */
export const OUTCOME_SUGGESTIONS = ['answered', 'left_message', 'no_answer', 'meeting_booked', 'order', 'resolved', 'failed', 'complaint', 'lost'] as const;

export interface Interaction {
  id: string;
  contact_id: string;
  user_id: string | null;
  channel: Channel;
  direction: Direction;
  occurred_at: string;
  subject: string | null;
  notes: string | null;
  /** The notes as HTML, made safe by the server (no raw HTML; only http(s)/mailto links). */
  notes_html: string | null;
  outcome: string | null;
  sentiment: number | null;
  override_reason: string | null;
  task_id: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** What a create body (or the `interaction` of a task completion) may carry. */
export interface InteractionInput {
  contact_id?: string;
  channel: Channel;
  direction: Direction;
  occurred_at?: string;
  subject?: string;
  notes?: string;
  outcome?: string;
  sentiment?: number;
  override_reason?: string;
}

export const INTERACTION_FIELDS = ['channel', 'direction', 'occurred_at', 'subject', 'notes', 'outcome', 'sentiment', 'override_reason'] as const;

/** GET /contacts/{id}/pressure: outbound touches in the window around a time. */
export interface Pressure {
  contact_id: string;
  /** null when the cap is off. */
  limit: number | null;
  window_days: number;
  count: number;
  /** null when the cap is off. */
  remaining: number | null;
  /** When the next outbound touch becomes possible; null when one is possible now. */
  frees_at: string | null;
}

/** The members of a 409 contact-pressure problem. */
export interface PressureConflict {
  limit: number | null;
  window_days: number | null;
  count: number | null;
}

/** One customer on GET /attention, with why it needs attention. */
export interface AttentionItem {
  contact: Contact;
  reasons: { rule: string; detail: string }[];
}
