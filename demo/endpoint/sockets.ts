/**
 * The socket handlers of the reference endpoint (docs/PROTOCOL.md §3, §7, §12): `join` (with
 * authentication), `sendMessage` and `sendPostbackAction`, each validated,
 * limited and acknowledged; and the rights of a joined socket, checked for as
 * long as it lives (a settings change, a token that expires).
 */
import type { Server, Socket } from 'socket.io';
import {
  JoinPayload,
  PostbackPayload,
  type RefusalAck,
  SendMessagePayload,
} from '../../src/transport/protocol.js';
import { RateLimit } from '../../src/state/rate-limit.js';
import { onPostback } from '../flow.js';
import { ledgerPostback } from '../ledger.js';
import { MAX_WRAP_UPS, WRAP_UP_TOO_MANY, wrapUpPostback } from '../wrap-up.js';
import type { Session } from '../session.js';
import { DEFAULT_LIMITS, type EndpointConfig, type EndpointLimits, limitsOf } from '../settings.js';
import { type SessionKey, StoreUnavailable, keyString } from '../store.js';
import { authenticate } from './auth.js';
import type { Registry } from './registry.js';
import { CLOCK_TOLERANCE_S } from '../jwt.js';

export function roomOf(key: SessionKey): string {
  return `s:${keyString(key)}`;
}

/**
 * A refusal a client can act on (extension): `code` says what happened, the
 * text is for people. A backend that only sends text stays understood. The
 * shape is the wire's own (src/transport/protocol.ts), defined once.
 */
export type Refusal = RefusalAck;

type Ack = (refusal: Refusal | null) => void;
const ackOf = (ack: unknown): Ack => (typeof ack === 'function' ? (ack as Ack) : () => {});

/** One joined socket, as the endpoint re-checks it. */
interface Joined {
  socket: Socket;
  key: SessionKey;
  session: Session;
  auth: string | undefined;
  expiry: NodeJS.Timeout | undefined;
}

/** How long a client waits before it sends again after `store-unavailable`, ms. */
export const STORE_RETRY_MS = 2_000;

const storeRefusal = (): Refusal => ({
  code: 'store-unavailable',
  reason: 'The copilot endpoint cannot save right now; try again in a moment.',
  retryAfterMs: STORE_RETRY_MS,
});

/** Too many, too fast: the client sends again after `retryAfterMs` (the workspace's outbox does). */
const rateLimited = (reason: string, retryAfterMs: number): Refusal => ({
  code: 'rate-limited',
  reason,
  retryAfterMs,
});

/**
 * Journals what `work` records and acknowledges; when the store cannot write,
 * nothing was kept and the client is told to send again (`store-unavailable`).
 */
function whenStored(reply: Ack, log: (line: string) => void, what: string, work: () => void): void {
  try {
    work();
  } catch (e) {
    if (!(e instanceof StoreUnavailable)) throw e;
    log(`store: ${what} was refused (${e.errno})`);
    reply(storeRefusal());
  }
}

const sessionFull = (): Refusal => ({
  code: 'session-full',
  reason: 'This conversation has reached the size the endpoint keeps.',
});

/**
 * Bytes written per endpoint in a fixed window: what all clients of one
 * endpoint may make it write, however many sockets and sessions they open.
 */
class ByteWindow {
  #start = 0;
  #used = 0;
  /** Takes `bytes` if the window has room; else the ms until it has. */
  take(bytes: number, max: number, windowMs: number, now: number): number {
    if (now - this.#start >= windowMs) {
      this.#start = now;
      this.#used = 0;
    }
    if (this.#used + bytes > max) return this.#start + windowMs - now;
    this.#used += bytes;
    return 0;
  }
}

export interface SocketHandlers {
  /** re-checks every socket joined on this endpoint (its settings changed) */
  recheck(URLToken: string): Promise<void>;
}

export function attachSocketHandlers(
  io: Server,
  registry: Registry,
  log: (line: string) => void,
  /** the clock tokens expire by, ms since the epoch (tests inject one) */
  now: () => number = Date.now,
): SocketHandlers {
  /** joined sockets per endpoint */
  const joinedOn = new Map<string, Set<Joined>>();
  /**
   * The limits of what a client can do, keyed to what it cannot renew: per
   * session (whatever its sockets), per endpoint (whatever its sessions); and
   * per socket, kept for the socket's life (a re-join renews nothing).
   */
  const perSession = new Map<string, { messages: RateLimit; postbacks: RateLimit }>();
  const perEndpoint = new Map<string, ByteWindow>();
  const sessionLimits = (key: SessionKey, limits: EndpointLimits) => {
    const k = keyString(key);
    let l = perSession.get(k);
    if (!l) {
      // forget the limits of sessions whose window is over (the map does not grow for ever)
      if (perSession.size > 2 * limits.maxSessions) perSession.clear();
      l = {
        messages: new RateLimit(limits.messagesPerSession, limits.windowMs),
        postbacks: new RateLimit(limits.postbacksPerSession, limits.windowMs),
      };
      perSession.set(k, l);
    }
    return l;
  };
  /** May the clients of this endpoint write `bytes` more now? 0: yes; else ms to wait. */
  const writeBudget = (URLToken: string, bytes: number, limits: EndpointLimits): number => {
    let w = perEndpoint.get(URLToken);
    if (!w) perEndpoint.set(URLToken, (w = new ByteWindow()));
    return w.take(bytes, limits.writeBytesPerWindow, limits.windowMs, Date.now());
  };

  const release = (j: Joined | undefined) => {
    if (!j) return;
    clearTimeout(j.expiry);
    joinedOn.get(j.key.URLToken)?.delete(j);
    registry.detach(j.key);
  };

  /** Is this socket still allowed in? If not, it is told why and let go. */
  async function recheckOne(j: Joined): Promise<void> {
    const admitted = await admission(j.key, j.auth);
    if (!joinedOn.get(j.key.URLToken)?.has(j)) return; // it left (or joined again) meanwhile
    // still in: its token is watched again from the clock's now (a timer can fire early)
    if (admitted.ok) return watchExpiry(j, admitted.expiresAt);
    release(j);
    // the client reconnects once after a server-side disconnect, and its join then says why
    j.socket.disconnect(true);
    log('rights re-checked: a socket was let go');
  }

  /** May `key` join with `auth`? If so, its endpoint and when the token expires; else why not. */
  async function admission(
    key: SessionKey,
    auth: string | undefined,
  ): Promise<
    | { ok: true; endpoint: EndpointConfig; expiresAt: number | undefined }
    | { ok: false; refusal: Refusal }
  > {
    const endpoint = registry.endpoint(key.URLToken);
    if (!endpoint)
      return {
        ok: false,
        refusal: 'Unknown endpoint: this URLToken is not configured on the copilot endpoint.',
      };
    if (endpoint.settings.copilotType === 'none')
      return {
        ok: false,
        refusal: { code: 'copilot-off', reason: 'Agent Copilot is not enabled on this endpoint.' },
      };
    if (endpoint.settings.copilotType === 'whisper')
      return {
        ok: false,
        refusal: {
          code: 'copilot-whisper',
          reason: 'This endpoint runs Agent Copilot in whisper mode, not in a workspace.',
        },
      };
    const a = await authenticate(endpoint, key, auth, Math.floor(now() / 1000));
    if (!a.ok)
      return {
        ok: false,
        refusal: a.expired ? { code: 'token-expired', reason: a.reason } : a.reason,
      };
    return { ok: true, endpoint, expiresAt: a.expiresAt };
  }

  function watchExpiry(j: Joined, expiresAt: number | undefined): void {
    clearTimeout(j.expiry);
    if (expiresAt === undefined) return;
    const ms = Math.max(0, expiresAt + CLOCK_TOLERANCE_S * 1000 - now()) + 50;
    j.expiry = setTimeout(() => void recheckOne(j), Math.min(ms, 2 ** 31 - 1));
    j.expiry.unref();
  }

  io.on('connection', (socket: Socket) => {
    let joined: Joined | undefined;
    /** this socket's own limits, per endpoint, for its whole life */
    const own = new Map<string, { messages: RateLimit; postbacks: RateLimit; joins: RateLimit }>();
    const socketLimits = (URLToken: string, limits: EndpointLimits) => {
      let l = own.get(URLToken);
      if (!l)
        own.set(
          URLToken,
          (l = {
            messages: new RateLimit(limits.messagesPerSocket, limits.windowMs),
            postbacks: new RateLimit(limits.postbacksPerSocket, limits.windowMs),
            joins: new RateLimit(limits.joinsPerSocket, limits.windowMs),
          }),
        );
      return l;
    };
    /**
     * Can this client write about `bytes` more into its session now? null: yes;
     * else the refusal (the session is full, or the endpoint's write budget is spent).
     */
    const roomFor = (j: Joined, bytes: number, limits: EndpointLimits): Refusal | null => {
      if (j.session.bytes + bytes > limits.maxSessionBytes) return sessionFull();
      const wait = writeBudget(j.key.URLToken, bytes, limits);
      return wait > 0
        ? rateLimited('The copilot endpoint is busy: wait a moment before sending more.', wait)
        : null;
    };
    socket.on('disconnect', () => release(joined));

    /** A frame over the endpoint's size limit, refused with a reason (never a silent close). */
    const tooLarge = (raw: unknown): Refusal | null => {
      const endpoint = joined ? registry.endpoint(joined.key.URLToken) : undefined;
      const max = (endpoint ? limitsOf(endpoint) : DEFAULT_LIMITS).maxFrameBytes;
      let size = 0;
      try {
        size = JSON.stringify(raw)?.length ?? 0;
      } catch {
        size = Infinity;
      }
      return size > max
        ? { code: 'too-large', reason: `The request is too large (more than ${max} bytes).` }
        : null;
    };

    socket.on('join', async (raw: unknown, ack: unknown) => {
      const reply = ackOf(ack);
      const big = tooLarge(raw);
      if (big) return reply(big);
      const p = JoinPayload.safeParse(raw);
      if (!p.success)
        return reply(
          'The join request is malformed (URLToken, sessionId and userId are required).',
        );
      const { URLToken, userId, sessionId } = p.data;
      const key = { URLToken, userId, sessionId };
      const admitted = await admission(key, p.data.auth);
      if (!admitted.ok) return reply(admitted.refusal);
      const limits = limitsOf(admitted.endpoint);
      if (!socketLimits(URLToken, limits).joins.take(''))
        return reply(
          rateLimited('Too many joins: wait a moment before joining again.', limits.windowMs),
        );
      const session = registry.session(key, { cap: true });
      if (!session)
        return reply({
          code: 'too-many-sessions',
          reason: 'This endpoint holds as many sessions as it may; try again later.',
        });
      release(joined);
      if (joined) void socket.leave(roomOf(joined.key));
      joined = { socket, key, session, auth: p.data.auth, expiry: undefined };
      registry.attach(key);
      let set = joinedOn.get(URLToken);
      if (!set) joinedOn.set(URLToken, (set = new Set()));
      set.add(joined);
      watchExpiry(joined, admitted.expiresAt);
      void socket.join(roomOf(key));
      reply(null);
      for (const f of session.replayFrames()) socket.emit(f.event, f.payload);
      registry.runner(key)?.play();
      log(`join: session with ${session.messages.length} messages`);
    });

    socket.on('sendMessage', (raw: unknown, ack: unknown) => {
      const reply = ackOf(ack);
      if (!joined) return reply('Join a session first.');
      const big = tooLarge(raw);
      if (big) return reply(big);
      const p = SendMessagePayload.safeParse(raw);
      if (!p.success) return reply('The reply is malformed.');
      if (!joined.session.settings.enableTranscriptTileChatInput) {
        return reply('Replying from the workspace is disabled on this endpoint.');
      }
      const endpoint = registry.endpoint(joined.key.URLToken);
      if (!endpoint) return reply('Unknown endpoint: this URLToken is not configured.');
      const limits = limitsOf(endpoint);
      const known = joined.session.knows(p.data.clientMessageId);
      if (!known) {
        if (
          !socketLimits(joined.key.URLToken, limits).messages.take('') ||
          !sessionLimits(joined.key, limits).messages.take('')
        ) {
          return reply(
            rateLimited('Too many messages: wait a moment before sending more.', limits.windowMs),
          );
        }
        if (joined.session.messages.length >= limits.maxHistory) {
          return reply({
            code: 'history-full',
            reason: 'This conversation has reached the length the endpoint keeps.',
          });
        }
        // the message and the agent record each hold the text once (JSON-escaped)
        const room = roomFor(joined, 2 * JSON.stringify(p.data.text).length + 400, limits);
        if (room) return reply(room);
      }
      const { session, key } = joined;
      whenStored(reply, log, 'a reply', () => {
        const { duplicate } = session.agentReply(p.data.text, p.data.clientMessageId);
        reply(null);
        if (!duplicate) registry.runner(key)?.onAgentReply();
      });
    });

    socket.on('sendPostbackAction', (raw: unknown, ack: unknown) => {
      const reply = ackOf(ack);
      if (!joined) return reply('Join a session first.');
      const big = tooLarge(raw);
      if (big) return reply(big);
      const p = PostbackPayload.safeParse(raw);
      if (!p.success) return reply('The postback is malformed.');
      const { URLToken, userId, sessionId } = p.data;
      if (keyString({ URLToken, userId, sessionId }) !== keyString(joined.key)) {
        return reply('The postback names another session.');
      }
      // a ledger batch (docs/PROTOCOL.md §5.8) is kept only when it is one, exactly:
      // what is stored is what the session's ledger is folded from after a restart
      const ledger = ledgerPostback(p.data);
      if (ledger.kind === 'refused') return reply(ledger.reason);
      // a wrap-up (docs/PROTOCOL.md §5.10): checked whole; the first of a submission id is kept, a
      // repeat (its ack lost in a drop, sent again) is acknowledged and not stored again
      const wrapUp = wrapUpPostback(p.data);
      if (wrapUp.kind === 'refused') return reply(wrapUp.reason);
      if (wrapUp.kind === 'submit') {
        if (joined.session.hasWrapUp(wrapUp.action.submissionId)) return reply(null);
        if (joined.session.wrapUps.length >= MAX_WRAP_UPS) return reply(WRAP_UP_TOO_MANY);
      }
      const endpoint = registry.endpoint(joined.key.URLToken);
      if (!endpoint) return reply('Unknown endpoint: this URLToken is not configured.');
      const limits = limitsOf(endpoint);
      if (
        !socketLimits(joined.key.URLToken, limits).postbacks.take('') ||
        !sessionLimits(joined.key, limits).postbacks.take('')
      ) {
        return reply(
          rateLimited('Too many actions: wait a moment before trying again.', limits.windowMs),
        );
      }
      const room = roomFor(joined, JSON.stringify(p.data).length + 200, limits);
      if (room) return reply(room);
      const { session } = joined;
      whenStored(reply, log, 'a postback', () => {
        session.recordPostback(p.data);
        reply(endpoint.demoScript ? onPostback(session, p.data) : null);
      });
    });
  });

  return {
    async recheck(URLToken: string): Promise<void> {
      await Promise.all([...(joinedOn.get(URLToken) ?? [])].map((j) => recheckOne(j)));
    },
  };
}
