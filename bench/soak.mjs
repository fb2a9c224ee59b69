// The soak: one standalone workspace on the reference endpoint takes 5,000
// messages, 20,000 tile updates and 200 html tile re-renders (each its own
// socket.io frame), then 1,000 reconnects (a new connection each, joining
// again and replaying the session), with 10 drops by the server among them.
// Before and after, with garbage collected: the JS heap, iframes, event
// listeners on window and document, open WebSockets in the page and sockets
// on the server. Growth is what leaked.
import { PAGE_HELPERS, round, trackRequests, until } from './lib.mjs';

/**
 * One message, one card and one html update, shown: the tiles the census finds
 * (streamed updates are not stored, so a new connection starts without them),
 * and what each sets up once (the transcript's virtualizer listens to the
 * window's scroll once it has rows; the card SDK has a document listener).
 * Without the message, the count before depended on whether the demo's first
 * step came before the pause, and a run counted the virtualizer as a leak.
 */
async function oneOfEach(page, endpoint, key) {
  for (const [kind, tileId] of [
    ['transcript', 'transcript'],
    ['card', 'load'],
    ['html', 'page'],
  ]) {
    await endpoint.control('POST', 'stream', { ...key, rate: 1, count: 1, kind, tileId });
  }
  await page.waitForFunction(() => {
    const tiles = window.__acw.workspace().state.tiles;
    return tiles.has('load') && tiles.has('page') && window.__acw.rows().length > 0;
  });
  await page.evaluate(() => window.__acw.workspace().updateComplete);
  await page.evaluate(() => window.__acw.painted());
}

/**
 * In the page: the next connection phase the workspace announces that `wanted`
 * accepts (an event, not a poll: the phase may be back within one poll, or a
 * poll may still read the old connection's), or a rejection after `ms`. The
 * timer is cleared once seen: a pending one would be the bench's memory in the
 * census.
 */
const NEXT_PHASE = `
window.__acw.nextPhase = (wanted, ms) =>
  new Promise((resolve, reject) => {
    const el = window.__acw.workspace();
    const timer = setTimeout(() => reject(new Error('bench: no such connection phase in ' + ms + ' ms')), ms);
    const seen = (e) => {
      if (!wanted(e.phase)) return;
      el.removeEventListener('acw-connection-changed', seen);
      clearTimeout(timer);
      resolve(e.phase);
    };
    el.addEventListener('acw-connection-changed', seen);
  });
`;

/** Everything that could leak, counted after a full garbage collection. */
async function census(page, cdp, endpoint) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const listeners = await cdp.send('Runtime.evaluate', {
    expression: `(() => {
      const byType = {};
      for (const [where, t] of [['window', window], ['document', document]])
        for (const [type, l] of Object.entries(getEventListeners(t))) byType[where + ':' + type] = l.length;
      return byType;
    })()`,
    includeCommandLineAPI: true,
    returnByValue: true,
  });
  const inPage = await page.evaluate(() => {
    const frames = (root) =>
      [...root.querySelectorAll('*')].reduce(
        (n, e) => n + (e.tagName === 'IFRAME' ? 1 : 0) + (e.shadowRoot ? frames(e.shadowRoot) : 0),
        0,
      );
    return { iframes: frames(document), sockets: window.__acw.open.size };
  });
  const health = await endpoint.control('GET', 'health');
  return {
    heapMiB: usedSize / 1048576,
    listeners: Object.values(listeners.result.value).reduce((n, c) => n + c, 0),
    listenersByType: listeners.result.value,
    ...inPage,
    serverSockets: health.sockets,
  };
}

export async function soakFigures({ browser, endpoint, results, reconnects = 1000 }) {
  const sessionId = `soak-${Date.now()}`;
  const key = endpoint.key(sessionId);
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  const cdp = await page.context().newCDPSession(page);
  const requests = trackRequests(page);
  try {
    await page.addInitScript(PAGE_HELPERS + NEXT_PHASE);
    await page.goto(endpoint.sessionUrl(sessionId));
    await page.waitForFunction(() => !!window.__acw.scroller());
    await endpoint.control('POST', 'script', { ...key, action: 'pause' });
    await endpoint.control('POST', 'layout', {
      ...key,
      layout: {
        grid: { columns: 3, rows: 1 },
        tiles: { transcript: { x: 1, y: 1 }, load: { x: 2, y: 1 }, page: { x: 3, y: 1 } },
      },
    });
    // one of each first: what a renderer sets up once (the card SDK's document listener) is not a leak
    await oneOfEach(page, endpoint, key);
    await requests.settled();
    const before = await census(page, cdp, endpoint);

    const started = Date.now();
    await endpoint.control('POST', 'stream', { ...key, rate: 1000, count: 5000 });
    await endpoint.control('POST', 'stream', {
      ...key,
      rate: 1000,
      count: 20_000,
      kind: 'card',
      tileId: 'load',
    });
    await endpoint.control('POST', 'stream', {
      ...key,
      rate: 20,
      count: 200,
      kind: 'html',
      tileId: 'page',
    });
    await until(
      () =>
        page.evaluate(
          () =>
            window.__acw.workspace().state.tiles.get('page')?.versions.at(-1)?.version === 200 &&
            window.__acw.workspace().state.transcripts.get('transcript').length >= 5000,
        ),
      30_000,
      'every update in the state',
    );
    const loaded = await census(page, cdp, endpoint);

    // reconnects: a new connection each time (the session comes from the changed query),
    // and every 100th the server drops the socket instead (socket.io's own reconnection)
    for (let i = 0; i < reconnects; i++) {
      if (i % 100 === 50) {
        // the workspace says when it lost the socket (an event, not a poll: it may be
        // back within one poll)
        // (listening before the drop is asked for)
        await page.evaluate(() => {
          window.__acw.dropped = window.__acw.nextPhase((p) => p !== 'live', 30_000);
        });
        await endpoint.control('POST', 'drop', key);
        await page.evaluate(() => window.__acw.dropped);
      } else {
        // live again means the new connection's own join: the phase event fires on a
        // change only, so a 'live' one follows the reset (a poll of the phase could
        // still read the old connection's 'live' and stream to a room the new one
        // has not joined yet)
        await page.evaluate((n) => {
          const live = window.__acw.nextPhase((p) => p === 'live', 15_000);
          window.__acw.workspace().search = `${location.search}&reconnect=${n}`;
          return live;
        }, i);
      }
      await page.waitForFunction(() => window.__acw.workspace().state.connection.phase === 'live', {
        timeout: 15_000,
      });
    }
    // the same tiles as at the start (streamed updates are not stored, so not replayed),
    // then count: anything more than before was left behind
    await page.waitForFunction(() => !!window.__acw.scroller());
    await oneOfEach(page, endpoint, key);
    await requests.settled();
    const after = await census(page, cdp, endpoint);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `  (soak: ${seconds.toFixed(0)} s; before ${JSON.stringify(roundAll(before))}, loaded ${JSON.stringify(roundAll(loaded))}, after ${JSON.stringify(roundAll(after))})`,
    );
    results.record(
      'soak: JS heap growth after GC',
      round(after.heapMiB - before.heapMiB),
      'MiB',
      10,
    );
    results.record('soak: iframes leaked', after.iframes - before.iframes, '', 0);
    const leaked = Object.entries(after.listenersByType).filter(
      ([type, n]) => n > (before.listenersByType[type] ?? 0),
    );
    if (leaked.length > 0) console.log(`  (listeners that grew: ${JSON.stringify(leaked)})`);
    results.record(
      'soak: window and document listeners leaked',
      after.listeners - before.listeners,
      '',
      0,
    );
    results.record('soak: WebSockets open in the page (after)', after.sockets, '', 1);
    results.record('soak: sockets open on the server (after)', after.serverSockets, '', 1);
  } finally {
    await page.close();
  }
}

const roundAll = (o) =>
  Object.fromEntries(
    Object.entries(o)
      .filter(([k]) => k !== 'listenersByType')
      .map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]),
  );
