/**
 * The socket.io connection to a copilot endpoint (docs/PROTOCOL.md §2–§3).
 *
 * - nothing connects until {@link CopilotConnection.connect} is called;
 * - `join` is sent after EVERY connect, with an ack;
 * - every inbound frame is validated; bad frames are dropped, counted and
 *   reported through the `diagnostic` event; no socket callback ever throws;
 * - agent replies go through an outbox: each has a `clientMessageId`, is only
 *   emitted while joined, goes back to the queue when the connection drops
 *   before its ack, and is re-sent with the same id after the rejoin (the
 *   server dedupes), so a reply is never silently lost nor delivered twice.
 */
import { io, type Socket } from 'socket.io-client';
import {
  parseLayout,
  parseTileUpdate,
  type ServerEventName,
  type JoinPayload,
  type SendMessagePayload,
  type PostbackPayload,
  type Refusal,
  parseRefusal,
} from './protocol.js';
import { newClientMessageId } from './ids.js';
import { type TransportImplementation, transportImplementations } from './engine-transports.js';
import {
  type ClientToServerEvents,
  type ConnectionEventMap,
  type CopilotConnectionLike,
  type CopilotConnectionOptions,
  type Diagnostic,
  type Listener,
  type Disposer,
  type PostbackRequest,
  type PostbackResult,
  type Problem,
  type ServerToClientEvents,
  type StatusEvent,
} from './types.js';

export * from './types.js';
import { isHttpUrl } from './url.js';

/** Refusal codes after which a reply stays in the outbox and goes out again by itself. */
const RETRY_CODES = new Set<string>(['rate-limited', 'store-unavailable']);

/** The socket, typed with both sides' events. */
type ConnectionSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What came of a request that wants an ack. */
type AckOutcome = { kind: 'accepted' } | ({ kind: 'refused' } & Refusal) | { kind: 'no-answer' };

interface PendingPostback {
  request: PostbackRequest;
  settle: (result: PostbackResult) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

interface OutboxEntry {
  text: string;
  /** `waiting`: refused as too many, queued again after a backoff */
  state: 'queued' | 'in-flight' | 'sent' | 'failed' | 'waiting';
  /** bumped on every emit: an ack for an older attempt is ignored */
  attempt: number;
  /** how often it was refused as too many (the backoff grows with it) */
  retries: number;
  timer?: ReturnType<typeof setTimeout> | undefined;
}

export class CopilotConnection implements CopilotConnectionLike {
  readonly #options: Required<Omit<CopilotConnectionOptions, 'accessToken'>> &
    Pick<CopilotConnectionOptions, 'accessToken'>;
  readonly #listeners = new Map<keyof ConnectionEventMap, Set<Listener<never>>>();
  readonly #outbox = new Map<string, OutboxEntry>();
  /** postbacks waiting for the connection */
  #waiting: PendingPostback[] = [];
  /** postbacks emitted and not yet acknowledged */
  readonly #inFlight = new Set<PendingPostback>();
  #socket: ConnectionSocket | undefined;
  #live = false;
  #everLive = false;
  #dropped = 0;
  #disposed = false;
  /** the engine.io transports' implementations, once known (docs/PROTOCOL.md §2) */
  #transports: TransportImplementation[] | undefined;
  #loadingTransports = false;

  constructor(options: CopilotConnectionOptions) {
    if (!isHttpUrl(options.endpoint)) {
      throw new TypeError('endpoint must be an http(s) URL');
    }
    this.#options = {
      transports: ['websocket'],
      ackTimeoutMs: 10_000,
      postbackWaitMs: 10_000,
      reconnectionDelayMs: 500,
      reconnectionDelayMaxMs: 5_000,
      ...options,
    };
  }

  get live(): boolean {
    return this.#live;
  }

  on<K extends keyof ConnectionEventMap>(
    type: K,
    listener: Listener<ConnectionEventMap[K]>,
  ): Disposer {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => {
      set.delete(listener as Listener<never>);
    };
  }

  connect(): void {
    if (this.#disposed || this.#socket || this.#loadingTransports) return;
    const o = this.#options;
    if (!this.#transports) {
      const found = transportImplementations(o.transports ?? ['websocket']);
      if (!Array.isArray(found)) {
        // polling or webtransport asked for: their code loads first (engine-transports.ts)
        this.#loadingTransports = true;
        found
          .then(
            (t) => (this.#transports = t),
            (e: unknown) => {
              this.#transports = transportImplementations([
                'websocket',
              ]) as TransportImplementation[];
              this.#emit('diagnostic', {
                kind: 'transports',
                event: 'connect',
                problem: `the polling and webtransport transports could not be loaded (${e instanceof Error ? e.message : 'unknown error'}): connecting over websocket`,
                dropped: this.#dropped,
              });
            },
          )
          .finally(() => {
            this.#loadingTransports = false;
            this.connect();
          });
        return;
      }
      this.#transports = found;
    }
    const socket = io(o.endpoint, {
      path: '/socket.io',
      transportImplementations: this.#transports,
      autoConnect: false,
      forceNew: true, // two workspaces on one page never share a manager
      reconnection: true,
      reconnectionDelay: o.reconnectionDelayMs,
      reconnectionDelayMax: o.reconnectionDelayMaxMs,
      withCredentials: false,
      ...(o.accessToken ? { auth: { token: o.accessToken } } : {}),
    });
    this.#socket = socket;

    socket.on('connect', () => this.#guard('connect', () => this.#join(socket)));
    socket.on('disconnect', (reason) =>
      this.#guard('disconnect', () => this.#onDisconnect(reason)),
    );
    socket.on('connect_error', (err: Error) =>
      this.#guard('connect_error', () => {
        if (this.#everLive) return; // still "reconnecting"; socket.io keeps trying
        this.#emit(
          'status',
          socket.active
            ? { type: 'connect-failed', code: 'unreachable' }
            : err.message
              ? { type: 'connect-failed', code: 'connect-refused', server: err.message }
              : { type: 'connect-failed', code: 'connect-refused' },
        );
      }),
    );
    for (const event of ['config', 'tileUpdate'] as const satisfies readonly ServerEventName[]) {
      socket.on(event, (raw: unknown) => this.#guard(event, () => this.#onFrame(event, raw)));
    }

    this.#emit('status', { type: 'connecting' });
    socket.connect();
  }

  retry(): void {
    const socket = this.#socket;
    if (this.#disposed || !socket) return;
    // disconnect() also cancels a pending backoff timer, so the attempt starts now
    socket.disconnect();
    this.#emit('status', { type: 'connecting' });
    socket.connect();
  }

  sendMessage(text: string): string {
    const clientMessageId = newClientMessageId();
    this.#outbox.set(clientMessageId, { text, state: 'queued', attempt: 0, retries: 0 });
    this.#emit('reply', { clientMessageId, text, state: 'pending' });
    this.#flush();
    return clientMessageId;
  }

  resend(clientMessageId: string): void {
    const entry = this.#outbox.get(clientMessageId);
    if (!entry || entry.state !== 'failed') return;
    entry.state = 'queued';
    this.#emit('reply', { clientMessageId, text: entry.text, state: 'pending' });
    this.#flush();
  }

  sendPostback(request: PostbackRequest): Promise<PostbackResult> {
    return new Promise((resolve) => {
      if (this.#disposed) {
        resolve({ ok: false, problem: { code: 'closed' } });
        return;
      }
      let done = false;
      const entry: PendingPostback = {
        request,
        timer: undefined,
        settle: (result) => {
          if (done) return;
          done = true;
          clearTimeout(entry.timer);
          this.#inFlight.delete(entry);
          this.#waiting = this.#waiting.filter((x) => x !== entry);
          resolve(result);
        },
      };
      if (this.#live) {
        this.#emitPostback(entry);
      } else {
        entry.timer = setTimeout(
          () => entry.settle({ ok: false, problem: { code: 'down' } }),
          this.#options.postbackWaitMs,
        );
        this.#waiting.push(entry);
      }
    });
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#live = false;
    for (const p of [...this.#waiting, ...this.#inFlight])
      p.settle({ ok: false, problem: { code: 'closed' } });
    for (const entry of this.#outbox.values()) clearTimeout(entry.timer);
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket) {
      socket.removeAllListeners();
      socket.disconnect();
    }
    this.#emit('status', { type: 'closed' });
    this.#listeners.clear();
  }

  // ------------------------------------------------------------------ internals

  #join(socket: ConnectionSocket): void {
    this.#live = false;
    this.#emit('status', { type: 'joining' });
    const p = this.#options.params;
    const payload: JoinPayload = { URLToken: p.URLToken, sessionId: p.sessionId, userId: p.userId };
    if (p.auth !== undefined) payload.auth = p.auth;
    void this.#request(socket, 'join', payload).then((ack) =>
      this.#guard('join', () => {
        if (this.#socket !== socket || !socket.connected) return;
        if (ack.kind === 'accepted') {
          this.#live = true;
          this.#everLive = true;
          this.#emit('status', { type: 'joined' });
          this.#flush();
          // postbacks that waited for the connection go out now, once
          for (const p of this.#waiting.splice(0)) {
            clearTimeout(p.timer);
            this.#emitPostback(p);
          }
          return;
        }
        // docs/PROTOCOL.md §7.1: show it, do not retry blindly.
        const refused: StatusEvent & { type: 'join-refused' } = { type: 'join-refused' };
        if (ack.kind === 'no-answer') refused.code = 'no-answer';
        else {
          if (ack.code !== undefined) refused.code = ack.code;
          if (ack.reason !== undefined) refused.server = ack.reason;
        }
        this.#emit('status', refused);
        socket.disconnect();
      }),
    );
  }

  #onDisconnect(reason: Socket.DisconnectReason): void {
    const wasLive = this.#live;
    this.#live = false;
    // replies whose ack never came go back to the queue, to be re-sent with the same id
    for (const entry of this.#outbox.values()) {
      if (entry.state === 'in-flight') entry.state = 'queued';
    }
    // a postback has no id the server could dedupe by: never re-send it
    for (const p of [...this.#inFlight]) {
      p.settle({ ok: false, problem: { code: 'dropped' } });
    }
    if (reason === 'io client disconnect') return; // ours: refused join, retry, dispose
    if (reason === 'io server disconnect') {
      // socket.io does not reconnect after a server-side kick; do it once, through the manager
      this.#socket?.connect();
    }
    if (wasLive || this.#everLive) {
      this.#emit('status', { type: 'disconnected', reason });
    }
  }

  #onFrame(event: ServerEventName, raw: unknown): void {
    if (event === 'config') {
      const r = parseLayout(raw);
      if (r.ok) this.#emit('config', r.value);
      else this.#report('invalid-frame', event, r.problem);
      return;
    }
    const r = parseTileUpdate(raw);
    if (!r.ok) {
      this.#report('invalid-frame', event, r.problem);
      return;
    }
    for (const problem of r.problems) this.#report('partial-frame', event, problem);
    this.#emit('tileUpdate', r.value);
  }

  #flush(): void {
    const socket = this.#socket;
    if (!this.#live || !socket) return;
    for (const [clientMessageId, entry] of this.#outbox) {
      if (entry.state !== 'queued') continue;
      entry.state = 'in-flight';
      const attempt = ++entry.attempt;
      const payload: SendMessagePayload = { source: 'agent', text: entry.text, clientMessageId };
      void this.#request(socket, 'sendMessage', payload).then((ack) =>
        this.#guard('sendMessage', () => {
          // a newer attempt, or the connection dropped and put the reply back in the queue
          if (entry.attempt !== attempt || entry.state !== 'in-flight') return;
          if (ack.kind === 'accepted') {
            entry.state = 'sent';
            this.#emit('reply', { clientMessageId, text: entry.text, state: 'sent' });
            this.#outbox.delete(clientMessageId);
            return;
          }
          if (ack.kind === 'refused' && ack.code !== undefined && RETRY_CODES.has(ack.code)) {
            // too many at once, or the endpoint's disk: it goes out again by itself, later
            // each time, never dropped
            const code = ack.code === 'store-unavailable' ? 'store-unavailable' : 'rate-limited';
            this.#retryLater(clientMessageId, entry, ack.retryAfterMs, code);
            return;
          }
          entry.state = 'failed';
          const error: Problem = problemOf(ack);
          this.#emit('reply', { clientMessageId, text: entry.text, state: 'failed', error });
        }),
      );
    }
  }

  #retryLater(
    clientMessageId: string,
    entry: OutboxEntry,
    retryAfterMs: number | undefined,
    code: 'rate-limited' | 'store-unavailable',
  ): void {
    entry.state = 'waiting';
    entry.retries += 1;
    const backoff = Math.min(30_000, 250 * 2 ** Math.min(entry.retries - 1, 7));
    const delay = Math.max(retryAfterMs ?? 0, backoff) * (0.8 + Math.random() * 0.4);
    this.#emit('reply', {
      clientMessageId,
      text: entry.text,
      state: 'retrying',
      error: { code },
    });
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.#disposed || entry.state !== 'waiting') return;
      entry.state = 'queued';
      this.#flush();
    }, delay);
  }

  #emitPostback(entry: PendingPostback): void {
    const socket = this.#socket;
    if (!socket) {
      entry.settle({ ok: false, problem: { code: 'down' } });
      return;
    }
    const p = this.#options.params;
    const payload: PostbackPayload = {
      userId: p.userId,
      sessionId: p.sessionId,
      URLToken: p.URLToken,
      action: entry.request.action,
    };
    if (entry.request.id !== undefined) payload.id = entry.request.id;
    if (entry.request.tileId !== undefined) payload.tileId = entry.request.tileId;
    if (entry.request.sender !== undefined) payload.sender = entry.request.sender;
    this.#inFlight.add(entry);
    void this.#request(socket, 'sendPostbackAction', payload).then((ack) =>
      this.#guard('sendPostbackAction', () => {
        if (!this.#inFlight.has(entry)) return; // settled when the connection dropped
        if (ack.kind === 'accepted') entry.settle({ ok: true });
        else entry.settle({ ok: false, problem: problemOf(ack) });
      }),
    );
  }

  /**
   * Emits `event` and waits for its ack with socket.io's own timeout
   * (`emitWithAck`). Every ack of this protocol is `(err: string | null)`:
   * null accepts; anything else refuses, with the server's text when it is
   * one. No answer in time, or a connection that dropped first: `no-answer`.
   */
  async #request<E extends keyof ClientToServerEvents>(
    socket: ConnectionSocket,
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
  ): Promise<AckOutcome> {
    let err: unknown;
    try {
      // (the caller's event and payload are checked against the map above; socket.io's own
      // ack typing cannot follow a generic event name)
      const timed = socket.timeout(this.#options.ackTimeoutMs) as unknown as {
        emitWithAck(event: E, payload: Parameters<ClientToServerEvents[E]>[0]): Promise<unknown>;
      };
      err = await timed.emitWithAck(event, payload);
    } catch {
      return { kind: 'no-answer' };
    }
    if (err === null || err === undefined) return { kind: 'accepted' };
    return { kind: 'refused', ...parseRefusal(err) };
  }

  #report(kind: Diagnostic['kind'], event: string, problem: string): void {
    this.#dropped += 1;
    this.#emit('diagnostic', { kind, event, problem, dropped: this.#dropped });
  }

  #emit<K extends keyof ConnectionEventMap>(type: K, value: ConnectionEventMap[K]): void {
    const set = this.#listeners.get(type);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as Listener<ConnectionEventMap[K]>)(value);
      } catch (error) {
        if (type === 'diagnostic') continue; // never recurse
        this.#report(
          'listener-error',
          type,
          error instanceof Error ? error.message : 'listener threw',
        );
      }
    }
  }

  /** Runs a socket callback so that nothing escapes into socket.io. */
  #guard(event: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.#report(
        'listener-error',
        event,
        error instanceof Error ? error.message : 'handler threw',
      );
    }
  }
}

/** A refused or unanswered request, as a problem (the server's reason kept as its own). */
function problemOf(
  ack: { kind: 'no-answer' } | { kind: 'refused'; reason?: string | undefined },
): Problem {
  if (ack.kind === 'no-answer') return { code: 'no-answer' };
  return ack.reason === undefined ? { code: 'refused' } : { code: 'refused', server: ack.reason };
}
