// Sorts a failed save into what a form shows: field errors next to fields, and at most
// one banner problem (a stale version, a duplicate, or plain messages).
import { splitFieldErrors } from './forms';
import { errorMessage, isApiError } from './http';

export type SaveProblem =
  | { kind: 'conflict'; currentVersion?: number }
  | { kind: 'duplicate'; existingId: string | null; detail: string }
  | { kind: 'message'; title?: string; messages: string[] };

export interface SaveFailure {
  fields: Record<string, string>;
  problem: SaveProblem | null;
}

export function classifySaveError(err: unknown, knownFields: readonly string[]): SaveFailure {
  if (!isApiError(err)) return { fields: {}, problem: { kind: 'message', messages: [errorMessage(err)] } };

  if (err.status === 412) {
    const cv = err.problem.current_version;
    return { fields: {}, problem: { kind: 'conflict', currentVersion: typeof cv === 'number' ? cv : undefined } };
  }

  const { fields, other } = splitFieldErrors(err, knownFields);

  if (err.status === 409 && err.type === 'duplicate-email') {
    const existing = err.problem.existing_id;
    return {
      fields: { ...fields, email: fields.email ?? 'Another contact already uses this email.' },
      problem: { kind: 'duplicate', existingId: typeof existing === 'string' ? existing : null, detail: err.detail },
    };
  }

  if (err.status === 422 || err.status === 400) {
    if (other.length === 0 && Object.keys(fields).length > 0) return { fields, problem: null };
    return {
      fields,
      problem: {
        kind: 'message',
        title: Object.keys(fields).length ? 'Some fields need attention.' : undefined,
        messages: other.length ? other : [err.detail],
      },
    };
  }

  return { fields, problem: { kind: 'message', messages: [errorMessage(err)] } };
}

/** The `existing_id` a 409 names (a SKU or external reference already in use), else null. */
export function existingIdOf(err: unknown): string | null {
  if (!isApiError(err) || err.status !== 409) return null;
  const id = err.problem.existing_id;
  return typeof id === 'string' ? id : null;
}
