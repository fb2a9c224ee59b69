/**
 * The wire contract (docs/PROTOCOL.md §3–§7) as zod schemas. These schemas are the
 * only definition of the wire types: every type below is inferred from them.
 *
 * Lenient where a real backend may add fields (objects keep unknown keys),
 * strict on what the widget relies on (ids, versions, message sources).
 */
import * as z from 'zod/mini';
import { type TileProblem, tileUrl } from './url.js';

/** The three event names the server may send us. */
export const SERVER_EVENTS = ['config', 'tileUpdate'] as const;
export type ServerEventName = (typeof SERVER_EVENTS)[number];

const nonEmpty = (max = 256) => z.string().check(z.minLength(1), z.maxLength(max));

// ---------------------------------------------------------------- session / join

export const JoinPayload = z.object({
  URLToken: nonEmpty(),
  sessionId: nonEmpty(),
  userId: nonEmpty(),
  auth: z.optional(z.string().check(z.maxLength(8192))),
});
export type JoinPayload = z.infer<typeof JoinPayload>;

/**
 * What a refusing ack may carry besides plain text (extension): a `code` the
 * workspace acts on (`rate-limited`, `token-expired`, …), the server's words,
 * and for `rate-limited` when to try again.
 */
export const AckRefusal = z.looseObject({
  code: z.string().check(z.maxLength(64)),
  reason: z.optional(z.string()),
  retryAfterMs: z.optional(z.number().check(z.nonnegative(), z.lte(600_000))),
});

/**
 * A refusing ack as a server sends it (docs/PROTOCOL.md §7.1): text, as every
 * backend does, or the extension object. The reference endpoint sends this type.
 */
export type RefusalAck = string | z.infer<typeof AckRefusal>;

/** A refusal as the workspace reads it: the server's text, and its code when it gave one. */
export interface Refusal {
  reason: string | undefined;
  code: string | undefined;
  retryAfterMs: number | undefined;
}

/**
 * Reads a refusing ack: `(err: string)` as every backend sends it, or the
 * extension object. The text is cut to 500 characters.
 */
export function parseRefusal(err: unknown): Refusal {
  if (typeof err === 'string')
    return {
      reason: err.trim() ? err.slice(0, 500) : undefined,
      code: undefined,
      retryAfterMs: undefined,
    };
  const r = AckRefusal.safeParse(err);
  if (!r.success) return { reason: undefined, code: undefined, retryAfterMs: undefined };
  return {
    reason: r.data.reason?.trim() ? r.data.reason.slice(0, 500) : undefined,
    code: r.data.code,
    retryAfterMs: r.data.retryAfterMs,
  };
}

// ---------------------------------------------------------------- layout (§4)

const cellIndex = z.int().check(z.nonnegative());

export const TilePlacement = z.looseObject({
  x: z.optional(cellIndex),
  y: z.optional(cellIndex),
  columns: z.optional(cellIndex),
  rows: z.optional(cellIndex),
});
export type TilePlacement = z.infer<typeof TilePlacement>;

const Grid = z.looseObject({
  columns: z.int().check(z.positive(), z.lte(24)),
  rows: z.int().check(z.positive(), z.lte(48)),
  gap: z.optional(z.number().check(z.nonnegative(), z.lte(64))),
});

const Background = z.looseObject({
  color: z.optional(z.string().check(z.maxLength(64))),
  imageUrl: z.optional(z.string().check(z.maxLength(2048))),
});

/** The `config` frame as it is on the wire (the reference endpoint stores this). */
export const LayoutConfig = z.looseObject({
  grid: Grid,
  tiles: z.record(nonEmpty(), TilePlacement),
  background: z.optional(Background),
});
export type LayoutConfig = z.infer<typeof LayoutConfig>;

/** At most this many tiles in one layout. */
export const MAX_LAYOUT_TILES = 64;

/**
 * A layout as the workspace holds it: the tiles in a `Map` in key order, so a
 * tile called `__proto__` or `constructor` is just a tile (a plain record
 * would lose or mistake it).
 */
export interface Layout {
  grid: { columns: number; rows: number; gap?: number | undefined };
  tiles: ReadonlyMap<string, TilePlacement>;
  background?: { color?: string | undefined; imageUrl?: string | undefined } | undefined;
}

const LayoutFrame = z.looseObject({
  grid: Grid,
  tiles: z.custom<object>((v) => typeof v === 'object' && v !== null && !Array.isArray(v)),
  background: z.optional(Background),
});

// ---------------------------------------------------------------- messages (§5)

export const MESSAGE_SOURCES = ['user', 'bot', 'agent'] as const;
export type MessageSource = (typeof MESSAGE_SOURCES)[number];

export const Message = z.looseObject({
  _id: nonEmpty(512),
  source: z.enum(MESSAGE_SOURCES),
  /** any length on the wire; more than {@link MAX_MESSAGE_TEXT} is shortened, visibly, never dropped */
  text: z.optional(z.string()),
  data: z.optional(z.unknown()),
  createdAt: z.optional(z.union([z.string(), z.number()])),
  /** extension: the clientMessageId of the agent reply this message echoes */
  clientMessageId: z.optional(z.string()),
  /**
   * extension (voice): `false` marks an interim speech-to-text hypothesis; a
   * later message with the same `_id` (or naming it in `replaces`) takes its
   * place. Absent or `true`: final, as every message was before.
   */
  final: z.optional(z.boolean()),
  /** extension (voice): the `_id` of the interim message this one takes the place of */
  replaces: z.optional(nonEmpty(512)),
});
export type Message = z.infer<typeof Message>;

export const ATTACHMENT_TYPES = ['image', 'audio', 'video', 'file'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** An attachment of a message (`data._cognigy._defaultPreview.attachments[]`), as shown. */
export interface Attachment {
  type: AttachmentType;
  name: string | undefined;
}

const Attachments = z.looseObject({
  _cognigy: z.looseObject({
    _defaultPreview: z.looseObject({
      attachments: z.array(
        z.looseObject({ type: z.optional(z.unknown()), name: z.optional(z.unknown()) }),
      ),
    }),
  }),
});

/** The attachments a message's `data` names (anything unusual is a `file`); [] when none. */
export function attachmentsOf(data: unknown): Attachment[] {
  const r = Attachments.safeParse(data);
  if (!r.success) return [];
  return r.data._cognigy._defaultPreview.attachments.map(({ type, name }) => ({
    type: (ATTACHMENT_TYPES as readonly unknown[]).includes(type)
      ? (type as AttachmentType)
      : 'file',
    name: typeof name === 'string' ? name.slice(0, 200) : undefined,
  }));
}

/** The longest message text the workspace keeps; a longer one is shortened, and says by how much. */
export const MAX_MESSAGE_TEXT = 100_000;

/**
 * A transcript message as the workspace holds it: the wire message,
 * attachments read once, and how many characters of its text were cut
 * (`truncated`) when it was longer than {@link MAX_MESSAGE_TEXT}.
 */
export type TranscriptMessage = Message & {
  attachments?: readonly Attachment[];
  truncated?: number;
};

const Toggle = z.looseObject({ enabled: z.boolean() });

/**
 * Transcript tile data. `messages` is checked item by item (see
 * {@link parseTileUpdate}) so one bad message does not drop its neighbours.
 */
export const TranscriptData = z.looseObject({
  messages: z.optional(z.array(z.unknown())),
  chatInput: z.optional(Toggle),
  redaction: z.optional(Toggle),
});

export interface TranscriptTileData {
  messages: TranscriptMessage[];
  chatInput?: { enabled: boolean };
  redaction?: { enabled: boolean };
}

// ---------------------------------------------------------------- tile updates (§5)

export const TileUpdateFrame = z.looseObject({
  id: nonEmpty(),
  version: z.number().check(z.refine(Number.isFinite, 'version must be a finite number')),
  type: nonEmpty(64),
  data: z.optional(z.unknown()),
});

export type TranscriptTileUpdate = {
  id: string;
  version: number;
  type: 'transcript';
  data: TranscriptTileData;
};
export type OtherTileUpdate = { id: string; version: number; type: string; data: unknown };
/** A validated tile update. `transcript` data is fully typed; other types are typed by their renderers. */
export type TileUpdate = TranscriptTileUpdate | OtherTileUpdate;

export function isTranscriptUpdate(u: TileUpdate): u is TranscriptTileUpdate {
  return u.type === 'transcript';
}

// ---------------------------------------------------------------- tile views (§5)

/**
 * What a tile's latest version renders as: its (same-version merged) data
 * parsed once, here, into a typed view. Elements render views and never look
 * inside `unknown`; the only raw values left are `metadata` and
 * `sendTileData`, which are posted to the tile as they came.
 */
export type TileView =
  | { kind: 'html'; html: string; metadata: unknown; suggestion: string | undefined }
  | { kind: 'iframe'; url: string; metadata: unknown }
  | { kind: 'card'; card: AdaptiveCardJson }
  /** a handoff brief (extension, docs/PROTOCOL.md §5.9); `html`: what a build without the brief renderer shows */
  | { kind: 'brief'; brief: Brief; html: string }
  /** a wrap-up draft (extension, docs/PROTOCOL.md §5.10) */
  | { kind: 'wrap-up'; draft: WrapUpDraft }
  | { kind: 'empty' }
  | { kind: 'invalid'; type: string; problem: TileProblem }
  | { kind: 'unknown'; type: string };

/** A handoff brief's limits (docs/PROTOCOL.md §5.9). */
export const MAX_BRIEF_SENTENCES = 30;
export const MAX_BRIEF_TEXT = 1000;
export const MAX_BRIEF_CITES = 12;

export const BRIEF_TOPICS = ['reason', 'done', 'verified', 'escalation', 'mood', 'open'] as const;

/** One sentence of a brief: its text and the transcript messages (`_id`) it comes from. */
export const BriefSentence = z.strictObject({
  text: z.string().check(z.minLength(1), z.maxLength(MAX_BRIEF_TEXT)),
  cites: z.optional(z.array(nonEmpty(512)).check(z.maxLength(MAX_BRIEF_CITES))),
  /** what the sentence is about: why the customer came, what was done, verified, why it escalated, the mood, the open question */
  topic: z.optional(z.enum(BRIEF_TOPICS)),
});

/**
 * Extension (docs/PROTOCOL.md §5.9): the `brief` an `html` tile's data may
 * carry. Sentences, or a `url` to fetch them from (a context-summary URL), or
 * both. Text only: never markup.
 */
export const Brief = z
  .strictObject({
    title: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    sentences: z.optional(z.array(BriefSentence).check(z.maxLength(MAX_BRIEF_SENTENCES))),
    url: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  })
  .check(
    z.refine(
      (b) => (b.sentences?.length ?? 0) > 0 || b.url !== undefined,
      'a brief needs sentences or a url',
    ),
  );
export type Brief = z.infer<typeof Brief>;
export type BriefSentence = z.infer<typeof BriefSentence>;

/** What a brief's `url` answers: the sentences (and a title). */
export const BriefDocument = z.strictObject({
  title: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  sentences: z.array(BriefSentence).check(z.minLength(1), z.maxLength(MAX_BRIEF_SENTENCES)),
});
export type BriefDocument = z.infer<typeof BriefDocument>;

/** A wrap-up draft's limits (docs/PROTOCOL.md §5.10). */
export const MAX_WRAP_UP_SUMMARY = 4000;
export const MAX_WRAP_UP_CODES = 3;

/**
 * Extension (docs/PROTOCOL.md §5.10): the `wrapUp` an `html` tile's data may
 * carry: a draft after-call summary (as cited sentences, like a brief's, or
 * plain `summary` text), and up to three predicted wrap-up codes.
 */
export const WrapUpDraft = z
  .strictObject({
    summary: z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_WRAP_UP_SUMMARY))),
    sentences: z.optional(z.array(BriefSentence).check(z.maxLength(MAX_BRIEF_SENTENCES))),
    codes: z.optional(
      z
        .array(
          z.strictObject({
            code: nonEmpty(64),
            label: z.string().check(z.minLength(1), z.maxLength(200)),
            confidence: z.number().check(z.gte(0), z.lte(1)),
          }),
        )
        .check(z.maxLength(MAX_WRAP_UP_CODES)),
    ),
    /** the top code is preselected only when its confidence is at least this */
    preselectAbove: z.optional(z.number().check(z.gte(0), z.lte(1))),
    /** drafted without a model (the reference endpoint's demo drafts): said on screen */
    demo: z.optional(z.boolean()),
  })
  .check(
    z.refine(
      (d) => d.summary !== undefined || (d.sentences?.length ?? 0) > 0,
      'a draft needs a summary or sentences',
    ),
  );
export type WrapUpDraft = z.infer<typeof WrapUpDraft>;

/** `html` tile data (after same-version merging). */
export const HtmlTileData = z.looseObject({
  html: z.string().check(z.maxLength(1_000_000)),
  metadata: z.optional(z.unknown()),
  /** extension: a suggested reply; the tile header then offers Copy and Insert into reply */
  suggestion: z.optional(z.string().check(z.maxLength(10_000))),
  /** extension: a handoff brief (§5.9); `html` is then what a workspace without it shows */
  brief: z.optional(z.unknown()),
  /** extension: a wrap-up draft (§5.10); likewise */
  wrapUp: z.optional(z.unknown()),
});

/** `iframe` tile data. The URL's scheme is checked where it is rendered. */
export const IframeTileData = z.looseObject({
  url: z.string().check(z.maxLength(4096)),
  metadata: z.optional(z.unknown()),
});

/** `card` tile data: an Adaptive Card; the SDK validates the rest. */
export const CardTileData = z.looseObject({
  type: z.literal('AdaptiveCard'),
  version: z.optional(z.string()),
  body: z.optional(z.array(z.unknown())),
  actions: z.optional(z.array(z.unknown())),
});
export type AdaptiveCardJson = z.infer<typeof CardTileData>;

/** Parses a tile version's data into what it renders as (see {@link TileView}). */
export function parseTileView(type: string, data: unknown): TileView {
  if (data === undefined || data === null) return { kind: 'empty' };
  switch (type) {
    case 'html': {
      // a brief may come without html (a workspace that ignores briefs shows the html)
      const raw = data as { brief?: unknown; wrapUp?: unknown; html?: unknown };
      if (raw.wrapUp !== undefined && raw.wrapUp !== null) {
        const d = WrapUpDraft.safeParse(raw.wrapUp);
        return d.success
          ? { kind: 'wrap-up', draft: d.data }
          : { kind: 'invalid', type, problem: { code: 'wrap-up-invalid' } };
      }
      if (raw.brief !== undefined && raw.brief !== null) {
        const b = Brief.safeParse(raw.brief);
        return b.success
          ? { kind: 'brief', brief: b.data, html: typeof raw.html === 'string' ? raw.html : '' }
          : { kind: 'invalid', type, problem: { code: 'brief-invalid' } };
      }
      const r = HtmlTileData.safeParse(data);
      if (!r.success) return { kind: 'invalid', type, problem: { code: 'html-not-text' } };
      // nothing to show is the one empty state (no Copy, Insert or feedback over a blank body)
      if (!r.data.html.trim()) return { kind: 'empty' };
      return {
        kind: 'html',
        html: r.data.html,
        metadata: r.data.metadata,
        suggestion: r.data.suggestion?.trim() ? r.data.suggestion : undefined,
      };
    }
    case 'iframe': {
      const r = IframeTileData.safeParse(data);
      if (!r.success) return { kind: 'invalid', type, problem: { code: 'url-not-text' } };
      const u = tileUrl(r.data.url);
      return u.ok
        ? { kind: 'iframe', url: u.url.href, metadata: r.data.metadata }
        : { kind: 'invalid', type, problem: u.problem };
    }
    case 'card': {
      const r = CardTileData.safeParse(data);
      return r.success
        ? { kind: 'card', card: r.data }
        : { kind: 'invalid', type, problem: { code: 'not-a-card' } };
    }
    default:
      return { kind: 'unknown', type };
  }
}

// ---------------------------------------------------------------- client → server

export const SendMessagePayload = z.object({
  source: z.literal('agent'),
  text: z.string().check(z.minLength(1), z.maxLength(10_000)),
  clientMessageId: z.optional(nonEmpty(128)),
});
export type SendMessagePayload = z.infer<typeof SendMessagePayload>;

/** Extension: the ack of `sendMessage` is `(err: string | null)`. */
export const SendMessageAck = z.nullable(z.string());

export const POSTBACK_SENDERS = ['tile', 'workspace'] as const;
export type PostbackSender = (typeof POSTBACK_SENDERS)[number];

export const PostbackPayload = z.object({
  userId: nonEmpty(),
  sessionId: nonEmpty(),
  URLToken: nonEmpty(),
  id: z.optional(nonEmpty()),
  action: z.unknown(),
  /**
   * extension: the tile the postback came from, stamped by the workspace (the
   * frame or card it arrived from; never what a tile claims)
   */
  tileId: z.optional(nonEmpty()),
  /**
   * extension: who sent it: `tile` (a tile's own content: SDK.postback, a card
   * action) or `workspace` (the workspace's own controls: suggestion feedback
   * and used). A tile can never send a `workspace` postback.
   */
  sender: z.optional(z.enum(POSTBACK_SENDERS)),
});
export type PostbackPayload = z.infer<typeof PostbackPayload>;

// ---------------------------------------------------------------- parsing helpers

export type Parsed<T> = { ok: true; value: T; problems: string[] } | { ok: false; problem: string };

function describe(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

/** A layout as the wire has it again (tile ids as own keys, `__proto__` included). */
export function layoutToWire(layout: Layout): LayoutConfig {
  const wire: LayoutConfig = { grid: { ...layout.grid }, tiles: Object.fromEntries(layout.tiles) };
  if (layout.background) wire.background = { ...layout.background };
  return wire;
}

export function parseLayout(raw: unknown): Parsed<Layout> {
  const r = LayoutFrame.safeParse(raw);
  if (!r.success) return { ok: false, problem: describe(r.error) };
  // the tiles' own keys, read as data (Object.entries never consults the prototype)
  const entries = Object.entries(r.data.tiles);
  if (entries.length > MAX_LAYOUT_TILES)
    return { ok: false, problem: `tiles: at most ${MAX_LAYOUT_TILES} tiles` };
  const tiles = new Map<string, TilePlacement>();
  for (const [id, placement] of entries) {
    const p = TilePlacement.safeParse(placement);
    if (id.length === 0 || id.length > 256)
      return { ok: false, problem: 'tiles: a tile id is empty or too long' };
    if (!p.success) return { ok: false, problem: `tiles: ${describe(p.error)}` };
    tiles.set(id, p.data);
  }
  const { grid, background } = r.data;
  const layout: Layout = { grid: { columns: grid.columns, rows: grid.rows, gap: grid.gap }, tiles };
  if (background) layout.background = { color: background.color, imageUrl: background.imageUrl };
  return { ok: true, value: layout, problems: [] };
}

/**
 * Validates a raw `tileUpdate`. A frame whose envelope is broken is rejected;
 * inside a transcript update, single malformed messages are dropped and listed
 * in `problems` while the rest of the frame is kept.
 */
export function parseTileUpdate(raw: unknown): Parsed<TileUpdate> {
  const base = TileUpdateFrame.safeParse(raw);
  if (!base.success) return { ok: false, problem: describe(base.error) };
  const { id, version, type, data } = base.data;
  if (type !== 'transcript') return { ok: true, value: { id, version, type, data }, problems: [] };

  const td = TranscriptData.safeParse(data ?? {});
  if (!td.success) return { ok: false, problem: describe(td.error) };
  const problems: string[] = [];
  const messages: TranscriptMessage[] = [];
  for (const [i, raw] of (td.data.messages ?? []).entries()) {
    const r = Message.safeParse(raw);
    if (!r.success) {
      problems.push(`messages.${i}: ${describe(r.error)}`);
      continue;
    }
    const m: TranscriptMessage = r.data;
    const attachments = attachmentsOf(m.data);
    if (attachments.length > 0) m.attachments = attachments;
    if (m.text !== undefined && m.text.length > MAX_MESSAGE_TEXT) {
      m.truncated = m.text.length - MAX_MESSAGE_TEXT;
      m.text = m.text.slice(0, MAX_MESSAGE_TEXT);
    }
    messages.push(m);
  }
  const value: TranscriptTileData = { messages };
  if (td.data.chatInput) value.chatInput = { enabled: td.data.chatInput.enabled };
  if (td.data.redaction) value.redaction = { enabled: td.data.redaction.enabled };
  return { ok: true, value: { id, version, type: 'transcript', data: value }, problems };
}
