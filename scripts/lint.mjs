#!/usr/bin/env node
// One lint command: eslint (typescript-eslint, lit, lit-a11y, wc), lit-analyzer,
// tsc --noEmit and prettier --check. Runs all four, fails if any fails.
//
// lit-analyzer runs strict with one rule off: `no-invalid-css` uses a CSS
// language service from 2020 that rejects container queries, color-scheme and
// field-sizing. Its template and binding checks all stay on.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => `${root}node_modules/.bin/${name}`;

const steps = [
  ['tsc --noEmit', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  ['eslint', bin('eslint'), ['.', '--max-warnings', '0']],
  ['lit-analyzer', bin('lit-analyzer'), ['src', '--strict', '--rules.no-invalid-css', 'off']],
  ['prettier --check', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
];

let failed = 0;
for (const [name, cmd, args] of steps) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8' });
  const ok = r.status === 0;
  if (!ok) failed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} lint: ${name}`);
  if (!ok) process.stdout.write(`${r.stdout ?? ''}${r.stderr ?? ''}\n`);
}
process.exit(failed ? 1 : 0);
