/**
 * One conversation session of the reference endpoint: its transcript, tiles,
 * layout, the replies and postbacks the agent sent, and the progress of its
 * scripted conversation. Every change is journaled before it is broadcast,
 * and a session is rebuilt from its journal after a restart.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  LayoutConfig,
  Message,
  type WrapUpDraft,
  parseTileView,
} from '../src/transport/protocol.js';
import type { EndpointConfig } from './settings.js';
import { type JournalStore, type SessionKey } from './store.js';
import { redact, redactInterim } from './redact.js';
import { type Ledger, emptyLedger } from '../src/state/ledger.js';
import { foldLedger, ledgerPostback } from './ledger.js';
import { SUMMARY_ID, newSummaryId } from './brief.js';
import { type StoredWrapUp, storedWrapUp, wrapUpPostback } from './wrap-up.js';

export interface StoredTile {
  id: string;
  version: number;
  type: string;
  data: unknown;
}

export interface AgentAction {
  kind: 'message' | 'postback';
  at: string;
  payload: unknown;
}

const Key = z.object({ URLToken: z.string(), userId: z.string(), sessionId: z.string() });
const Tile = z.object({ id: z.string(), version: z.number(), type: z.string(), data: z.unknown() });

/**
 * A journal line. The journal is the endpoint's own file and still input: a
 * record that does not parse is skipped and counted, never trusted.
 */
const JournalRecord = z.discriminatedUnion('t', [
  z.object({ t: z.literal('open'), key: Key, at: z.string() }),
  z.object({ t: z.literal('msg'), m: Message }),
  z.object({ t: z.literal('tile'), u: Tile }),
  z.object({ t: z.literal('layout'), c: z.nullable(LayoutConfig) }),
  z.object({
    t: z.literal('agent'),
    a: z.object({
      kind: z.enum(['message', 'postback']),
      at: z.string(),
      payload: z.unknown(),
    }),
    clientMessageId: z.string().optional(),
    messageId: z.string().optional(),
  }),
  z.object({ t: z.literal('script'), step: z.number().int().nonnegative() }),
  z.object({ t: z.literal('data'), id: z.string(), data: z.unknown() }),
  z.object({ t: z.literal('summary'), id: z.string().regex(SUMMARY_ID) }),
]);
type JournalRecord =
  | { t: 'open'; key: SessionKey; at: string }
  | { t: 'msg'; m: Message }
  | { t: 'tile'; u: StoredTile }
  | { t: 'layout'; c: LayoutConfig | null }
  | { t: 'agent'; a: AgentAction; clientMessageId?: string; messageId?: string }
  | { t: 'script'; step: number }
  /** the latest `sendTileData` of a tile, replayed after the tile on a join */
  | { t: 'data'; id: string; data: unknown }
  /** the session's context-summary id (its handoff brief's URL, demo/brief.ts) */
  | { t: 'summary'; id: string };

/** How many tiles' latest `sendTileData` a session keeps (the oldest tile's goes first). */
export const MAX_TILE_DATA_KEPT = 64;

export type Broadcast = (event: string, payload: unknown) => void;

export const TRANSCRIPT_TILE_ID = 'transcript';

export class Session {
  readonly key: SessionKey;
  readonly messages: Message[] = [];
  readonly tiles = new Map<string, StoredTile>();
  /** the latest `sendTileData` payload per tile, bounded ({@link MAX_TILE_DATA_KEPT}) */
  readonly tileData = new Map<string, unknown>();
  readonly agentLog: AgentAction[] = [];
  /**
   * The suggestion ledger (docs/PROTOCOL.md §5.8), folded from the ledger
   * postbacks in {@link agentLog} (on load and as they come): never journaled
   * on its own, so it is exactly what the stored postbacks say. Read only.
   */
  readonly ledger: Ledger = emptyLedger();
  /**
   * The wrap-ups submitted (docs/PROTOCOL.md §5.10), the first of each
   * submission id, oldest first: folded from the stored postbacks like the
   * ledger (never journaled on their own), so a repeat is known across
   * restarts. Read only.
   */
  readonly wrapUps: StoredWrapUp[] = [];
  readonly #wrapUpIds = new Set<string>();
  /** the context-summary id of the session's handoff brief, once one was made */
  #summaryId: string | undefined;
  /** clientMessageId → message _id, for exactly-once replies */
  readonly #clientIds = new Map<string, string>();
  #layout: LayoutConfig | null = null;
  #scriptStep = 0;
  /** has the journal been started (its `open` record written)? */
  #persisted = false;
  /** bytes this session's journal holds */
  #bytes = 0;
  /** journal records that did not parse when the session was loaded (skipped) */
  #badRecords = 0;
  readonly #store: JournalStore;
  readonly #endpoint: () => EndpointConfig;
  #broadcast: Broadcast = () => {};

  private constructor(key: SessionKey, store: JournalStore, endpoint: () => EndpointConfig) {
    this.key = key;
    this.#store = store;
    this.#endpoint = endpoint;
  }

  /**
   * Opens a session, rebuilding it from its journal when there is one. A new
   * session writes nothing until something happens in it: a join alone leaves
   * no trace on disk (see Registry: such sessions do not count).
   */
  static open(key: SessionKey, store: JournalStore, endpoint: () => EndpointConfig): Session {
    const s = new Session(key, store, endpoint);
    const { records, bad, bytes } = store.read(key);
    s.#badRecords = bad;
    for (const raw of records) {
      const r = JournalRecord.safeParse(raw);
      if (r.success) s.#apply(r.data as JournalRecord);
      else s.#badRecords += 1;
    }
    s.#bytes = bytes;
    s.#persisted = records.length > 0;
    return s;
  }

  /** Journal records that did not parse when the session was loaded (skipped). */
  get badRecords(): number {
    return this.#badRecords;
  }

  /** Has anything happened in this session (is there a journal)? */
  get persisted(): boolean {
    return this.#persisted;
  }

  /** The bytes its journal holds. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Did the agent act in it (a reply or a postback)? */
  get agentActed(): boolean {
    return this.agentLog.length > 0;
  }

  set broadcast(fn: Broadcast) {
    this.#broadcast = fn;
  }

  get scriptStep(): number {
    return this.#scriptStep;
  }

  get settings() {
    return this.#endpoint().settings;
  }

  #apply(r: JournalRecord): void {
    switch (r.t) {
      case 'open':
        break;
      case 'msg':
        this.messages.push(r.m);
        break;
      case 'tile':
        this.#putTile(r.u);
        break;
      case 'layout':
        this.#layout = r.c;
        break;
      case 'agent':
        this.agentLog.push(r.a);
        if (r.a.kind === 'postback') {
          // a ledger batch (stored ones were checked; an older journal's are checked here)
          const batch = ledgerPostback(r.a.payload);
          if (batch.kind === 'batch') foldLedger(this.ledger, batch.events);
          // a wrap-up: the first of its submission id counts
          const w = wrapUpPostback(r.a.payload);
          if (w.kind === 'submit' && !this.#wrapUpIds.has(w.action.submissionId)) {
            this.#wrapUpIds.add(w.action.submissionId);
            this.wrapUps.push(storedWrapUp(w.action, w.tileId, r.a.at, this.#draftOf(w.tileId)));
          }
        }
        if (r.clientMessageId && r.messageId) this.#clientIds.set(r.clientMessageId, r.messageId);
        break;
      case 'script':
        this.#scriptStep = r.step;
        break;
      case 'summary':
        this.#summaryId ??= r.id;
        break;
      case 'data':
        this.tileData.delete(r.id); // the newest goes last: the map's order is the age
        this.tileData.set(r.id, r.data);
        if (this.tileData.size > MAX_TILE_DATA_KEPT) {
          const oldest = this.tileData.keys().next().value;
          if (oldest !== undefined) this.tileData.delete(oldest);
        }
        break;
    }
  }

  /**
   * Journals a record, then applies it. Throws StoreUnavailable (and changes
   * nothing) when the store cannot write it.
   */
  #record(r: JournalRecord): void {
    const records: JournalRecord[] = this.#persisted
      ? [r]
      : [{ t: 'open', key: this.key, at: new Date().toISOString() }, r];
    this.#bytes += this.#store.append(this.key, ...records);
    this.#persisted = true;
    this.#apply(r);
    this.#onWrite();
  }

  /** called after every journal write (the registry keeps its index) */
  #onWrite: () => void = () => {};
  set onWrite(fn: () => void) {
    this.#onWrite = fn;
  }

  // ---------------------------------------------------------------- layout

  get layout(): LayoutConfig {
    const withTranscript = this.settings.enableTranscriptTile;
    if (this.#layout) {
      if (withTranscript || !(TRANSCRIPT_TILE_ID in this.#layout.tiles)) return this.#layout;
      // the endpoint has no transcript tile: the flow's layout loses that slot
      const { [TRANSCRIPT_TILE_ID]: _transcript, ...tiles } = this.#layout.tiles;
      return { ...this.#layout, tiles };
    }
    const tiles: LayoutConfig['tiles'] = {};
    if (withTranscript) tiles[TRANSCRIPT_TILE_ID] = { x: 1, y: 1, columns: 1, rows: 1 };
    return { grid: { columns: 1, rows: 1, gap: 10 }, tiles };
  }

  /** Replaces the layout (null: back to the one derived from the settings). */
  setLayout(config: LayoutConfig | null): void {
    this.#record({ t: 'layout', c: config });
    this.#broadcast('config', this.layout);
  }

  // ---------------------------------------------------------------- transcript

  transcriptUpdate(messages: Message[]) {
    const s = this.settings;
    return {
      id: TRANSCRIPT_TILE_ID,
      version: 1,
      type: 'transcript',
      data: {
        messages,
        chatInput: { enabled: s.enableTranscriptTileChatInput },
        redaction: { enabled: s.redactTranscriptTileMessages },
      },
    };
  }

  /**
   * A customer (`user`) or bot message, or (voice) the final transcript of
   * either side's utterance; customer text is redacted when the endpoint says so.
   */
  addMessage(
    source: 'user' | 'bot' | 'agent',
    text: string,
    /**
     * `_id`: the message's id (a scripted message a brief cites); `final`: voice,
     * the final transcript of an utterance whose interim words went out under `_id`
     */
    options: { _id?: string; final?: boolean } = {},
  ): Message {
    const m: Message = {
      _id: options._id ?? randomUUID(),
      source,
      text: this.#clean(source, text),
      createdAt: new Date().toISOString(),
    };
    if (options.final) m.final = true;
    this.#record({ t: 'msg', m });
    if (this.settings.enableTranscriptTile)
      this.#broadcast('tileUpdate', this.transcriptUpdate([m]));
    return m;
  }

  /**
   * Voice: words of an utterance still being recognised (extension: `final:
   * false`), sent to the session's sockets and never stored; the final
   * ({@link addMessage} with the same `_id`) takes their place. Redacted like
   * finals, and every digit masked: a card number must not stream out in clear
   * while it is spoken (before it is whole, no redactor can recognise it).
   */
  speakInterim(_id: string, source: 'user' | 'bot' | 'agent', text: string): void {
    if (!this.settings.enableTranscriptTile) return;
    const clean =
      source === 'user' && this.settings.redactTranscriptTileMessages ? redactInterim(text) : text;
    const m: Message = { _id, source, text: clean, final: false };
    this.#broadcast('tileUpdate', this.transcriptUpdate([m]));
  }

  #clean(source: Message['source'], text: string): string {
    return source === 'user' && this.settings.redactTranscriptTileMessages ? redact(text) : text;
  }

  /**
   * An agent reply. With a `clientMessageId` seen before, nothing new is
   * created (exactly once) and the first message is returned.
   */
  agentReply(text: string, clientMessageId?: string): { message: Message; duplicate: boolean } {
    if (clientMessageId) {
      const known = this.#clientIds.get(clientMessageId);
      const existing = known ? this.messages.find((m) => m._id === known) : undefined;
      if (existing) return { message: existing, duplicate: true };
    }
    const m: Message = {
      _id: randomUUID(),
      source: 'agent',
      text,
      createdAt: new Date().toISOString(),
    };
    if (clientMessageId) m.clientMessageId = clientMessageId;
    // journal the message and the dedupe entry before anything is acknowledged
    this.#record({ t: 'msg', m });
    const action: AgentAction = {
      kind: 'message',
      at: m.createdAt as string,
      payload: { text, clientMessageId },
    };
    this.#record(
      clientMessageId
        ? { t: 'agent', a: action, clientMessageId, messageId: m._id }
        : { t: 'agent', a: action },
    );
    if (this.settings.enableTranscriptTile)
      this.#broadcast('tileUpdate', this.transcriptUpdate([m]));
    return { message: m, duplicate: false };
  }

  /** Has a wrap-up with this submission id been kept already (the first counts)? */
  hasWrapUp(submissionId: string): boolean {
    return this.#wrapUpIds.has(submissionId);
  }

  /** The wrap-up draft a tile carries now, if it carries one. */
  #draftOf(tileId: string | undefined): WrapUpDraft | undefined {
    const t = tileId === undefined ? undefined : this.tiles.get(tileId);
    const view = t ? parseTileView(t.type, t.data) : undefined;
    return view?.kind === 'wrap-up' ? view.draft : undefined;
  }

  // ---------------------------------------------------------------- context summary

  /** The id of the session's context-summary URL (demo/brief.ts), once one was made. */
  get contextSummaryId(): string | undefined {
    return this.#summaryId;
  }

  /** The session's context-summary id, made (and journaled) the first time. */
  ensureSummaryId(): string {
    if (this.#summaryId) return this.#summaryId;
    const id = newSummaryId();
    this.#record({ t: 'summary', id });
    this.#onSummary(id);
    return id;
  }

  #onSummary: (id: string) => void = () => {};
  /** called when the session's context-summary id is made (the registry indexes it) */
  set onSummary(fn: (id: string) => void) {
    this.#onSummary = fn;
  }

  /** Has a reply with this clientMessageId been taken already? */
  knows(clientMessageId: string | undefined): boolean {
    return clientMessageId !== undefined && this.#clientIds.has(clientMessageId);
  }

  /**
   * Journals a postback (a ledger batch among them: the caller refused a
   * malformed one first, see demo/ledger.ts; the session's ledger folds it).
   */
  recordPostback(payload: unknown): void {
    this.#record({ t: 'agent', a: { kind: 'postback', at: new Date().toISOString(), payload } });
  }

  // ---------------------------------------------------------------- tiles

  #putTile(u: StoredTile): void {
    const old = this.tiles.get(u.id);
    if (old && old.version === u.version && isObject(old.data) && isObject(u.data)) {
      this.tiles.set(u.id, { ...u, data: { ...old.data, ...u.data } });
    } else if (!old || u.version >= old.version) {
      this.tiles.set(u.id, u);
    }
  }

  /**
   * Stores the latest version of a tile, or (`sendTileData`) the tile's latest
   * data, and broadcasts it. The data is replayed after the tile on every
   * join, so a reload or a second window shows what the tile was told (a
   * verified customer stays verified).
   */
  setTile(u: StoredTile): void {
    if (u.type === 'sendTileData') this.#record({ t: 'data', id: u.id, data: u.data });
    else this.#record({ t: 'tile', u });
    this.#broadcast('tileUpdate', u);
  }

  /** Sends a tile's stored latest version again (nothing is journaled). */
  rebroadcast(id: string): void {
    const t = this.tiles.get(id);
    if (t) this.#broadcast('tileUpdate', t);
  }

  setScriptStep(step: number): void {
    this.#record({ t: 'script', step });
  }

  /** What a (re)joining socket receives: the layout, the whole transcript, every tile's latest version. */
  replayFrames(): { event: string; payload: unknown }[] {
    const frames: { event: string; payload: unknown }[] = [
      { event: 'config', payload: this.layout },
    ];
    if (this.settings.enableTranscriptTile) {
      frames.push({ event: 'tileUpdate', payload: this.transcriptUpdate(this.messages) });
    }
    for (const t of this.tiles.values()) frames.push({ event: 'tileUpdate', payload: t });
    // each tile's latest data after every tile (the workspace delivers it once the tile is ready)
    for (const [id, data] of this.tileData) {
      const version = this.tiles.get(id)?.version ?? 1;
      frames.push({ event: 'tileUpdate', payload: { id, version, type: 'sendTileData', data } });
    }
    return frames;
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
