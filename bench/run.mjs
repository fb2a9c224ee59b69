#!/usr/bin/env node
// npm run bench: speed and size goals, each printed with its budget.
//   size        bundle sizes (gzip)
//   reducer     a long conversation arriving one message per update (Node)
//   transcript  the built workspace in Chromium, transcripts of 100 to 50,000
//               messages: first paint, one append (emit → DOM, → painted),
//               DOM nodes, JS heap; a wheel fling through 10,000 messages
//   live        10, 50 and 200 transcript updates a second for 20 s from the
//               reference endpoint (a real socket.io server) to the page
//   voice       a call: two speakers at once, 5 interim revisions a second each
//               (60 s; `--voice-seconds=600` for the issue's 10 minutes)
//   brief       a handoff brief beside 10,000 messages: tileUpdate → painted,
//               a citation's jump to a message far up → focused and painted
//   startup     URL → first row painted (cold, replayed session); script evaluation
//   soak        5,000 messages, 20,000 tile updates, 200 html re-renders, 1,000
//               reconnects: heap growth, leaked iframes, listeners, sockets
// `--only=live,startup` runs some; `--seconds=N` shortens the live rates.
// Run conditions are printed; results go to bench/results.json and, on a
// full run, to the README's table. Exits non-zero when a figure is over budget.
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { BUDGETS } from '../scripts/budgets.mjs';
import { Results, launch, startBenchEndpoint } from './lib.mjs';
import { transcriptFigures } from './transcript.mjs';
import { briefFigures } from './brief.mjs';
import { liveFigures, voiceFigures } from './live.mjs';
import { soakFigures } from './soak.mjs';
import { evaluationFigures, startupFigures } from './startup.mjs';
import { benchTable, withTable } from './table.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const PARTS = ['size', 'reducer', 'transcript', 'brief', 'live', 'voice', 'startup', 'soak'];
const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    seconds: { type: 'string', default: '20' },
    'voice-seconds': { type: 'string', default: '60' },
    reconnects: { type: 'string', default: '1000' },
  },
});
const parts = new Set(args.only ? args.only.split(',') : PARTS);
for (const p of parts) if (!PARTS.includes(p)) throw new Error(`bench: no part ${p} (${PARTS})`);
const seconds = Number(args.seconds);
const results = new Results();
const record = (...a) => results.record(...a);

// size
const gz = (file) => +(gzipSync(readFileSync(file), { level: 9 }).length / 1024).toFixed(1);
if (parts.has('size')) {
  record('single script gzip (all tiles)', gz(`${root}dist/acw-workspace.js`), 'KiB', BUDGETS.full);
  record(
    'core gzip (no card renderer)',
    gz(`${root}build/size/acw-workspace.js`),
    'KiB',
    BUDGETS.core,
  );
}

// reducer, in Node (pure code)
if (parts.has('reducer')) {
  const out = mkdtempSync(join(tmpdir(), 'acw-bench-'));
  await build({
    entryPoints: [`${root}src/state/reduce.ts`],
    outfile: `${out}/reduce.mjs`,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'warning',
    tsconfig: `${root}tsconfig.json`,
  });
  const { reduce, initialState } = await import(`${out}/reduce.mjs`);
  const N = 5000;
  let state = reduce(initialState, { type: 'status', status: { type: 'joined' } });
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    state = reduce(state, {
      type: 'tileUpdate',
      update: {
        id: 'transcript',
        version: 1,
        type: 'transcript',
        data: {
          messages: [
            {
              _id: `m${i}`,
              source: i % 2 ? 'user' : 'agent',
              text: `message ${i} card 4111 1111 1111 1111`,
            },
          ],
          redaction: { enabled: true },
        },
      },
    });
  }
  const perUpdate = (performance.now() - t0) / N;
  record(`reducer: append 1 of ${N} messages (avg)`, +(perUpdate * 1000).toFixed(1), 'µs', 500);
  const t1 = performance.now();
  const replay = state.transcripts.get('transcript').toArray();
  reduce(state, {
    type: 'tileUpdate',
    update: { id: 'transcript', version: 1, type: 'transcript', data: { messages: replay } },
  });
  record(
    `reducer: idempotent replay of ${N} messages`,
    +(performance.now() - t1).toFixed(1),
    'ms',
    50,
  );
  rmSync(out, { recursive: true, force: true });
}

// in Chromium
const browser = await launch();
const dataDir = mkdtempSync(join(tmpdir(), 'acw-bench-data-'));
const endpoint = ['live', 'voice', 'startup', 'soak'].some((p) => parts.has(p))
  ? await startBenchEndpoint(dataDir)
  : undefined;
const script = readFileSync(`${root}dist/acw-workspace.js`, 'utf8');
try {
  if (parts.has('transcript')) await transcriptFigures({ browser, script, results });
  if (parts.has('brief')) await briefFigures({ browser, script, results });
  if (parts.has('live')) await liveFigures({ browser, endpoint, results, seconds });
  if (parts.has('voice')) {
    const voiceSeconds = Number(args['voice-seconds']);
    await voiceFigures({ browser, endpoint, results, seconds: voiceSeconds });
  }
  if (parts.has('startup')) {
    await startupFigures({ browser, endpoint, results });
    await evaluationFigures({
      browser,
      results,
      scripts: {
        'the single script (all tiles)': script,
        'the core script (no card renderer)': readFileSync(
          `${root}build/size/acw-workspace.js`,
          'utf8',
        ),
      },
    });
  }
  if (parts.has('soak')) {
    await soakFigures({ browser, endpoint, results, reconnects: Number(args.reconnects) });
  }
} finally {
  await endpoint?.endpoint.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
const chromiumVersion = browser.version();
await browser.close();

const report = {
  at: new Date().toISOString(),
  node: process.version,
  cores: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? '?',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  chromium: chromiumVersion,
  rows: results.rows,
};
console.log(
  `bench: ${report.at}, node ${report.node}, ${report.cores} cores (${report.cpu}), ${report.memoryGiB} GiB, Chromium ${report.chromium}, headless, loopback`,
);
const w = Math.max(...results.rows.map((r) => r.name.length));
for (const r of results.rows) {
  console.log(
    `${r.budget === null ? 'ref ' : r.ok ? 'ok  ' : 'OVER'}  ${r.name.padEnd(w)}  ${String(r.value).padStart(8)} ${r.unit.padEnd(3)}  ${r.budget === null ? '(reference)' : `budget ${r.budget} ${r.unit}`}`,
  );
}
if (parts.size === PARTS.length && seconds === 20) {
  writeFileSync(`${root}bench/results.json`, `${JSON.stringify(report, null, 2)}\n`);
  const readme = `${root}README.md`;
  writeFileSync(readme, withTable(readFileSync(readme, 'utf8'), benchTable(report)));
  execFileSync(process.execPath, [
    `${root}node_modules/prettier/bin/prettier.cjs`,
    '--write',
    readme,
  ]);
  console.log('bench: wrote bench/results.json and the README table');
}
process.exit(results.rows.every((r) => r.ok) ? 0 : 1);
