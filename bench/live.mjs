// Live rates: transcript updates at 10, 50 and 200 a second, each its own
// socket.io frame, emitted by the reference endpoint (a real server on
// loopback, `POST /__control/stream`) to the standalone workspace page.
// Measured in the page for every update: emit → row in the DOM (the text
// carries the server's emit time), and frame arrival → DOM (the page's own
// share); long tasks; updates shown.
import { PAGE_HELPERS, pct, round, until } from './lib.mjs';

/** In the page: when each streamed row entered the log, and when its frame arrived. */
const OBSERVE = `
window.__acw.arrived = new Map();
window.__acw.onSocketMessage.push((e) => {
  const m = /stream (\\d+) at/.exec(typeof e.data === 'string' ? e.data : '');
  if (m) window.__acw.arrived.set(+m[1], performance.now());
});
window.__acw.observeStream = () => {
  const emitToDom = new Map();
  const arrivalToDom = [];
  window.__acw.emitToDom = emitToDom;
  window.__acw.arrivalToDom = arrivalToDom;
  const look = (node) => {
    if (!(node instanceof Element)) return;
    const rows = node.matches('[part="message"]') ? [node] : node.querySelectorAll('[part="message"]');
    for (const row of rows) {
      const m = /stream (\\d+) at (\\d+)/.exec(row.textContent ?? '');
      if (!m || emitToDom.has(+m[1])) continue;
      const now = performance.now();
      const wall = Math.round(performance.timeOrigin + now) % 1e7;
      emitToDom.set(+m[1], (wall - +m[2] + 1e7) % 1e7);
      arrivalToDom.push(now - (window.__acw.arrived.get(+m[1]) ?? now));
    }
  };
  // a row that enters the log, or (voice) whose text is revised in place
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) look(n);
      if (r.type === 'characterData' || r.type === 'childList') {
        const row = (r.target instanceof Element ? r.target : r.target.parentElement)?.closest(
          '[part="message"]',
        );
        if (row) look(row);
      }
    }
  }).observe(window.__acw.scroller(), { childList: true, subtree: true, characterData: true });
  window.__acw.longTasks.length = 0;
};
`;

/** One rate on a fresh page and a fresh session (`kind`: `transcript` or `voice`). */
export async function liveRate({ browser, endpoint, rate, seconds, kind = 'transcript' }) {
  const sessionId = `live-${rate}-${Date.now()}`;
  const page = await browser.newPage({ viewport: { width: 600, height: 800 } });
  try {
    await page.addInitScript(PAGE_HELPERS + OBSERVE);
    await page.goto(endpoint.sessionUrl(sessionId));
    await page.waitForFunction(() => !!window.__acw.scroller());
    // the session's own start (its layout, tile documents) is not what is measured: wait
    // until the network is idle and the main thread has had no long task for a second
    await page.waitForLoadState('networkidle');
    await page.evaluate(async () => {
      for (let seen = -1; seen !== window.__acw.longTasks.length;) {
        seen = window.__acw.longTasks.length;
        await new Promise((r) => setTimeout(r, 1000));
      }
    });
    await page.evaluate(() => window.__acw.observeStream());
    const total = Math.round(rate * seconds);
    // a minute a request at most (a long call would outlast the HTTP client's timeout)
    const sent = { seconds: 0 };
    for (let from = 0; from < total; from += rate * 60) {
      const part = await endpoint.control('POST', 'stream', {
        ...endpoint.key(sessionId),
        rate,
        count: Math.min(rate * 60, total - from),
        from,
        kind,
      });
      sent.seconds += part.seconds;
    }
    await until(
      () => page.evaluate((n) => window.__acw.emitToDom.size >= n, total),
      15_000,
      `all ${total} updates shown`,
    ).catch(() => {}); // counted below
    const r = await page.evaluate(() => ({
      emitToDom: [...window.__acw.emitToDom.values()].sort((a, b) => a - b),
      arrivalToDom: window.__acw.arrivalToDom.slice().sort((a, b) => a - b),
      longTasks: window.__acw.longTasks.slice(),
    }));
    return {
      rate,
      total,
      sendSeconds: sent.seconds,
      shown: r.emitToDom.length,
      p50: pct(r.emitToDom, 50),
      p99: pct(r.emitToDom, 99),
      max: r.emitToDom.at(-1) ?? Number.NaN,
      pageP50: pct(r.arrivalToDom, 50),
      pageP99: pct(r.arrivalToDom, 99),
      longestTask: Math.max(0, ...r.longTasks),
    };
  } finally {
    await page.close();
  }
}

export async function liveFigures({ browser, endpoint, results, seconds, rates = [10, 50, 200] }) {
  for (const rate of rates) {
    const f = await liveRate({ browser, endpoint, rate, seconds });
    const name = `live ${rate}/s for ${seconds} s`;
    results.record(`${name}: emit → DOM p50`, round(f.p50), 'ms', 16);
    results.record(`${name}: emit → DOM p99`, round(f.p99), 'ms', 50);
    results.record(`${name}: frame arrival → DOM p99`, round(f.pageP99), 'ms', 33);
    results.record(`${name}: longest task`, round(f.longestTask, 0), 'ms', 50);
    results.record(`${name}: updates not shown (of ${f.total})`, f.total - f.shown, '', 0);
    if (f.sendSeconds > seconds * 1.1) {
      console.log(
        `  (the endpoint needed ${f.sendSeconds.toFixed(1)} s to emit ${seconds} s of updates)`,
      );
    }
  }
}

/** A voice call: two speakers at once, 5 interim updates a second each, revised in place. */
export async function voiceFigures({ browser, endpoint, results, seconds }) {
  const f = await liveRate({ browser, endpoint, rate: 10, seconds, kind: 'voice' });
  const name = `voice, 2 speakers × 5 interim/s for ${seconds} s`;
  results.record(`${name}: emit → DOM p99`, round(f.p99), 'ms', 50);
  results.record(`${name}: longest task`, round(f.longestTask, 0), 'ms', 50);
  results.record(`${name}: updates not shown (of ${f.total})`, f.total - f.shown, '', 0);
}
