// The handoff brief (docs/PROTOCOL.md §5.9) and the wrap-up (§5.10) on the
// reference endpoint: the scripted bot part and its brief citing real
// message ids, the context-summary URL, the draft built from the transcript,
// and wrap-up submissions kept once per submission id across restarts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { type EndpointServer, startEndpointServer } from '../../demo/server.js';
import { DEMO_URL_TOKEN, VOICE_URL_TOKEN } from '../../demo/settings.js';
import { CARD_DISPUTE_SCRIPT, VOICE_CALL_SCRIPT } from '../../demo/script.js';
import { HANDOFF_TILE_ID, scriptedMessageId } from '../../demo/brief.js';
import {
  WRAP_UP_MALFORMED,
  WRAP_UP_NOT_WORKSPACE,
  WRAP_UP_TILE_ID,
  draftFromTranscript,
} from '../../demo/wrap-up.js';
import { redact } from '../../demo/redact.js';
import { Brief, BriefDocument, type Message, WrapUpDraft } from '../../src/transport/protocol.js';
import { control, repoRoot } from '../support/endpoint-process.js';
import { emitAck, joinedSocket } from '../support/endpoint-socket.js';

const session = (sessionId: string, URLToken = DEMO_URL_TOKEN) => ({
  URLToken,
  userId: 'u-1',
  sessionId,
});
type Key = ReturnType<typeof session>;

interface Tile {
  id: string;
  version: number;
  type: string;
  data: { html?: string; brief?: unknown; wrapUp?: unknown };
}
interface SessionState {
  messages: Message[];
  tiles: Tile[];
  contextSummaryUrl?: string;
}
interface WrapUp {
  submissionId: string;
  summary: string;
  code?: string;
  label?: string;
  edited: boolean;
  draftVersion?: number;
  tileId?: string;
  at: string;
}

async function until(fn: () => boolean | Promise<boolean>, what: string, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A wrap-up postback as the workspace's pane sends it. */
const submission = (key: Key, action: Record<string, unknown>, extra: object = {}) => ({
  ...key,
  tileId: WRAP_UP_TILE_ID,
  sender: 'workspace',
  action: { type: 'wrap-up', ...action },
  ...extra,
});

describe('handoff brief and wrap-up on the reference endpoint', () => {
  let dataDir: string;
  let server: EndpointServer;
  const sockets: Socket[] = [];
  const start = () =>
    startEndpointServer({ dataDir, distDir: join(repoRoot, 'dist'), demo: true, stepMs: 60_000 });
  const joined = async (key: Key) => {
    const j = await joinedSocket(server.url, key);
    sockets.push(j.socket);
    return j;
  };
  const stateOf = (key: Key) => control<SessionState>(server.url, 'GET', 'session', key);
  const tileOf = async (key: Key, id: string) =>
    (await stateOf(key)).tiles.find((t) => t.id === id);
  const wrapUpsOf = async (key: Key) =>
    (await control<{ wrapUps: WrapUp[] }>(server.url, 'GET', 'wrap-ups', key)).wrapUps;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'acw-handoff-'));
    server = await start();
  });

  after(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the scripted chat starts with the bot part and hands over with a brief citing its stored messages', async () => {
    const key = session('chat-handoff');
    await control(server.url, 'POST', 'script', { ...key, action: 'all' });
    const { messages, tiles, contextSummaryUrl } = await stateOf(key);
    // the bot part: greeting, reason, verification, handoff; the first message is the bot's
    assert.deepEqual(
      messages.slice(0, 7).map((m) => m.source),
      ['bot', 'user', 'bot', 'user', 'bot', 'user', 'bot'],
    );
    assert.match(messages[1]?.text ?? '', /\$249\.99/);
    // the customer's verification answers are not mistaken for redactable numbers
    assert.equal(messages[3]?.text, '14 March 1985.');
    assert.match(messages[5]?.text ?? '', /^It ends in 1111\./);
    const brief = tiles.find((t) => t.id === HANDOFF_TILE_ID);
    assert.ok(brief, 'the handoff tile');
    assert.equal(brief.type, 'html');
    assert.ok(brief.data.html?.includes('Handoff'), 'a fallback for a workspace without briefs');
    const parsed = Brief.parse(brief.data.brief);
    assert.deepEqual(
      parsed.sentences?.map((s) => s.topic),
      ['reason', 'verified', 'done', 'escalation', 'mood', 'open'],
    );
    // every cite is the real _id of a stored message of the bot part (the first 7 messages)
    const botPart = new Set(messages.slice(0, 7).map((m) => m._id));
    const cites = parsed.sentences?.flatMap((s) => s.cites ?? []) ?? [];
    assert.ok(cites.length >= 6);
    for (const id of cites) assert.ok(botPart.has(id), `${id} is a message of the bot part`);
    assert.deepEqual(parsed.sentences?.[0]?.cites, [messages[1]?._id]);
    assert.equal(messages[1]?._id, scriptedMessageId(key, 'reason'));
    // the customer is verified at the handoff; the brief is not in the layout (it is pinned)
    assert.ok(contextSummaryUrl, 'the session has a context-summary URL');
    const layout = (
      await control<{ layout: { tiles: Record<string, unknown> } }>(
        server.url,
        'GET',
        'session',
        key,
      )
    ).layout;
    assert.equal(HANDOFF_TILE_ID in layout.tiles, false);
    // the script ends as it did: the customer asks for the refund
    assert.equal(messages.at(-1)?.text, 'Can you reverse the charge and block the card please?');
    assert.equal(CARD_DISPUTE_SCRIPT.filter((s) => 'handoff' in s).length, 1);
  });

  test('the voice call starts with the voice bot, every utterance final, and its brief cites them', async () => {
    const key = session('voice-handoff', VOICE_URL_TOKEN);
    await control(server.url, 'POST', 'script', { ...key, action: 'all' });
    const { messages, tiles } = await stateOf(key);
    const said = VOICE_CALL_SCRIPT.flatMap((s) => ('speech' in s ? [s.speech.source] : []));
    assert.deepEqual(
      messages.map((m) => m.source),
      said,
    );
    assert.equal(messages[0]?.source, 'bot');
    assert.ok(messages.every((m) => m.final === true));
    const brief = Brief.parse(tiles.find((t) => t.id === HANDOFF_TILE_ID)?.data.brief);
    const ids = new Set(messages.map((m) => m._id));
    const cites = brief.sentences?.flatMap((s) => s.cites ?? []) ?? [];
    assert.ok(cites.length >= 6);
    for (const id of cites) assert.ok(ids.has(id));
  });

  test('the brief is served at its context-summary URL (no token in it, no-store, no CORS), and by url on request', async () => {
    const key = session('brief-url');
    await control(server.url, 'POST', 'script', { ...key, action: 'all' });
    const { contextSummaryUrl, messages } = await stateOf(key);
    assert.ok(contextSummaryUrl);
    assert.ok(contextSummaryUrl.startsWith(`${server.url}/context-summary/`));
    for (const secret of [DEMO_URL_TOKEN, key.sessionId, key.userId])
      assert.equal(contextSummaryUrl.includes(secret), false, `${secret} is not in the URL`);
    const res = await fetch(contextSummaryUrl);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const doc = BriefDocument.parse(await res.json());
    const inline = Brief.parse((await tileOf(key, HANDOFF_TILE_ID))?.data.brief);
    assert.deepEqual(doc, { title: inline.title, sentences: inline.sentences });
    const ids = new Set(messages.map((m) => m._id));
    for (const id of doc.sentences.flatMap((s) => s.cites ?? [])) assert.ok(ids.has(id));

    // unknown, malformed and non-GET: nothing
    const unknown = contextSummaryUrl.replace(/[^/]{22}$/, 'A'.repeat(22));
    assert.equal((await fetch(unknown)).status, 404);
    assert.equal((await fetch(`${server.url}/context-summary/${'A'.repeat(21)}!`)).status, 404);
    assert.equal((await fetch(`${server.url}/context-summary/`)).status, 404);
    assert.equal((await fetch(contextSummaryUrl, { method: 'POST' })).status, 405);

    // the control route sends the brief again, by its url (the sentences come from there)
    const byUrl = await control<{ version: number; url: string }>(server.url, 'POST', 'brief', {
      ...key,
      mode: 'url',
    });
    assert.equal(byUrl.url, contextSummaryUrl);
    const tile = await tileOf(key, HANDOFF_TILE_ID);
    assert.equal(tile?.version, byUrl.version);
    assert.deepEqual(Brief.parse(tile?.data.brief), {
      title: inline.title,
      url: contextSummaryUrl,
    });
    // a failing url: a context-summary URL nobody has
    const failing = await control<{ url: string }>(server.url, 'POST', 'brief', {
      ...key,
      mode: 'failing-url',
    });
    assert.notEqual(failing.url, contextSummaryUrl);
    assert.equal((await fetch(failing.url)).status, 404);
    await assert.rejects(
      control(server.url, 'POST', 'brief', { ...key, mode: 'carrier-pigeon' }),
      /mode is one of inline, url, failing-url/,
    );
    // and inline again
    const again = await control<{ version: number }>(server.url, 'POST', 'brief', key);
    assert.deepEqual(Brief.parse((await tileOf(key, HANDOFF_TILE_ID))?.data.brief), inline);
    assert.equal(again.version, byUrl.version + 2);

    // the URL answers after a restart (the id is journaled; the session is found without a join)
    await server.close();
    server = await start();
    const restarted = contextSummaryUrl.replace(/^http:\/\/[^/]+/, server.url);
    const after = await fetch(restarted);
    assert.equal(after.status, 200);
    assert.deepEqual(BriefDocument.parse(await after.json()), doc);
  });

  test('Wrap up asks for a draft: one built from the transcript, the same for the same transcript', async () => {
    const key = session('draft');
    await control(server.url, 'POST', 'script', { ...key, action: 'all' });
    const { socket, frames } = await joined(key);
    assert.equal(
      await emitAck(socket, 'sendMessage', {
        source: 'agent',
        text: 'I have refunded the charge and blocked the card.',
        clientMessageId: 'c-draft-1',
      }),
      null,
    );
    const request = {
      ...key,
      tileId: 'transcript',
      sender: 'workspace',
      action: { type: 'wrap-up-request' },
    };
    const drafts = () =>
      frames.filter((f) => (f.payload as { id?: string } | undefined)?.id === WRAP_UP_TILE_ID);
    assert.equal(await emitAck(socket, 'sendPostbackAction', request), null);
    await until(() => drafts().length === 1, 'the draft');
    const tile = drafts()[0]?.payload as Tile;
    const draft = WrapUpDraft.parse(tile.data.wrapUp);
    const { messages } = await stateOf(key);
    const firstCustomer = messages.find((m) => m.source === 'user');
    const lastAgent = messages.findLast((m) => m.source === 'agent');
    assert.equal(draft.demo, true);
    assert.equal(draft.preselectAbove, 0.7);
    assert.deepEqual(draft.sentences?.[0]?.cites, [firstCustomer?._id]);
    assert.match(draft.sentences?.[0]?.text ?? '', /TechGear Online/);
    assert.match(draft.sentences?.[1]?.text ?? '', new RegExp(`has ${messages.length} messages`));
    assert.deepEqual(draft.sentences?.[2]?.cites, [lastAgent?._id]);
    assert.match(draft.sentences?.[2]?.text ?? '', /refunded the charge/);
    assert.deepEqual(
      draft.codes?.map((c) => [c.code, c.confidence]),
      [
        ['refund', 0.82],
        ['fraud', 0.64],
        ['general', 0.3],
      ],
    );
    assert.deepEqual(draft, draftFromTranscript(messages));
    // asked again with the same transcript: the same tile, not stored again
    assert.equal(await emitAck(socket, 'sendPostbackAction', request), null);
    await until(() => drafts().length === 2, 'the draft again');
    assert.deepEqual(drafts()[1]?.payload, tile);
    assert.equal((await tileOf(key, WRAP_UP_TILE_ID))?.version, tile.version);
    // a tile cannot ask (only the workspace's own Wrap up does)
    assert.equal(await emitAck(socket, 'sendPostbackAction', { ...request, sender: 'tile' }), null);
    // a new message: a new draft version
    await control(server.url, 'POST', 'message', {
      ...key,
      text: 'One more thing, a fraud alert?',
    });
    assert.equal(await emitAck(socket, 'sendPostbackAction', request), null);
    await until(() => drafts().length === 3, 'a new draft');
    assert.equal((drafts()[2]?.payload as Tile).version, tile.version + 1);
  });

  test('the draft needs no customer, no agent, no model', () => {
    const none = draftFromTranscript([]);
    assert.deepEqual(WrapUpDraft.parse(none), none);
    assert.deepEqual(
      none.codes?.map((c) => c.code),
      ['general'],
    );
    const long = draftFromTranscript([
      { _id: 'a', source: 'user', text: `My card CREDIT_CARD_NUMBER ${'x'.repeat(5000)}` },
      { _id: 'b', source: 'agent', text: 'Opened a dispute for you.' },
      { _id: 'c', source: 'user', text: 'interim', final: false },
    ]);
    assert.deepEqual(WrapUpDraft.parse(long), long);
    assert.match(long.sentences?.[0]?.text ?? '', /\[card number\]/);
    assert.ok((long.sentences?.[0]?.text.length ?? 0) < 400);
    assert.match(
      long.sentences?.[1]?.text ?? '',
      /has 2 messages: 1 from the customer, 0 from the bot, 1 from the agent/,
    );
    assert.deepEqual(
      long.codes?.map((c) => c.code),
      ['fraud', 'general'],
    );
  });

  test('the refund issued ends the scripted conversation with a draft: refund code first, preselected, citing real ids', async () => {
    const key = session('closing');
    await control(server.url, 'POST', 'script', { ...key, action: 'all' });
    const { socket } = await joined(key);
    assert.equal(
      await emitAck(socket, 'sendPostbackAction', {
        ...key,
        id: 'refund',
        tileId: 'refund',
        sender: 'tile',
        action: { action: 'refund', reason: 'unrecognised', blockCard: 'true' },
      }),
      null,
    );
    const tile = await tileOf(key, WRAP_UP_TILE_ID);
    const draft = WrapUpDraft.parse(tile?.data.wrapUp);
    assert.equal(draft.codes?.[0]?.code, 'refund');
    assert.ok((draft.codes?.[0]?.confidence ?? 0) >= (draft.preselectAbove ?? 1));
    const { messages } = await stateOf(key);
    const ids = new Set(messages.map((m) => m._id));
    const cites = draft.sentences?.flatMap((s) => s.cites ?? []) ?? [];
    assert.equal(cites.length, 4);
    for (const id of cites) assert.ok(ids.has(id));
    assert.equal(draft.sentences?.[2]?.cites?.[0], messages.at(-1)?._id, 'the refund message');
  });

  test('a wrap-up is kept once per submission id, across repeats and restarts; a malformed one is refused', async () => {
    const key = session('submit');
    await control(server.url, 'POST', 'script', { ...key, action: 'all' });
    let { socket } = await joined(key);
    const action = {
      submissionId: 'wu-1',
      summary: 'Refunded the charge; card blocked.',
      code: 'refund',
      edited: true,
      draftVersion: 1,
    };
    assert.deepEqual(await wrapUpsOf(key), []);
    assert.equal(await emitAck(socket, 'sendPostbackAction', submission(key, action)), null);
    // the same submission again (its ack was lost in a drop): acknowledged, not kept again
    assert.equal(await emitAck(socket, 'sendPostbackAction', submission(key, action)), null);
    assert.equal(
      await emitAck(
        socket,
        'sendPostbackAction',
        submission(key, { ...action, summary: 'changed' }),
      ),
      null,
    );
    const kept = await wrapUpsOf(key);
    assert.equal(kept.length, 1);
    assert.deepEqual(
      { ...kept[0], at: undefined },
      {
        submissionId: 'wu-1',
        summary: 'Refunded the charge; card blocked.',
        code: 'refund',
        label: 'Refund or reversal',
        edited: true,
        draftVersion: 1,
        tileId: WRAP_UP_TILE_ID,
        at: undefined,
      },
    );
    const journaled = async () =>
      (
        await control<{ payload: { action?: { type?: string } } }[]>(server.url, 'GET', 'sent', key)
      ).filter((a) => a.payload.action?.type === 'wrap-up').length;
    assert.equal(await journaled(), 1, 'the repeats are not stored');

    // malformed: refused with a reason, nothing kept
    const bad: Record<string, unknown>[] = [
      { ...action, submissionId: 'wu-long', summary: 'x'.repeat(4001) },
      { ...action, submissionId: 'wu-empty', summary: '' },
      { ...action, submissionId: 'x'.repeat(129) },
      { ...action, submissionId: 'wu-code', code: 'c'.repeat(65) },
      { ...action, submissionId: 'wu-extra', note: 'an unknown field' },
      { ...action, submissionId: 'wu-edited', edited: 'yes' },
      { summary: 'no submission id', edited: false },
      { ...action, submissionId: 'wu-version', draftVersion: -1 },
    ];
    for (const a of bad) {
      const refusal = await emitAck(socket, 'sendPostbackAction', submission(key, a));
      assert.equal(typeof refusal, 'string', JSON.stringify(a).slice(0, 80));
      assert.ok((refusal as string).startsWith(WRAP_UP_MALFORMED), refusal as string);
    }
    assert.match(
      (await emitAck(socket, 'sendPostbackAction', submission(key, bad[0] ?? {}))) as string,
      /summary/,
    );
    // a tile cannot submit one (a card's id, or the tile sender)
    assert.equal(
      await emitAck(
        socket,
        'sendPostbackAction',
        submission(key, { ...action, submissionId: 'wu-t' }, { sender: 'tile' }),
      ),
      WRAP_UP_NOT_WORKSPACE,
    );
    assert.equal(
      await emitAck(
        socket,
        'sendPostbackAction',
        submission(key, { ...action, submissionId: 'wu-c' }, { id: 'refund' }),
      ),
      WRAP_UP_NOT_WORKSPACE,
    );
    // at most 4,000 characters: kept whole
    assert.equal(
      await emitAck(
        socket,
        'sendPostbackAction',
        submission(key, { submissionId: 'wu-2', summary: 'y'.repeat(4000), edited: false }),
      ),
      null,
    );
    assert.deepEqual(
      (await wrapUpsOf(key)).map((w) => w.submissionId),
      ['wu-1', 'wu-2'],
    );

    // a restart: the repeat is still known (folded from the journal), nothing kept twice
    socket.disconnect();
    await server.close();
    server = await start();
    assert.deepEqual(
      (await wrapUpsOf(key)).map((w) => [w.submissionId, w.summary.length]),
      [
        ['wu-1', action.summary.length],
        ['wu-2', 4000],
      ],
    );
    ({ socket } = await joined(key));
    assert.equal(await emitAck(socket, 'sendPostbackAction', submission(key, action)), null);
    assert.equal((await wrapUpsOf(key)).length, 2);
    assert.equal(await journaled(), 2);

    // a session nobody opened has none to show
    await assert.rejects(wrapUpsOf(session('never-opened')), /404/);
  });

  test('the bot part’s verification answers pass redaction unchanged', () => {
    for (const s of CARD_DISPUTE_SCRIPT)
      if ('ref' in s && 'text' in s && s.source === 'user' && s.ref !== 'reason')
        assert.equal(redact(s.text), s.text);
  });
});
