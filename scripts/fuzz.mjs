#!/usr/bin/env node
// `npm run fuzz`: the property-based tests with more runs than `npm test`
// gives them (ACW_FUZZ_SCALE times as many; default 20): server frames into
// the workspace, tile, host and URL input in Chromium; the endpoint's client
// handlers in Node; one client flooding the endpoint for a minute. Then the chaos
// test (endpoint killed and restarted, then its disk failing).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = {
  ...process.env,
  ACW_FUZZ_SCALE: process.env.ACW_FUZZ_SCALE ?? '20',
  // a new sample of server frames each run (npm test keeps one fixed); rerun one with this seed
  ACW_FUZZ_SEED: process.env.ACW_FUZZ_SEED ?? String(1 + Math.floor(Math.random() * 2 ** 30)),
};
console.log(`fuzz: ACW_FUZZ_SEED=${env.ACW_FUZZ_SEED} ACW_FUZZ_SCALE=${env.ACW_FUZZ_SCALE}`);
const run = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run([`${root}scripts/build.mjs`]);
run([
  `${root}node_modules/@web/test-runner/dist/bin.js`,
  '--files',
  'test/components/fuzz.test.ts',
  '--files',
  'test/state/redaction.test.ts',
]);
// redaction over generated shapes of card numbers, phones, SSNs, IBANs and e-mail addresses
run([
  `${root}scripts/dev/node-test.mjs`,
  'test/node/redact.test.ts',
  'test/node/redact-shapes.test.ts',
]);
run([`${root}scripts/dev/node-test.mjs`, 'test/node/endpoint-fuzz.test.ts']);
// one client with the URLToken flooding the endpoint with any mix of events for a minute
env.ACW_FLOOD_MS = process.env.ACW_FLOOD_MS ?? '60000';
run([`${root}scripts/dev/node-test.mjs`, 'test/node/endpoint-store.test.ts']);
env.ACW_CHAOS_RESTARTS = process.env.ACW_CHAOS_RESTARTS ?? '100';
run([`${root}scripts/dev/node-test.mjs`, 'test/e2e/chaos.e2e.test.ts']);
