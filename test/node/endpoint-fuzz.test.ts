// Property-based test (fast-check) of the reference endpoint's client → server
// handlers: a real socket.io client sends generated join, sendMessage,
// sendPostbackAction and unknown events (ids from prototype names, deep,
// huge, wrong-typed payloads). The endpoint never crashes, answers every ack
// with null or a reason, keeps Object.prototype as it was, and serves a valid
// session afterwards. Bounded here; `npm run fuzz` runs more (ACW_FUZZ_SCALE).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { type EndpointServer, startEndpointServer } from '../../demo/server.js';
import { DEMO_URL_TOKEN } from '../../demo/settings.js';
import { control, repoRoot } from '../support/endpoint-process.js';

const PROTO = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'];
const scale = Math.max(1, Number(process.env.ACW_FUZZ_SCALE) || 1);
const id = fc.oneof(fc.constantFrom(...PROTO), fc.string({ minLength: 1, maxLength: 30 }));
const hostile = fc.oneof(
  fc.anything({ maxDepth: 3, withBigInt: false }),
  fc.dictionary(fc.constantFrom(...PROTO, 'x'), fc.anything({ maxDepth: 2 })),
  fc.string({ maxLength: 5000 }),
);
const joinPayload = fc.oneof(
  hostile,
  fc.record(
    {
      URLToken: fc.oneof(fc.constant(DEMO_URL_TOKEN), id),
      userId: id,
      sessionId: id,
      auth: hostile,
    },
    { requiredKeys: [] },
  ),
);
const event = fc.oneof(
  fc.record({ name: fc.constant('join'), payload: joinPayload }),
  fc.record({
    name: fc.constant('sendMessage'),
    payload: fc.oneof(
      hostile,
      fc.record({
        source: fc.constantFrom('agent', 'user', 1),
        text: hostile,
        clientMessageId: hostile,
      }),
    ),
  }),
  fc.record({
    name: fc.constant('sendPostbackAction'),
    payload: fc.oneof(
      hostile,
      fc.record({ userId: id, sessionId: id, URLToken: id, id: hostile, action: hostile }),
    ),
  }),
  fc.record({ name: fc.constantFrom('config', 'tileUpdate', '__proto__', 'x'), payload: hostile }),
);

let dataDir: string;
let server: EndpointServer;
before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'acw-fuzz-'));
  server = await startEndpointServer({
    dataDir,
    distDir: join(repoRoot, 'dist'),
    demo: true,
    stepMs: 60_000,
  });
});
after(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const connect = () =>
  io(server.url, { transports: ['websocket'], forceNew: true, reconnection: false });

test('generated client frames: every ack is null or a reason; nothing breaks', async () => {
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  const events = fc.sample(event, { numRuns: 400 * scale, seed: 11 });
  let socket: Socket = connect();
  const acks: unknown[] = [];
  for (const e of events) {
    if (!socket.connected) {
      socket.close();
      socket = connect();
    }
    if (!['join', 'sendMessage', 'sendPostbackAction'].includes(e.name)) {
      socket.emit(e.name, e.payload); // not one the endpoint answers: no ack to wait for
      continue;
    }
    acks.push(await socket.timeout(5000).emitWithAck(e.name, e.payload));
  }
  socket.close();
  assert.ok(acks.length > 100, `${acks.length} acks`);
  for (const a of acks) assert.ok(a === null || typeof a === 'string', JSON.stringify(a));
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), protoBefore);
  assert.equal(({} as Record<string, unknown>).x, undefined);
  // and a real session still works
  const health = await control<{ ok: boolean }>(server.url, 'GET', 'health');
  assert.equal(health.ok, true);
  const fresh = connect();
  const key = { URLToken: DEMO_URL_TOKEN, userId: 'u-fuzz', sessionId: 's-fuzz' };
  assert.equal(await fresh.timeout(5000).emitWithAck('join', key), null);
  assert.equal(
    await fresh
      .timeout(5000)
      .emitWithAck('sendMessage', { source: 'agent', text: 'after the storm' }),
    null,
  );
  fresh.close();
});
