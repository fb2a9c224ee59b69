/**
 * The workspace domain: one pure reducer from (state, action) to a new,
 * immutable state. Tile versions (as the edge delivers them, complete
 * and parsed: transport/tile-versions.ts), transcript append and dedupe, the
 * agent-reply view, the unread count and the connection status machine
 * (docs/PROTOCOL.md §4, §5, §10).
 *
 * Everything keyed by an id that came off the wire is a `Map`: a tile called
 * `__proto__`, `constructor` or `toString` is just a tile.
 */
import type { Diagnostic, ReplyStatus, StatusEvent } from '../transport/copilot-connection.js';
import {
  type Layout,
  type TileView,
  type TranscriptTileData,
  isTranscriptUpdate,
  type WrapUpDraft,
} from '../transport/protocol.js';
import { type DeliveredTileUpdate, MAX_TILE_VERSIONS } from '../transport/tile-versions.js';
import type { ParamProblem } from '../transport/session-params.js';
import { Transcript } from './transcript.js';

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
  /**
   * why, as a code the components put into words: a refusal's code from the
   * server (extension, e.g. `token-expired`), `no-answer`, `unreachable`,
   * `connect-refused`, `no-endpoint`, `endpoint-not-http`
   */
  code?: string;
  /** the server's own words, when it gave any (shown as given, marked as the server's) */
  server?: string;
  problems?: readonly ParamProblem[];
}

/** Why a workspace has no connection to make. */
export type UnconfiguredCode = 'no-endpoint' | 'endpoint-not-http';

export interface TileVersion {
  version: number;
  type: string;
  /** the version's data as merged from the wire (same-version updates merge into it, at the edge) */
  data: unknown;
  /** what it renders as, parsed once at the edge (transport/tile-versions.ts) */
  view: TileView;
}

/** Renderable versions of one tile, ascending by version; the last renders. */
export interface TileState {
  id: string;
  versions: readonly TileVersion[];
}

export interface ReplyView extends ReplyStatus {
  /** local time the agent pressed send, ms since epoch */
  createdAt: number;
}

export interface WorkspaceState {
  connection: ConnectionState;
  layout: Layout;
  /** false while the built-in default layout is shown */
  layoutFromServer: boolean;
  tiles: ReadonlyMap<string, TileState>;
  transcripts: ReadonlyMap<string, Transcript>;
  /** `sendTileData` payloads per tile, oldest first, bounded */
  tileData: ReadonlyMap<string, readonly unknown[]>;
  /** agent replies not (yet) echoed in the transcript */
  replies: readonly ReplyView[];
  diagnostics: { dropped: number; last?: Diagnostic };
  /** is the workspace on screen? customer messages that arrive while it is not count as unread */
  visible: boolean;
  /** customer messages that arrived while the workspace was not visible */
  unread: number;
  /** what the embedding page said it takes in its hello (docs/PROTOCOL.md §9); [] for a host that never did */
  hostAccepts: readonly string[];
  /** Genesys Interaction Widget mode (docs/PROTOCOL.md §9.4): the client-app SDK is loaded, inserts are proposed to Genesys */
  genesysWidget: boolean;
  /** replies a tile sent on its own (deployment opt-in): clientMessageId → tile id, to mark them */
  tileReplies: ReadonlyMap<string, string>;
}

export type Action =
  | { type: 'unconfigured'; code: UnconfiguredCode }
  | { type: 'params-invalid'; problems: readonly ParamProblem[] }
  | { type: 'status'; status: StatusEvent }
  | { type: 'config'; layout: Layout }
  | { type: 'tileUpdate'; update: DeliveredTileUpdate }
  | { type: 'reply'; reply: ReplyStatus; at: number }
  | { type: 'diagnostic'; diagnostic: Diagnostic }
  | { type: 'visibility'; visible: boolean }
  | { type: 'host-hello'; accepts: readonly string[] }
  | { type: 'genesys-widget'; ready: boolean }
  | { type: 'tile-reply'; clientMessageId: string; tileId: string };

/** The built-in layout shown before the first `config`: the transcript, full size. */
export const DEFAULT_LAYOUT: Layout = {
  grid: { columns: 1, rows: 1, gap: 10 },
  tiles: new Map([['transcript', { x: 1, y: 1, columns: 1, rows: 1 }]]),
};

export { MAX_TILE_VERSIONS };
export const MAX_TILE_DATA = 50;

export const initialState: WorkspaceState = {
  connection: { phase: 'connecting', everLive: false },
  layout: DEFAULT_LAYOUT,
  layoutFromServer: false,
  tiles: new Map(),
  transcripts: new Map(),
  tileData: new Map(),
  replies: [],
  diagnostics: { dropped: 0 },
  visible: true,
  unread: 0,
  hostAccepts: [],
  genesysWidget: false,
  tileReplies: new Map(),
};

export function reduce(state: WorkspaceState, action: Action): WorkspaceState {
  switch (action.type) {
    case 'unconfigured':
      return {
        ...state,
        connection: { phase: 'unconfigured', everLive: false, code: action.code },
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
    case 'tile-reply':
      return {
        ...state,
        tileReplies: withEntry(state.tileReplies, action.clientMessageId, action.tileId),
      };
    case 'host-hello':
      return { ...state, hostAccepts: [...new Set(action.accepts)] };
    case 'genesys-widget':
      return { ...state, genesysWidget: action.ready };
    case 'visibility':
      if (action.visible === state.visible && (!action.visible || state.unread === 0)) return state;
      return { ...state, visible: action.visible, unread: action.visible ? 0 : state.unread };
    default:
      return assertNever(action);
  }
}

function assertNever(x: never): never {
  throw new Error(`unhandled action ${JSON.stringify(x)}`);
}

/** A copy of `map` with `key` set (wire-keyed state is never mutated in place). */
function withEntry<V>(map: ReadonlyMap<string, V>, key: string, value: V): ReadonlyMap<string, V> {
  const next = new Map(map);
  next.set(key, value);
  return next;
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
    case 'connect-failed': {
      if (s.type === 'connect-failed' && everLive) return { phase: 'reconnecting', everLive };
      const next: ConnectionState = {
        phase: s.type === 'join-refused' ? 'join-refused' : 'failed',
        everLive,
      };
      if (s.code !== undefined) next.code = s.code;
      if (s.server !== undefined) next.server = s.server;
      return next;
    }
    case 'disconnected':
      return { phase: everLive ? 'reconnecting' : 'connecting', everLive };
    case 'closed':
      return { phase: 'closed', everLive };
    default:
      return assertNever(s);
  }
}

// ------------------------------------------------------------------ tiles (§5)

function applyTileUpdate(state: WorkspaceState, u: DeliveredTileUpdate): WorkspaceState {
  if (u.type === 'sendTileData') {
    const prev = state.tileData.get(u.id) ?? [];
    const next = [...prev, u.data].slice(-MAX_TILE_DATA);
    return { ...state, tileData: withEntry(state.tileData, u.id, next) };
  }
  if (isTranscriptUpdate(u)) {
    const withTranscript = applyTranscript(state, u.id, u.data);
    // the transcript's own version list only records that the tile exists and its type
    if (latestVersion(state.tiles.get(u.id))?.version === u.version) return withTranscript;
    const v = { version: u.version, type: u.type, data: undefined, view: EMPTY_VIEW };
    return { ...withTranscript, tiles: putVersion(state.tiles, u.id, v) };
  }
  const { version, type, data, view } = u;
  return { ...state, tiles: putVersion(state.tiles, u.id, { version, type, data, view }) };
}

const EMPTY_VIEW: TileView = { kind: 'empty' };

/**
 * A version as the edge delivered it (complete, its view parsed:
 * transport/tile-versions.ts): it takes the place of the same version, or is
 * inserted in order. Bounded to the newest MAX_TILE_VERSIONS.
 */
function putVersion(
  tiles: ReadonlyMap<string, TileState>,
  id: string,
  v: TileVersion,
): ReadonlyMap<string, TileState> {
  const versions = tiles.get(id)?.versions ?? [];
  const at = versions.findIndex((x) => x.version === v.version);
  const next =
    at >= 0
      ? versions.with(at, v)
      : [...versions, v].sort((a, b) => a.version - b.version).slice(-MAX_TILE_VERSIONS);
  return withEntry(tiles, id, { id, versions: next });
}

export function latestVersion(tile: TileState | undefined): TileVersion | undefined {
  return tile?.versions.at(-1);
}

// ------------------------------------------------------------------ transcript

function applyTranscript(
  state: WorkspaceState,
  id: string,
  data: TranscriptTileData,
): WorkspaceState {
  const prev = state.transcripts.get(id) ?? Transcript.empty;
  const { transcript, added } = prev.append(data.messages, {
    chatInput: data.chatInput?.enabled,
    redaction: data.redaction?.enabled,
  });
  if (transcript === prev) return state;
  let { replies, unread } = state;
  for (const m of added) {
    if (m.source === 'agent') replies = dropEchoed(replies, m);
    else if (m.source === 'user' && !state.visible) unread += 1;
  }
  return { ...state, transcripts: withEntry(state.transcripts, id, transcript), replies, unread };
}

/**
 * A reply leaves the local view once the transcript shows it: by its
 * clientMessageId, or (for backends that do not echo the id) by its text
 * once the server confirmed it.
 */
function dropEchoed(
  replies: readonly ReplyView[],
  m: { text?: string | undefined; clientMessageId?: string | undefined },
): readonly ReplyView[] {
  if (replies.length === 0) return replies;
  const i =
    m.clientMessageId !== undefined
      ? replies.findIndex((r) => r.clientMessageId === m.clientMessageId)
      : replies.findIndex((r) => r.state === 'sent' && r.text === m.text);
  return i >= 0 ? replies.toSpliced(i, 1) : replies;
}

function applyReply(state: WorkspaceState, reply: ReplyStatus, at: number): WorkspaceState {
  const i = state.replies.findIndex((r) => r.clientMessageId === reply.clientMessageId);
  if (i < 0) {
    // an ack that arrives after the echo: the transcript already shows it
    for (const t of state.transcripts.values()) if (t.echoes(reply.clientMessageId)) return state;
    return { ...state, replies: [...state.replies, { ...reply, createdAt: at }] };
  }
  const old = state.replies[i] as ReplyView;
  const next: ReplyView = { ...reply, createdAt: old.createdAt };
  return { ...state, replies: state.replies.with(i, next) };
}

// ------------------------------------------------------------------ selectors

/**
 * Ids that have updates but no place in the layout, in first-seen order
 * (briefs and wrap-up drafts have theirs above the grid: not counted).
 */
export function unknownTileIds(state: WorkspaceState): string[] {
  const placed = state.layout.tiles;
  const seen = new Set([
    ...state.tiles.keys(),
    ...state.transcripts.keys(),
    ...state.tileData.keys(),
  ]);
  const pinned = pinnedTiles(state);
  return [...seen].filter(
    (id) => !placed.has(id) && !pinned.briefs.includes(id) && pinned.wrapUp?.id !== id,
  );
}

/**
 * The tiles shown above the grid, wherever the layout has them (or not):
 * handoff briefs (docs/PROTOCOL.md §5.9), in layout order, then the others;
 * and the newest wrap-up draft (§5.10), the last one updated.
 */
export interface PinnedTiles {
  readonly briefs: readonly string[];
  readonly wrapUp?: { readonly id: string; readonly version: number; readonly draft: WrapUpDraft };
}

/** per tile map, and the layout it was read with: a transcript append changes neither */
const pinnedOf = new WeakMap<object, { layout: Layout['tiles']; pinned: PinnedTiles }>();

export function pinnedTiles(state: WorkspaceState): PinnedTiles {
  const known = pinnedOf.get(state.tiles);
  if (known?.layout === state.layout.tiles) return known.pinned;
  const briefs: string[] = [];
  let wrapUp: PinnedTiles['wrapUp'];
  const ids = new Set([...state.layout.tiles.keys(), ...state.tiles.keys()]);
  for (const id of ids) {
    const latest = latestVersion(state.tiles.get(id));
    if (latest?.view.kind === 'brief') briefs.push(id);
    else if (latest?.view.kind === 'wrap-up')
      wrapUp = { id, version: latest.version, draft: latest.view.draft };
  }
  const pinned = wrapUp ? { briefs, wrapUp } : { briefs };
  pinnedOf.set(state.tiles, { layout: state.layout.tiles, pinned });
  return pinned;
}

/** Where an Insert would go, if anywhere: a host that takes it, else a chat tile's reply box. */
export function insertTarget(state: WorkspaceState): 'genesys' | 'host' | 'reply-box' | 'none' {
  if (state.genesysWidget) return 'genesys';
  if (state.hostAccepts.includes('insert-text')) return 'host';
  for (const [id, t] of state.transcripts)
    if (t.chatInput && state.layout.tiles.has(id)) return 'reply-box';
  return 'none';
}

/** Updates are paused (grid visible, replies queued) while reconnecting. */
export function isPaused(c: ConnectionState): boolean {
  return c.phase === 'reconnecting';
}
