#!/usr/bin/env node
// `npm test`: installs Chromium when missing, lints (eslint, lit-analyzer,
// tsc, prettier), builds, then runs every test: the browser tests in
// web-test-runner, the endpoint and end-to-end tests in node:test. Ends with
// one line "N passed, M failed" and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleTests } from './bundle-tests.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => `${root}node_modules/.bin/${name}`;
const out = `${root}build/tests`;
const total = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function step(name, cmd, args, env = {}) {
  console.log(`\n== ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) problems.push(name);
  return r.status === 0;
}

function addCounts(file, name) {
  try {
    const c = JSON.parse(readFileSync(file, 'utf8'));
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped ?? 0;
  } catch {
    // the runner died before reporting: that is a failure, not zero tests
    total.failed += 1;
    problems.push(`${name}: no result`);
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

if (!step('chromium', process.execPath, [`${root}scripts/ensure-chromium.mjs`])) {
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
step('lint', process.execPath, [`${root}scripts/lint.mjs`]);
const built = step('build', process.execPath, [`${root}scripts/build.mjs`]);

// browser tests (unit, transport, components) in real Chromium
step('browser tests (web-test-runner)', bin('web-test-runner'), [], {
  ACW_WTR_COUNTS: `${out}/wtr.json`,
});
addCounts(`${out}/wtr.json`, 'web-test-runner');

// endpoint and end-to-end tests (node:test); e2e needs the build
const suites = ['test/node', ...(built ? ['test/e2e'] : [])];
const entryPoints = suites.flatMap((dir) =>
  readdirSync(`${root}${dir}`)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `${root}${dir}/${f}`),
);
const files = await bundleTests(root, entryPoints, out);
step(
  'endpoint and end-to-end tests (node:test)',
  process.execPath,
  [
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${root}scripts/node-count-reporter.mjs`,
    `--test-reporter-destination=${out}/node.json`,
    ...files,
  ],
  { NODE_PATH: `${root}node_modules` },
);
addCounts(`${out}/node.json`, 'node:test');

if (problems.length) console.log(`\nFailed steps: ${problems.join(', ')}`);
const failed = total.failed + (problems.length && total.failed === 0 ? 1 : 0);
console.log(
  `\n${total.passed} passed, ${failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
);
process.exit(problems.length || total.failed ? 1 : 0);
