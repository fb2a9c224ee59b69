#!/usr/bin/env node
// npm run bench: speed and size goals, each printed with its budget.
//   1. bundle size (gzip) of the single script
//   2. reducer: a long conversation arriving one message per update
//   3. rendering: the built workspace in Chromium, transcripts of 100 to
//      50,000 messages: first paint, one append (emit → DOM, → painted,
//      p50/p99 of 30), DOM nodes, JS heap
// Run conditions are printed first; results go to bench/results.json too.
// Exits non-zero when a figure is over its budget.
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';
import { BUDGETS } from '../scripts/budgets.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const rows = [];
const record = (name, value, unit, budget) =>
  rows.push({ name, value, unit, budget, ok: value <= budget });

// 1. size
const gz = (file) => +(gzipSync(readFileSync(file), { level: 9 }).length / 1024).toFixed(1);
record('single script gzip (all tiles)', gz(`${root}dist/acw-workspace.js`), 'KiB', BUDGETS.full);
record(
  'core gzip (no card renderer)',
  gz(`${root}build/size/acw-workspace.js`),
  'KiB',
  BUDGETS.core,
);

// 2. reducer, in Node (pure code)
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

// 3. rendering in Chromium, the built script with a scripted fake connection:
//    a transcript of 100, 1,000, 10,000 and 50,000 messages, one fresh page each;
//    then 30 single appends, each timed from the emit to the row in the DOM and
//    to the next painted frame.
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [...chromiumArgs, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
const script = readFileSync(`${root}dist/acw-workspace.js`, 'utf8');
const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
async function transcriptFigures(count) {
  const page = await browser.newPage({ viewport: { width: 600, height: 800 } });
  try {
    await page.setContent(
      '<!doctype html><html lang="en"><body style="margin:0;height:800px"></body></html>',
    );
    await page.addScriptTag({ content: script });
    return await page.evaluate(async (n) => {
      const listeners = new Map();
      const conn = {
        connect() {},
        retry() {},
        resend() {},
        dispose() {},
        sendMessage: () => 'x',
        sendPostback: () => Promise.resolve({ ok: true }),
        on(type, l) {
          listeners.set(type, [...(listeners.get(type) ?? []), l]);
          return () => {};
        },
        emit(type, v) {
          for (const l of listeners.get(type) ?? []) l(v);
        },
      };
      const el = document.createElement('acw-workspace');
      el.setAttribute('endpoint', 'http://127.0.0.1:9');
      el.search = '?userId=u&sessionId=s&URLToken=t';
      el.connectionFactory = () => conn;
      el.style.height = '800px';
      document.body.append(el);
      await el.updateComplete;
      conn.emit('status', { type: 'joined' });
      const messages = Array.from({ length: n }, (_, i) => ({
        _id: `m${i}`,
        source: i % 3 ? 'user' : 'agent',
        text: `Message ${i}: my card is CREDIT_CARD_NUMBER and mail EMAIL_ADDRESS`,
        createdAt: new Date(1e12 + i * 1000).toISOString(),
      }));
      const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const tile = () =>
        el.shadowRoot.querySelector('acw-grid')?.shadowRoot?.querySelector('acw-transcript-tile');
      const has = (text) =>
        [...(tile()?.shadowRoot?.querySelectorAll('[part="message"]') ?? [])].some((m) =>
          m.textContent.includes(text),
        );
      let t = performance.now();
      conn.emit('tileUpdate', {
        id: 'transcript',
        version: 1,
        type: 'transcript',
        data: { messages, chatInput: { enabled: true } },
      });
      while (!has(`Message ${n - 1}:`)) await painted();
      const initial = performance.now() - t;
      const dom = [];
      const paint = [];
      for (let i = 0; i < 30; i++) {
        t = performance.now();
        conn.emit('tileUpdate', {
          id: 'transcript',
          version: 1,
          type: 'transcript',
          data: { messages: [{ _id: `n${i}`, source: 'user', text: `new ${i} arrives` }] },
        });
        // emit → DOM: the row is in the document (microtasks and the virtualizer's layout)
        for (;;) {
          if (has(`new ${i} arrives`)) break;
          await new Promise((r) => setTimeout(r, 0));
        }
        dom.push(performance.now() - t);
        await painted();
        paint.push(performance.now() - t);
        await painted();
      }
      window.gc?.();
      dom.sort((a, b) => a - b);
      paint.sort((a, b) => a - b);
      return {
        initial,
        dom,
        paint,
        nodes: tile().shadowRoot.querySelectorAll('*').length,
        heap: performance.memory ? performance.memory.usedJSHeapSize / 1048576 : 0,
      };
    }, count);
  } finally {
    await page.close();
  }
}
try {
  const figures = {};
  for (const n of [100, 1000, 10_000, 50_000]) figures[n] = await transcriptFigures(n);
  const k = (n) => n.toLocaleString('en');
  for (const n of [1000, 10_000, 50_000]) {
    const f = figures[n];
    record(
      `transcript ${k(n)}: first paint`,
      +f.initial.toFixed(0),
      'ms',
      n <= 10_000 ? 800 : 2500,
    );
    record(`transcript ${k(n)}: append, emit → DOM p50`, +pct(f.dom, 50).toFixed(1), 'ms', 16);
    record(`transcript ${k(n)}: append, emit → DOM p99`, +pct(f.dom, 99).toFixed(1), 'ms', 50);
    record(
      `transcript ${k(n)}: append, emit → painted p99`,
      +pct(f.paint, 99).toFixed(1),
      'ms',
      n === 10_000 ? 16 : 50,
    );
    record(`transcript ${k(n)}: DOM nodes of the tile`, f.nodes, '', 3000);
    record(`transcript ${k(n)}: page JS heap`, +f.heap.toFixed(1), 'MiB', 40);
  }
  // O(1): an append to 50,000 messages costs what an append to 100 does (within 2x, +1 ms of noise)
  const small = pct(figures[100].dom, 50);
  const large = pct(figures[50_000].dom, 50);
  record(
    'append p50 at 50,000 ÷ at 100 messages',
    +(large / Math.max(small, 0.5)).toFixed(2),
    'x',
    2,
  );
} finally {
  await browser.close();
}

console.log(
  `bench: ${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Chromium ${browser.version?.() ?? ''}`,
);
writeFileSync(
  `${root}bench/results.json`,
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cores: os.cpus().length, rows }, null, 2)}\n`,
);
const w = Math.max(...rows.map((r) => r.name.length));
for (const r of rows) {
  console.log(
    `${r.ok ? 'ok  ' : 'OVER'}  ${r.name.padEnd(w)}  ${String(r.value).padStart(8)} ${r.unit.padEnd(3)}  budget ${r.budget} ${r.unit}`,
  );
}
process.exit(rows.every((r) => r.ok) ? 0 : 1);
