/**
 * The control API of the reference endpoint (demo mode, loopback only): what
 * tests and the QA console use to play a conversation, inject messages, tiles
 * and raw frames, send a handoff brief inline or by url, change endpoint
 * settings, sign tokens and drop sockets, and read a session's suggestion
 * ledger and wrap-ups.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'socket.io';
import { layoutToWire, parseLayout } from '../../src/transport/protocol.js';
import { ledgerCsv, ledgerTotals } from '../../src/state/ledger.js';
import { ledgerFileName } from '../ledger.js';
import { BRIEF_MODES, type BriefMode, CONTEXT_SUMMARY_PATH, sendHandoffBrief } from '../brief.js';
import { signHs256 } from '../jwt.js';
import { STORE_FAULTS, type StoreFault } from '../faults.js';
import { patchLimits, patchSettings } from '../settings.js';
import type { SessionKey } from '../store.js';
import { json, readJsonBody, send } from './http.js';
import { type Registry, publicEndpoint } from './registry.js';
import { roomOf } from './sockets.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const MAX_BODY = 1 << 20;
/** QA tokens live at most a day (and expired ones at most a day ago). */
const MAX_TOKEN_TTL_S = 86_400;

export interface ControlContext {
  registry: Registry;
  io: Server;
  /** called by POST /__control/restart; undefined: the endpoint cannot restart itself */
  onRestart: (() => void) | undefined;
  /** an endpoint's settings changed: its open sockets are checked again */
  onSettingsChanged: (URLToken: string) => Promise<void>;
  /** makes the store's disk fail on purpose (undefined: this endpoint cannot) */
  setStoreFault: ((fault: StoreFault) => void) | undefined;
  /**
   * the origin this request reached the endpoint at (one of its own), where a
   * brief's context-summary URL points; undefined: it cannot tell
   */
  origin: string | undefined;
}

function keyFrom(v: Record<string, unknown>): SessionKey | undefined {
  const { URLToken, userId, sessionId } = v;
  if (typeof URLToken !== 'string' || typeof userId !== 'string' || typeof sessionId !== 'string')
    return undefined;
  if (!URLToken || !userId || !sessionId) return undefined;
  return { URLToken, userId, sessionId };
}

async function bodyOf(req: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  if (req.method !== 'POST' && req.method !== 'PATCH') return Object.fromEntries(url.searchParams);
  const parsed = await readJsonBody(req, MAX_BODY);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('the body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** Serves `/__control/…`; 404 outside demo mode or from anywhere but loopback. */
export async function handleControl(
  ctx: ControlContext,
  demo: boolean,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  if (!demo || !LOOPBACK.has(req.socket.remoteAddress ?? '')) {
    send(res, 404, 'text/plain', 'not found');
    return;
  }
  let body: Record<string, unknown>;
  try {
    body = await bodyOf(req, url);
  } catch (e) {
    json(res, 400, { error: e instanceof Error ? e.message : 'bad body' });
    return;
  }
  const route = `${req.method} ${url.pathname}`;
  const { registry, io } = ctx;

  switch (route) {
    case 'GET /__control/health': {
      const store = registry.store.health;
      return json(res, 200, {
        ok: store.ok,
        status: store.ok ? 'ok' : 'degraded',
        sessions: registry.sessionCount,
        sockets: io.engine.clientsCount,
        store: { ...store, skippedRecords: registry.badRecords },
      });
    }
    case 'GET /__control/endpoints':
      return json(res, 200, registry.endpoints().map(publicEndpoint));
    case 'POST /__control/restart':
      if (!ctx.onRestart) return json(res, 501, { error: 'this endpoint cannot restart itself' });
      json(res, 202, { restarting: true });
      setTimeout(() => ctx.onRestart?.(), 50);
      return;
    case 'POST /__control/store-fault': {
      const fault = body.fault;
      if (!ctx.setStoreFault) return json(res, 501, { error: 'this endpoint cannot fake faults' });
      if (typeof fault !== 'string' || !(STORE_FAULTS as readonly string[]).includes(fault))
        return json(res, 400, { error: `fault is one of ${STORE_FAULTS.join(', ')}` });
      ctx.setStoreFault(fault as StoreFault);
      return json(res, 200, { fault });
    }
    case 'POST /__control/jwt': {
      // QA: a signed workspace-link token for a session (exp: seconds from now, default 1 h)
      const key = keyFrom(body);
      const e = key ? registry.endpoint(key.URLToken) : undefined;
      if (!key || !e?.jwtSecret)
        return json(res, 400, { error: 'a known URLToken, userId and sessionId are required' });
      const ttl = body.expiresIn ?? 3600;
      if (typeof ttl !== 'number' || !Number.isFinite(ttl) || Math.abs(ttl) > MAX_TOKEN_TTL_S)
        return json(res, 400, {
          error: `expiresIn is seconds from now, at most ${MAX_TOKEN_TTL_S} (a day) either way`,
        });
      const claims = { ...key, exp: Math.floor(Date.now() / 1000) + ttl };
      return json(res, 200, { token: await signHs256(claims, e.jwtSecret) });
    }
    case 'PATCH /__control/endpoint': {
      const e = typeof body.URLToken === 'string' ? registry.endpoint(body.URLToken) : undefined;
      if (!e) return json(res, 404, { error: 'unknown URLToken' });
      e.settings = patchSettings(e.settings, body.settings);
      const limits = patchLimits(e.limits, body.limits);
      if (limits) e.limits = limits;
      registry.saveEndpoints();
      await ctx.onSettingsChanged(e.URLToken);
      return json(res, 200, publicEndpoint(e));
    }
    case 'GET /__control/ledger':
      return ledgerRoute(registry, body, res);
    case 'GET /__control/wrap-ups': {
      // the wrap-ups submitted (the first of each submission id); reading opens nothing
      const key = keyFrom(body);
      if (!key) return json(res, 400, { error: 'URLToken, userId and sessionId are required' });
      if (!registry.endpoint(key.URLToken)) return json(res, 404, { error: 'unknown URLToken' });
      const session = registry.known(key) ? registry.session(key) : undefined;
      if (!session) return json(res, 404, { error: 'unknown session' });
      return json(res, 200, { wrapUps: session.wrapUps });
    }
    default:
      return sessionRoute(ctx, route, body, res);
  }
}

/**
 * A session's suggestion ledger (docs/PROTOCOL.md §5.8): `{ rows, totals }`;
 * with `format=csv` the rows as a CSV download, with `format=json` the same
 * JSON as a download. Named like every session route, but a session nobody
 * opened is a 404 here (reading a ledger opens nothing).
 */
function ledgerRoute(registry: Registry, body: Record<string, unknown>, res: ServerResponse): void {
  const key = keyFrom(body);
  if (!key) return json(res, 400, { error: 'URLToken, userId and sessionId are required' });
  const format = body.format;
  if (format !== undefined && format !== 'json' && format !== 'csv')
    return json(res, 400, { error: 'format is json or csv (a download), or absent' });
  if (!registry.endpoint(key.URLToken)) return json(res, 404, { error: 'unknown URLToken' });
  const session = registry.known(key) ? registry.session(key) : undefined;
  if (!session) return json(res, 404, { error: 'unknown session' });
  const rows = [...session.ledger.rows.values()];
  if (format === undefined) return json(res, 200, { rows, totals: ledgerTotals(rows) });
  const download = {
    'content-disposition': `attachment; filename="${ledgerFileName(key.sessionId, format)}"`,
  };
  if (format === 'csv') return send(res, 200, 'text/csv; charset=utf-8', ledgerCsv(rows), download);
  const text = JSON.stringify({ rows, totals: ledgerTotals(rows) });
  return send(res, 200, 'application/json; charset=utf-8', text, download);
}

/** The routes about one session (`URLToken`, `userId`, `sessionId` in the body or query). */
async function sessionRoute(
  { registry, io, origin }: ControlContext,
  route: string,
  body: Record<string, unknown>,
  res: ServerResponse,
): Promise<void> {
  const key = keyFrom(body);
  if (!key) return json(res, 400, { error: 'URLToken, userId and sessionId are required' });
  const session = registry.session(key);
  if (!session) return json(res, 404, { error: 'unknown URLToken' });
  const runner = registry.runner(key);

  switch (route) {
    case 'GET /__control/session':
      return json(res, 200, {
        messages: session.messages,
        tiles: [...session.tiles.values()],
        layout: session.layout,
        scriptStep: session.scriptStep,
        sockets: (await io.in(roomOf(key)).fetchSockets()).length,
        // where the handoff brief is served (docs/PROTOCOL.md §5.9), once the session has one
        ...(session.contextSummaryId && origin
          ? { contextSummaryUrl: `${origin}${CONTEXT_SUMMARY_PATH}${session.contextSummaryId}` }
          : {}),
      });
    case 'GET /__control/sent':
      return json(res, 200, session.agentLog);
    case 'POST /__control/message': {
      const text = body.text;
      const source = body.source === 'bot' ? 'bot' : 'user';
      if (typeof text !== 'string' || !text.trim())
        return json(res, 400, { error: 'text is required' });
      return json(res, 200, session.addMessage(source, text));
    }
    case 'POST /__control/emit': {
      const event = body.event;
      if (typeof event !== 'string' || !event || event.length > 64)
        return json(res, 400, { error: 'event is required' });
      io.to(roomOf(key)).emit(event, body.payload);
      return json(res, 200, { emitted: event });
    }
    case 'POST /__control/stream': {
      // bench and QA: `count` updates at `rate` a second, each its own frame, emitted
      // here and not stored: transcript messages (each text carries its emit time,
      // ms modulo 10^7), or new versions of a card or html tile
      const { rate, count, from = 0, kind = 'transcript', tileId = kind } = body;
      if (!isCount(rate, 1000) || !isCount(count, 100_000) || !(from === 0 || isCount(from, 1e7)))
        return json(res, 400, {
          error:
            'rate (1–1000 a second) and count (1–100000) are required; from (the first number) is optional',
        });
      if (!STREAM_KINDS.includes(kind as StreamKind) || typeof tileId !== 'string' || !tileId)
        return json(res, 400, { error: `kind is one of ${STREAM_KINDS.join(', ')}` });
      const sent = await stream(io, roomOf(key), {
        rate,
        count,
        from,
        kind: kind as StreamKind,
        tileId,
      });
      return json(res, 200, sent);
    }
    case 'POST /__control/tile': {
      const u = body.update as
        { id?: unknown; version?: unknown; type?: unknown; data?: unknown } | undefined;
      if (
        !u ||
        typeof u.id !== 'string' ||
        typeof u.version !== 'number' ||
        typeof u.type !== 'string'
      ) {
        return json(res, 400, { error: 'update { id, version, type, data } is required' });
      }
      session.setTile({ id: u.id, version: u.version, type: u.type, data: u.data });
      return json(res, 200, { ok: true });
    }
    case 'POST /__control/brief': {
      // the handoff brief again, as a new version: inline, by its context-summary url, or by a
      // url that answers 404
      const mode = body.mode ?? 'inline';
      if (!BRIEF_MODES.includes(mode as BriefMode))
        return json(res, 400, { error: `mode is one of ${BRIEF_MODES.join(', ')}` });
      if (mode !== 'inline' && !origin)
        return json(res, 400, { error: 'the endpoint cannot tell its own address for a url' });
      return json(res, 200, sendHandoffBrief(session, mode as BriefMode, origin));
    }
    case 'POST /__control/layout': {
      if (body.layout === null) {
        session.setLayout(null);
        return json(res, 200, session.layout);
      }
      // parsed as the workspace parses it: every tile id is data, `__proto__` included
      const r = parseLayout(body.layout);
      if (!r.ok) return json(res, 400, { error: r.problem });
      session.setLayout(layoutToWire(r.value));
      return json(res, 200, session.layout);
    }
    case 'POST /__control/drop': {
      const sockets = await io.in(roomOf(key)).fetchSockets();
      for (const s of sockets) io.sockets.sockets.get(s.id)?.conn.close(); // the client reconnects by itself
      return json(res, 200, { dropped: sockets.length });
    }
    case 'POST /__control/script': {
      if (!runner) return json(res, 400, { error: 'this endpoint has no script' });
      const action = body.action;
      if (action === 'play') runner.play();
      else if (action === 'pause') runner.pause();
      else if (action === 'step') runner.step();
      else if (action === 'all') runner.playAll();
      else return json(res, 400, { error: 'action is one of play, pause, step, all' });
      return json(res, 200, {
        step: session.scriptStep,
        done: runner.done,
        running: runner.running,
      });
    }
    default:
      return json(res, 404, { error: `no route ${route}` });
  }
}

const isCount = (v: unknown, max: number): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0 && v <= max;

const STREAM_KINDS = ['transcript', 'voice', 'card', 'html'] as const;
type StreamKind = (typeof STREAM_KINDS)[number];

/** The `i`th update of a stream. */
function streamed(kind: StreamKind, tileId: string, i: number, run: string) {
  if (kind === 'transcript') {
    const stamp = (Date.now() % 1e7).toString();
    const message = {
      _id: `stream-${run}-${i}`,
      source: i % 4 === 3 ? 'agent' : 'user',
      text: `stream ${i} at ${stamp}`,
    };
    return { id: 'transcript', version: 1, type: 'transcript', data: { messages: [message] } };
  }
  if (kind === 'voice') {
    // two speakers at once, updates alternating between them; each utterance is 9
    // interim revisions, then its final
    const speaker = i % 2;
    const n = Math.floor(i / 2);
    const step = n % 10;
    const message = {
      _id: `voice-${run}-${speaker}-${Math.floor(n / 10)}`,
      source: speaker ? 'agent' : 'user',
      text: `stream ${i} at ${(Date.now() % 1e7).toString()}${' word'.repeat(step + 1)}`,
      final: step === 9,
    };
    return { id: 'transcript', version: 1, type: 'transcript', data: { messages: [message] } };
  }
  if (kind === 'card') {
    const body = [{ type: 'TextBlock', text: `Update ${i + 1}`, wrap: true }];
    return {
      id: tileId,
      version: i + 1,
      type: 'card',
      data: { type: 'AdaptiveCard', version: '1.5', body },
    };
  }
  return { id: tileId, version: i + 1, type: 'html', data: { html: `<p>Update ${i + 1}</p>` } };
}

/**
 * Emits `count` updates to a room, `rate` a second at their due times (late
 * ones go at once, in order). Resolves when the last is out.
 */
async function stream(
  io: Server,
  room: string,
  o: { rate: number; count: number; from: number; kind: StreamKind; tileId: string },
): Promise<{ sent: number; seconds: number }> {
  const { rate, count, from, kind, tileId } = o;
  const start = performance.now();
  const run = Date.now().toString(36);
  for (let k = 0; k < count; k++) {
    const wait = start + (k * 1000) / rate - performance.now();
    if (wait >= 1) await new Promise((r) => setTimeout(r, wait));
    io.to(room).emit('tileUpdate', streamed(kind, tileId, from + k, run));
  }
  return { sent: count, seconds: (performance.now() - start) / 1000 };
}
