// Money as the API sends it: integer minor units (øre, cents) plus an ISO 4217 currency.
// Formatting and parsing go through Intl.NumberFormat, which knows each currency's number
// of decimals (NOK 2, JPY 0), so no float ever reaches the server.

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, compact = false): Intl.NumberFormat | null {
  const key = `${currency}|${compact}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, compact
        ? { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }
        : { style: 'currency', currency });
    } catch {
      return null; // not a currency Intl knows
    }
    formatters.set(key, f);
  }
  return f;
}

/** How many decimals a currency's minor unit has (2 for NOK and EUR, 0 for JPY). */
export function minorDigits(currency: string): number {
  return formatter(currency)?.resolvedOptions().maximumFractionDigits ?? 2;
}

/** Minor units as a number of major units (1250, NOK → 12.5), for charts. */
export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

/** 125000, "NOK" → "NOK 1,250.00" (in the browser's locale). Empty for null. */
export function formatMoney(minor: number | null | undefined, currency: string | null | undefined): string {
  if (minor === null || minor === undefined) return '';
  if (!currency) return String(minor);
  const f = formatter(currency);
  if (!f) return `${currency} ${(minor / 100).toFixed(2)}`;
  return f.format(toMajor(minor, currency));
}

/** A short form for chart axes: "NOK 12K". */
export function formatMoneyCompact(minor: number, currency: string): string {
  const f = formatter(currency, true);
  return f ? f.format(toMajor(minor, currency)) : formatMoney(minor, currency);
}

/**
 * Text typed in major units ("1250", "12.50", "12,5", "1 250.00") → minor units, or null
 * when it is not an amount with at most the currency's decimals. Done on the digits, not
 * with floats, so 0.29 is 29 and never 28.999….
 */
export function parseMoney(text: string, currency: string): number | null {
  const t = text.replace(/[\s\u00a0]/g, '');
  if (t === '') return null;
  // One decimal separator: the last "." or ","; a "," beside a later "." is a thousands separator.
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:[.,](\d*))?$/.exec(t);
  if (!m || (m[1] === undefined && !m[2])) return null;
  const digits = minorDigits(currency);
  const whole = (m[1] ?? '0').replace(/,/g, '');
  const frac = m[2] ?? '';
  if (frac.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number((frac + '0'.repeat(digits)).slice(0, digits) || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units as text for an input in major units: 1250, NOK → "12.50". */
export function minorToInput(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '';
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const s = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${minor < 0 ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/** The currencies offered in pickers; any other ISO code can still be typed where free text is allowed. */
export const COMMON_CURRENCIES = ['NOK', 'SEK', 'DKK', 'EUR', 'USD', 'GBP'] as const;
