// Property-based tests (fast-check) of what arrives from outside, in real
// Chromium: server frames through a real socket.io server into the whole
// workspace; tile SDK messages, host-bridge commands and session parameters
// through their parsers. Ids come from a pool of prototype names; payloads
// are deep, huge, wrong-typed or long. Bounded here; `npm run fuzz` runs more.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import fc from 'fast-check';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { AcwWorkspace } from '../../src/components/acw-workspace.js';
import '../../src/components/acw-workspace.js';
import '../../src/components/acw-card-tile.js';
import { AcwDiagnosticEvent } from '../../src/events/events.js';
import { parseTileMessage } from '../../src/transport/tile-bridge.js';
import { HostCommand } from '../../src/transport/host-bridge.js';
import { readSessionParams } from '../../src/transport/session-params.js';
import { TestServer } from '../support/sio.js';

const scale = async () => (await executeServerCommand('fuzz-scale')) as number;
const seed = async () => (await executeServerCommand('fuzz-seed')) as number;

/** Marks attacker-chosen keys and values: a diagnostic must never repeat them. */
const MARK = 'ZZ9';
const PROTO = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype'];
const id = fc.oneof(
  fc.constantFrom(...PROTO, 'transcript', 'next-action', `${MARK}id`),
  fc.string({ minLength: 1, maxLength: 40 }),
);
const hostile = fc.oneof(
  fc.anything({ maxDepth: 4, withNullPrototype: true, withBigInt: false }),
  fc.constantFrom(1e308, -0, Number.MAX_SAFE_INTEGER + 2, '', `${MARK}val`),
  fc.string({ maxLength: 3000 }),
  fc.dictionary(fc.constantFrom(...PROTO, `${MARK}key`), fc.anything({ maxDepth: 2 })),
);
const placement = fc.record(
  {
    x: fc.integer({ min: 0, max: 24 }),
    y: fc.integer({ min: 0, max: 48 }),
    columns: fc.integer({ min: 0, max: 24 }),
    rows: fc.integer({ min: 0, max: 48 }),
  },
  { requiredKeys: [] },
);
const validConfig = fc.record(
  {
    grid: fc.record({
      columns: fc.integer({ min: 1, max: 24 }),
      rows: fc.integer({ min: 1, max: 48 }),
    }),
    tiles: fc.dictionary(id, placement, { maxKeys: 12 }),
    background: fc.record(
      { color: fc.string({ maxLength: 20 }), imageUrl: fc.string({ maxLength: 60 }) },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['grid', 'tiles'] },
);
const invalidConfig = fc.oneof(
  fc.constantFrom(null, 0, 'config', [], true),
  fc.record({ tiles: fc.dictionary(id, placement) }), // no grid
  fc.record({
    grid: fc.record({ columns: fc.integer({ max: 0 }), rows: fc.constant(1) }),
    tiles: fc.constant({}),
  }),
  fc.record({ grid: fc.constant({ columns: 1, rows: 1 }), tiles: fc.constantFrom([], 'x', 7) }),
);
const message = fc.record({
  _id: id,
  source: fc.constantFrom('user', 'bot', 'agent'),
  text: fc.string({ maxLength: 500 }),
});
const validTileUpdate = fc.oneof(
  fc.record({
    id,
    version: fc.integer({ min: -5, max: 1e9 }),
    type: fc.constantFrom('html', 'iframe', 'card', 'sendTileData', 'chart', `${MARK}type`),
    data: hostile,
  }),
  fc.record({
    id,
    version: fc.integer({ min: 0, max: 5 }),
    type: fc.constant('transcript'),
    data: fc.record({ messages: fc.array(message, { maxLength: 5 }) }),
  }),
);
const invalidTileUpdate = fc.oneof(
  fc.constantFrom(null, 'x', 3, []),
  fc.record({ id: fc.constant(''), version: fc.constant(1), type: fc.constant('html') }),
  fc.record({ id, version: fc.constantFrom('1', null, {}), type: fc.constant('html') }),
  fc.record({ id, version: fc.constant(1), type: fc.constant('') }),
  fc.record({
    id,
    version: fc.constant(1),
    type: fc.constant('transcript'),
    data: fc.constant('x'),
  }),
);
type Frame = { event: string; payload: unknown; invalid: boolean };
const frame: fc.Arbitrary<Frame> = fc.oneof(
  validConfig.map((payload) => ({ event: 'config', payload, invalid: false })),
  invalidConfig.map((payload) => ({ event: 'config', payload, invalid: true })),
  validTileUpdate.map((payload) => ({ event: 'tileUpdate', payload, invalid: false })),
  validTileUpdate.map((payload) => ({ event: 'tileUpdate', payload, invalid: false })),
  invalidTileUpdate.map((payload) => ({ event: 'tileUpdate', payload, invalid: true })),
  hostile.map((payload) => ({ event: `${MARK}event`, payload, invalid: false })), // not ours: ignored
);

describe('fuzz: server frames into the whole workspace (real socket.io server)', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);
  let server: TestServer | undefined;
  afterEach(() => server?.stop());

  it('no uncaught error, Object.prototype untouched, every dropped frame reported once, and it still renders', async () => {
    const count = 600 * (await scale());
    const frames = fc.sample(frame, { numRuns: count, seed: await seed() });
    const invalid = frames.filter((f) => f.invalid).length;
    expect(invalid, 'the sample has invalid frames').to.be.greaterThan(50);

    const errors: string[] = [];
    // (the virtualizer's ResizeObserver finishing a frame late is benign, not an error of ours)
    const onError = (e: ErrorEvent) => {
      if (!/ResizeObserver loop/.test(e.message)) errors.push(e.message);
    };
    const onRejection = (e: PromiseRejectionEvent) => errors.push(String(e.reason));
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();

    server = await TestServer.start();
    const el = await fixture<AcwWorkspace>(
      html`<acw-workspace
        style="block-size: 480px"
        endpoint=${server.url}
        .search=${'?userId=u1&sessionId=s1&URLToken=t1'}
      ></acw-workspace>`,
    );
    const problems: string[] = [];
    el.addEventListener(AcwDiagnosticEvent.eventName, (e) =>
      problems.push((e as AcwDiagnosticEvent).diagnostic.problem),
    );
    await waitUntil(() => el.state.connection.phase === 'live', 'live', { timeout: 8000 });
    for (let i = 0; i < frames.length; i += 200) {
      await server.emitMany(
        frames.slice(i, i + 200).map(({ event, payload }) => ({ event, payload })),
      );
    }
    // afterwards a valid update still renders; its version is above every fuzzed one (at most
    // 1e9), so fuzzed frames that gave the id `transcript` another type or a higher version
    // cannot hide it
    await server.emitMany([
      {
        event: 'config',
        payload: { grid: { columns: 1, rows: 1 }, tiles: { transcript: {} } },
      },
      {
        event: 'tileUpdate',
        payload: {
          id: 'transcript',
          version: 2e9,
          type: 'transcript',
          data: { messages: [{ _id: 'final-check', source: 'user', text: 'still here' }] },
        },
      },
    ]);
    // first the cause, in the state: the final update arrived and the tile is a transcript
    await waitUntil(
      () => el.state.tiles.get('transcript')?.versions.at(-1)?.version === 2e9,
      'the final update reached the state',
      { timeout: 10000 },
    );
    expect(el.state.tiles.get('transcript')?.versions.at(-1)?.type).to.equal('transcript');
    await waitUntil(
      () => {
        const grid = el.shadowRoot?.querySelector('acw-grid');
        const t = grid?.shadowRoot?.querySelector('acw-transcript-tile');
        return (t?.shadowRoot?.textContent ?? '').includes('still here');
      },
      `the final update rendered (seed ${await seed()})`,
      { timeout: 10000 },
    );
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    expect(errors).to.deep.equal([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).to.deep.equal(protoBefore);
    expect(el.state.diagnostics.dropped, 'each invalid frame dropped and counted').to.equal(
      invalid,
    );
    expect(problems.length, 'each reported once').to.equal(invalid);
    expect(
      problems.filter((p) => p.includes(MARK)),
      'no attacker text in diagnostics',
    ).to.deep.equal([]);
  });
});

describe('fuzz: parsers of what tiles, hosts and links send', () => {
  it('tile SDK messages: never a throw, only known requests come out', async () => {
    const runs = 3000 * (await scale());
    fc.assert(
      fc.property(
        fc.oneof(
          hostile,
          fc.record({
            __INTER_FRAME_SOCKET_MESSAGE: fc.constant(true),
            workspaceEvent: fc.record({
              type: fc.constantFrom(
                'postback',
                'sendMessage',
                'replyBoxContent',
                'ready',
                `${MARK}`,
              ),
              payload: hostile,
              requestId: hostile,
            }),
          }),
          fc.record({ type: fc.constant('replyBoxContent'), content: hostile }),
        ),
        (data) => {
          const r = parseTileMessage(data);
          if (r === undefined) return true;
          if (r.kind === 'sendMessage')
            return typeof r.text === 'string' && r.text.length <= 10_000;
          if (r.kind === 'replyBoxContent') return typeof r.content === 'string';
          return ['lifecycle', 'postback'].includes(r.kind);
        },
      ),
      { numRuns: runs, seed: 7 },
    );
  });

  it('host-bridge commands: never a throw, only the documented commands pass', async () => {
    const runs = 3000 * (await scale());
    fc.assert(
      fc.property(
        fc.oneof(
          hostile,
          fc.record({
            protocol: fc.constantFrom('acw', MARK),
            version: fc.constantFrom(1, 2, '1'),
            type: fc.constantFrom('hello', 'get-state', 'set-theme', '__proto__'),
            theme: hostile,
            accepts: hostile,
          }),
        ),
        (data) => {
          const r = HostCommand.safeParse(data);
          return !r.success || ['hello', 'get-state', 'set-theme'].includes(r.data.type);
        },
      ),
      { numRuns: runs, seed: 8 },
    );
  });

  it('session parameters: never a throw; problems name parameters, never values', async () => {
    const runs = 3000 * (await scale());
    const value = fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom(`${MARK}v`, '', ' '));
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom('userId', 'sessionId', 'URLToken', 'auth', '__proto__'), value),
          {
            maxLength: 8,
          },
        ),
        (pairs) => {
          const q = new URLSearchParams(pairs).toString();
          const r = readSessionParams(`?${q}`);
          if (r.ok) return true;
          return !JSON.stringify(r.problems).includes(MARK);
        },
      ),
      { numRuns: runs, seed: 9 },
    );
  });
});
