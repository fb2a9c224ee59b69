// What an integrator who bundles the workspace gets (the ES module build in
// dist/, from `npm run build`): every bare import is a declared dependency,
// and the core entry does not pull in the card renderer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '../support/endpoint-process.js';

const pkg = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as {
  dependencies: Record<string, string>;
  exports: Record<string, string | { import: string; types: string }>;
};

/** The bare specifiers a built module and the chunks it imports (relatively) reach. */
function bareImports(file: string, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  if (seen.has(file)) return out;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  // static imports and re-exports, and dynamic import("…") (the card SDK is loaded lazily)
  const specs = [
    ...code.matchAll(/(?:import|export)\s*(?:[^'"]*?from\s*)?["']([^"']+)["']/g),
    ...code.matchAll(/\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g),
  ];
  for (const m of specs) {
    const spec = m[1] as string;
    if (spec.startsWith('.')) {
      for (const s of bareImports(join(dirname(file), spec), seen)) out.add(s);
    } else
      out.add(
        spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec),
      );
  }
  return out;
}

const entry = (name: string) => {
  const e = pkg.exports[name];
  assert.ok(e && typeof e === 'object', `package.json exports ${name}`);
  return join(repoRoot, e.import);
};

/**
 * Declared without being imported: lit-html, pinned to the release whose repeat()
 * removes what it drops (package.json "//"; lit imports it, and integrators get
 * that release when their tree allows it).
 */
const PINNED_ONLY = ['lit-html'];

test('the ES module entries import exactly the declared dependencies', () => {
  const used = new Set([...bareImports(entry('.')), ...bareImports(entry('./core'))]);
  assert.deepEqual([...used, ...PINNED_ONLY].sort(), Object.keys(pkg.dependencies).sort());
});

test('the core entry leaves the card renderer out; the card-tile entry brings it', () => {
  const core = bareImports(entry('./core'));
  assert.ok(!core.has('adaptivecards') && !core.has('micromark'), [...core].join(' '));
  const card = bareImports(entry('./card-tile'));
  assert.ok(card.has('adaptivecards') && card.has('micromark'));
});
