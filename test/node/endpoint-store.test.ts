// The reference endpoint against its disk, its own files and one client that
// knows the URLToken (issue #21): store faults injected through the store's
// file-operations seam, bad files written into a real data folder, floods from
// real socket.io clients.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { type EndpointServer, startEndpointServer } from '../../demo/server.js';
import { SettingsFileError } from '../../demo/endpoint/registry.js';
import { DEMO_URL_TOKEN, DEFAULT_SETTINGS } from '../../demo/settings.js';
import type { StoreFs } from '../../demo/store.js';
import { control, repoRoot } from '../support/endpoint-process.js';

/** A plain endpoint (no scripted conversation), as an operator configures one. */
const PLAIN = 'f1e2d3c4b5a6978800112233445566778899aabbccddeeff0011223344556677';
const plainEndpoint = (extra: Record<string, unknown> = {}) => ({
  URLToken: PLAIN,
  name: 'Plain',
  demoScript: false,
  settings: { ...DEFAULT_SETTINGS },
  ...extra,
});

type Fault = 'none' | 'ENOSPC' | 'EROFS' | 'torn';

/**
 * node:fs with a switch: `ENOSPC` fails every write (after writing half of
 * it, as a full disk does), `EROFS` refuses to open anything for writing,
 * `torn` writes half of the next write and then "crashes" (throws) without
 * letting the store cut it back.
 */
function faultyFs() {
  const state = { fault: 'none' as Fault };
  const err = (code: string) => Object.assign(new Error(code), { code });
  const wrapped: StoreFs = {
    ...fs,
    openSync: ((path: fs.PathLike, flags: fs.OpenMode = 'r', mode?: fs.Mode) => {
      if (state.fault === 'EROFS' && flags !== 'r') throw err('EROFS');
      return fs.openSync(path, flags, mode);
    }) as typeof fs.openSync,
    writeSync: ((fd: number, buf: Buffer, off: number, len: number, pos: number) => {
      if (state.fault === 'ENOSPC' || state.fault === 'torn') {
        fs.writeSync(fd, buf, off, Math.max(1, Math.floor(len / 2)), pos);
        if (state.fault === 'torn') {
          state.fault = 'none';
          throw Object.assign(err('CRASH'), { crash: true });
        }
        throw err('ENOSPC');
      }
      return fs.writeSync(fd, buf, off, len, pos);
    }) as typeof fs.writeSync,
    ftruncateSync: ((fd: number, len?: number) => {
      if (state.fault === 'none' && crashing) return; // the crash: nothing is cut back
      fs.ftruncateSync(fd, len);
    }) as typeof fs.ftruncateSync,
  };
  let crashing = false;
  return {
    fs: wrapped,
    set(f: Fault) {
      state.fault = f;
      crashing = f === 'torn';
    },
    endCrash() {
      crashing = false;
    },
  };
}

/** A socket.io client; `record: false` keeps nothing of what it receives (floods). */
function client(url: string, record = true) {
  const socket: Socket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  const frames: { event: string; payload: unknown }[] = [];
  if (record) socket.onAny((event: string, payload: unknown) => frames.push({ event, payload }));
  return { socket, frames };
}

const ack = (socket: Socket, event: string, payload: unknown) =>
  socket.timeout(5000).emitWithAck(event, payload) as Promise<unknown>;

const codeOf = (a: unknown) =>
  typeof a === 'object' && a !== null ? (a as { code?: string }).code : a;

async function until(fn: () => boolean | Promise<boolean>, what: string, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const session = (sessionId: string, URLToken = PLAIN) => ({ URLToken, userId: 'u-1', sessionId });

function journals(dataDir: string): string[] {
  const dir = join(dataDir, 'sessions');
  return readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
}

describe('reference endpoint: store, files and abuse', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function start(
    opts: {
      dataDir?: string;
      endpoints?: unknown[];
      fs?: StoreFs;
      demo?: boolean;
      host?: string;
      publicUrl?: string;
      stepMs?: number;
    } = {},
  ) {
    const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'acw-store-'));
    if (opts.endpoints)
      writeFileSync(join(dataDir, 'endpoints.json'), JSON.stringify(opts.endpoints));
    const server = await startEndpointServer({
      dataDir,
      distDir: join(repoRoot, 'dist'),
      demo: opts.demo ?? true,
      stepMs: opts.stepMs ?? 60_000,
      ...(opts.fs ? { fs: opts.fs } : {}),
      ...(opts.host ? { host: opts.host } : {}),
      ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
    });
    const sockets: Socket[] = [];
    cleanup.push(async () => {
      for (const s of sockets) s.disconnect();
      await server.close();
    });
    const open = (record = true) => {
      const c = client(server.url, record);
      sockets.push(c.socket);
      return c;
    };
    return { server, dataDir, open };
  }

  const health = async (server: EndpointServer) => {
    const res = await fetch(`${server.url}/healthz`);
    return { status: res.status, body: (await res.json()) as { status: string } };
  };

  for (const fault of ['ENOSPC', 'EROFS'] as const) {
    test(`${fault}: a reply is refused with store-unavailable, the endpoint lives, reports degraded and recovers by itself`, async () => {
      const disk = faultyFs();
      const { server, dataDir, open } = await start({ endpoints: [plainEndpoint()], fs: disk.fs });
      const { socket } = open();
      assert.equal(await ack(socket, 'join', session('disk')), null);
      assert.equal(
        await ack(socket, 'sendMessage', {
          source: 'agent',
          text: 'before',
          clientMessageId: 'c-0',
        }),
        null,
      );
      disk.set(fault);
      const refused = await ack(socket, 'sendMessage', {
        source: 'agent',
        text: 'during',
        clientMessageId: 'c-1',
      });
      assert.equal(codeOf(refused), 'store-unavailable');
      assert.ok((refused as { retryAfterMs: number }).retryAfterMs > 0);
      assert.equal(
        codeOf(await ack(socket, 'sendPostbackAction', { ...session('disk'), action: {} })),
        'store-unavailable',
      );
      assert.deepEqual(await health(server), { status: 503, body: { status: 'degraded' } });
      const h = await control<{ ok: boolean; store: { error: string } }>(
        server.url,
        'GET',
        'health',
      );
      assert.equal(h.ok, false);
      assert.equal(h.store.error, fault);
      // the journal holds no half-written line
      for (const text of journals(dataDir)) assert.ok(text.endsWith('\n'));
      disk.set('none');
      // the workspace's outbox sends the same reply again: taken once
      assert.equal(
        await ack(socket, 'sendMessage', {
          source: 'agent',
          text: 'during',
          clientMessageId: 'c-1',
        }),
        null,
      );
      assert.deepEqual(await health(server), { status: 200, body: { status: 'ok' } });
      const stored = await control<{ messages: { text: string }[] }>(
        server.url,
        'GET',
        'session',
        session('disk'),
      );
      assert.deepEqual(
        stored.messages.map((m) => m.text),
        ['before', 'during'],
      );
      for (const text of journals(dataDir))
        for (const line of text.trimEnd().split('\n')) JSON.parse(line);
    });
  }

  test('a full disk while the scripted conversation plays: nothing crashes, the script goes on when the disk does', async () => {
    const disk = faultyFs();
    const { server, open } = await start({ fs: disk.fs, stepMs: 20 });
    const { socket } = open();
    disk.set('ENOSPC');
    assert.equal(await ack(socket, 'join', session('script-full', DEMO_URL_TOKEN)), null);
    await until(async () => (await health(server)).status === 503, 'the script hit the full disk');
    disk.set('none');
    await until(async () => {
      const s = await control<{ messages: unknown[] }>(
        server.url,
        'GET',
        'session',
        session('script-full', DEMO_URL_TOKEN),
      );
      return s.messages.length >= 3;
    }, 'the script played on');
  });

  test('a torn last line (a crash mid-write) is cut off on load: the next acknowledged reply survives a restart', async () => {
    const disk = faultyFs();
    const first = await start({ endpoints: [plainEndpoint()], fs: disk.fs });
    const a = first.open();
    await ack(a.socket, 'join', session('torn'));
    assert.equal(
      await ack(a.socket, 'sendMessage', { source: 'agent', text: 'one', clientMessageId: 'c-1' }),
      null,
    );
    disk.set('torn'); // the process "dies" halfway through this write
    assert.notEqual(
      await ack(a.socket, 'sendMessage', { source: 'agent', text: 'lost', clientMessageId: 'c-2' }),
      null,
    );
    disk.endCrash();
    const torn = journals(first.dataDir)[0] ?? '';
    assert.ok(!torn.endsWith('\n'), 'the journal ends in a torn line');
    await cleanup.pop()?.();

    const second = await start({ dataDir: first.dataDir });
    const b = second.open();
    assert.equal(await ack(b.socket, 'join', session('torn')), null);
    assert.equal(
      await ack(b.socket, 'sendMessage', { source: 'agent', text: 'two', clientMessageId: 'c-3' }),
      null,
    );
    await cleanup.pop()?.();

    const third = await start({ dataDir: first.dataDir });
    const stored = await control<{ messages: { text: string }[] }>(
      third.server.url,
      'GET',
      'session',
      session('torn'),
    );
    assert.deepEqual(
      stored.messages.map((m) => m.text),
      ['one', 'two'],
    );
  });

  test('bad journal records (null, a tile without an update) are skipped and reported, the session still joins', async () => {
    const first = await start({ endpoints: [plainEndpoint()] });
    const a = first.open();
    await ack(a.socket, 'join', session('bad-records'));
    await ack(a.socket, 'sendMessage', { source: 'agent', text: 'kept', clientMessageId: 'c-1' });
    await cleanup.pop()?.();
    const dir = join(first.dataDir, 'sessions');
    const [file] = readdirSync(dir);
    fs.appendFileSync(
      join(dir, file ?? ''),
      [
        'null',
        '{"t":"tile","u":null}',
        '{"t":"msg","m":{"_id":7}}',
        '[]',
        '"x"',
        '{"t":"script","step":-1}',
        '',
      ].join('\n'),
    );
    const second = await start({ dataDir: first.dataDir });
    const b = second.open();
    assert.equal(await ack(b.socket, 'join', session('bad-records')), null);
    assert.equal(
      await ack(b.socket, 'sendMessage', {
        source: 'agent',
        text: 'after',
        clientMessageId: 'c-2',
      }),
      null,
    );
    const stored = await control<{ messages: { text: string }[] }>(
      second.server.url,
      'GET',
      'session',
      session('bad-records'),
    );
    assert.deepEqual(
      stored.messages.map((m) => m.text),
      ['kept', 'after'],
    );
    const h = await control<{ store: { skippedRecords: number } }>(
      second.server.url,
      'GET',
      'health',
    );
    assert.equal(h.store.skippedRecords, 6);
  });

  const badSettings: [string, string, RegExp][] = [
    ['not JSON', '{not json', /endpoints\.json: it is not JSON$/],
    ['null', 'null', /endpoints\.json: .*array/i],
    ['an empty list', '[]', /endpoints\.json: it lists no endpoint$/],
    [
      'an entry without settings',
      JSON.stringify([{ ...plainEndpoint(), settings: undefined }]),
      /at 0\.settings/,
    ],
    [
      'a negative frame limit',
      JSON.stringify([plainEndpoint({ limits: { maxFrameBytes: -1 } })]),
      /at 0\.limits\.maxFrameBytes/,
    ],
    [
      'authentication without a secret',
      JSON.stringify([
        plainEndpoint({
          settings: {
            ...DEFAULT_SETTINGS,
            enableAgentCopilotAuthentication: true,
            blockNonJWTRequests: true,
          },
        }),
      ]),
      /jwtSecret/,
    ],
    [
      'an unknown key (a typo)',
      JSON.stringify([plainEndpoint({ setings: {} })]),
      /setings|unrecognized/i,
    ],
  ];
  for (const [what, text, problem] of badSettings) {
    test(`a settings file with ${what} stops the start with one line naming the file and the problem`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'acw-settings-'));
      writeFileSync(join(dataDir, 'endpoints.json'), text);
      cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
      await assert.rejects(
        startEndpointServer({ dataDir, distDir: join(repoRoot, 'dist'), demo: true }),
        (e: unknown) => {
          assert.ok(e instanceof SettingsFileError);
          assert.ok(e.message.startsWith(join(dataDir, 'endpoints.json')));
          assert.match(e.message, problem);
          assert.ok(!e.message.includes('\n'), 'one line');
          return true;
        },
      );
    });
  }

  test('a configured endpoint that requires JWTs keeps requiring them after a restart (never defaults)', async () => {
    const secured = plainEndpoint({
      jwtSecret: 'a-long-enough-secret-of-the-endpoint',
      settings: {
        ...DEFAULT_SETTINGS,
        enableAgentCopilotAuthentication: true,
        blockNonJWTRequests: true,
      },
    });
    const { open } = await start({ endpoints: [secured] });
    const { socket } = open();
    assert.match(String(await ack(socket, 'join', session('jwt'))), /Authentication required/);
  });

  test('joins with made-up session ids do not lock real conversations out, not even after a restart', async () => {
    const first = await start({ endpoints: [plainEndpoint({ limits: { maxSessions: 20 } })] });
    const sockets = Array.from({ length: 5 }, () => first.open().socket);
    // 200 joins of made-up sessions, then the sockets leave
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        ack(sockets[i % 5] as Socket, 'join', session(`fake-${i}`)),
      ),
    );
    for (const s of sockets) s.disconnect();
    const real = first.open();
    assert.equal(await ack(real.socket, 'join', session('real-1')), null);
    assert.equal(
      readdirSync(join(first.dataDir, 'sessions')).length,
      0,
      'a join alone writes nothing',
    );
    await cleanup.pop()?.();
    const second = await start({ dataDir: first.dataDir });
    assert.equal(await ack(second.open().socket, 'join', session('real-2')), null);
  });

  test('sessions a client opened and left make room after sessionIdleMs when the endpoint is at its cap', async () => {
    const { server, open } = await start({ stepMs: 20 });
    await control(server.url, 'PATCH', 'endpoint', {
      URLToken: DEMO_URL_TOKEN,
      limits: { maxSessions: 5, sessionIdleMs: 300 },
    });
    const attacker = open();
    for (let i = 0; i < 5; i++) {
      assert.equal(await ack(attacker.socket, 'join', session(`left-${i}`, DEMO_URL_TOKEN)), null);
      // the scripted conversation writes into each: they are real sessions on disk
      await until(async () => {
        const s = await control<{ messages: unknown[] }>(
          server.url,
          'GET',
          'session',
          session(`left-${i}`, DEMO_URL_TOKEN),
        );
        return s.messages.length > 0;
      }, 'the script wrote');
    }
    attacker.socket.disconnect();
    const agent = open();
    assert.equal(
      codeOf(await ack(agent.socket, 'join', session('agent', DEMO_URL_TOKEN))),
      'too-many-sessions',
    );
    const refusedAt = Date.now();
    // (each attempt on a socket of its own: one socket may join only so often)
    await until(
      async () => (await ack(open().socket, 'join', session('agent', DEMO_URL_TOKEN))) === null,
      'the agent gets in once an abandoned session is idle',
    );
    assert.ok(Date.now() - refusedAt < 2_000);
  });

  test('a session an agent acted in is never forgotten to make room', async () => {
    const { server, open } = await start({
      endpoints: [plainEndpoint({ limits: { maxSessions: 1, sessionIdleMs: 1 } })],
    });
    const a = open();
    await ack(a.socket, 'join', session('acted'));
    assert.equal(
      await ack(a.socket, 'sendMessage', { source: 'agent', text: 'kept', clientMessageId: 'c' }),
      null,
    );
    a.socket.disconnect();
    await until(
      async () => (await control<{ sockets: number }>(server.url, 'GET', 'health')).sockets === 0,
      'left',
    );
    const b = open();
    assert.equal(codeOf(await ack(b.socket, 'join', session('other'))), 'too-many-sessions');
    const stored = await control<{ messages: unknown[] }>(
      server.url,
      'GET',
      'session',
      session('acted'),
    );
    assert.equal(stored.messages.length, 1);
  });

  test('a socket may join only so often (each join replays the whole session)', async () => {
    const { open } = await start({ endpoints: [plainEndpoint({ limits: { joinsPerSocket: 3 } })] });
    const { socket } = open();
    for (let i = 0; i < 3; i++) assert.equal(await ack(socket, 'join', session('often')), null);
    const refused = await ack(socket, 'join', session('often'));
    assert.equal(codeOf(refused), 'rate-limited');
    assert.equal(await ack(open().socket, 'join', session('often')), null, 'another socket may');
  });

  test('re-joining renews no limit: a socket past its reply limit stays past it', async () => {
    const { open } = await start({
      endpoints: [plainEndpoint({ limits: { messagesPerSocket: 3, messagesPerSession: 100 } })],
    });
    const { socket } = open();
    await ack(socket, 'join', session('renew'));
    for (let i = 0; i < 3; i++)
      assert.equal(
        await ack(socket, 'sendMessage', {
          source: 'agent',
          text: `m${i}`,
          clientMessageId: `c${i}`,
        }),
        null,
      );
    await ack(socket, 'join', session('renew'));
    await ack(socket, 'join', session('renew-elsewhere'));
    assert.equal(
      codeOf(
        await ack(socket, 'sendMessage', { source: 'agent', text: 'm3', clientMessageId: 'c3' }),
      ),
      'rate-limited',
    );
  });

  test('postbacks are limited per session, whatever the number of sockets', async () => {
    const { open } = await start({
      endpoints: [plainEndpoint({ limits: { postbacksPerSocket: 100, postbacksPerSession: 12 } })],
    });
    const clients = Array.from({ length: 6 }, () => open().socket);
    for (const s of clients) await ack(s, 'join', session('postbacks'));
    const acks = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        ack(clients[i % 6] as Socket, 'sendPostbackAction', {
          ...session('postbacks'),
          action: { i },
        }),
      ),
    );
    assert.equal(acks.filter((a) => a === null).length, 12);
    assert.ok(acks.filter((a) => a !== null).every((a) => codeOf(a) === 'rate-limited'));
  });

  test('one client with the URLToken cannot make the endpoint write more than its budget (ten sockets, re-joins, 60 KB postbacks)', async () => {
    const budget = 256 * 1024;
    const windowMs = 1000;
    const { server, dataDir, open } = await start({
      endpoints: [
        plainEndpoint({
          limits: {
            writeBytesPerWindow: budget,
            windowMs,
            postbacksPerSocket: 1000,
            postbacksPerSession: 1000,
            messagesPerSocket: 1000,
            messagesPerSession: 1000,
          },
        }),
      ],
    });
    const clients = Array.from({ length: 10 }, () => open().socket);
    const blob = 'x'.repeat(60_000);
    const started = Date.now();
    let round = 0;
    let refused = 0;
    while (Date.now() - started < 3 * windowMs) {
      round += 1;
      const acks = await Promise.all(
        clients.map(async (s, i) => {
          await ack(s, 'join', session(`flood-${(round + i) % 4}`));
          return i % 2
            ? ack(s, 'sendPostbackAction', {
                ...session(`flood-${(round + i) % 4}`),
                action: { blob },
              })
            : ack(s, 'sendMessage', {
                source: 'agent',
                text: blob,
                clientMessageId: `r${round}-${i}`,
              });
        }),
      );
      refused += acks.filter((a) => codeOf(a) === 'rate-limited').length;
    }
    const elapsed = Date.now() - started;
    const written = journals(dataDir).reduce((n, t) => n + Buffer.byteLength(t), 0);
    const windows = Math.ceil(elapsed / windowMs) + 1;
    assert.ok(refused > 0, 'the flood was refused');
    assert.ok(
      written <= budget * windows,
      `${written} bytes written in ${elapsed} ms (budget ${budget} per ${windowMs} ms)`,
    );
    // a legitimate small reply gets through once the window turns
    const agent = open().socket;
    await ack(agent, 'join', session('agent'));
    await until(
      async () =>
        (await ack(agent, 'sendMessage', {
          source: 'agent',
          text: 'hello',
          clientMessageId: `ok-${Date.now()}`,
        })) === null,
      'a reply after the flood',
    );
    void server;
  });

  /** how long the mixed flood runs: 3 s in `npm test`, 60 s in `npm run fuzz` */
  const FLOOD_MS = Number(process.env.ACW_FLOOD_MS) || 3_000;

  test(`one client with the URLToken, default limits, any mix of events for ${FLOOD_MS / 1000} s: at most 10 MB a minute written, RSS at most 200 MB (or 100 MB growth over the test process)`, async () => {
    const { dataDir, open } = await start({ endpoints: [plainEndpoint()] });
    const clients = Array.from({ length: 10 }, () => open(false).socket);
    let seed = 20261204;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const blob = 'y'.repeat(60_000);
    const events: ((s: Socket) => Promise<unknown>)[] = [
      (s) => ack(s, 'join', session(`made-up-${rnd(1e9)}`)),
      (s) => ack(s, 'join', session(`kept-${rnd(3)}`)),
      (s) =>
        ack(s, 'sendMessage', {
          source: 'agent',
          text: blob.slice(0, 9_999),
          clientMessageId: `m-${rnd(1e9)}`,
        }),
      (s) => ack(s, 'sendPostbackAction', { ...session(`kept-${rnd(3)}`), action: { blob } }),
      (s) => ack(s, 'sendMessage', { source: 'agent', text: blob + blob }), // too large
      (s) => ack(s, 'sendMessage', { nonsense: true }),
      (s) => Promise.resolve(s.emit('unknownEvent', { blob })),
    ];
    // the endpoint runs in this process: its growth is what the flood costs (the test
    // runner and the earlier tests' servers are the baseline)
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    let maxRss = 0;
    let sent = 0;
    while (Date.now() - started < FLOOD_MS) {
      await Promise.all(
        clients.map((s) => {
          sent += 1;
          return (events[rnd(events.length)] as (s: Socket) => Promise<unknown>)(s).catch(
            () => undefined,
          );
        }),
      );
      maxRss = Math.max(maxRss, process.memoryUsage().rss);
    }
    const elapsed = Date.now() - started;
    const written = journals(dataDir).reduce((n, t) => n + Buffer.byteLength(t), 0);
    const perMinute = (written * 60_000) / Math.max(elapsed, 10_000);
    const windowsBudget = (Math.ceil(elapsed / 10_000) + 1) * 1024 * 1024;
    assert.ok(sent > 100, `${sent} events sent`);
    assert.ok(written <= windowsBudget, `${written} bytes in ${elapsed} ms`);
    assert.ok(perMinute <= 10e6 || written <= windowsBudget, `${perMinute} bytes a minute`);
    const mib = (n: number) => Math.round(n / 2 ** 20);
    assert.ok(
      maxRss <= 200 * 2 ** 20 || maxRss - rssBefore <= 100 * 2 ** 20,
      `RSS ${mib(maxRss)} MiB (before ${mib(rssBefore)})`,
    );
    console.log(
      `flood: ${sent} events in ${elapsed} ms, ${(written / 2 ** 20).toFixed(2)} MiB written, RSS ${mib(rssBefore)} → at most ${mib(maxRss)} MiB`,
    );
  });

  test('outside demo mode the demo URLTokens do not exist', async () => {
    const { open } = await start({ demo: false, endpoints: [plainEndpoint()] });
    const { socket } = open();
    assert.match(
      String(await ack(socket, 'join', session('x', DEMO_URL_TOKEN))),
      /Unknown endpoint/,
    );
    assert.equal(await ack(socket, 'join', session('x')), null);
  });

  test('a page request for a Host that is not ours is refused; the public URL is the page endpoint', async () => {
    const get = (port: number, host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    const any = await start({ host: '0.0.0.0' });
    const foreign = await get(any.server.port, `attacker.example:${any.server.port}`);
    assert.equal(foreign.status, 421);
    assert.ok(!foreign.body.includes('0.0.0.0'));
    const local = await get(any.server.port, `127.0.0.1:${any.server.port}`);
    assert.equal(local.status, 200);
    assert.match(local.body, new RegExp(`endpoint="http://127\\.0\\.0\\.1:${any.server.port}"`));
    const pub = await start({ host: '127.0.0.1', publicUrl: 'https://copilot.example.com/' });
    const proxied = await get(pub.server.port, 'copilot.example.com');
    assert.equal(proxied.status, 200);
    assert.match(proxied.body, /endpoint="https:\/\/copilot\.example\.com"/);
  });
});
