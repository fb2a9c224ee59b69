import { expect, waitUntil } from '@open-wc/testing';
import {
  CopilotConnection,
  type ConnectionEventMap,
  type CopilotConnectionOptions,
} from '../../src/transport/copilot-connection.js';
import { newClientMessageId } from '../../src/transport/ids.js';
import { TestServer, type Behavior } from '../support/sio.js';

const params = { userId: 'u-1', sessionId: 's-1', URLToken: 'tok-1' };

/** A connection with every event it raises recorded in order. */
function record(conn: CopilotConnection) {
  const log: { [K in keyof ConnectionEventMap]: ConnectionEventMap[K][] } = {
    status: [],
    config: [],
    tileUpdate: [],
    diagnostic: [],
    reply: [],
  };
  for (const k of Object.keys(log) as (keyof ConnectionEventMap)[]) {
    conn.on(k, ((v: unknown) => (log[k] as unknown[]).push(v)) as never);
  }
  return log;
}

const statuses = (log: ReturnType<typeof record>) => log.status.map((s) => s.type);
const until = (fn: () => boolean | Promise<boolean>, message: string) =>
  waitUntil(fn, message, { timeout: 8000, interval: 20 });

describe('CopilotConnection against a real socket.io server', () => {
  let server: TestServer;
  let conn: CopilotConnection | undefined;

  async function open(
    behavior: Behavior = {},
    extra: {
      ackTimeoutMs?: number;
      auth?: string;
      postbackWaitMs?: number;
      transports?: CopilotConnectionOptions['transports'];
    } = {},
  ) {
    server = await TestServer.start(behavior);
    conn = new CopilotConnection({
      endpoint: server.url,
      params: extra.auth ? { ...params, auth: extra.auth } : params,
      ackTimeoutMs: extra.ackTimeoutMs ?? 5000,
      postbackWaitMs: extra.postbackWaitMs ?? 5000,
      reconnectionDelayMs: 50,
      reconnectionDelayMaxMs: 200,
      ...(extra.transports ? { transports: extra.transports } : {}),
    });
    const log = record(conn);
    conn.connect();
    return log;
  }

  afterEach(async () => {
    conn?.dispose();
    conn = undefined;
    await server?.stop();
  });

  it('rejects an endpoint that is not http(s)', () => {
    expect(() => new CopilotConnection({ endpoint: 'javascript:alert(1)', params })).to.throw(
      TypeError,
    );
    expect(() => new CopilotConnection({ endpoint: 'not a url', params })).to.throw(TypeError);
  });

  it('joins after connecting, with the session parameters and auth', async () => {
    const log = await open({}, { auth: 'a.b.c' });
    await until(() => statuses(log).includes('joined'), 'joined');
    expect(statuses(log)).to.deep.equal(['connecting', 'joining', 'joined']);
    const joins = await server.received('join');
    expect(joins.map((j) => j.payload)).to.deep.equal([{ ...params, auth: 'a.b.c' }]);
    expect(conn?.live).to.equal(true);
  });

  it('connects over long-polling when asked: its transport is loaded first, then the join', async () => {
    const log = await open({}, { transports: ['polling'] });
    expect(statuses(log)).to.deep.equal([], 'nothing happens before the transport is there');
    await until(() => statuses(log).includes('joined'), 'joined');
    expect((await server.clients()).transports).to.deep.equal(['polling']);
    expect(log.diagnostic).to.deep.equal([]);
  });

  it('websocket alone starts at once, with no load first', async () => {
    const log = await open();
    expect(statuses(log)).to.deep.equal(['connecting']);
    await until(() => statuses(log).includes('joined'), 'joined');
    expect((await server.clients()).transports).to.deep.equal(['websocket']);
  });

  it('disposed while its transport loads: it never connects', async () => {
    await open({}, { transports: ['polling'] });
    conn?.dispose();
    // a witness asked for the same transport after it: once the witness has joined, the
    // load both waited for is long done, and a connect of the disposed one would be in
    conn = new CopilotConnection({ endpoint: server.url, params, transports: ['polling'] });
    const witness = record(conn);
    conn.connect();
    await until(() => statuses(witness).includes('joined'), 'witness joined');
    expect((await server.clients()).connections).to.equal(1);
  });

  it('shows a refused join with the server reason and does not retry blindly', async () => {
    const log = await open({ joinError: 'Session not found' });
    await until(() => statuses(log).includes('join-refused'), 'refused');
    expect(log.status.at(-1)).to.deep.equal({ type: 'join-refused', server: 'Session not found' });
    await until(async () => (await server.clients()).connected === 0, 'client gone');
    // A witness with the same backoff keeps failing against an endpoint that is down: once it
    // has tried six times, several backoff windows have passed, and the refused one stayed away.
    const down = await TestServer.start();
    await down.down();
    const witness = new CopilotConnection({
      endpoint: down.url,
      params,
      reconnectionDelayMs: 50,
      reconnectionDelayMaxMs: 200,
    });
    const attempts = record(witness);
    witness.connect();
    try {
      await until(
        () => statuses(attempts).filter((t) => t === 'connect-failed').length >= 6,
        'six reconnection attempts of the witness',
      );
    } finally {
      witness.dispose();
      await down.stop();
    }
    expect((await server.clients()).connections).to.equal(1);
    expect(await server.received('join')).to.have.length(1);
    expect(statuses(log).filter((t) => t === 'join-refused')).to.have.length(1);
  });

  it('retries a refused join only when asked to', async () => {
    const log = await open({ joinError: 'Not yet' });
    await until(() => statuses(log).includes('join-refused'), 'refused');
    await server.behave({ joinError: null });
    conn?.retry();
    await until(() => statuses(log).at(-1) === 'joined', 'joined after retry');
    expect(await server.received('join')).to.have.length(2);
  });

  it('passes on the code of a refusal that has one (extension), with the server text', async () => {
    const log = await open({
      joinError: { code: 'token-expired', reason: 'Authentication failed: the token has expired.' },
    });
    await until(() => statuses(log).includes('join-refused'), 'refused');
    expect(log.status.at(-1)).to.deep.equal({
      type: 'join-refused',
      server: 'Authentication failed: the token has expired.',
      code: 'token-expired',
    });
  });

  it('a reply refused as too many goes out again by itself, never dropped, never twice', async () => {
    const log = await open({ rateLimited: 3 });
    await until(() => statuses(log).at(-1) === 'joined', 'joined');
    const id = conn?.sendMessage('Hold on, checking') as string;
    await until(() => log.reply.some((r) => r.state === 'sent'), 'sent in the end');
    const states = log.reply.filter((r) => r.clientMessageId === id).map((r) => r.state);
    expect(states).to.deep.equal(['pending', 'retrying', 'retrying', 'retrying', 'sent']);
    expect(log.reply.find((r) => r.state === 'retrying')?.error).to.deep.equal({
      code: 'rate-limited',
    });
    const sent = await server.received('sendMessage');
    expect(
      sent.map((r) => (r.payload as { clientMessageId: string }).clientMessageId),
    ).to.deep.equal([id, id, id, id]);
  });

  it('treats an unanswered join as a refusal, coded no-answer (no words: the components say it)', async () => {
    const log = await open({ joinAck: 'never' }, { ackTimeoutMs: 200 });
    await until(() => statuses(log).includes('join-refused'), 'refused on timeout');
    const last = log.status.at(-1);
    expect(last).to.deep.equal({ type: 'join-refused', code: 'no-answer' });
  });

  it('reports a first connect that fails', async () => {
    server = await TestServer.start();
    await server.down(); // nothing listens on that port now
    conn = new CopilotConnection({ endpoint: server.url, params, reconnectionDelayMs: 50 });
    const log = record(conn);
    conn.connect();
    await until(() => statuses(log).includes('connect-failed'), 'failed');
    await server.up();
    await until(() => statuses(log).at(-1) === 'joined', 'joins once the endpoint is up');
  });

  it('rejoins after every reconnect', async () => {
    const log = await open();
    await until(() => statuses(log).includes('joined'), 'joined');
    await server.drop();
    await until(() => statuses(log).filter((s) => s === 'joined').length === 2, 'joined again');
    expect(statuses(log)).to.include('disconnected');
    expect(await server.received('join')).to.have.length(2);
  });

  it('rejoins after the endpoint went down and came back', async () => {
    const log = await open();
    await until(() => statuses(log).includes('joined'), 'joined');
    await server.down();
    await until(() => statuses(log).includes('disconnected'), 'disconnected');
    await server.up();
    await until(() => statuses(log).filter((s) => s === 'joined').length === 2, 'joined again');
  });

  it('delivers valid frames and replays them idempotently as they come', async () => {
    const replay = [
      { event: 'config', payload: { grid: { columns: 1, rows: 1 }, tiles: { transcript: {} } } },
      {
        event: 'tileUpdate',
        payload: { id: 'transcript', version: 1, type: 'transcript', data: { messages: [] } },
      },
    ];
    const log = await open({ replay });
    await until(() => log.tileUpdate.length === 1 && log.config.length === 1, 'replayed');
    expect(log.config[0]?.grid.columns).to.equal(1);
    expect(log.tileUpdate[0]?.id).to.equal('transcript');
  });

  it('drops invalid frames, counts and reports them, and never throws', async () => {
    const log = await open();
    await until(() => statuses(log).includes('joined'), 'joined');
    await server.emit('config', { grid: { columns: 'three' } });
    await server.emit('tileUpdate', 42);
    await server.emit('tileUpdate', null);
    await server.emit('tileUpdate', {
      id: 'transcript',
      version: 1,
      type: 'transcript',
      data: { messages: [{ _id: 'ok', source: 'user', text: 'fine' }, { source: 'user' }] },
    });
    await server.emit('config', { grid: { columns: 2, rows: 2 }, tiles: {} });
    await until(() => log.config.length === 1, 'the valid config after the bad frames');
    expect(log.diagnostic.map((d) => [d.kind, d.event, d.dropped])).to.deep.equal([
      ['invalid-frame', 'config', 1],
      ['invalid-frame', 'tileUpdate', 2],
      ['invalid-frame', 'tileUpdate', 3],
      ['partial-frame', 'tileUpdate', 4],
    ]);
    expect(log.tileUpdate).to.have.length(1);
    expect(conn?.live).to.equal(true);
  });

  it('keeps going when a listener throws, and reports it', async () => {
    const log = await open();
    let second = 0;
    conn?.on('config', () => {
      throw new Error('boom');
    });
    conn?.on('config', () => (second += 1));
    await until(() => statuses(log).includes('joined'), 'joined');
    await server.emit('config', { grid: { columns: 1, rows: 1 }, tiles: {} });
    await until(() => second === 1, 'second listener ran');
    expect(log.diagnostic.map((d) => d.kind)).to.include('listener-error');
  });

  it('returns disposers that unsubscribe', async () => {
    const log = await open();
    let calls = 0;
    const off = conn?.on('config', () => (calls += 1));
    await until(() => statuses(log).includes('joined'), 'joined');
    await server.emit('config', { grid: { columns: 1, rows: 1 }, tiles: {} });
    await until(() => log.config.length === 1, 'first');
    off?.();
    await server.emit('config', { grid: { columns: 2, rows: 1 }, tiles: {} });
    await until(() => log.config.length === 2, 'second');
    expect(calls).to.equal(1);
  });

  it('closes its socket on dispose', async () => {
    const log = await open();
    await until(() => statuses(log).includes('joined'), 'joined');
    conn?.dispose();
    await until(async () => (await server.clients()).connected === 0, 'socket closed');
    expect(statuses(log).at(-1)).to.equal('closed');
  });

  describe('agent replies', () => {
    it('sends with a clientMessageId and reports pending, then sent', async () => {
      const log = await open();
      await until(() => statuses(log).includes('joined'), 'joined');
      const id = conn?.sendMessage('Hello there') ?? '';
      expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      await until(() => log.reply.some((r) => r.state === 'sent'), 'sent');
      expect(log.reply.map((r) => r.state)).to.deep.equal(['pending', 'sent']);
      expect((await server.received('sendMessage')).map((r) => r.payload)).to.deep.equal([
        { source: 'agent', text: 'Hello there', clientMessageId: id },
      ]);
    });

    it('keeps replies typed while disconnected and sends them after the rejoin, once', async () => {
      const log = await open();
      await until(() => statuses(log).includes('joined'), 'joined');
      await server.down();
      await until(() => statuses(log).includes('disconnected'), 'down');
      const id = conn?.sendMessage('typed while offline');
      expect(log.reply.at(-1)).to.include({ clientMessageId: id, state: 'pending' });
      await server.up();
      await until(() => log.reply.some((r) => r.state === 'sent'), 'sent after reconnect');
      const sent = await server.received('sendMessage');
      expect(
        sent.filter((r) => (r.payload as { clientMessageId: string }).clientMessageId === id),
      ).to.have.length(1);
    });

    it('re-sends an unacknowledged reply after a drop with the same clientMessageId', async () => {
      const log = await open({ messageAck: 'never' });
      await until(() => statuses(log).includes('joined'), 'joined');
      const id = conn?.sendMessage('in flight');
      await until(
        async () => (await server.received('sendMessage')).length === 1,
        'first attempt arrived',
      );
      await server.behave({ messageAck: 'ok' });
      await server.drop();
      await until(() => log.reply.some((r) => r.state === 'sent'), 'sent after the rejoin');
      const ids = (await server.received('sendMessage')).map(
        (r) => (r.payload as { clientMessageId: string }).clientMessageId,
      );
      expect(ids).to.deep.equal([id, id]);
      expect(log.reply.filter((r) => r.state === 'failed')).to.have.length(0);
    });

    it('sends two replies back to back once each while the ack of the first is delayed', async () => {
      const log = await open({ messageAck: 'hold' });
      await until(() => statuses(log).includes('joined'), 'joined');
      const first = conn?.sendMessage('first') ?? '';
      // the first is in flight, its ack held back by the server, when the second is flushed
      const second = conn?.sendMessage('second') ?? '';
      const ids = async () =>
        (await server.received('sendMessage')).map(
          (r) => (r.payload as { clientMessageId: string }).clientMessageId,
        );
      await until(async () => (await ids()).includes(second), 'the second arrived');
      expect(log.reply.map((r) => r.state)).to.deep.equal(['pending', 'pending']);
      await server.release();
      await until(() => log.reply.filter((r) => r.state === 'sent').length === 2, 'both sent');
      expect(await ids(), 'each clientMessageId exactly once').to.deep.equal([first, second]);
      expect(log.reply.map((r) => [r.clientMessageId, r.state])).to.deep.equal([
        [first, 'pending'],
        [second, 'pending'],
        [first, 'sent'],
        [second, 'sent'],
      ]);
    });

    it('marks a reply failed when the server refuses it, and resends on request', async () => {
      const log = await open({ messageAck: 'Chat input is disabled' });
      await until(() => statuses(log).includes('joined'), 'joined');
      const id = conn?.sendMessage('nope') ?? '';
      await until(() => log.reply.some((r) => r.state === 'failed'), 'failed');
      expect(log.reply.at(-1)?.state).to.equal('failed');
      expect(log.reply.at(-1)?.error).to.deep.equal({
        code: 'refused',
        server: 'Chat input is disabled',
      });
      await server.behave({ messageAck: 'ok' });
      conn?.resend(id);
      await until(() => log.reply.at(-1)?.state === 'sent', 'sent on retry');
      const ids = (await server.received('sendMessage')).map(
        (r) => (r.payload as { clientMessageId: string }).clientMessageId,
      );
      expect(ids).to.deep.equal([id, id]);
    });

    it('marks a reply failed when no ack comes in time', async () => {
      const log = await open({ messageAck: 'never' }, { ackTimeoutMs: 200 });
      await until(() => statuses(log).includes('joined'), 'joined');
      conn?.sendMessage('lost ack');
      await until(() => log.reply.some((r) => r.state === 'failed'), 'failed');
      expect(log.reply.at(-1)?.error).to.deep.equal({ code: 'no-answer' });
    });

    it('ignores resend for an id it does not know or that did not fail', async () => {
      const log = await open();
      await until(() => statuses(log).includes('joined'), 'joined');
      conn?.resend('nope');
      const id = conn?.sendMessage('x') ?? '';
      await until(() => log.reply.some((r) => r.state === 'sent'), 'sent');
      conn?.resend(id);
      expect(log.reply.map((r) => r.state)).to.deep.equal(['pending', 'sent']);
    });
  });
});

describe('CopilotConnection postbacks', () => {
  let server: TestServer;
  let conn: CopilotConnection | undefined;
  afterEach(async () => {
    conn?.dispose();
    await server?.stop();
  });

  async function live(behavior: Behavior = {}, postbackWaitMs = 5000, ackTimeoutMs = 5000) {
    server = await TestServer.start(behavior);
    conn = new CopilotConnection({
      endpoint: server.url,
      params,
      postbackWaitMs,
      ackTimeoutMs,
      reconnectionDelayMs: 50,
      reconnectionDelayMaxMs: 200,
    });
    const log = record(conn);
    conn.connect();
    await until(() => statuses(log).includes('joined'), 'joined');
    return log;
  }
  const postbacks = async () => (await server.received('sendPostbackAction')).map((r) => r.payload);

  it('sends card postbacks with the tile id and frame postbacks without, and settles on the ack', async () => {
    await live();
    expect(
      await conn?.sendPostback({ id: 'refund', action: { reason: 'duplicate' } }),
    ).to.deep.equal({ ok: true });
    expect(await conn?.sendPostback({ action: 'search' })).to.deep.equal({ ok: true });
    expect(await postbacks()).to.deep.equal([
      { ...params, id: 'refund', action: { reason: 'duplicate' } },
      { ...params, action: 'search' },
    ]);
  });

  it('passes on the server refusal', async () => {
    await live({ postbackAck: 'Choose a reason for the refund.' });
    expect(await conn?.sendPostback({ action: 1 })).to.deep.equal({
      ok: false,
      problem: { code: 'refused', server: 'Choose a reason for the refund.' },
    });
  });

  it('waits for a reconnect, then sends once', async () => {
    const log = await live();
    await server.down();
    await until(() => statuses(log).includes('disconnected'), 'down');
    const result = conn?.sendPostback({ action: 'while-down' });
    await server.up();
    const r = await result;
    expect(r, JSON.stringify(log.status)).to.deep.equal({ ok: true });
    expect(await postbacks()).to.deep.equal([{ ...params, action: 'while-down' }]);
  });

  it('gives up after the bounded wait with a reason the tile can show', async () => {
    const log = await live({}, 150);
    await server.down();
    await until(() => statuses(log).includes('disconnected'), 'down');
    const result = await conn?.sendPostback({ action: 'too-late' });
    expect(result?.ok).to.equal(false);
    expect(result).to.deep.equal({ ok: false, problem: { code: 'down' } });
    await server.up();
    await until(() => statuses(log).filter((s) => s === 'joined').length === 2, 'rejoined');
    expect(await postbacks(), 'never sent later').to.deep.equal([]);
  });

  it('never re-sends a postback that was in flight when the connection dropped', async () => {
    const log = await live({ postbackAck: 'never' });
    const result = conn?.sendPostback({ action: 'in-flight' });
    await waitUntil(async () => (await postbacks()).length === 1, 'arrived', { timeout: 8000 });
    await server.drop();
    const r = await result;
    expect(r).to.deep.equal({ ok: false, problem: { code: 'dropped' } });
    await until(() => statuses(log).filter((s) => s === 'joined').length === 2, 'rejoined');
    expect(await postbacks()).to.have.length(1);
  });
});

describe('newClientMessageId', () => {
  it('makes distinct v4 uuids', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newClientMessageId()));
    expect(ids.size).to.equal(200);
  });
});
