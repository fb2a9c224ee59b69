/**
 * The types of a copilot connection (docs/PROTOCOL.md §3, §7): what the
 * workspace hears from one, what it asks of one, and the socket's own event
 * maps (what each side may emit, with its payload and ack), so a wrong event
 * name or payload does not compile.
 */
import type {
  JoinPayload,
  Layout,
  PostbackPayload,
  PostbackSender,
  SendMessagePayload,
  TileUpdate,
} from './protocol.js';
import type { SessionParams } from './session-params.js';

/**
 * What went wrong, as data: a code the components put into words in the
 * agent's language, and the server's own text when it gave one (shown as
 * given, marked as the server's; never translated, never made up here).
 */
export interface Problem {
  code: ProblemCode;
  server?: string;
}

export const PROBLEM_CODES = [
  /** the endpoint cannot be reached (socket.io keeps trying) */
  'unreachable',
  /** the endpoint refused the socket (`server`: what it said) */
  'connect-refused',
  /** no acknowledgement came in time (a join, a reply, a postback) */
  'no-answer',
  /** the server refused (`server`: its reason, when it gave one) */
  'refused',
  /** the workspace closed the connection */
  'closed',
  /** the connection stayed down: a postback was not sent */
  'down',
  /** the connection dropped before the acknowledgement: it may not have arrived */
  'dropped',
  /** the endpoint said "too many messages": the reply goes out again by itself */
  'rate-limited',
  /** the endpoint cannot save right now (its disk): the reply goes out again by itself */
  'store-unavailable',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

export type StatusEvent =
  | { type: 'connecting' }
  | { type: 'joining' }
  | { type: 'joined' }
  /** `code`: the server's refusal code (extension, e.g. `token-expired`) or `no-answer` */
  | { type: 'join-refused'; code?: string; server?: string }
  | { type: 'connect-failed'; code: 'unreachable' | 'connect-refused'; server?: string }
  /** `reason`: socket.io's disconnect reason (a code, e.g. `transport close`) */
  | { type: 'disconnected'; reason: string }
  | { type: 'closed' };

export interface Diagnostic {
  /**
   * `csp-blocked`: the page's Content-Security-Policy blocks the tiles' frames;
   * `genesys-widget`: the Interaction Widget mode could not start (docs/PROTOCOL.md §9.4);
   * `brief`: a handoff brief cites messages the transcript does not have, or its url failed
   * (§5.9) (none of them is a connection event); `transports`: the polling and webtransport
   * transports a `transports` attribute asked for could not be loaded, the connection uses
   * websocket (§2)
   */
  kind:
    | 'invalid-frame'
    | 'partial-frame'
    | 'listener-error'
    | 'csp-blocked'
    | 'genesys-widget'
    | 'brief'
    | 'transports';
  /** the socket event the frame came in on */
  event: string;
  /** what was wrong, in words; never contains frame values */
  problem: string;
  /** how many frames or items this connection has dropped so far */
  dropped: number;
}

/** `retrying`: the endpoint said "too many messages"; it goes out again by itself, never dropped. */
export const REPLY_STATES = ['pending', 'sent', 'failed', 'retrying'] as const;
export type ReplyState = (typeof REPLY_STATES)[number];

export interface ReplyStatus {
  clientMessageId: string;
  text: string;
  state: ReplyState;
  /** why it failed, or why it is retrying */
  error?: Problem;
}

/** The outcome of a postback, answered to the tile that sent it. */
export type PostbackResult = { ok: true } | { ok: false; problem: Problem };

/**
 * What is posted back: `id` names the card tile (Adaptive Cards, as Cognigy
 * does); `tileId` and `sender` (extension) say which tile it came from and
 * whether the tile's content or the workspace's own controls sent it.
 */
export interface PostbackRequest {
  id?: string;
  action: unknown;
  tileId?: string;
  sender?: PostbackSender;
}

export interface ConnectionEventMap {
  status: StatusEvent;
  config: Layout;
  tileUpdate: TileUpdate;
  diagnostic: Diagnostic;
  reply: ReplyStatus;
}

export type Listener<T> = (value: T) => void;
export type Disposer = () => void;

/** What the workspace needs from a connection; tests and the demo may pass their own. */
export interface CopilotConnectionLike {
  connect(): void;
  /** try again after a failed first connect or a refused join */
  retry(): void;
  /** queues an agent reply; returns its clientMessageId */
  sendMessage(text: string): string;
  /** puts a failed reply back into the outbox */
  resend(clientMessageId: string): void;
  /**
   * Sends a tile postback (`sendPostbackAction`). While the connection is
   * down it waits up to `postbackWaitMs`; it is never sent twice.
   */
  sendPostback(request: PostbackRequest): Promise<PostbackResult>;
  on<K extends keyof ConnectionEventMap>(
    type: K,
    listener: Listener<ConnectionEventMap[K]>,
  ): Disposer;
  dispose(): void;
}

/** An engine.io transport the `transports` attribute may name (docs/PROTOCOL.md §2). */
export type TransportName = 'websocket' | 'polling' | 'webtransport';

export interface CopilotConnectionOptions {
  /** the endpoint base URL (http/https), from deployment configuration */
  endpoint: string;
  params: SessionParams;
  /** engine.io transports; websocket only by default (docs/PROTOCOL.md §2) */
  transports?: TransportName[];
  /** optional backend access token, sent in the handshake `auth` */
  accessToken?: string;
  /** how long to wait for a `join`, `sendMessage` or `sendPostbackAction` ack, ms */
  ackTimeoutMs?: number;
  /** how long a postback waits for the connection to come back, ms */
  postbackWaitMs?: number;
  /** reconnection backoff bounds, ms */
  reconnectionDelayMs?: number;
  reconnectionDelayMaxMs?: number;
}

/** An ack of this protocol: `null` accepts; anything else refuses (docs/PROTOCOL.md §7.1). */
export type Ack = (err: unknown) => void;

/** What the endpoint may emit to the workspace; payloads are unknown until parsed. */
export interface ServerToClientEvents {
  config: (raw: unknown) => void;
  tileUpdate: (raw: unknown) => void;
}

/** What the workspace emits to the endpoint, each with an ack. */
export interface ClientToServerEvents {
  join: (payload: JoinPayload, ack: Ack) => void;
  sendMessage: (payload: SendMessagePayload, ack: Ack) => void;
  sendPostbackAction: (payload: PostbackPayload, ack: Ack) => void;
}
