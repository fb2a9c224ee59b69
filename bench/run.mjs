#!/usr/bin/env node
// npm run bench: speed and size goals, each printed with its budget.
//   size        bundle sizes (gzip), and each dependency's share of the core
//   reducer     a long conversation arriving one message per update (Node)
//   transcript  the built workspace in Chromium, transcripts of 100 to 50,000
//               messages: first paint, one append (emit → DOM, → painted),
//               DOM nodes, JS heap; a wheel fling through 10,000 messages
//   live        10, 50 and 200 transcript updates a second for 20 s from the
//               reference endpoint (a real socket.io server) to the page
//   tiles       50 updates a second beside 30 html tiles and beside none
//   voice       a call: two speakers at once, 5 interim revisions a second each
//               (180 s after a minute's warm-up; `--voice-seconds=3600` for the issue's
//               hour): the growth of the JS objects the page holds (heap snapshots at the
//               start and the end), of DOM nodes, detached nodes and listeners; the heap
//               after GC sampled through it (its least-squares line, a reference)
//   brief       a handoff brief beside 10,000 messages: tileUpdate → painted,
//               a citation's jump to a message far up → focused and painted
//   startup     URL → first row painted, cold and with a warm HTTP cache, step
//               by step, beside a bare page's socket; script evaluation
//   soak        5,000 messages, 20,000 tile updates, 200 html re-renders, 1,000
//               reconnects: heap growth, leaked iframes, listeners, sockets
// `--only=live,startup` runs some; `--seconds=N` shortens the live rates;
// `--runs=N` (default 3) repeats every part but size: each figure is the
// median of its runs, with their min and max. Run conditions are printed;
// results go to bench/results.json and, on a full run, to the README's table.
// Exits non-zero when a figure (its median) is over budget.
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Results, launch, round, startBenchEndpoint } from './lib.mjs';
import { sizeFigures } from './size.mjs';
import { reducerBench } from './reducer.mjs';
import { transcriptFigures } from './transcript.mjs';
import { briefFigures } from './brief.mjs';
import { liveFigures, manyTilesFigures, voiceFigures } from './live.mjs';
import { soakFigures } from './soak.mjs';
import { evaluationFigures, startupFigures } from './startup.mjs';
import { benchTable, load, withTable } from './table.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const PARTS = [
  'size',
  'reducer',
  'transcript',
  'brief',
  'live',
  'tiles',
  'voice',
  'startup',
  'soak',
];
const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '20' },
    'voice-seconds': { type: 'string', default: '180' },
    reconnects: { type: 'string', default: '1000' },
  },
});
const parts = new Set(args.only ? args.only.split(',') : PARTS);
for (const p of parts) if (!PARTS.includes(p)) throw new Error(`bench: no part ${p} (${PARTS})`);
const runs = Number(args.runs);
if (!(Number.isInteger(runs) && runs >= 1)) throw new Error('bench: --runs is a whole number ≥ 1');
const seconds = Number(args.seconds);
const results = new Results();
// the machine's load, before and after: a figure from a busy machine reads differently
const loadAverage = () => os.loadavg().map((v) => round(v, 2));
const loadBefore = loadAverage();

// the sizes are the same every time: measured once
const coreShares = parts.has('size') ? await sizeFigures({ results }) : undefined;
const reducer = parts.has('reducer') ? await reducerBench() : undefined;
const script = readFileSync(`${root}dist/acw-workspace.js`, 'utf8');
let chromiumVersion;
const failures = new Map();
for (let run = 1; run <= runs; run++) {
  if (runs > 1) console.log(`bench: run ${run} of ${runs}`);
  reducer?.({ results });
  if (PARTS.slice(2).some((p) => parts.has(p))) chromiumVersion = await browserParts();
}
// the runs that ended in an error, per part: counted over all runs (a median would hide one)
for (const name of PARTS.slice(2)) {
  if (parts.has(name)) {
    results.record(`${name}: runs that ended in an error`, failures.get(name) ?? 0, '', 0);
  }
}
const loadAfter = loadAverage();

/**
 * One repetition of the parts in Chromium, each repetition with its own
 * browser and endpoint (nothing warm carried over); returns Chromium's version.
 */
async function browserParts() {
  const browser = await launch();
  const dataDir = mkdtempSync(join(tmpdir(), 'acw-bench-data-'));
  const endpoint = ['live', 'tiles', 'voice', 'startup', 'soak'].some((p) => parts.has(p))
    ? await startBenchEndpoint(dataDir)
    : undefined;
  // a part that throws (a timeout) is reported and counted, and the others still run: one
  // flaky wait no longer ends a half-hour run without a table
  const part = async (name, run) => {
    if (!parts.has(name)) return;
    try {
      await run();
    } catch (e) {
      failures.set(name, (failures.get(name) ?? 0) + 1);
      const why = String(e?.message ?? e)
        .replace(/\s+/g, ' ')
        .slice(0, 800);
      console.log(`  (${name}: this run ended in an error: ${why})`);
    }
  };
  try {
    await part('transcript', () => transcriptFigures({ browser, script, results }));
    await part('brief', () => briefFigures({ browser, script, results }));
    await part('live', () => liveFigures({ browser, endpoint, results, seconds }));
    await part('tiles', () => manyTilesFigures({ browser, endpoint, results, seconds }));
    await part('voice', () =>
      voiceFigures({ browser, endpoint, results, seconds: Number(args['voice-seconds']) }),
    );
    await part('startup', async () => {
      await startupFigures({ browser, endpoint, results });
      await evaluationFigures({
        browser,
        results,
        scripts: {
          'the single script': { code: script, budget: 60 },
          // issue #18's goal for the core
          'the core script (no card, brief or wrap-up elements)': {
            code: readFileSync(`${root}build/size/acw-workspace.js`, 'utf8'),
            budget: 30,
          },
        },
      });
    });
    await part('soak', () =>
      soakFigures({ browser, endpoint, results, reconnects: Number(args.reconnects) }),
    );
    return browser.version();
  } finally {
    await endpoint?.endpoint.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await browser.close();
  }
}

const rows = results.rows;
const report = {
  at: new Date().toISOString(),
  node: process.version,
  cores: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? '?',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  chromium: chromiumVersion,
  runs,
  loadBefore,
  loadAfter,
  rows,
  ...(coreShares ? { coreShares } : {}),
};
console.log(
  `bench: ${report.at}, node ${report.node}, ${report.cores} cores (${report.cpu}), ${report.memoryGiB} GiB, Chromium ${report.chromium}, headless, loopback; ${runs} run${runs > 1 ? 's (median, min–max)' : ''}; load average (1 / 5 / 15 min) ${load(loadBefore)} before, ${load(loadAfter)} after`,
);
const w = Math.max(...rows.map((r) => r.name.length));
for (const r of rows) {
  const spread = r.spread ? ` (${r.spread.min}–${r.spread.max})` : '';
  console.log(
    `${r.budget === null ? 'ref ' : r.ok ? 'ok  ' : 'OVER'}  ${r.name.padEnd(w)}  ${String(r.value).padStart(8)} ${r.unit.padEnd(5)}${spread.padEnd(16)}  ${r.budget === null ? '(reference)' : `budget ${r.budget} ${r.unit}`}${r.unstable ? '  UNSTABLE' : ''}`,
  );
}
// only a full run at the defaults is the table: a longer voice run or fewer reconnects are other figures
const atDefaults =
  seconds === 20 && Number(args['voice-seconds']) === 180 && Number(args.reconnects) === 1000;
if (parts.size === PARTS.length && atDefaults && runs >= 3) {
  writeFileSync(`${root}bench/results.json`, `${JSON.stringify(report, null, 2)}\n`);
  const readme = `${root}README.md`;
  writeFileSync(readme, withTable(readFileSync(readme, 'utf8'), benchTable(report)));
  execFileSync(process.execPath, [
    `${root}node_modules/prettier/bin/prettier.cjs`,
    '--write',
    readme,
    `${root}bench/results.json`,
  ]);
  console.log('bench: wrote bench/results.json and the README table');
}
process.exit(rows.every((r) => r.ok) ? 0 : 1);
