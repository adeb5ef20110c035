// Helpers for record forms: spreading a 422's field errors over the form's fields,
// computing a JSON merge patch of what changed, and moving focus to the first
// invalid field after a failed save. No domain knowledge.
import { useEffect, type RefObject } from 'react';
import type { ApiError } from './http';

export interface SplitErrors {
  /** form field → message, for fields the form shows. */
  fields: Record<string, string>;
  /** Messages for paths the form has no field for (shown above the form). */
  other: string[];
}

/** `tags[2]` → `tags`, `address.city` → `address`. */
export function fieldRoot(path: string): string {
  const m = /^[^.[\]]+/.exec(path);
  return m ? m[0] : path;
}

export function splitFieldErrors(err: ApiError, known: readonly string[]): SplitErrors {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const fe of err.fieldErrors) {
    const root = fieldRoot(fe.field ?? '');
    if (known.includes(root)) {
      if (!(root in fields)) fields[root] = fe.message;
    } else {
      other.push(fe.field ? `${fe.field}: ${fe.message}` : fe.message);
    }
  }
  return { fields, other };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The members of `next` that differ from `original` (a merge patch; null clears). */
export function mergePatch<T extends Record<string, unknown>>(original: T, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (!same(original[key] ?? null, next[key] ?? null)) out[key] = next[key];
  }
  return out;
}

/** Drops null and undefined members (for create bodies, so server defaults apply). */
export function withoutNulls<T extends Record<string, unknown>>(obj: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== null && v !== undefined) out[k as keyof T] = v as T[keyof T];
  return out;
}

/** '' → null, otherwise trimmed text. */
export function textOrNull(s: string): string | null {
  const t = s.trim();
  return t === '' ? null : t;
}

/** After errors arrive, focus the first control marked aria-invalid inside `form`. */
export function useFocusFirstError(form: RefObject<HTMLElement>, errors: Record<string, string>): void {
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    const el = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    el?.focus();
  }, [errors, form]);
}
