// Startup: the standalone URL of a replayed session (200 messages on the
// reference endpoint) → the first transcript row painted, in a cold browser
// context (no cache), 5 runs; and how long evaluating each script takes
// (parse and run, before any element exists).
import { PAGE_HELPERS, pct, round } from './lib.mjs';

const FIRST_ROW = `
window.__acw.firstRow = new Promise((resolve) => {
  const look = () => (window.__acw.rows().length > 0 ? resolve(performance.now()) : requestAnimationFrame(look));
  requestAnimationFrame(look);
});
`;

export async function startupFigures({ browser, endpoint, results, runs = 5 }) {
  const sessionId = `startup-${Date.now()}`;
  const key = endpoint.key(sessionId);
  // the session exists once a socket joined it; then it gets its history
  const first = await browser.newPage();
  await first.goto(endpoint.sessionUrl(sessionId));
  await first.close();
  await endpoint.control('POST', 'script', { ...key, action: 'pause' }).catch(() => {});
  for (let i = 0; i < 200; i++) {
    await endpoint.control('POST', 'message', { ...key, text: `History message ${i} of the call` });
  }
  const times = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 600, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript(PAGE_HELPERS + FIRST_ROW);
    await page.goto(endpoint.sessionUrl(sessionId));
    times.push(await page.evaluate(() => window.__acw.firstRow));
    await context.close();
  }
  times.sort((a, b) => a - b);
  results.record(
    'startup: URL → first row painted, cold, 200 replayed (p50 of 5)',
    round(pct(times, 50), 0),
    'ms',
    1000,
  );
  results.record(
    'startup: URL → first row painted, cold, 200 replayed (max of 5)',
    round(times.at(-1), 0),
    'ms',
    1500,
  );
}

/** Evaluating a script (an inline script element: parse and run), median of 5 fresh pages. */
export async function evaluationFigures({ browser, scripts, results }) {
  for (const [name, code] of Object.entries(scripts)) {
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
    results.record(`startup: evaluate ${name} (median of 5)`, round(pct(times, 50), 0), 'ms', 60);
  }
}
