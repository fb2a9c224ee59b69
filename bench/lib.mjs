// Shared pieces of the bench: the result table, percentiles, Chromium, the
// built reference endpoint as a child process, and page readers.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** The demo endpoint's URLToken (demo/settings.ts). */
export const DEMO_TOKEN = 'ac0ffee5d3a7b2c1e9f80417d6b5a4c3928170fedcba98765432100123456789';

/**
 * Smallest spread (max − min) that counts against a figure's stability: below
 * it, a few ms of timer and frame jitter would flag every small figure.
 * A ratio's unit is the whole figure, so it gets a tenth.
 */
const STABLE_WITHIN = { ms: 2, x: 0.1 };

/**
 * The rows of the result table: each figure with its budget. A figure recorded
 * once per repetition (`--runs`) becomes one row: its value is the median,
 * judged against the budget, with `spread: { min, median, max, runs }`, and
 * `unstable` when max − min is over 25 % of the median.
 */
export class Results {
  #figures = new Map();
  /** `budget` null: a reference figure (what a budget is measured against), never over */
  record(name, value, unit, budget) {
    const f = this.#figures.get(name) ?? { name, unit, budget, values: [] };
    f.values.push(value);
    this.#figures.set(name, f);
  }

  get rows() {
    return [...this.#figures.values()].map(({ name, unit, budget, values }) => {
      const v = median(values);
      const row = { name, value: v, unit, budget, ok: budget === null || v <= budget };
      if (values.length < 2) return row;
      const min = Math.min(...values);
      const max = Math.max(...values);
      row.spread = { min, median: v, max, runs: values.length };
      const range = max - min;
      if (range > 0.25 * Math.abs(v) && range >= (STABLE_WITHIN[unit] ?? 1)) row.unstable = true;
      return row;
    });
  }
}

/** The median, at the precision of the values (the mean of the middle two for an even count). */
function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  if (s.length % 2) return s[mid];
  const digits = Math.max(...s.map((v) => (String(v).split('.')[1] ?? '').length));
  return round((s[mid - 1] + s[mid]) / 2, digits + 1);
}

/** The p-th percentile of an ascending array (nearest rank). */
export const pct = (sorted, p) =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)];

/** `v` to `digits` places; a -0 (from -0.04, say) is 0, as results.json writes it */
export const round = (v, digits = 1) => +v.toFixed(digits) + 0;

/** Chromium as the tests launch it, with precise memory figures and a callable GC. */
export function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, '--enable-precise-memory-info', '--js-flags=--expose-gc', ...extraArgs],
  });
}

/** TypeScript helpers of the repository, bundled for the bench (inside the repo: they find its root). */
export async function importTs(entry) {
  const dir = `${root}build/bench`;
  mkdirSync(dir, { recursive: true });
  const outfile = `${dir}/${entry.replace(/[/.]/g, '_')}.mjs`;
  await build({
    entryPoints: [`${root}${entry}`],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'warning',
    tsconfig: `${root}tsconfig.json`,
  });
  return import(outfile);
}

/**
 * The built reference endpoint (`build/demo/server.mjs`), as `npm start` runs
 * it, on a free port with its own data folder. The demo script does not play
 * on its own (one step an hour): the bench sends what it measures.
 */
export async function startBenchEndpoint(dataDir) {
  const { startEndpoint, freePort, control } = await importTs('test/support/endpoint-process.ts');
  const endpoint = await startEndpoint({ port: await freePort(), dataDir, stepMs: 3_600_000 });
  return {
    endpoint,
    control: (method, path, body) => control(endpoint.url, method, path, body),
    sessionUrl: (sessionId) =>
      `${endpoint.url}/?userId=bench&sessionId=${sessionId}&URLToken=${DEMO_TOKEN}`,
    key: (sessionId) => ({ URLToken: DEMO_TOKEN, userId: 'bench', sessionId }),
  };
}

/**
 * In the page: the transcript tile's scroller, through the shadow roots of
 * the workspace and the grid (undefined until the tile is there).
 */
export const PAGE_HELPERS = `

window.__acw = {
  workspace: () => document.querySelector('acw-workspace'),
  tile: () => window.__acw.workspace()?.shadowRoot?.querySelector('acw-grid')?.shadowRoot?.querySelector('acw-transcript-tile'),
  scroller: () => window.__acw.tile()?.shadowRoot?.querySelector('.scroller'),
  longTasks: [],
  rows: () => [...(window.__acw.tile()?.shadowRoot?.querySelectorAll('[part="message"]') ?? [])],
  shows: (text) => window.__acw.rows().some((m) => m.textContent.includes(text)),
  painted: () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))),
  /**
   * The built workspace on a scripted connection (no server: the rendering
   * alone), joined, with a transcript of n messages; returns its emit.
   */
  async mountScripted(n) {
    const listeners = new Map();
    const conn = {
      connect() {}, retry() {}, resend() {}, dispose() {},
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
      _id: 'm' + i,
      source: i % 3 ? 'user' : 'agent',
      text: 'Message ' + i + ': my card is CREDIT_CARD_NUMBER and mail EMAIL_ADDRESS',
      createdAt: new Date(1e12 + i * 1000).toISOString(),
    }));
    conn.emit('tileUpdate', {
      id: 'transcript', version: 1, type: 'transcript',
      data: { messages, chatInput: { enabled: true } },
    });
    return (update) => conn.emit('tileUpdate', update);
  },
};
// the page's WebSockets: which are open, and a hook on every message they receive
window.__acw.open = new Set();
window.__acw.onSocketMessage = [];
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('open', () => window.__acw.open.add(this));
    this.addEventListener('close', () => window.__acw.open.delete(this));
    this.addEventListener('message', (e) => {
      for (const hook of window.__acw.onSocketMessage) hook(e);
    });
  }
};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__acw.longTasks.push(e.duration);
}).observe({ type: 'longtask', buffered: true });
`;

/** Waits in Node for `fn()` to be truthy (polling), or throws after `ms`. */
export async function until(fn, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Counts the page's requests in flight (its frames' too) from now on; `settled()`
 * resolves once none has been in flight for `quietMs`, or throws after `ms`
 * naming the ones still open. (Playwright's `networkidle` waits for every
 * frame's own lifecycle event, and a tile frame that never reports one held a
 * run for 30 s and ended it.)
 */
export function trackRequests(page) {
  const open = new Set();
  let last = Date.now();
  const start = (r) => {
    open.add(r);
    last = Date.now();
  };
  const end = (r) => {
    open.delete(r);
    last = Date.now();
  };
  page.on('request', start);
  page.on('requestfinished', end);
  page.on('requestfailed', end);
  return {
    settled: (quietMs = 500, ms = 30_000) =>
      until(
        () => open.size === 0 && Date.now() - last >= quietMs,
        ms,
        'no request in flight',
      ).catch((e) => {
        const urls = [...open].map((r) => r.url().slice(0, 120));
        throw new Error(`${e.message} (still open: ${urls.join(', ')})`);
      }),
  };
}
