// Shared helpers for the OpenAPI tests (not a test file itself: node --test only runs
// *.test.mjs here). No npm dependencies.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const openapiFile = join(repoRoot, 'docs', 'openapi.yaml');

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const indentOf = (line) => line.length - line.trimStart().length;

// The key of a block-mapping line (`key:` or `key: value`), unquoted, and the rest of the
// line after the colon; null if the line is not a mapping entry.
function mappingEntry(text) {
  const m = /^(?:'((?:[^']|'')*)'|"((?:[^"\\]|\\.)*)"|([^\s'"#][^:#]*?))\s*:(?:\s+(.*)|$)/.exec(text);
  if (!m) return null;
  const key = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2] !== undefined ? m[2] : m[3];
  const rest = (m[4] ?? '').replace(/^#.*$/, '').trim();
  return { key, rest };
}

// Reads the operations of an OpenAPI YAML document as a sorted array of 'METHOD /path'
// strings, from the `paths:` block: path keys one level below `paths:`, method keys one
// level below each path. Block style only (which is how docs/openapi.yaml is written);
// anything it cannot read makes it throw rather than silently miss an operation.
export function documentedOperations(text = readFileSync(openapiFile, 'utf8')) {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^paths:\s*(#.*)?$/.test(l));
  if (start < 0) throw new Error('no top-level `paths:` block in the OpenAPI document');

  const ops = new Set();
  let pathIndent = -1;
  let methodIndent = -1;
  let currentPath = null;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = indentOf(line);
    if (indent === 0) break; // next top-level key: end of `paths:`
    if (line.slice(0, indent).includes('\t')) throw new Error(`tab indentation at line ${i + 1}`);

    if (pathIndent < 0) pathIndent = indent;
    if (indent < pathIndent) throw new Error(`unexpected indentation at line ${i + 1}: ${line}`);

    if (indent === pathIndent) {
      const entry = mappingEntry(trimmed);
      if (entry === null) throw new Error(`cannot read path key at line ${i + 1}: ${line}`);
      if (entry.key.startsWith('x-')) { currentPath = null; continue; } // extension
      if (!entry.key.startsWith('/')) throw new Error(`path key not starting with / at line ${i + 1}: ${line}`);
      if (entry.rest !== '') throw new Error(`inline path item not supported at line ${i + 1}: ${line}`);
      currentPath = entry.key;
      methodIndent = -1;
      continue;
    }

    if (currentPath === null) continue;
    if (methodIndent < 0) methodIndent = indent;
    if (indent === methodIndent) {
      const entry = mappingEntry(trimmed);
      if (entry === null) throw new Error(`cannot read key at line ${i + 1}: ${line}`);
      const key = entry.key;
      if (key === '$ref') throw new Error(`$ref path items are not supported (line ${i + 1})`);
      if (HTTP_METHODS.includes(key.toLowerCase())) ops.add(`${key.toUpperCase()} ${currentPath}`);
    }
  }
  return [...ops].sort();
}

// Replaces the names of path parameters: '/a/{id}' -> '/a/{}'.
export const shape = (op) => op.replace(/\{[^}]*\}/g, '{}');
