// Display helpers for dates and enum values; no domain knowledge.

const dateFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** `2024-03-05` (a date without time) → "5 Mar 2024", read as a calendar date, not UTC midnight. */
export function formatDate(ymd: string | null | undefined): string {
  if (!ymd) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  return dateFmt.format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** An RFC 3339 timestamp → its local date ("9 Nov 2026"). */
export function formatDay(ts: string | null | undefined): string {
  if (!ts) return '';
  const d = new Date(ts);
  return Number.isNaN(d.getTime()) ? ts : dateFmt.format(d);
}

/** An RFC 3339 timestamp → local date and time. */
export function formatDateTime(ts: string | null | undefined): string {
  if (!ts) return '';
  const d = new Date(ts);
  return Number.isNaN(d.getTime()) ? ts : dateTimeFmt.format(d);
}

/** "3 minutes ago"-style text for recent timestamps, the date after a week. */
export function formatRelative(ts: string | null | undefined): string {
  if (!ts) return '';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const secs = Math.round((Date.now() - d.getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  if (secs < 45) return 'just now';
  if (secs < 3600) return rtf.format(-Math.round(secs / 60), 'minute');
  if (secs < 86400) return rtf.format(-Math.round(secs / 3600), 'hour');
  if (secs < 7 * 86400) return rtf.format(-Math.round(secs / 86400), 'day');
  return dateFmt.format(d);
}

/** `self_service` → "Self service". */
export function humanize(value: string | null | undefined): string {
  if (!value) return '';
  const s = value.replace(/[_-]+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Today as YYYY-MM-DD in local time (for `max` on date inputs). */
export function todayYmd(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** A Date as the value of an <input type="datetime-local"> ("2026-11-28T14:05"), in local time. */
export function toLocalInput(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}T${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** A local "YYYY-MM-DDTHH:mm" (datetime-local) → RFC 3339 UTC; null when it is not a time. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A local date (YYYY-MM-DD) and an optional time (HH:mm, default 09:00) → RFC 3339 UTC. */
export function localDateTimeToIso(ymd: string, hm?: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return null;
  const t = /^(\d{2}):(\d{2})$/.exec(hm ?? '') ?? [null, '09', '00'];
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(t[1]), Number(t[2]));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Tomorrow as YYYY-MM-DD in local time. */
export function tomorrowYmd(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** A length of time for countdowns: "2d 4h", "3h 05m", "12m 30s", "45s". */
export function formatDuration(ms: number): string {
  const secs = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const d = Math.floor(secs / 86400);
  const h = Math.floor((secs % 86400) / 3600);
  const m = Math.floor((secs % 3600) / 60);
  const s = secs % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${pad2(m)}m`;
  if (m > 0) return `${m}m ${pad2(s)}s`;
  return `${s}s`;
}

/** Business minutes as people say them: 45 → "45 min", 90 → "1 h 30 min", 480 → "8 h". */
export function formatMinutes(min: number | null | undefined): string {
  if (min === null || min === undefined) return '';
  const h = Math.floor(min / 60);
  const m = Math.round(min % 60);
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** An RFC 3339 timestamp as weekday, date and time in the IANA zone `tz` ("Mon 23 Nov 2026, 09:30"). */
export function formatInZone(ts: string | null | undefined, tz: string): string {
  if (!ts) return '';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  try {
    return new Intl.DateTimeFormat(undefined, {
      timeZone: tz,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(d);
  } catch {
    return formatDateTime(ts);
  }
}

/** A date `days` from today as YYYY-MM-DD in local time (negative: in the past). */
export function daysFromTodayYmd(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}
