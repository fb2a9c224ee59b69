#!/usr/bin/env node
// Development: bundles and runs the given node:test files (test/node, test/e2e)
// the way `npm test` does, e.g. `node scripts/dev/node-test.mjs test/e2e/security.e2e.test.ts`.
// The e2e suites need `npm run build` first.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleTests } from '../bundle-tests.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = `${root}build/dev-tests`;
// (options such as --test-name-pattern=… go to node --test)
const args = process.argv.slice(2);
const options = args.filter((a) => a.startsWith('--'));
const entryPoints = args.filter((a) => !a.startsWith('--')).map((f) => resolve(f));
const files = await bundleTests(root, entryPoints, out);
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...options, ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_PATH: `${root}node_modules` },
});
process.exit(r.status ?? 1);
