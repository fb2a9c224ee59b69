// The reference endpoint in-process, spoken to by a real socket.io client.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { type EndpointServer, startEndpointServer } from '../../demo/server.js';
import { DEMO_URL_TOKEN, VOICE_URL_TOKEN } from '../../demo/settings.js';
import { CLOCK_TOLERANCE_S } from '../../demo/jwt.js';
import { VOICE_CALL_SCRIPT } from '../../demo/script.js';
import { control, repoRoot } from '../support/endpoint-process.js';
import { emitAck } from '../support/endpoint-socket.js';

type Frame = { event: string; payload: unknown };
type Msg = {
  _id: string;
  source: string;
  text: string;
  clientMessageId?: string;
  final?: boolean;
};

function client(url: string) {
  const socket: Socket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  const frames: Frame[] = [];
  socket.onAny((event: string, payload: unknown) => frames.push({ event, payload }));
  return { socket, frames };
}

function transcriptMessages(frames: Frame[]): Msg[] {
  return frames
    .filter(
      (f) => f.event === 'tileUpdate' && (f.payload as { type: string }).type === 'transcript',
    )
    .flatMap((f) => (f.payload as { data: { messages: Msg[] } }).data.messages);
}

async function until(fn: () => boolean, what: string, ms = 5000) {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

const session = (sessionId: string) => ({ URLToken: DEMO_URL_TOKEN, userId: 'u-1', sessionId });

describe('reference endpoint', () => {
  let dataDir: string;
  let server: EndpointServer;
  const sockets: Socket[] = [];
  const open = (url = server.url) => {
    const c = client(url);
    sockets.push(c.socket);
    return c;
  };

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'acw-endpoint-'));
    server = await startEndpointServer({
      dataDir,
      distDir: join(repoRoot, 'dist'),
      demo: true,
      stepMs: 60_000,
    });
  });

  after(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('refuses a join for an unknown URLToken, with a reason', async () => {
    const { socket } = open();
    const err = await emitAck(socket, 'join', { URLToken: 'nope', userId: 'u', sessionId: 's' });
    assert.match(String(err), /Unknown endpoint/);
  });

  test('refuses a malformed join', async () => {
    const { socket } = open();
    const err = await emitAck(socket, 'join', { URLToken: DEMO_URL_TOKEN });
    assert.match(String(err), /malformed/);
  });

  test('accepts a join and replays config and transcript', async () => {
    const { socket, frames } = open();
    assert.equal(await emitAck(socket, 'join', session('replay')), null);
    await until(() => frames.some((f) => f.event === 'tileUpdate'), 'transcript replay');
    const config = frames.find((f) => f.event === 'config')?.payload as {
      tiles: Record<string, unknown>;
    };
    assert.deepEqual(Object.keys(config.tiles), ['transcript']);
  });

  test('redacts customer text before it leaves the server', async () => {
    const { socket, frames } = open();
    await emitAck(socket, 'join', session('redact'));
    await control(server.url, 'POST', 'message', {
      ...session('redact'),
      text: 'card 4111111111111111, jane@example.com',
    });
    const customer = () => transcriptMessages(frames).filter((m) => m.source === 'user');
    await until(() => customer().length === 1, 'message');
    assert.equal(customer()[0]?.text, 'card CREDIT_CARD_NUMBER, EMAIL_ADDRESS');
    const stored = await control<{ messages: Msg[] }>(
      server.url,
      'GET',
      'session',
      session('redact'),
    );
    assert.equal(
      JSON.stringify(stored).includes('4111111111111111'),
      false,
      'never stored in clear',
    );
  });

  test('does not redact when the endpoint setting is off', async () => {
    await control(server.url, 'PATCH', 'endpoint', {
      URLToken: DEMO_URL_TOKEN,
      settings: { redactTranscriptTileMessages: false },
    });
    try {
      const m = await control<Msg>(server.url, 'POST', 'message', {
        ...session('plain'),
        text: 'jane@example.com',
      });
      assert.equal(m.text, 'jane@example.com');
    } finally {
      await control(server.url, 'PATCH', 'endpoint', {
        URLToken: DEMO_URL_TOKEN,
        settings: { redactTranscriptTileMessages: true },
      });
    }
  });

  test('acknowledges agent replies, appends them once per clientMessageId', async () => {
    const a = open();
    const b = open();
    await emitAck(a.socket, 'join', session('dedupe'));
    await emitAck(b.socket, 'join', session('dedupe'));
    const payload = {
      source: 'agent',
      text: 'On it',
      clientMessageId: '0b7c9a7e-9d3a-4a59-8c11-3f8e1e7f1a01',
    };
    assert.equal(await emitAck(a.socket, 'sendMessage', payload), null);
    assert.equal(await emitAck(a.socket, 'sendMessage', payload), null, 'a retry is acked too');
    const agent = () => transcriptMessages(b.frames).filter((m) => m.source === 'agent');
    await until(() => agent().length === 1, 'other agent sees it');
    const sent = await control<unknown[]>(server.url, 'GET', 'sent', session('dedupe'));
    assert.equal(sent.length, 1);
    const stored = await control<{ messages: Msg[] }>(
      server.url,
      'GET',
      'session',
      session('dedupe'),
    );
    assert.deepEqual(
      stored.messages.filter((m) => m.source === 'agent').map((m) => [m.text, m.clientMessageId]),
      [['On it', payload.clientMessageId]],
    );
  });

  test('without the transcript tile setting, no transcript is sent and the layout has no slot for it', async () => {
    const key = session('no-transcript');
    await control(server.url, 'PATCH', 'endpoint', {
      URLToken: DEMO_URL_TOKEN,
      settings: { enableTranscriptTile: false },
    });
    try {
      await control(server.url, 'POST', 'script', { ...key, action: 'all' });
      const { socket, frames } = open();
      await emitAck(socket, 'join', key);
      await until(() => frames.some((f) => f.event === 'config'), 'config');
      const config = frames.find((f) => f.event === 'config')?.payload as {
        tiles: Record<string, unknown>;
      };
      assert.equal('transcript' in config.tiles, false);
      assert.ok('refund' in config.tiles, 'the flow tiles stay');
      assert.equal(transcriptMessages(frames).length, 0);
    } finally {
      await control(server.url, 'PATCH', 'endpoint', {
        URLToken: DEMO_URL_TOKEN,
        settings: { enableTranscriptTile: true },
      });
    }
  });

  test('refuses replies before a join and when chat input is disabled', async () => {
    const { socket } = open();
    assert.match(
      String(await emitAck(socket, 'sendMessage', { source: 'agent', text: 'x' })),
      /Join a session first/,
    );
    await emitAck(socket, 'join', session('nochat'));
    await control(server.url, 'PATCH', 'endpoint', {
      URLToken: DEMO_URL_TOKEN,
      settings: { enableTranscriptTileChatInput: false },
    });
    try {
      assert.match(
        String(await emitAck(socket, 'sendMessage', { source: 'agent', text: 'x' })),
        /disabled/,
      );
    } finally {
      await control(server.url, 'PATCH', 'endpoint', {
        URLToken: DEMO_URL_TOKEN,
        settings: { enableTranscriptTileChatInput: true },
      });
    }
  });

  test('relays raw events, malformed ones too, through the control API', async () => {
    const { socket, frames } = open();
    await emitAck(socket, 'join', session('raw'));
    await control(server.url, 'POST', 'emit', {
      ...session('raw'),
      event: 'tileUpdate',
      payload: { broken: true },
    });
    await until(
      () => frames.some((f) => (f.payload as { broken?: boolean } | null)?.broken === true),
      'raw frame',
    );
  });

  test('streams updates at a rate, each its own frame, in order, with their emit time', async () => {
    const { socket, frames } = open();
    await emitAck(socket, 'join', session('stream'));
    const before = frames.length;
    const start = Date.now();
    const r = await control<{ sent: number; seconds: number }>(server.url, 'POST', 'stream', {
      ...session('stream'),
      rate: 100,
      count: 20,
    });
    assert.equal(r.sent, 20);
    // 20 at 100 a second: the last is due 190 ms after the first
    assert.ok(Date.now() - start >= 180, 'paced, not all at once');
    await until(
      () =>
        transcriptMessages(frames.slice(before)).filter((m) => m.text?.startsWith('stream '))
          .length >= 20,
      '20 frames',
    );
    const texts = frames
      .slice(before)
      .flatMap((f) => transcriptMessages([f]))
      .map((m) => m.text ?? '')
      .filter((t) => t.startsWith('stream '));
    assert.equal(texts.length, 20, 'one message per frame');
    texts.forEach((t, i) => assert.match(t, new RegExp(`^stream ${i} at \\d{1,7}$`)));
    const cards = await control<{ sent: number }>(server.url, 'POST', 'stream', {
      ...session('stream'),
      rate: 1000,
      count: 3,
      kind: 'card',
      tileId: 'load',
    });
    assert.equal(cards.sent, 3);
    await until(
      () => frames.some((f) => (f.payload as { id?: string; version?: number })?.version === 3),
      'card version 3',
    );
    await assert.rejects(
      control(server.url, 'POST', 'stream', { ...session('stream'), rate: 0, count: 1 }),
      /rate \(1–1000 a second\) and count/,
    );
    await assert.rejects(
      control(server.url, 'POST', 'stream', { ...session('stream'), rate: 1, count: 1, kind: 'x' }),
      /kind is one of transcript, voice, card, html/,
    );
  });

  test('the voice demo streams each utterance as interim words, then the final under the same _id, redacted', async () => {
    const key = { URLToken: VOICE_URL_TOKEN, userId: 'u-1', sessionId: 'call-1' };
    const { socket, frames } = open();
    await emitAck(socket, 'join', key);
    // every step now: the utterances stream side by side (5 words a second each)
    for (let i = 0; i < VOICE_CALL_SCRIPT.length; i++) {
      await control(server.url, 'POST', 'script', { ...key, action: 'step' });
    }
    const said = VOICE_CALL_SCRIPT.filter((s) => 'speech' in s).length;
    const finals = () => transcriptMessages(frames).filter((m) => m.final === true);
    await until(() => finals().length === said, `${said} finals`, 15_000);
    const card = finals().find((m) => m.text.includes('card number is'));
    assert.ok(card, 'the card utterance');
    const interims = transcriptMessages(frames).filter(
      (m) => m._id === card._id && m.final === false,
    );
    // word by word: one interim update per word but the last (the final says it)
    const spoken = VOICE_CALL_SCRIPT.flatMap((s) => ('speech' in s ? [s.speech.text] : []));
    const original = spoken.find((t) => t.includes('card number is')) ?? '';
    assert.equal(interims.length, original.split(' ').length - 1);
    assert.equal(interims[0]?.text, original.split(' ')[0]);
    for (const m of [...interims, card]) {
      assert.doesNotMatch(m.text, /4111|jane\.doe/, 'never in clear, interim or final');
    }
    assert.match(card.text, /CREDIT_CARD_NUMBER/);
    // only finals are stored: a rejoin replays no interim words
    const stored = await control<{ messages: Msg[] }>(server.url, 'GET', 'session', key);
    assert.equal(stored.messages.length, said);
    assert.ok(stored.messages.every((m) => m.final === true));
  });

  test('drops a session’s sockets on request', async () => {
    const { socket } = open();
    await emitAck(socket, 'join', session('drop'));
    const r = await control<{ dropped: number }>(server.url, 'POST', 'drop', session('drop'));
    assert.equal(r.dropped, 1);
    await until(() => !socket.connected, 'disconnected');
  });

  test('control API wants JSON and names what is missing', async () => {
    const res = await fetch(`${server.url}/__control/message`, { method: 'POST', body: 'text=hi' });
    assert.equal(res.status, 400);
    await assert.rejects(
      control(server.url, 'POST', 'message', { text: 'no session' }),
      /URLToken, userId and sessionId are required/,
    );
  });

  test('keeps sessions across a restart, and plays the script from where it stopped', async () => {
    const key = session('restart');
    for (let i = 0; i < 4; i++)
      await control(server.url, 'POST', 'script', { ...key, action: 'step' });
    const { socket } = open();
    await emitAck(socket, 'join', key);
    await emitAck(socket, 'sendMessage', {
      source: 'agent',
      text: 'reply',
      clientMessageId: 'c-restart-1',
    });
    socket.disconnect();
    type State = {
      messages: Msg[];
      tiles: { id: string; version: number }[];
      layout: unknown;
      scriptStep: number;
    };
    await control(server.url, 'POST', 'script', { ...key, action: 'pause' }); // a fixed point to compare
    const before = await control<State>(server.url, 'GET', 'session', key);
    assert.ok(before.scriptStep >= 4, 'the steps played so far are recorded');
    await server.close();

    server = await startEndpointServer({
      dataDir,
      distDir: join(repoRoot, 'dist'),
      demo: true,
      stepMs: 60_000,
    });
    const after = await control<State>(server.url, 'GET', 'session', key);
    assert.deepEqual(
      {
        messages: after.messages,
        tiles: after.tiles,
        layout: after.layout,
        scriptStep: after.scriptStep,
      },
      {
        messages: before.messages,
        tiles: before.tiles,
        layout: before.layout,
        scriptStep: before.scriptStep,
      },
    );
    const again = open();
    await emitAck(again.socket, 'join', key);
    await until(
      () => transcriptMessages(again.frames).length === before.messages.length,
      'full history replayed',
    );
    assert.deepEqual(
      again.frames.filter((f) => f.event === 'config').map((f) => f.payload),
      [before.layout],
    );
    // the same reply again (a client re-sending after the restart) is not appended twice
    await emitAck(again.socket, 'sendMessage', {
      source: 'agent',
      text: 'reply',
      clientMessageId: 'c-restart-1',
    });
    // joining plays the steps that have no pause: stop the timer, then step by hand
    const paused = await control<{ step: number }>(server.url, 'POST', 'script', {
      ...key,
      action: 'pause',
    });
    assert.ok(paused.step >= before.scriptStep, 'not replayed from the start');
    const r = await control<{ step: number }>(server.url, 'POST', 'script', {
      ...key,
      action: 'step',
    });
    assert.equal(r.step, paused.step + 1, 'continues with the next step');
    const stored = await control<State>(server.url, 'GET', 'session', key);
    assert.equal(stored.messages.filter((m) => m.source === 'agent').length, 1);
  });

  test('serves the standalone page with CSP and no-referrer, and the script', async () => {
    const page = await fetch(`${server.url}/?userId=a&sessionId=b&URLToken=c`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'self' https:\/\/apps\.mypurecloud\.com/);
    const html = await page.text();
    const port = new URL(server.url).port;
    assert.ok(html.includes(`endpoint="${server.url}"`), 'the page names its endpoint');
    assert.ok(
      html.includes(`tile-frame="http://{tile}.localhost:${port}/tile-frame.html"`),
      'a per-tile tile-frame template',
    );
    assert.equal(
      html.includes('userId=a'),
      false,
      'the session parameters are not echoed into the page',
    );
  });

  test('serves the tile-frame document with a tile CSP that still limits who may frame it', async () => {
    const res = await fetch(`${server.url}/tile-frame.html`);
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'unsafe-inline' https:/);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /sandbox allow-scripts allow-forms allow-popups/);
    assert.doesNotMatch(csp, /allow-same-origin/);
    const body = await res.text();
    assert.match(body, /__INTER_FRAME_SOCKET_MESSAGE/);
    assert.match(body, /__acwTileFrame/);
    // every html tile loads it: a browser that has it gets a 304, with its CSP, and no body
    const etag = res.headers.get('etag') ?? '';
    assert.match(etag, /^"[\w-]{22}"$/);
    const again = await fetch(`${server.url}/tile-frame.html`, {
      headers: { 'if-none-match': etag },
    });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get('content-security-policy'), csp);
    assert.equal((await again.arrayBuffer()).byteLength, 0);
  });

  test('the demo flow answers a knowledge search by sendTileData', async () => {
    const key = session('flow-knowledge');
    const { socket, frames } = open();
    await emitAck(socket, 'join', key);
    await control(server.url, 'POST', 'script', { ...key, action: 'all' });
    const ack = await emitAck(socket, 'sendPostbackAction', {
      ...key,
      action: { type: 'knowledge-search', query: 'chargeback' },
    });
    assert.equal(ack, null);
    await until(
      () =>
        frames.some(
          (f) =>
            (f.payload as { type?: string }).type === 'sendTileData' &&
            (f.payload as { id: string }).id === 'knowledge' &&
            (f.payload as { data: { query?: string } }).data.query === 'chargeback',
        ),
      'answers',
    );
    const answers = frames
      .map((f) => f.payload as { type?: string; data?: { answers?: { title: string }[] } })
      .filter((p) => p.type === 'sendTileData' && p.data?.answers)
      .at(-1)?.data?.answers;
    assert.ok((answers?.length ?? 0) >= 1);
    assert.ok(answers?.some((a) => /chargeback/i.test(a.title)));
  });

  test('a reload or a second window gets each tile’s latest sendTileData after the tile (verified stays verified, answers stay)', async () => {
    const key = session('tile-data-replay');
    const first = open();
    await emitAck(first.socket, 'join', key);
    await control(server.url, 'POST', 'script', { ...key, action: 'all' });
    await emitAck(first.socket, 'sendPostbackAction', {
      ...key,
      action: { type: 'knowledge-search', query: 'chargeback' },
    });
    const replayed = async (url = server.url) => {
      const again = open(url);
      await emitAck(again.socket, 'join', key);
      await until(
        () =>
          again.frames.filter((f) => (f.payload as { type?: string }).type === 'sendTileData')
            .length >= 2,
        'the data replayed',
      );
      return again.frames.map((f) => f.payload as { id: string; type: string; data: unknown });
    };
    const check = (payloads: { id: string; type: string; data: unknown }[]) => {
      const at = (id: string, type: string) =>
        payloads.findIndex((p) => p.id === id && p.type === type);
      const identity = payloads.find((p) => p.id === 'identity' && p.type === 'sendTileData');
      assert.deepEqual(identity?.data, { verified: true });
      assert.ok(at('identity', 'sendTileData') > at('identity', 'html'), 'after the tile');
      const knowledge = payloads.filter((p) => p.id === 'knowledge' && p.type === 'sendTileData');
      assert.equal(knowledge.length, 1, 'only the latest data of a tile');
      assert.equal((knowledge[0]?.data as { query?: string }).query, 'chargeback');
    };
    check(await replayed());
    // journaled: an endpoint started anew on the same data replays it too
    const restarted = await startEndpointServer({
      dataDir,
      distDir: join(repoRoot, 'dist'),
      demo: true,
      stepMs: 60_000,
    });
    try {
      check(await replayed(restarted.url));
    } finally {
      await restarted.close();
    }
  });

  test('the demo flow issues the refund once, from the card, and changes the conversation', async () => {
    const key = session('flow-refund');
    const { socket } = open();
    await emitAck(socket, 'join', key);
    await control(server.url, 'POST', 'script', { ...key, action: 'all' });
    assert.match(
      String(
        await emitAck(socket, 'sendPostbackAction', {
          ...key,
          id: 'refund',
          action: { action: 'refund' },
        }),
      ),
      /Choose a reason/,
    );
    assert.equal(
      await emitAck(socket, 'sendPostbackAction', {
        ...key,
        id: 'refund',
        action: { action: 'refund', reason: 'duplicate', blockCard: 'true' },
      }),
      null,
    );
    assert.match(
      String(
        await emitAck(socket, 'sendPostbackAction', {
          ...key,
          id: 'refund',
          action: { action: 'refund', reason: 'duplicate' },
        }),
      ),
      /already issued/,
    );
    const state = await control<{
      messages: Msg[];
      tiles: { id: string; version: number; data: { body?: { text?: string }[] } }[];
    }>(server.url, 'GET', 'session', key);
    const refund = state.tiles.find((t) => t.id === 'refund');
    assert.equal(refund?.version, 2);
    assert.equal(refund?.data.body?.[0]?.text, 'Refund issued');
    assert.equal(
      state.messages.filter(
        (m) => m.source === 'bot' && m.text.startsWith('Refund of $249.99 issued'),
      ).length,
      1,
    );
    const sent = await control<{ kind: string }[]>(server.url, 'GET', 'sent', key);
    assert.equal(
      sent.filter((a) => a.kind === 'postback').length,
      3,
      'every postback is logged for QA',
    );
  });

  test('refuses a postback that names another session', async () => {
    const { socket } = open();
    await emitAck(socket, 'join', session('mine'));
    assert.match(
      String(await emitAck(socket, 'sendPostbackAction', { ...session('theirs'), action: 1 })),
      /another session/,
    );
  });

  test('authenticates joins with HS256 JWTs when the endpoint says so (docs/PROTOCOL.md §12.3)', async () => {
    const key = session('jwt');
    const patch = (settings: object) =>
      control(server.url, 'PATCH', 'endpoint', { URLToken: DEMO_URL_TOKEN, settings });
    const join = async (auth?: string) => {
      const { socket } = open();
      return emitAck(socket, 'join', auth === undefined ? key : { ...key, auth });
    };
    const { token } = await control<{ token: string }>(server.url, 'POST', 'jwt', key);
    const listed = await control<object[]>(server.url, 'GET', 'endpoints');
    assert.equal(
      JSON.stringify(listed).includes('jwtSecret'),
      false,
      'the secret never leaves the endpoint',
    );
    try {
      await patch({ enableAgentCopilotAuthentication: true, blockNonJWTRequests: true });
      assert.equal(await join(token), null, 'a valid token for this session');
      assert.match(String(await join()), /Authentication required/);
      const [h, b] = token.split('.');
      const forged = `${h}.${Buffer.from(JSON.stringify({ userId: 'u-1', sessionId: 'jwt' })).toString('base64url')}.${token.split('.')[2]}`;
      assert.match(String(await join(forged)), /signature is not valid/);
      const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${b}.`;
      assert.match(String(await join(none)), /not signed with HS256/);
      const other = await control<{ token: string }>(
        server.url,
        'POST',
        'jwt',
        session('someone-else'),
      );
      assert.match(String(await join(other.token)), /another session/);
      const expired = await control<{ token: string }>(server.url, 'POST', 'jwt', {
        ...key,
        expiresIn: -3600,
      });
      assert.deepEqual(await join(expired.token), {
        code: 'token-expired',
        reason: 'Authentication failed: the token has expired.',
      });
      await patch({ blockNonJWTRequests: false });
      assert.equal(await join(), null, 'without blockNonJWTRequests a link without auth may join');
      assert.match(
        String(await join(forged)),
        /signature is not valid/,
        'but a bad token is still refused',
      );
    } finally {
      await patch({ enableAgentCopilotAuthentication: false, blockNonJWTRequests: false });
    }
  });

  test("a restart between the agent's first reply and the customer's scripted answer loses nothing", async () => {
    const key = session('follow-up-crash');
    await control(server.url, 'POST', 'script', { ...key, action: 'all' });
    const { socket } = open();
    await emitAck(socket, 'join', key);
    // the follow-up is due one step (60 s here) after the reply: the endpoint stops before that
    await emitAck(socket, 'sendMessage', {
      source: 'agent',
      text: 'On it.',
      clientMessageId: 'c-f1',
    });
    socket.disconnect();
    await server.close();
    server = await startEndpointServer({
      dataDir,
      distDir: join(repoRoot, 'dist'),
      demo: true,
      stepMs: 20,
    });
    const again = open();
    await emitAck(again.socket, 'join', key);
    await until(
      () =>
        transcriptMessages(again.frames).some((m) =>
          m.text.startsWith('Thank you! For the refund'),
        ),
      'the scripted answer after the restart',
    );
    // and exactly once, also after one more restart
    again.socket.disconnect();
    await server.close();
    server = await startEndpointServer({
      dataDir,
      distDir: join(repoRoot, 'dist'),
      demo: true,
      stepMs: 20,
    });
    const third = open();
    await emitAck(third.socket, 'join', key);
    await until(() => transcriptMessages(third.frames).length > 0, 'replay');
    const stored = await control<{ messages: Msg[] }>(server.url, 'GET', 'session', key);
    assert.equal(
      stored.messages.filter((m) => m.text.startsWith('Thank you! For the refund')).length,
      1,
    );
  });

  test('the control API signs tokens for at most a day, and not for the distant past', async () => {
    const key = session('ttl');
    for (const expiresIn of [1e12, 86_401, -86_401, Number.MAX_VALUE]) {
      await assert.rejects(
        control(server.url, 'POST', 'jwt', { ...key, expiresIn }),
        /400.*expiresIn/,
        String(expiresIn),
      );
    }
    const ok = await control<{ token: string }>(server.url, 'POST', 'jwt', {
      ...key,
      expiresIn: 600,
    });
    const claims = JSON.parse(
      Buffer.from(ok.token.split('.')[1] ?? '', 'base64url').toString(),
    ) as {
      exp: number;
    };
    assert.ok(Math.abs(claims.exp - (Date.now() / 1000 + 600)) < 5);
  });

  const patchEndpoint = (body: object) =>
    control(server.url, 'PATCH', 'endpoint', { URLToken: DEMO_URL_TOKEN, ...body });
  /** resolves with the disconnect reason */
  const disconnected = (socket: Socket) =>
    new Promise<string>((resolve) => socket.once('disconnect', (r) => resolve(r)));

  test("rights are checked for a socket's whole life: a settings change lets an unentitled socket go", async () => {
    const key = session('rights-settings');
    const { socket, frames } = open();
    assert.equal(await emitAck(socket, 'join', key), null);
    const gone = disconnected(socket);
    try {
      await patchEndpoint({
        settings: { enableAgentCopilotAuthentication: true, blockNonJWTRequests: true },
      });
      assert.equal(await gone, 'io server disconnect');
      const before = frames.length;
      await control(server.url, 'POST', 'message', { ...key, text: 'not for that socket' });
      const rejoin = open();
      assert.match(String(await emitAck(rejoin.socket, 'join', key)), /Authentication required/);
      assert.equal(frames.length, before, 'it receives nothing more');
    } finally {
      await patchEndpoint({
        settings: { enableAgentCopilotAuthentication: false, blockNonJWTRequests: false },
      });
    }
  });

  test('a token that expires while joined ends the subscription (by the endpoint clock, injected)', async () => {
    // the endpoint's clock is the test's: the token's expiry is decided by it, never by how long
    // signing and joining took on the wall clock (the token has 10 minutes left on that one)
    let nowMs = Date.now();
    let reads = 0;
    const timedDir = mkdtempSync(join(tmpdir(), 'acw-endpoint-clock-'));
    const timed = await startEndpointServer({
      dataDir: timedDir,
      distDir: join(repoRoot, 'dist'),
      demo: true,
      stepMs: 60_000,
      now: () => {
        reads += 1;
        return nowMs;
      },
    });
    try {
      const key = session('rights-expiry');
      await control(timed.url, 'PATCH', 'endpoint', {
        URLToken: DEMO_URL_TOKEN,
        settings: { enableAgentCopilotAuthentication: true, blockNonJWTRequests: true },
      });
      const { token } = await control<{ token: string }>(timed.url, 'POST', 'jwt', {
        ...key,
        expiresIn: 600,
      });
      const { exp } = JSON.parse(
        Buffer.from(token.split('.')[1] ?? '', 'base64url').toString(),
      ) as { exp: number };
      // on the endpoint's clock: a millisecond before the clock tolerance after exp runs out
      nowMs = (exp + CLOCK_TOLERANCE_S) * 1000 - 1;
      const { socket } = open(timed.url);
      let reason: string | undefined;
      socket.once('disconnect', (r) => (reason = r));
      assert.equal(await emitAck(socket, 'join', { ...key, auth: token }), null);
      // the watch re-checks the token on that clock, and keeps the socket: still valid on it (each
      // re-check reads the clock twice: to verify the token, and to watch it again)
      const joined = reads;
      await until(() => reads >= joined + 4, 'two re-checks on the stopped clock');
      assert.equal(reason, undefined, 'still valid on the endpoint clock');
      assert.equal(socket.connected, true);
      nowMs = (exp + CLOCK_TOLERANCE_S + 1) * 1000;
      await until(() => reason !== undefined, 'the socket let go once the clock passed expiry');
      assert.equal(reason, 'io server disconnect');
      const again = open(timed.url);
      assert.deepEqual(await emitAck(again.socket, 'join', { ...key, auth: token }), {
        code: 'token-expired',
        reason: 'Authentication failed: the token has expired.',
      });
    } finally {
      await timed.close();
      rmSync(timedDir, { recursive: true, force: true });
    }
  });

  test('one socket cannot flood: replies past the limit are refused with a code to retry on', async () => {
    const key = session('flood');
    const { socket } = open();
    await emitAck(socket, 'join', key);
    const acks = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        emitAck(socket, 'sendMessage', {
          source: 'agent',
          text: `m${i}`,
          clientMessageId: `f-${i}`,
        }),
      ),
    );
    assert.equal(acks.filter((a) => a === null).length, 20, 'the per-socket limit');
    const refused = acks.filter((a) => a !== null) as { code: string; retryAfterMs: number }[];
    assert.equal(refused.length, 80);
    assert.ok(refused.every((r) => r.code === 'rate-limited' && r.retryAfterMs === 10_000));
    const stored = await control<{ messages: Msg[] }>(server.url, 'GET', 'session', key);
    assert.equal(stored.messages.filter((m) => m.source === 'agent').length, 20);
  });

  test('a frame over the size limit is refused with a reason, and the socket stays', async () => {
    const { socket } = open();
    await emitAck(socket, 'join', session('big'));
    const ack = (await emitAck(socket, 'sendMessage', {
      source: 'agent',
      text: 'x'.repeat(10_000_000),
    })) as { code: string };
    assert.equal(ack.code, 'too-large');
    assert.equal(socket.connected, true);
    assert.equal(await emitAck(socket, 'sendMessage', { source: 'agent', text: 'small' }), null);
  });

  test('sessions per endpoint and messages per session are capped (limits in the endpoint settings)', async () => {
    const existing = session('cap-existing');
    const { socket } = open();
    await emitAck(socket, 'join', existing);
    try {
      await patchEndpoint({ limits: { maxSessions: 1, maxHistory: 1 } });
      const made = open();
      assert.deepEqual(await emitAck(made.socket, 'join', session('cap-new-1')), {
        code: 'too-many-sessions',
        reason: 'This endpoint holds as many sessions as it may; try again later.',
      });
      assert.equal(
        await emitAck(made.socket, 'join', existing),
        null,
        'a known session still joins',
      );
      const h = session('cap-history');
      await patchEndpoint({ limits: { maxSessions: 10_000, maxHistory: 1 } });
      const w = open();
      await emitAck(w.socket, 'join', h);
      assert.equal(await emitAck(w.socket, 'sendMessage', { source: 'agent', text: 'one' }), null);
      assert.equal(
        (
          (await emitAck(w.socket, 'sendMessage', { source: 'agent', text: 'two' })) as {
            code: string;
          }
        ).code,
        'history-full',
      );
    } finally {
      await patchEndpoint({ limits: { maxSessions: 500, maxHistory: 5000 } });
    }
  });

  test('tile ids are data at the endpoint too: a layout with __proto__ and constructor tiles', async () => {
    const key = session('proto-layout');
    const res = await fetch(`${server.url}/__control/layout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"URLToken":"${DEMO_URL_TOKEN}","userId":"u-1","sessionId":"proto-layout","layout":{"grid":{"columns":2,"rows":1},"tiles":{"__proto__":{"x":1},"constructor":{"x":2}}}}`,
    });
    assert.equal(res.status, 200);
    await control(server.url, 'POST', 'tile', {
      ...key,
      update: { id: 'constructor', version: 1, type: 'html', data: { html: '<p>c</p>' } },
    });
    const { socket, frames } = open();
    await emitAck(socket, 'join', key);
    await until(() => frames.some((f) => f.event === 'config'), 'config');
    const config = frames.find((f) => f.event === 'config')?.payload as { tiles: object };
    assert.deepEqual(Object.keys(config.tiles), ['__proto__', 'constructor']);
    assert.ok(
      frames.some(
        (f) => f.event === 'tileUpdate' && (f.payload as { id: string }).id === 'constructor',
      ),
    );
    assert.equal(({} as Record<string, unknown>).x, undefined, 'Object.prototype untouched');
  });

  test('copilotType none and whisper refuse the join, each with its own code', async () => {
    try {
      for (const [copilotType, code] of [
        ['none', 'copilot-off'],
        ['whisper', 'copilot-whisper'],
      ] as const) {
        await patchEndpoint({ settings: { copilotType } });
        const { socket } = open();
        const ack = (await emitAck(socket, 'join', session(`mode-${copilotType}`))) as {
          code: string;
        };
        assert.equal(ack.code, code);
      }
    } finally {
      await patchEndpoint({ settings: { copilotType: 'workspace' } });
    }
  });

  test('keeps the control API off outside demo mode', async () => {
    const quiet = await startEndpointServer({
      dataDir,
      distDir: join(repoRoot, 'dist'),
      demo: false,
    });
    try {
      const res = await fetch(`${quiet.url}/__control/health`);
      assert.equal(res.status, 404);
    } finally {
      await quiet.close();
    }
  });
});
