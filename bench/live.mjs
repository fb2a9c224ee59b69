// Live rates: transcript updates at 10, 50 and 200 a second, each its own
// socket.io frame, emitted by the reference endpoint (a real server on
// loopback, `POST /__control/stream`) to the standalone workspace page.
// Measured in the page for every update: emit → row in the DOM (the text
// carries the server's emit time), and frame arrival → DOM (the page's own
// share); long tasks; updates shown.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { PAGE_HELPERS, pct, root, round, trackRequests, until } from './lib.mjs';

/**
 * In the page: when each streamed row entered the log, and when its frame arrived.
 * The records are fixed-size arrays indexed by the update's number, allocated
 * before the stream starts: the bench's own memory does not grow with the
 * stream (an hour's voice call measures the workspace's heap, not these).
 */
const OBSERVE = `
window.__acw.onSocketMessage.push((e) => {
  const at = window.__acw.arrivedAt;
  if (!at) return;
  const m = /stream (\\d+) at/.exec(typeof e.data === 'string' ? e.data : '');
  if (m && +m[1] < at.length) at[+m[1]] = performance.now();
});
window.__acw.observeStream = ({ painted = false, total }) => {
  const record = (n) => new Float64Array(n).fill(NaN);
  const arrivedAt = record(total);
  const emitToDom = record(total);
  const arrivalToDom = record(total);
  const emitToPainted = record(painted ? total : 0);
  let paintedCount = 0;
  window.__acw.arrivedAt = arrivedAt;
  window.__acw.shown = 0;
  const numbers = (a, n = a.length) => Array.from(a.subarray(0, n)).filter((v) => !Number.isNaN(v)).sort((x, y) => x - y);
  window.__acw.streamFigures = () => ({
    emitToDom: numbers(emitToDom),
    arrivalToDom: numbers(arrivalToDom),
    emitToPainted: numbers(emitToPainted, paintedCount),
  });
  // the emit times of the rows that entered the DOM since the last callback: painted by the next frame
  const unpainted = [];
  const paintedAt = (emits) =>
    requestAnimationFrame(() =>
      setTimeout(() => {
        const wall = Math.round(performance.timeOrigin + performance.now()) % 1e7;
        for (const emit of emits)
          if (paintedCount < emitToPainted.length) emitToPainted[paintedCount++] = (wall - emit + 1e7) % 1e7;
      }, 0),
    );
  const look = (node) => {
    if (!(node instanceof Element)) return;
    const rows = node.matches('[part="message"]') ? [node] : node.querySelectorAll('[part="message"]');
    for (const row of rows) {
      const m = /stream (\\d+) at (\\d+)/.exec(row.textContent ?? '');
      const i = m ? +m[1] : -1;
      if (!(i >= 0 && i < total) || !Number.isNaN(emitToDom[i])) continue;
      const now = performance.now();
      const wall = Math.round(performance.timeOrigin + now) % 1e7;
      emitToDom[i] = (wall - +m[2] + 1e7) % 1e7;
      window.__acw.shown++;
      arrivalToDom[i] = now - (Number.isNaN(arrivedAt[i]) ? now : arrivedAt[i]);
      if (painted) unpainted.push(+m[2]);
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
    if (unpainted.length > 0) paintedAt(unpainted.splice(0));
  }).observe(window.__acw.scroller(), { childList: true, subtree: true, characterData: true });
  window.__acw.longTasks.length = 0;
};
`;

/** The numbers of a primed stream end here (the endpoint takes `from` up to 10,000,000). */
const PRIMED_FROM = 10_000_000;

/**
 * One rate on a fresh page and a fresh session (`kind`: `transcript` or
 * `voice`). `setup(key, page)` prepares the session once the page has joined
 * it (a layout, tiles); `painted` also times each row to the end of the frame
 * that paints it; `watch(page)`, started with the stream, returns a function
 * that stops it and returns what it saw. `prime` seconds of the same stream are
 * sent first, untimed (numbered from 10,000,000 − their count, which the page
 * does not record): what the first screenful and V8's first optimisations
 * cost is paid before the measured stream starts.
 */
export async function liveRate({
  browser,
  endpoint,
  rate,
  seconds,
  kind = 'transcript',
  viewport = { width: 600, height: 800 },
  setup,
  painted = false,
  watch,
  prime = 0,
}) {
  const sessionId = `live-${rate}-${Date.now()}`;
  const page = await browser.newPage({ viewport });
  // the memory sampler, stopped here or (after a throw) before the page closes
  let stop;
  try {
    await page.addInitScript(PAGE_HELPERS + OBSERVE);
    const requests = trackRequests(page);
    await page.goto(endpoint.sessionUrl(sessionId));
    await page.waitForFunction(() => !!window.__acw.scroller());
    await setup?.(endpoint.key(sessionId), page);
    const send = async (count, from) => {
      let seconds = 0;
      // a minute a request at most (a long call would outlast the HTTP client's timeout)
      for (let k = 0; k < count; k += rate * 60) {
        const part = await endpoint.control('POST', 'stream', {
          ...endpoint.key(sessionId),
          rate,
          count: Math.min(rate * 60, count - k),
          from: from + k,
          kind,
        });
        seconds += part.seconds;
      }
      return seconds;
    };
    const primed = Math.round(rate * prime);
    if (primed > 0) await send(primed, PRIMED_FROM - primed);
    // the session's own start (its layout, tile documents) is not what is measured: wait
    // until the network is idle and the main thread has had no long task for a second
    await requests.settled();
    await page.evaluate(async () => {
      for (let seen = -1; seen !== window.__acw.longTasks.length;) {
        seen = window.__acw.longTasks.length;
        await new Promise((r) => setTimeout(r, 1000));
      }
    });
    const total = Math.round(rate * seconds);
    await page.evaluate((o) => window.__acw.observeStream(o), { painted, total });
    stop = await watch?.(page);
    const sendSeconds = await send(total, 0);
    await until(
      () => page.evaluate((n) => window.__acw.shown >= n, total),
      15_000,
      `all ${total} updates shown`,
    ).catch(() => {}); // counted below
    await page.evaluate(() => window.__acw.painted()); // the last rows' frame
    const watched = await stop?.();
    stop = undefined;
    const r = await page.evaluate(() => window.__acw.streamFigures());
    return {
      rate,
      total,
      sendSeconds,
      shown: r.emitToDom.length,
      p50: pct(r.emitToDom, 50),
      p99: pct(r.emitToDom, 99),
      max: r.emitToDom.at(-1) ?? Number.NaN,
      pageP50: pct(r.arrivalToDom, 50),
      pageP99: pct(r.arrivalToDom, 99),
      paintedP95: pct(r.emitToPainted, 95),
      longestTask: await page.evaluate(() => Math.max(0, ...window.__acw.longTasks)),
      watched,
    };
  } finally {
    await stop?.().catch(() => {});
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

/**
 * Where the 30 tiles go: a wide grid where all of them are in view (the
 * transcript a column on the left, the tiles in three columns beside it), and
 * a narrow panel (a Genesys Script's width: one scrolling column, the
 * transcript on top) where most of them are scrolled out of view. With no
 * tiles, the same grid holds the transcript alone, at the same size.
 */
const PANELS = {
  'wide grid, all in view': {
    viewport: { width: 1280, height: 900 },
    layout: (ids) => ({
      grid: { columns: 4, rows: 10 },
      tiles: Object.fromEntries([
        ['transcript', { x: 1, y: 1, rows: 10 }],
        ...ids.map((id, i) => [id, { x: 2 + (i % 3), y: 1 + Math.floor(i / 3) }]),
      ]),
    }),
  },
  'narrow panel, most scrolled out of view': {
    viewport: { width: 480, height: 900 },
    layout: (ids) => ({
      grid: { columns: 1, rows: 1 + ids.length },
      tiles: Object.fromEntries(['transcript', ...ids].map((id, i) => [id, { x: 1, y: i + 1 }])),
    }),
  },
};

/** An html tile as a knowledge flow sends one: a heading, a few paragraphs, a list. */
const htmlTile = (i) => `<h3>Article ${i}: refunds for a delayed delivery</h3>
<p>When a parcel arrives more than five working days late, the customer may ask for the
delivery fee back. Check the tracking history first: a delay the carrier recorded as a failed
attempt at the door does not count.</p>
<p>Refunds up to 50 EUR need no approval. Above that, open a case for the team lead and tell the
customer that they will hear back within two working days.</p>
<p>For a second delay within 90 days, offer the voucher as well (code LATE-${i}).</p>
<ul><li>Tracking history checked</li><li>Fee refunded</li><li>Voucher offered</li></ul>`;

/** The transcript and `count` html tiles, each with its content, all rendered. */
async function withHtmlTiles({ endpoint, key, page, layout, count }) {
  const ids = Array.from({ length: count }, (_, i) => `kb-${i}`);
  await endpoint.control('POST', 'layout', { ...key, layout: layout(ids) });
  for (const [i, id] of ids.entries()) {
    await endpoint.control('POST', 'tile', {
      ...key,
      update: { id, version: 1, type: 'html', data: { html: htmlTile(i) } },
    });
  }
  await page
    .waitForFunction(
      (n) =>
        window.__acw
          .workspace()
          .shadowRoot.querySelector('acw-grid')
          .shadowRoot.querySelectorAll('acw-html-tile').length === n,
      count,
    )
    .catch(async (e) => {
      // what the page had: a timeout alone says nothing of why
      const seen = await page.evaluate(() => {
        const el = window.__acw.workspace();
        const { state } = el;
        return {
          phase: state.connection.phase,
          layoutTiles: state.layout.tiles.size,
          stateTiles: state.tiles.size,
          htmlTiles: el.shadowRoot
            .querySelector('acw-grid')
            .shadowRoot.querySelectorAll('acw-html-tile').length,
          diagnostic: state.diagnostics.last,
        };
      });
      throw new Error(`${e.message}: the page had ${JSON.stringify(seen)}`);
    });
}

/**
 * 50 updates a second beside 30 html tiles and beside none, in each panel (one
 * after the other in the same run): tiles that do not change must cost (close
 * to) nothing per frame, in view or not.
 */
export async function manyTilesFigures({ browser, endpoint, results, seconds, rate = 50 }) {
  for (const [panel, { viewport, layout }] of Object.entries(PANELS)) {
    const p95 = {};
    for (const count of [0, 30]) {
      const f = await liveRate({
        browser,
        endpoint,
        rate,
        seconds,
        viewport,
        painted: true,
        setup: (key, page) => withHtmlTiles({ endpoint, key, page, layout, count }),
      });
      p95[count] = f.paintedP95;
      results.record(
        `${rate}/s for ${seconds} s, ${panel}, ${count} html tiles: emit → painted p95`,
        round(f.paintedP95),
        'ms',
        null,
      );
    }
    results.record(
      `append → painted p95 with 30 html tiles ÷ with 0, ${panel}`,
      round(p95[30] / p95[0], 2),
      'x',
      1.25,
    );
  }
}

/** The page's memory after a full garbage collection: JS heap, DOM nodes, listeners, detached nodes. */
async function memory(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  const { detachedNodes } = await cdp.send('DOM.getDetachedDomNodes');
  const count = (n) => 1 + (n.children ?? []).reduce((sum, c) => sum + count(c), 0);
  return {
    heapMiB: round(usedSize / 1048576, 4),
    nodes,
    listeners: jsEventListeners,
    detachedNodes: detachedNodes.reduce((sum, d) => sum + count(d.treeNode), 0),
  };
}

/**
 * Samples `memory` at the start, every `everyS` seconds and at the end (a
 * `watch` of liveRate); each sample has its time `s`, seconds from the start.
 */
const sampleMemory = (everyS) => async (page) => {
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now();
  const samples = [];
  const sample = async () =>
    samples.push({ s: round((Date.now() - start) / 1000), ...(await memory(cdp)) });
  await sample();
  let stopped = false;
  let wake = () => {};
  const sampling = (async () => {
    for (let next = everyS * 1000; ; next += everyS * 1000) {
      await new Promise((r) => {
        wake = r;
        setTimeout(r, start + next - Date.now());
      });
      if (stopped) return;
      await sample();
    }
  })();
  return async () => {
    stopped = true;
    wake();
    await sampling;
    await sample();
    return samples;
  };
};

/** Node types of a heap snapshot that are not the page's JS objects (V8's code and maps, the DOM's C++ side). */
const NOT_JS_OBJECTS = new Set(['code', 'native', 'synthetic', 'hidden', 'object shape']);
/**
 * `native` (or `hidden`) nodes that are JS objects' own storage: out-of-object properties,
 * the characters of external strings (text handed between the DOM and JS), array buffers'
 * bytes (among them the bench's own records, allocated before the stream).
 */
const JS_STORAGE = new Set([
  'system / PropertyArray',
  'system / ExternalStringData',
  'system / JSArrayBufferData',
]);
/**
 * V8's number-to-string cache, an array held by its strong root list under one of these
 * names (the older V8 name last): it grows once, at a time of V8's choosing. (Its twin for
 * fractions, `double_string_cache`, is a `native` node.)
 */
const NUMBER_STRING_CACHES = new Set(['smi_string_cache', 'number_string_cache']);

/**
 * The bytes of the JS objects the page holds, from a heap snapshot after GC: arrays,
 * strings, objects, closures and their contexts, numbers, with their property stores,
 * external characters and array buffers; not compiled code, hidden classes, V8's internal
 * nodes, the DOM (V8 merges a DOM object's JS wrapper into its C++ node: the DOM counters
 * say what the DOM does) or V8's number-to-string cache.
 */
async function jsObjectBytes(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const { snapshot, nodes, edges, strings } = JSON.parse(chunks.join(''));
  const nf = snapshot.meta.node_fields;
  const ef = snapshot.meta.edge_fields;
  const nodeTypes = snapshot.meta.node_types[0];
  const edgeTypes = snapshot.meta.edge_types[0];
  const [TYPE, NAME, SIZE, EDGES] = ['type', 'name', 'self_size', 'edge_count'].map((f) =>
    nf.indexOf(f),
  );
  const [EDGE_TYPE, EDGE_NAME, TO] = ['type', 'name_or_index', 'to_node'].map((f) => ef.indexOf(f));
  // the node the strong root list's number-to-string cache edge points to
  let cache = -1;
  for (let i = 0, e = 0; i < nodes.length; i += nf.length) {
    const strongRoots =
      nodeTypes[nodes[i + TYPE]] === 'synthetic' &&
      strings[nodes[i + NAME]] === '(Strong root list)';
    for (let k = 0; k < nodes[i + EDGES]; k++, e += ef.length) {
      const named = !['element', 'hidden'].includes(edgeTypes[edges[e + EDGE_TYPE]]);
      if (strongRoots && named && NUMBER_STRING_CACHES.has(strings[edges[e + EDGE_NAME]]))
        cache = edges[e + TO];
    }
    if (strongRoots) break;
  }
  if (cache < 0)
    throw new Error(
      `the heap snapshot has none of ${[...NUMBER_STRING_CACHES].join(', ')} in its strong root list`,
    );
  let bytes = 0;
  for (let i = 0; i < nodes.length; i += nf.length) {
    const excluded =
      NOT_JS_OBJECTS.has(nodeTypes[nodes[i + TYPE]]) && !JS_STORAGE.has(strings[nodes[i + NAME]]);
    if (excluded || i === cache) continue;
    bytes += nodes[i + SIZE];
  }
  return bytes;
}

/** The slope of the least-squares line through the samples' heap, MiB an hour. */
function slopePerHour(samples) {
  const n = samples.length;
  const mx = samples.reduce((a, p) => a + p.s, 0) / n;
  const my = samples.reduce((a, p) => a + p.heapMiB, 0) / n;
  const sxy = samples.reduce((a, p) => a + (p.s - mx) * (p.heapMiB - my), 0);
  const sxx = samples.reduce((a, p) => a + (p.s - mx) ** 2, 0);
  return (sxy / sxx) * 3600;
}

/**
 * A voice call: two speakers at once, 5 interim updates a second each, revised in
 * place, after an untimed warm-up of the same (a minute, or the run's length if
 * shorter: the first screenful, V8's first optimisations). Budgeted: the growth of
 * the JS objects the page holds (heap snapshots after GC when the measured stream
 * starts and after it ends, in MiB an hour), of its DOM nodes, detached nodes and
 * event listeners. The page's memory after GC is also sampled every 10 s (every 5
 * minutes for runs over 10 minutes), and the heap's least-squares line through the
 * samples is given as a reference. `--voice-seconds=3600` also appends the run, with
 * its samples, to bench/voice-60min.json.
 */
export async function voiceFigures({ browser, endpoint, results, seconds }) {
  const warm = Math.min(60, seconds);
  const f = await liveRate({
    browser,
    endpoint,
    rate: 10,
    seconds,
    kind: 'voice',
    prime: warm,
    // a snapshot stops the page for a moment: taken where no update is being timed
    watch: async (page) => {
      const cdp = await page.context().newCDPSession(page);
      const before = { at: Date.now(), bytes: await jsObjectBytes(cdp) };
      const stop = await sampleMemory(seconds > 600 ? 300 : 10)(page);
      return async () => {
        const samples = await stop();
        const after = { at: Date.now(), bytes: await jsObjectBytes(cdp) };
        return { samples, objects: { before, after } };
      };
    },
  });
  const name = `voice, 2 speakers × 5 interim/s for ${seconds} s`;
  results.record(`${name}: emit → DOM p99`, round(f.p99), 'ms', 50);
  results.record(`${name}: longest task`, round(f.longestTask, 0), 'ms', 50);
  results.record(`${name}: updates not shown (of ${f.total})`, f.total - f.shown, '', 0);
  const { samples, objects } = f.watched;
  const [first, last] = [samples[0], samples.at(-1)];
  // per hour of the call: the measured stream's own length (the snapshots and the wait
  // for the last rows are not call time)
  const hours = seconds / 3600;
  const objectGrowth = (objects.after.bytes - objects.before.bytes) / 1048576 / hours;
  results.record(
    `${name}: JS objects held (heap snapshots), growth per hour after a ${warm} s warm-up`,
    round(objectGrowth),
    'MiB/h',
    2,
  );
  // the heap's own line: V8's one-time growth (compiled code as functions tier up, its
  // number-to-string cache) is in it, which a short run cannot amortise
  const heapSlope = slopePerHour(samples);
  results.record(`${name}: JS heap after GC, least-squares line`, round(heapSlope), 'MiB/h', null);
  // one row (several nodes) kept per final message, one a second, would be hundreds in the
  // default run; the rows in view vary with their lengths (−78 to +31 seen)
  results.record(`${name}: DOM nodes, end − start`, last.nodes - first.nodes, '', 100);
  // one kept per final message would be 180; a few come and go with the browser's own work
  results.record(
    `${name}: detached DOM nodes, end − start`,
    last.detachedNodes - first.detachedNodes,
    '',
    10,
  );
  results.record(
    `${name}: JS event listeners, end − start`,
    last.listeners - first.listeners,
    '',
    0,
  );
  console.log(
    `  (voice: JS objects held ${round(objects.before.bytes / 1048576, 3)} → ${round(objects.after.bytes / 1048576, 3)} MiB; ${samples.length} samples; heap after GC ${round(first.heapMiB, 2)} → ${round(last.heapMiB, 2)} MiB, nodes ${first.nodes} → ${last.nodes}, listeners ${first.listeners} → ${last.listeners}, detached nodes ${first.detachedNodes} → ${last.detachedNodes})`,
  );
  if (seconds >= 3600) {
    const file = `${root}bench/voice-60min.json`;
    // the runs before this one are kept (older ones have only the heap's line)
    const earlier = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).runs : [];
    const run = {
      at: new Date().toISOString(),
      seconds,
      warmUpSeconds: warm,
      heapSlopeMiBPerHour: round(heapSlope, 2),
      objectGrowthMiBPerHour: round(objectGrowth, 2),
      objects,
      emitToDomP99: round(f.p99),
      longestTask: round(f.longestTask, 0),
      samples,
    };
    writeFileSync(file, `${JSON.stringify({ runs: [...earlier, run] }, null, 2)}\n`);
    console.log('  (voice: added the run to bench/voice-60min.json)');
  }
}
