// The suggestion ledger on the reference endpoint (docs/PROTOCOL.md §5.8): a
// real server, a real socket.io client sending ledger postbacks as the
// workspace does, the control route reading the ledger back (JSON and CSV),
// and restarts on the same data folder.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { type EndpointServer, startEndpointServer } from '../../demo/server.js';
import { DEMO_URL_TOKEN } from '../../demo/settings.js';
import { JournalStore } from '../../demo/store.js';
import { LEDGER_MALFORMED, LEDGER_NOT_WORKSPACE } from '../../demo/ledger.js';
import type { LedgerEvent, LedgerRow, LedgerTotals } from '../../src/state/ledger.js';
import { control, repoRoot } from '../support/endpoint-process.js';
import { emitAck, joinedSocket } from '../support/endpoint-socket.js';

interface LedgerAnswer {
  rows: LedgerRow[];
  totals: LedgerTotals;
}

const session = (sessionId: string) => ({ URLToken: DEMO_URL_TOKEN, userId: 'u-1', sessionId });
type Key = ReturnType<typeof session>;

/** A ledger postback as the workspace sends it (the events as given, malformed ones too). */
const ledgerPostback = (key: Key, events: readonly unknown[]) => ({
  ...key,
  sender: 'workspace',
  action: { type: 'ledger', events },
});

const T0 = Date.UTC(2025, 0, 2, 3, 4, 5);
const batchA: LedgerEvent[] = [
  { tileId: 'next-action', version: 3, kind: 'seen', at: T0 },
  { tileId: 'next-action', version: 3, kind: 'visible', view: 'p1', ms: 1500 },
  { tileId: 'next-action', version: 3, kind: 'inserted', at: T0 + 2000, where: 'reply-box' },
];
/** later: part of A again (its ack was lost), then what happened next, another page view among it */
const batchB: LedgerEvent[] = [
  { tileId: 'next-action', version: 3, kind: 'inserted', at: T0 + 2000, where: 'reply-box' },
  { tileId: 'next-action', version: 3, kind: 'visible', view: 'p1', ms: 2500 },
  { tileId: 'next-action', version: 3, kind: 'visible', view: 'p2', ms: 500 },
  { tileId: 'next-action', version: 3, kind: 'seen', at: T0 + 60_000 }, // the reloaded page saw it again
  {
    tileId: 'next-action',
    version: 3,
    kind: 'sent',
    at: T0 + 9000,
    how: 'edited',
    similarity: 0.75,
  },
  { tileId: 'next-action', version: 3, kind: 'judged', at: T0 + 9500, value: 'up' },
  { tileId: '=cmd|calc', version: 1, kind: 'seen', at: T0 + 1000 },
  { tileId: '=cmd|calc', version: 1, kind: 'dismissed', at: T0 + 4000 },
];
const expectedRows: LedgerRow[] = [
  {
    tileId: 'next-action',
    version: 3,
    seenAt: T0,
    visibleMs: 3000,
    insertedAt: T0 + 2000,
    insertedWhere: 'reply-box',
    seenToUseMs: 2000,
    sent: 'edited',
    sentAt: T0 + 9000,
    similarity: 0.75,
    judged: 'up',
    judgedAt: T0 + 9500,
  },
  { tileId: '=cmd|calc', version: 1, seenAt: T0 + 1000, visibleMs: 0, dismissedAt: T0 + 4000 },
];
const expectedTotals: LedgerTotals = {
  shown: 2,
  used: 1,
  sentAsIs: 0,
  edited: 1,
  notSent: 0,
  dismissed: 1,
  up: 1,
  down: 0,
  medianTimeToUseMs: 2000,
};

const ledgerUrl = (base: string, query: Record<string, string>) =>
  `${base}/__control/ledger?${new URLSearchParams(query)}`;

describe('the suggestion ledger on the reference endpoint', () => {
  let dataDir: string;
  let server: EndpointServer;
  const sockets: Socket[] = [];
  const start = () =>
    startEndpointServer({ dataDir, distDir: join(repoRoot, 'dist'), demo: true, stepMs: 60_000 });
  /** a socket joined to `key` */
  const joined = async (key: Key) => {
    const { socket } = await joinedSocket(server.url, key);
    sockets.push(socket);
    return socket;
  };
  const ledgerOf = (key: Key) => control<LedgerAnswer>(server.url, 'GET', 'ledger', key);

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'acw-ledger-'));
    server = await start();
  });

  after(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('takes ledger batches, and counts each fact once however often and in whatever order they come', async () => {
    const key = session('counted-once');
    const socket = await joined(key);
    const tilesBefore = (await control<{ tiles: unknown[] }>(server.url, 'GET', 'session', key))
      .tiles;
    assert.equal(await emitAck(socket, 'sendPostbackAction', ledgerPostback(key, batchA)), null);
    // the same batch again (its ack was lost), then the next one, which repeats part of it
    assert.equal(await emitAck(socket, 'sendPostbackAction', ledgerPostback(key, batchA)), null);
    assert.equal(await emitAck(socket, 'sendPostbackAction', ledgerPostback(key, batchB)), null);
    assert.equal(
      await emitAck(socket, 'sendPostbackAction', ledgerPostback(key, [...batchB].reverse())),
      null,
    );
    assert.deepEqual(await ledgerOf(key), { rows: expectedRows, totals: expectedTotals });
    // every batch is journaled as the postback it is; the demo flow answers none of them
    const sent = await control<{ kind: string; payload: { action: { type: string } } }[]>(
      server.url,
      'GET',
      'sent',
      key,
    );
    assert.equal(sent.filter((a) => a.payload.action.type === 'ledger').length, 4);
    const tilesAfter = (await control<{ tiles: unknown[] }>(server.url, 'GET', 'session', key))
      .tiles;
    assert.deepEqual(tilesAfter, tilesBefore);
  });

  test('refuses a malformed ledger batch, or one that does not come from the workspace, and keeps none of it', async () => {
    const key = session('refused');
    const socket = await joined(key);
    assert.equal(await emitAck(socket, 'sendPostbackAction', ledgerPostback(key, batchA)), null);
    const before = await ledgerOf(key);
    const sentBefore = (await control<unknown[]>(server.url, 'GET', 'sent', key)).length;
    const seen = { tileId: 'next-action', version: 3, kind: 'seen', at: T0 };
    const malformed: unknown[] = [
      ledgerPostback(key, []),
      ledgerPostback(key, [{ ...seen, text: 'Your refund is on its way.' }]),
      ledgerPostback(key, [{ ...seen, version: -1 }]),
      ledgerPostback(key, [{ ...seen, tileId: 'other', at: -5 }]),
      { ...ledgerPostback(key, batchA), action: { type: 'ledger', events: batchA, note: 'x' } },
      { ...ledgerPostback(key, batchA), action: { type: 'ledger' } },
    ];
    for (const payload of malformed)
      assert.equal(
        await emitAck(socket, 'sendPostbackAction', payload),
        LEDGER_MALFORMED,
        JSON.stringify(payload),
      );
    const foreign = [
      { ...ledgerPostback(key, batchB), sender: 'tile', tileId: 'next-action' },
      { ...ledgerPostback(key, batchB), tileId: 'next-action' },
      { ...ledgerPostback(key, batchB), id: 'next-action' },
      { ...key, action: { type: 'ledger', events: batchB } },
    ];
    for (const payload of foreign)
      assert.equal(await emitAck(socket, 'sendPostbackAction', payload), LEDGER_NOT_WORKSPACE);
    assert.equal(LEDGER_MALFORMED, 'The ledger batch is malformed.');
    assert.deepEqual(await ledgerOf(key), before);
    assert.equal((await control<unknown[]>(server.url, 'GET', 'sent', key)).length, sentBefore);
    // other postbacks go on as before
    assert.equal(
      await emitAck(socket, 'sendPostbackAction', {
        ...key,
        action: { type: 'knowledge-search', query: 'refund' },
      }),
      null,
    );
  });

  test('GET /__control/ledger: JSON, a CSV or JSON download under a safe name, and clear errors', async () => {
    const key = session('QA "one"/1');
    const socket = await joined(key);
    assert.deepEqual(await ledgerOf(key), {
      rows: [],
      totals: {
        shown: 0,
        used: 0,
        sentAsIs: 0,
        edited: 0,
        notSent: 0,
        dismissed: 0,
        up: 0,
        down: 0,
      },
    });
    assert.equal(await emitAck(socket, 'sendPostbackAction', ledgerPostback(key, batchA)), null);
    assert.equal(await emitAck(socket, 'sendPostbackAction', ledgerPostback(key, batchB)), null);

    const csv = await fetch(ledgerUrl(server.url, { ...key, format: 'csv' }));
    assert.equal(csv.status, 200);
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(
      csv.headers.get('content-disposition'),
      'attachment; filename="ledger-QA__one__1.csv"',
    );
    assert.equal(csv.headers.get('x-content-type-options'), 'nosniff');
    const lines = (await csv.text()).split('\r\n');
    assert.match(lines[0] ?? '', /^tileId,version,seenAt,/);
    assert.equal(
      lines[1],
      'next-action,3,2025-01-02T03:04:05.000Z,3000,,2025-01-02T03:04:07.000Z,reply-box,,up,2025-01-02T03:04:14.500Z,edited,0.75,2025-01-02T03:04:14.000Z,2000',
    );
    // a tile id that a spreadsheet would run as a formula is text in the export
    assert.ok(lines[2]?.startsWith("'=cmd|calc,1,"), lines[2]);
    assert.equal(lines.length, 4);

    const download = await fetch(ledgerUrl(server.url, { ...key, format: 'json' }));
    assert.equal(download.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(
      download.headers.get('content-disposition'),
      'attachment; filename="ledger-QA__one__1.json"',
    );
    assert.deepEqual(await download.json(), { rows: expectedRows, totals: expectedTotals });

    const status = async (query: Record<string, string>) => {
      const res = await fetch(ledgerUrl(server.url, query));
      return [res.status, ((await res.json()) as { error: string }).error];
    };
    assert.deepEqual(await status({ ...key, format: 'xlsx' }), [
      400,
      'format is json or csv (a download), or absent',
    ]);
    assert.deepEqual(await status({ sessionId: 'x' }), [
      400,
      'URLToken, userId and sessionId are required',
    ]);
    assert.deepEqual(await status({ ...key, URLToken: 'nope' }), [404, 'unknown URLToken']);
    // a session nobody opened: not found, and reading it does not open it
    const health = () => control<{ sessions: number }>(server.url, 'GET', 'health');
    const sessions = (await health()).sessions;
    assert.deepEqual(await status(session('never-opened')), [404, 'unknown session']);
    assert.deepEqual(await status(session('never-opened')), [404, 'unknown session']);
    assert.equal((await health()).sessions, sessions);
    // outside demo mode, like every control route, it does not exist
    const plainDir = mkdtempSync(join(tmpdir(), 'acw-ledger-plain-'));
    const plain = await startEndpointServer({
      dataDir: plainDir,
      distDir: join(repoRoot, 'dist'),
      demo: false,
    });
    try {
      const res = await fetch(ledgerUrl(plain.url, key));
      assert.equal(res.status, 404);
      assert.equal(await res.text(), 'not found');
    } finally {
      await plain.close();
      rmSync(plainDir, { recursive: true, force: true });
    }
  });

  test('the ledger survives a restart (folded again from the journal), and a batch sent again after it still counts once', async () => {
    const key = session('restart');
    const socket = await joined(key);
    assert.equal(await emitAck(socket, 'sendPostbackAction', ledgerPostback(key, batchA)), null);
    assert.equal(await emitAck(socket, 'sendPostbackAction', ledgerPostback(key, batchB)), null);
    const before = await ledgerOf(key);
    assert.deepEqual(before, { rows: expectedRows, totals: expectedTotals });
    socket.disconnect();
    await server.close();
    server = await start();
    assert.deepEqual(await ledgerOf(key), before);
    // the workspace re-sends what it had not seen acknowledged: nothing changes
    const again = await joined(key);
    assert.equal(await emitAck(again, 'sendPostbackAction', ledgerPostback(key, batchB)), null);
    assert.deepEqual(await ledgerOf(key), before);
  });

  test('a journal from before the check: only the stored batches that are ledger batches are folded', async () => {
    const key = session('old-journal');
    const at = new Date(T0).toISOString();
    const postback = (payload: unknown) => ({ t: 'agent', a: { kind: 'postback', at, payload } });
    const seen = { tileId: 'next-action', version: 3, kind: 'seen', at: T0 };
    new JournalStore(dataDir).append(
      key,
      { t: 'open', key, at },
      postback(ledgerPostback(key, [{ ...seen, text: 'Your refund is on its way.' }])),
      postback({ ...ledgerPostback(key, batchB), sender: 'tile', tileId: 'next-action' }),
      postback(ledgerPostback(key, batchA)),
      postback({ ...key, action: { type: 'knowledge-search', query: 'x' } }),
    );
    await server.close();
    server = await start();
    const { rows } = await ledgerOf(key);
    assert.deepEqual(rows, [
      {
        tileId: 'next-action',
        version: 3,
        seenAt: T0,
        visibleMs: 1500,
        insertedAt: T0 + 2000,
        insertedWhere: 'reply-box',
        seenToUseMs: 2000,
      },
    ]);
    assert.equal((await control<unknown[]>(server.url, 'GET', 'sent', key)).length, 4);
  });
});
