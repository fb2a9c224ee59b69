// Startup: the standalone URL of a replayed session (200 messages on the
// reference endpoint) → the first transcript row painted, 5 loads, each in a
// fresh browser context (a cold HTTP cache) and then again in the same context
// (warm: the page revalidated, the hashed script from the cache). Each load is
// a waterfall: script fetched → evaluated → socket open → join acknowledged →
// config → the transcript's replay → first row painted, each step timed from
// the navigation's start.
// Beside it, what the machine and the loopback network allow: a bare page of
// the same endpoint whose socket's first frame is painted. And how long
// evaluating each script takes (parse and run, before any element exists).
import { PAGE_HELPERS, pct, round } from './lib.mjs';

const LOADS = 5;

/**
 * In the page, every step in page time (ms since the navigation started). The
 * socket frames are read where the page reads them, so a main thread busy
 * with the script delays them as it delays the workspace. socket.io frames
 * (docs/PROTOCOL.md §2–§3): `42<id>["join",…]` sent, `43<id>[…]` its ack,
 * `42["config",…]`, then the replayed
 * transcript, `42["tileUpdate",{"id":"transcript",…}]`.
 */
const WATERFALL = `
const steps = (window.__acw.steps = {});
customElements.whenDefined('acw-workspace').then(() => (steps.evaluated = performance.now()));
let joinAck;
const Socket = window.WebSocket;
window.WebSocket = class extends Socket {
  constructor(...args) {
    super(...args);
    this.addEventListener('open', () => (steps.socketOpen ??= performance.now()));
  }
  send(data) {
    const join = typeof data === 'string' && /^42(\\d+)\\["join"/.exec(data);
    if (join && joinAck === undefined) joinAck = '43' + join[1] + '[';
    super.send(data);
  }
};
window.__acw.onSocketMessage.push((e) => {
  if (typeof e.data !== 'string') return;
  if (joinAck && e.data.startsWith(joinAck)) steps.joined ??= performance.now();
  if (e.data.startsWith('42["config"')) steps.config ??= performance.now();
  if (e.data.startsWith('42["tileUpdate",{"id":"transcript"')) steps.transcript ??= performance.now();
});
window.__acw.firstRow = new Promise((resolve) => {
  const look = () => (window.__acw.rows().length > 0 ? resolve(performance.now()) : requestAnimationFrame(look));
  requestAnimationFrame(look);
});
window.__acw.waterfall = async () => {
  const painted = await window.__acw.firstRow;
  const script = performance
    .getEntriesByType('resource')
    .find((e) => /\\/acw-workspace(\\.[0-9a-f]+)?\\.js$/.test(e.name));
  return { ...steps, fetched: script?.responseEnd, painted };
};
`;

/** The steps of a load, in order, as the rows name them. */
const STEPS = [
  ['fetched', 'script fetched'],
  ['evaluated', 'script evaluated'],
  ['socketOpen', 'socket open'],
  ['joined', 'join acknowledged'],
  ['config', 'config received'],
  ['transcript', 'transcript received'],
];

/**
 * The baseline: a page of the same endpoint (`/healthz`: same origin, a tiny
 * JSON answer without a CSP, so a socket may be opened from it) that opens a
 * raw engine.io WebSocket as its document is created, writes the socket's
 * first frame (the engine.io open packet) into the document and waits for the
 * frame that paints it, timed as the workspace's first row is.
 */
const BASELINE = `
if (location.pathname === '/healthz') {
  window.__baseline = new Promise((resolve) => {
    const ws = new WebSocket(location.origin.replace(/^http/, 'ws') + '/socket.io/?EIO=4&transport=websocket');
    ws.onmessage = (e) => {
      ws.close();
      const show = () => {
        const p = document.createElement('p');
        p.textContent = e.data;
        document.body.append(p);
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
      };
      if (document.body) show();
      else document.addEventListener('DOMContentLoaded', show);
    };
  });
}
`;

/**
 * What crossed the wire for a page, tile frames (other processes) included:
 * HTTP responses with their headers (what the cache answers counts 0), and
 * WebSocket payloads. `take()` returns the bytes since the last take.
 */
function countBytes(page) {
  const http = [];
  let socket = 0;
  page.on('requestfinished', (r) =>
    http.push(
      r.sizes().then(
        (s) => Math.max(0, s.responseHeadersSize + s.responseBodySize),
        () => 0,
      ),
    ),
  );
  page.on('websocket', (ws) => ws.on('framereceived', (f) => (socket += f.payload.length)));
  return {
    async take() {
      const bytes = (await Promise.all(http.splice(0))).reduce((a, b) => a + b, 0);
      const received = socket;
      socket = 0;
      return { httpBytes: bytes, socketBytes: received };
    },
  };
}

/** One load of the workspace page: its waterfall, and the bytes that crossed the wire. */
async function load(page, url, bytes) {
  await page.goto(url);
  const w = await page.evaluate(() => window.__acw.waterfall());
  // what the page loads after its first paint (tile documents) is in the cache for a warm start
  await page.waitForLoadState('networkidle');
  return { ...w, ...(await bytes.take()) };
}

export async function startupFigures({ browser, endpoint, results }) {
  const sessionId = `startup-${Date.now()}`;
  const key = endpoint.key(sessionId);
  const url = endpoint.sessionUrl(sessionId);
  // the session exists once a socket joined it; then it gets its history
  const first = await browser.newPage();
  await first.goto(url).finally(() => first.close());
  await endpoint.control('POST', 'script', { ...key, action: 'pause' }).catch(() => {});
  for (let i = 0; i < 200; i++) {
    await endpoint.control('POST', 'message', { ...key, text: `History message ${i} of the call` });
  }
  const cold = [];
  const warm = [];
  const baseline = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 600, height: 800 } });
    try {
      // (closed after a throw too: a joined page left open would hold a socket the soak counts)
      const page = await context.newPage();
      await page.addInitScript(PAGE_HELPERS + WATERFALL);
      const bytes = countBytes(page);
      cold.push(await load(page, url, bytes));
      warm.push(await load(page, url, bytes));
    } finally {
      await context.close();
    }
    baseline.push(await bareSocketPage(browser, `${endpoint.endpoint.url}/healthz`));
  }
  const p50 = (values) =>
    pct(
      [...values].sort((a, b) => a - b),
      50,
    );
  const of = (loads, step) => p50(loads.map((l) => l[step]));
  const base = round(p50(baseline), 0);
  results.record(
    `startup baseline: a bare page's socket, first frame painted (p50 of ${LOADS})`,
    base,
    'ms',
    null,
  );
  for (const [name, loads, budget] of [
    ['cold', cold, 350],
    ['warm HTTP cache', warm, 200],
  ]) {
    for (const [step, label] of STEPS) {
      results.record(
        `startup, ${name}: navigation → ${label} (p50 of ${LOADS})`,
        round(of(loads, step), 0),
        'ms',
        null,
      );
    }
    const painted = round(of(loads, 'painted'), 0);
    results.record(
      `startup: URL → first row painted, ${name}, 200 replayed (p50 of ${LOADS})`,
      painted,
      'ms',
      budget,
    );
    if (name === 'cold') {
      results.record(
        `startup: URL → first row painted, cold, 200 replayed (max of ${LOADS})`,
        round(Math.max(...loads.map((l) => l.painted)), 0),
        'ms',
        1500,
      );
    }
    results.record(
      `startup, ${name}: first row painted ÷ the baseline (p50s)`,
      round(painted / base, 2),
      'x',
      null,
    );
    results.record(
      `startup, ${name}: bytes on the wire, HTTP (p50 of ${LOADS})`,
      round(of(loads, 'httpBytes') / 1024),
      'KiB',
      null,
    );
  }
  console.log(
    `  (startup: WebSocket payloads received until the page was idle, p50 ${round(of(cold, 'socketBytes') / 1024)} KiB cold, ${round(of(warm, 'socketBytes') / 1024)} KiB warm)`,
  );
}

/** The baseline's time in a fresh context (a cold cache, as the workspace's cold start has). */
async function bareSocketPage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 600, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(BASELINE);
    await page.goto(url);
    return await page.evaluate(() => window.__baseline);
  } finally {
    await context.close();
  }
}

/** Evaluating a script (an inline script element: parse and run), median of 5 fresh pages. */
export async function evaluationFigures({ browser, scripts, results }) {
  for (const [name, { code, budget }] of Object.entries(scripts)) {
    const times = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage();
      await page.setContent('<!doctype html><html lang="en"><body></body></html>');
      times.push(
        await page.evaluate((text) => {
          const t = performance.now();
          const el = document.createElement('script');
          el.textContent = text;
          document.head.append(el);
          return performance.now() - t;
        }, code),
      );
      await page.close();
    }
    times.sort((a, b) => a - b);
    results.record(
      `startup: evaluate ${name} (median of 5)`,
      round(pct(times, 50), 0),
      'ms',
      budget,
    );
  }
}
