#!/usr/bin/env node
// Development: bundles and runs the given node:test files (test/node, test/e2e)
// the way `npm test` does, e.g. `node scripts/dev/node-test.mjs test/e2e/security.e2e.test.ts`.
// The e2e suites need `npm run build` first.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = `${root}build/dev-tests`;
const entryPoints = process.argv.slice(2).map((f) => resolve(f));
await build({
  entryPoints,
  outdir: out,
  outbase: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  tsconfig: `${root}tsconfig.json`,
  logLevel: 'warning',
});
const files = entryPoints.map((f) => f.replace(root, `${out}/`).replace(/\.ts$/, '.mjs'));
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_PATH: `${root}node_modules` },
});
process.exit(r.status ?? 1);
