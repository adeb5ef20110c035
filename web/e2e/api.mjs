// A tiny API client for the tests' own setup and for changing records behind the
// browser's back: bearer-token requests, as an integration would make them.
import assert from 'node:assert/strict';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './server.mjs';

export async function apiLogin(baseUrl, email, password) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(res.status, 200, `login as ${email}: ${res.status} ${await res.clone().text()}`);
  const body = await res.json();
  assert.ok(body.token, 'login answers a token');
  return body.token;
}

export function apiClient(baseUrl, token) {
  return async function api(method, path, body, headers = {}) {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, body: json, headers: res.headers };
  };
}

/** A client signed in as the admin that `hearth init` made. */
export async function adminClient(baseUrl) {
  return apiClient(baseUrl, await apiLogin(baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD));
}

/** POSTs `body` to `path`, asserts 201 and returns the created record. */
export async function create(api, path, body) {
  const r = await api('POST', path, body);
  assert.equal(r.status, 201, `POST ${path} ${JSON.stringify(body)}: ${JSON.stringify(r.body)}`);
  return r.body;
}
