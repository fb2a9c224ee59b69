/**
 * The workspace domain: one pure reducer from (state, action) to a new,
 * immutable state. Tile-version rules, transcript append and dedupe, the
 * agent-reply view and the connection status machine (PROTOCOL §4, §5, §8).
 */
import type { Diagnostic, ReplyStatus, StatusEvent } from '../transport/copilot-connection.js';
import {
  type LayoutConfig,
  type Message,
  type TileUpdate,
  isTranscriptUpdate,
} from '../transport/protocol.js';
import type { ParamProblem } from '../transport/session-params.js';
import { maskCardNumbers } from './redaction.js';

export const PHASES = [
  'unconfigured',
  'invalid-params',
  'connecting',
  'joining',
  'live',
  'reconnecting',
  'join-refused',
  'failed',
  'closed',
] as const;
export type Phase = (typeof PHASES)[number];

export interface ConnectionState {
  phase: Phase;
  /** has this workspace ever been joined? then drops are "reconnecting" */
  everLive: boolean;
  reason?: string;
  problems?: readonly ParamProblem[];
}

export interface TileVersion {
  version: number;
  type: string;
  data: unknown;
}

/** Renderable versions of one tile, ascending by version; the last renders. */
export interface TileState {
  id: string;
  versions: readonly TileVersion[];
}

export interface TranscriptState {
  messages: readonly Message[];
  chatInput: boolean;
  redaction: boolean;
}

export interface ReplyView extends ReplyStatus {
  /** local time the agent pressed send, ms since epoch */
  createdAt: number;
}

export interface WorkspaceState {
  connection: ConnectionState;
  layout: LayoutConfig;
  /** false while the built-in default layout is shown */
  layoutFromServer: boolean;
  tiles: Readonly<Record<string, TileState>>;
  transcripts: Readonly<Record<string, TranscriptState>>;
  /** `sendTileData` payloads per tile, oldest first, bounded */
  tileData: Readonly<Record<string, readonly unknown[]>>;
  /** agent replies not (yet) echoed in the transcript */
  replies: readonly ReplyView[];
  diagnostics: { dropped: number; last?: Diagnostic };
}

export type Action =
  | { type: 'unconfigured'; reason: string }
  | { type: 'params-invalid'; problems: readonly ParamProblem[] }
  | { type: 'status'; status: StatusEvent }
  | { type: 'config'; layout: LayoutConfig }
  | { type: 'tileUpdate'; update: TileUpdate }
  | { type: 'reply'; reply: ReplyStatus; at: number }
  | { type: 'diagnostic'; diagnostic: Diagnostic };

/** The built-in layout shown before the first `config`: the transcript, full size. */
export const DEFAULT_LAYOUT: LayoutConfig = {
  grid: { columns: 1, rows: 1, gap: 10 },
  tiles: { transcript: { x: 1, y: 1, columns: 1, rows: 1 } },
};

export const MAX_TILE_VERSIONS = 20;
export const MAX_TILE_DATA = 50;

export const initialState: WorkspaceState = {
  connection: { phase: 'connecting', everLive: false },
  layout: DEFAULT_LAYOUT,
  layoutFromServer: false,
  tiles: {},
  transcripts: {},
  tileData: {},
  replies: [],
  diagnostics: { dropped: 0 },
};

export function reduce(state: WorkspaceState, action: Action): WorkspaceState {
  switch (action.type) {
    case 'unconfigured':
      return {
        ...state,
        connection: { phase: 'unconfigured', everLive: false, reason: action.reason },
      };
    case 'params-invalid':
      return {
        ...state,
        connection: { phase: 'invalid-params', everLive: false, problems: action.problems },
      };
    case 'status':
      return { ...state, connection: nextConnection(state.connection, action.status) };
    case 'config':
      return { ...state, layout: action.layout, layoutFromServer: true };
    case 'tileUpdate':
      return applyTileUpdate(state, action.update);
    case 'reply':
      return applyReply(state, action.reply, action.at);
    case 'diagnostic':
      return {
        ...state,
        diagnostics: { dropped: action.diagnostic.dropped, last: action.diagnostic },
      };
    default:
      return assertNever(action);
  }
}

function assertNever(x: never): never {
  throw new Error(`unhandled action ${JSON.stringify(x)}`);
}

// ------------------------------------------------------------------ status machine (§8)

export function nextConnection(c: ConnectionState, s: StatusEvent): ConnectionState {
  const { everLive } = c;
  switch (s.type) {
    case 'connecting':
      return { phase: everLive ? 'reconnecting' : 'connecting', everLive };
    case 'joining':
      return { phase: everLive ? 'reconnecting' : 'joining', everLive };
    case 'joined':
      return { phase: 'live', everLive: true };
    case 'join-refused':
      return { phase: 'join-refused', everLive, reason: s.reason };
    case 'connect-failed':
      return everLive
        ? { phase: 'reconnecting', everLive }
        : { phase: 'failed', everLive, reason: s.reason };
    case 'disconnected':
      return { phase: everLive ? 'reconnecting' : 'connecting', everLive };
    case 'closed':
      return { phase: 'closed', everLive };
    default:
      return assertNever(s);
  }
}

// ------------------------------------------------------------------ tiles (§5)

function applyTileUpdate(state: WorkspaceState, u: TileUpdate): WorkspaceState {
  if (u.type === 'sendTileData') {
    const prev = state.tileData[u.id] ?? [];
    const next = [...prev, u.data].slice(-MAX_TILE_DATA);
    return { ...state, tileData: { ...state.tileData, [u.id]: next } };
  }
  if (isTranscriptUpdate(u)) {
    const withTranscript = applyTranscript(state, u.id, u.data);
    // the transcript's own version list only records that the tile exists and its type
    return {
      ...withTranscript,
      tiles: putVersion(state.tiles, u.id, { version: u.version, type: u.type, data: undefined }),
    };
  }
  return {
    ...state,
    tiles: putVersion(state.tiles, u.id, { version: u.version, type: u.type, data: u.data }),
  };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Same version: shallow-merge data (objects) or replace it, and take the new
 * type. New version: insert in order. Bounded to the newest MAX_TILE_VERSIONS.
 */
export function putVersion(
  tiles: Readonly<Record<string, TileState>>,
  id: string,
  v: TileVersion,
): Readonly<Record<string, TileState>> {
  const versions = tiles[id]?.versions ?? [];
  const at = versions.findIndex((x) => x.version === v.version);
  let next: TileVersion[];
  if (at >= 0) {
    const old = versions[at] as TileVersion;
    const data =
      isPlainObject(old.data) && isPlainObject(v.data)
        ? { ...old.data, ...v.data }
        : (v.data ?? old.data);
    next = versions.with(at, { version: v.version, type: v.type, data });
  } else {
    next = [...versions, v].sort((a, b) => a.version - b.version).slice(-MAX_TILE_VERSIONS);
  }
  return { ...tiles, [id]: { id, versions: next } };
}

export function latestVersion(tile: TileState | undefined): TileVersion | undefined {
  return tile?.versions.at(-1);
}

// ------------------------------------------------------------------ transcript

function applyTranscript(
  state: WorkspaceState,
  id: string,
  data: { messages: Message[]; chatInput?: { enabled: boolean }; redaction?: { enabled: boolean } },
): WorkspaceState {
  const prev: TranscriptState = state.transcripts[id] ?? {
    messages: [],
    chatInput: false,
    redaction: false,
  };
  const redaction = data.redaction?.enabled ?? prev.redaction;
  const chatInput = data.chatInput?.enabled ?? prev.chatInput;

  let messages = prev.messages;
  if (redaction && !prev.redaction) messages = messages.map((m) => maskMessage(m));

  const known = new Set(messages.map((m) => m._id));
  const added: Message[] = [];
  for (const m of data.messages) {
    if (known.has(m._id)) continue;
    known.add(m._id);
    added.push(redaction ? maskMessage(m) : m);
  }
  if (added.length > 0) messages = [...messages, ...added];

  const transcripts = { ...state.transcripts, [id]: { messages, chatInput, redaction } };
  const replies = added.some((m) => m.source === 'agent')
    ? dropEchoed(state.replies, added)
    : state.replies;
  return { ...state, transcripts, replies };
}

function maskMessage(m: Message): Message {
  if (m.text === undefined) return m;
  const text = maskCardNumbers(m.text);
  return text === m.text ? m : { ...m, text };
}

/**
 * A reply leaves the local view once the transcript shows it: by its
 * clientMessageId, or (for backends that do not echo the id) by its text
 * once the server confirmed it.
 */
function dropEchoed(
  replies: readonly ReplyView[],
  added: readonly Message[],
): readonly ReplyView[] {
  let rest = replies;
  for (const m of added) {
    if (m.source !== 'agent') continue;
    const i =
      m.clientMessageId !== undefined
        ? rest.findIndex((r) => r.clientMessageId === m.clientMessageId)
        : rest.findIndex((r) => r.state === 'sent' && r.text === m.text);
    if (i >= 0) rest = rest.toSpliced(i, 1);
  }
  return rest;
}

function applyReply(state: WorkspaceState, reply: ReplyStatus, at: number): WorkspaceState {
  const i = state.replies.findIndex((r) => r.clientMessageId === reply.clientMessageId);
  if (i < 0) {
    // an ack that arrives after the echo: the transcript already shows it
    const echoed = Object.values(state.transcripts).some((t) =>
      t.messages.some((m) => m.clientMessageId === reply.clientMessageId),
    );
    if (echoed) return state;
    return { ...state, replies: [...state.replies, { ...reply, createdAt: at }] };
  }
  const old = state.replies[i] as ReplyView;
  const next: ReplyView = { ...reply, createdAt: old.createdAt };
  return { ...state, replies: state.replies.with(i, next) };
}

// ------------------------------------------------------------------ selectors

/** Ids that have updates but no place in the layout, in first-seen order. */
export function unknownTileIds(state: WorkspaceState): string[] {
  const placed = new Set(Object.keys(state.layout.tiles));
  const seen = new Set([
    ...Object.keys(state.tiles),
    ...Object.keys(state.transcripts),
    ...Object.keys(state.tileData),
  ]);
  return [...seen].filter((id) => !placed.has(id));
}

/** Updates are paused (grid visible, replies queued) while reconnecting. */
export function isPaused(c: ConnectionState): boolean {
  return c.phase === 'reconnecting';
}
