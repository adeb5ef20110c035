// The one place in the web app that talks HTTP. Every API call goes through `request`,
// which adds the session's CSRF token to state-changing requests, sends/reads JSON, and
// turns any non-2xx answer (RFC 9457 problem+json, or anything else) into an `ApiError`.
// A 401 from any call except those marked `authProbe` tells the registered handler, which
// sends the user back to sign-in. File uploads use `rawBody`; `downloadFile` fetches a
// file (a CSV export) with the session and hands it to the browser as a download.

/** One field problem from a 422 (or 409) answer: `field` is a path like `email` or `tags[2]`. */
export interface FieldError {
  field: string;
  message: string;
}

/** The problem+json body as the server sends it; extra members (existing_id, …) kept. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  request_id?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** A failed API call. `type` is the problem slug (`validation`, `duplicate-email`, …). */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];
  readonly problem: Problem;
  readonly requestId?: string;
  /** Seconds, from `Retry-After` on a 429. */
  readonly retryAfter?: number;

  constructor(status: number, problem: Problem, headers?: Headers) {
    const title = problem.title ?? (status === 0 ? 'Network error' : `HTTP ${status}`);
    const detail = problem.detail ?? title;
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    // "/problems/duplicate-email" → "duplicate-email"; "about:blank" or missing → "".
    this.type = (problem.type ?? '').split('/').filter(Boolean).pop() ?? '';
    if (this.type === 'about:blank') this.type = '';
    this.title = title;
    this.detail = detail;
    this.fieldErrors = Array.isArray(problem.errors) ? problem.errors : [];
    this.problem = problem;
    this.requestId = problem.request_id ?? headers?.get('X-Request-Id') ?? undefined;
    const ra = headers?.get('Retry-After');
    if (ra && /^\d+$/.test(ra)) this.retryAfter = Number(ra);
  }

  /** The field errors as a map field → first message (for forms). */
  fieldMap(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.fieldErrors) if (!(e.field in out)) out[e.field] = e.message;
    return out;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** True for the error fetch raises when its AbortSignal fires. */
export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

// The CSRF token lives in memory only: it comes from the login answer, or after a page
// reload from the `X-CSRF-Token` header of GET /api/v1/me.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let unauthorizedHandler: (() => void) | null = null;
/** Registers what to do when the session is gone (any 401). Returns an unregister function. */
export function onUnauthorized(handler: () => void): () => void {
  unauthorizedHandler = handler;
  return () => {
    if (unauthorizedHandler === handler) unauthorizedHandler = null;
  };
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A file sent as it is (an upload), with `contentType` as its type; in place of `body`. */
  rawBody?: Blob;
  /** Sends `If-Match: "<version>"`. */
  ifMatch?: number;
  /** Defaults to application/json; PATCH uses application/merge-patch+json. */
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** A 401 here is an answer to handle, not a lost session (login, the boot /me probe). */
  authProbe?: boolean;
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  headers: Headers;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Builds `/api/v1/contacts?q=…` from a path and a query, skipping empty values. */
export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function request<T>(
  method: string,
  path: string,
  opts: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  let body: string | Blob | undefined;
  if (opts.rawBody !== undefined) {
    headers['Content-Type'] = opts.contentType || 'application/octet-stream';
    body = opts.rawBody;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = opts.contentType ?? 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (opts.ifMatch !== undefined) headers['If-Match'] = `"${opts.ifMatch}"`;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      // API answers are live data: never reuse a cached copy (a Reload after a 412 must
      // see the other person's version).
      cache: 'no-store',
      signal: opts.signal,
    });
  } catch (e) {
    if (isAbort(e)) throw e;
    throw new ApiError(0, {
      title: 'Network error',
      detail: 'Could not reach the Hearth server. Check your connection and try again.',
    });
  }

  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }

  if (!res.ok) {
    const problem: Problem =
      parsed && typeof parsed === 'object' ? (parsed as Problem) : { title: res.statusText };
    const err = new ApiError(res.status, problem, res.headers);
    if (res.status === 401 && !opts.authProbe) unauthorizedHandler?.();
    throw err;
  }
  return { status: res.status, data: parsed as T, headers: res.headers };
}

export const http = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts).then((r) => r.data),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) =>
    request<T>('POST', path, { ...opts, body }).then((r) => r.data),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) =>
    request<T>('PUT', path, { ...opts, body }).then((r) => r.data),
  patch: <T>(path: string, body: unknown, opts?: RequestOptions) =>
    request<T>('PATCH', path, {
      contentType: 'application/merge-patch+json',
      ...opts,
      body,
    }).then((r) => r.data),
  del: (path: string, opts?: RequestOptions) => request<void>('DELETE', path, opts).then(() => undefined),
};

/**
 * GETs `path` (with the session) and hands the answer to the browser as a file download
 * named `filename` (a CSV export). Failures throw ApiError like every other call.
 */
export async function downloadFile(path: string, filename: string, query?: Query): Promise<void> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, {
      title: 'Network error',
      detail: 'Could not reach the Hearth server. Check your connection and try again.',
    });
  }
  if (!res.ok) {
    let problem: Problem = { title: res.statusText };
    try {
      problem = (await res.json()) as Problem;
    } catch {
      // Not problem+json: keep the status text.
    }
    if (res.status === 401) unauthorizedHandler?.();
    throw new ApiError(res.status, problem, res.headers);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A list page as every collection answers it. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** A short human sentence for an error, for banners. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) {
    if (e.status === 0) return e.detail;
    if (e.status === 403 && e.type === 'csrf') return 'Your session expired. Reload the page and sign in again.';
    if (e.status === 403) return 'You do not have permission to do that.';
    if (e.status === 404) return 'This record does not exist (or was removed).';
    if (e.status === 429)
      return e.retryAfter
        ? `Too many requests. Try again in ${e.retryAfter} seconds.`
        : 'Too many requests. Try again shortly.';
    if (e.status >= 500)
      return `The server had a problem${e.requestId ? ` (request ${e.requestId})` : ''}. Try again.`;
    return e.detail;
  }
  if (e instanceof Error) return e.message;
  return 'Something went wrong.';
}
