// Lints docs/openapi.yaml with the real validator, Redocly CLI, using redocly.yaml at the
// repository root (the `recommended` ruleset plus a few stricter rules). Fails on any error.
//   node --test tests/openapi/
// Needs `npm ci --prefix web` (@redocly/cli is a devDependency of web/). REDOCLY_BIN
// overrides the binary.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './openapi-paths.mjs';

const redocly = process.env.REDOCLY_BIN || join(repoRoot, 'web', 'node_modules', '.bin', 'redocly');

test('redocly lint docs/openapi.yaml reports no errors', () => {
  assert.ok(existsSync(redocly),
    `${redocly} is missing: install the web dev dependencies (npm ci --prefix web)`);
  const result = spawnSync(redocly,
    ['lint', 'docs/openapi.yaml', '--config', 'redocly.yaml', '--format', 'codeframe'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
      },
    });
  assert.equal(result.error, undefined, `could not run ${redocly}: ${result.error}`);
  const output = `${result.stdout}\n${result.stderr}`;
  assert.equal(result.status, 0, `redocly lint failed (exit ${result.status}):\n${output}`);
  assert.match(output, /docs\/openapi\.yaml: validated/, `unexpected redocly output:\n${output}`);
});
