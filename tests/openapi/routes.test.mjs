// Checks that the routes the server registers and the operations in docs/openapi.yaml are
// the same set: `hearth routes` prints one `METHOD /path/{param}` a line.
//   node --test tests/openapi/
// HEARTH_BIN overrides the binary (default build/hearth).
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { documentedOperations, repoRoot, shape } from './openapi-paths.mjs';

const hearth = process.env.HEARTH_BIN || join(repoRoot, 'build', 'hearth');
const ROUTE_LINE = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|TRACE)\s+(\/\S*)$/;

let cachedRoutes;
function registeredRoutes() {
  if (cachedRoutes) return cachedRoutes;
  assert.ok(existsSync(hearth), `${hearth} is missing: build the server first (or set HEARTH_BIN)`);
  const result = spawnSync(hearth, ['routes'], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(result.error, undefined, `could not run ${hearth} routes: ${result.error}`);
  assert.equal(result.status, 0,
    `${hearth} routes exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
  const lines = result.stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const malformed = lines.filter((l) => !ROUTE_LINE.test(l));
  assert.deepEqual(malformed, [], 'lines of `hearth routes` that are not `METHOD /path`');
  const routes = lines.map((l) => { const [, m, p] = ROUTE_LINE.exec(l); return `${m} ${p}`; });
  const duplicates = routes.filter((r, i) => routes.indexOf(r) !== i);
  assert.deepEqual(duplicates, [], 'routes printed more than once');
  assert.ok(routes.length > 0, '`hearth routes` printed no routes');
  cachedRoutes = routes.sort();
  return cachedRoutes;
}

// For a route missing on one side, mention a route on the other side that differs only in
// the names of its path parameters.
function explain(missing, other) {
  return missing.map((op) => {
    const near = other.find((o) => shape(o) === shape(op));
    return near ? `${op} (the other side has ${near}: parameter names differ)` : op;
  });
}

test('docs/openapi.yaml operations can be read', () => {
  const ops = documentedOperations();
  assert.ok(ops.length > 0, 'no operations found under paths:');
  assert.ok(ops.includes('GET /healthz'), 'GET /healthz not found; the paths: reader is broken');
});

test('every route the server registers is documented in docs/openapi.yaml', () => {
  const documented = documentedOperations();
  const undocumented = registeredRoutes().filter((r) => !documented.includes(r));
  assert.deepEqual(explain(undocumented, documented), [],
    'routes registered by the server but missing from docs/openapi.yaml');
});

test('every operation in docs/openapi.yaml is registered by the server', () => {
  const routes = registeredRoutes();
  const unregistered = documentedOperations().filter((op) => !routes.includes(op));
  assert.deepEqual(explain(unregistered, routes), [],
    'operations documented in docs/openapi.yaml but not registered by the server');
});
