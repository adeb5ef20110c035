// Service-level policies (/api/v1/sla-policies): first response and resolution targets in
// business minutes, for cases of one priority (and optionally one kind), counted in the
// policy's weekly business hours, time zone and holidays.
import type { CaseKind, CasePriority } from '../cases/types';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** One opening interval, local "HH:MM" to "HH:MM" ("24:00" closes at midnight). */
export type Interval = [string, string];

export interface BusinessHours {
  /** An IANA zone, e.g. Europe/Oslo. */
  tz: string;
  week: Record<Weekday, Interval[]>;
}

/** The fields a person edits: a create or update body, and a policy as sent. */
export interface SlaPolicyInput {
  name: string;
  priority: CasePriority;
  /** null: every kind of that priority. */
  kind: CaseKind | null;
  first_response_minutes: number;
  resolution_minutes: number;
  business_hours: BusinessHours;
  /** Local dates, YYYY-MM-DD. */
  holidays: string[];
}

export interface SlaPolicy extends SlaPolicyInput {
  id: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** POST /sla-policies/preview: when the clocks of a case opened at `opened_at` would warn and be due. */
export interface SlaPreview {
  opened_at: string;
  tz: string;
  first_response_warn_at: string | null;
  first_response_due_at: string | null;
  resolution_warn_at: string | null;
  resolution_due_at: string | null;
}
