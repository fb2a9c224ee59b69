#!/usr/bin/env node
// npm run bench: speed and size goals, each printed with its budget.
//   1. bundle size (gzip) of the single script
//   2. reducer: a long conversation arriving one message per update
//   3. rendering: the built workspace in Chromium, time to show a long
//      transcript and to append to it, and the page's JS heap
// Exits non-zero when a figure is over its budget.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
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

// 3. rendering in Chromium, the built script with a scripted fake connection
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [...chromiumArgs, '--enable-precise-memory-info'],
});
try {
  const page = await browser.newPage({ viewport: { width: 600, height: 800 } });
  await page.setContent(
    '<!doctype html><html lang="en"><body style="margin:0;height:800px"></body></html>',
  );
  await page.addScriptTag({ content: readFileSync(`${root}dist/acw-workspace.js`, 'utf8') });
  const M = 2000;
  const figures = await page.evaluate(async (count) => {
    const listeners = new Map();
    const conn = {
      connect() {},
      retry() {},
      resend() {},
      dispose() {},
      sendMessage: () => 'x',
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
    const messages = Array.from({ length: count }, (_, i) => ({
      _id: `m${i}`,
      source: i % 3 ? 'user' : 'agent',
      text: `Message ${i}: my card is CREDIT_CARD_NUMBER and mail EMAIL_ADDRESS`,
      createdAt: new Date(1e12 + i * 1000).toISOString(),
    }));
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const tile = () =>
      el.shadowRoot.querySelector('acw-grid')?.shadowRoot?.querySelector('acw-transcript-tile');
    let t = performance.now();
    conn.emit('tileUpdate', {
      id: 'transcript',
      version: 1,
      type: 'transcript',
      data: { messages, chatInput: { enabled: true } },
    });
    while (!tile()?.shadowRoot?.querySelector('[part="message"]')) await frame();
    await tile().updateComplete;
    await frame();
    const initial = performance.now() - t;
    const appends = [];
    for (let i = 0; i < 20; i++) {
      t = performance.now();
      conn.emit('tileUpdate', {
        id: 'transcript',
        version: 1,
        type: 'transcript',
        data: { messages: [{ _id: `n${i}`, source: 'user', text: `new ${i}` }] },
      });
      await el.updateComplete;
      await tile().updateComplete;
      appends.push(performance.now() - t);
    }
    appends.sort((a, b) => a - b);
    return {
      initial,
      append: appends[Math.floor(appends.length / 2)],
      heap: performance.memory ? performance.memory.usedJSHeapSize / 1048576 : 0,
    };
  }, M);
  record(`render: first paint of ${M} messages`, +figures.initial.toFixed(0), 'ms', 800);
  record(`render: append 1 message to ${M} (median)`, +figures.append.toFixed(1), 'ms', 50);
  record(`page JS heap with ${M} messages`, +figures.heap.toFixed(1), 'MiB', 64);
} finally {
  await browser.close();
}

const w = Math.max(...rows.map((r) => r.name.length));
for (const r of rows) {
  console.log(
    `${r.ok ? 'ok  ' : 'OVER'}  ${r.name.padEnd(w)}  ${String(r.value).padStart(8)} ${r.unit.padEnd(3)}  budget ${r.budget} ${r.unit}`,
  );
}
process.exit(rows.every((r) => r.ok) ? 0 : 1);
