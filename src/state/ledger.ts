/**
 * The suggestion ledger (docs/PROTOCOL.md §5.8, extension): what happened to
 * every suggestion version. The workspace reports facts as ledger events
 * (ids, times and figures, never text), batched in a postback
 * `{ type: 'ledger', events }`; a backend folds them into one row per
 * version with {@link mergeLedger}. Events are idempotent: a batch sent twice
 * (a drop before the ack, a reload) changes nothing, so the ledger is exact.
 *
 * Pure: the workspace uses the event types and {@link replyMatch}; the
 * reference endpoint and the QA console use the rest.
 */
import * as z from 'zod/mini';

/** How long after an Insert the agent's replies are checked for the inserted text, ms. */
export const LEDGER_SEND_WINDOW_MS = 300_000;
/** A suggestion is seen once at least this share of it was visible … */
export const LEDGER_SEEN_RATIO = 0.5;
/** … for at least this long, ms. */
export const LEDGER_SEEN_MS = 1000;
/** A reply at least this similar to the inserted text (and not containing it) is the text, edited. */
export const LEDGER_EDITED_MIN = 0.5;
/** At most this many events per postback. */
export const LEDGER_BATCH_MAX = 50;

export type InsertedWhere = 'page' | 'genesys' | 'host' | 'reply-box';

/** One fact about one suggestion version. `at`: ms since the epoch. */
export type LedgerEvent = { tileId: string; version: number } & (
  | { kind: 'seen'; at: number }
  /** `ms`: how long it was visible in all during page view `view` (cumulative; the largest counts) */
  | { kind: 'visible'; view: string; ms: number }
  | { kind: 'copied'; at: number }
  | { kind: 'inserted'; at: number; where: InsertedWhere }
  | { kind: 'dismissed'; at: number }
  | { kind: 'judged'; at: number; value: 'up' | 'down' }
  /** after an Insert: `as-is`, `edited` (with `similarity`, 0–1) or `not-sent` within the window */
  | { kind: 'sent'; at: number; how: 'as-is' | 'edited' | 'not-sent'; similarity?: number }
);

export type LedgerKind = LedgerEvent['kind'];

/** The fate of one suggestion version. Times are ms since the epoch. */
export interface LedgerRow {
  tileId: string;
  version: number;
  seenAt?: number;
  /** visible in all, ms (summed over page views) */
  visibleMs: number;
  copiedAt?: number;
  insertedAt?: number;
  insertedWhere?: InsertedWhere;
  dismissedAt?: number;
  judged?: 'up' | 'down';
  judgedAt?: number;
  sent?: 'as-is' | 'edited' | 'not-sent';
  /** how much of the inserted text the reply kept, 0–1 (1 as is) */
  similarity?: number;
  sentAt?: number;
  /** from seen to the first Copy or Insert, ms */
  seenToUseMs?: number;
}

/** One row per version, keyed `tileId␟version`, with the page views' visible times. */
export interface Ledger {
  rows: Map<string, LedgerRow>;
  /** per row key, per page view: the largest cumulative visible time reported */
  views: Map<string, Map<string, number>>;
}

export const emptyLedger = (): Ledger => ({ rows: new Map(), views: new Map() });

export const ledgerKey = (tileId: string, version: number): string => `${tileId}\u241f${version}`;

/** Is `at` earlier than the time already kept (or is none kept)? */
const earlier = (at: number, kept: number | undefined): boolean => kept === undefined || at < kept;

/** Where each kind of event (but `visible`) keeps the time of its earliest. */
const FIRST_AT = {
  seen: 'seenAt',
  copied: 'copiedAt',
  inserted: 'insertedAt',
  dismissed: 'dismissedAt',
  judged: 'judgedAt',
  sent: 'sentAt',
} as const satisfies Record<Exclude<LedgerKind, 'visible'>, keyof LedgerRow>;

/**
 * Folds events into the ledger: of each kind per version the EARLIEST counts
 * (with what it carries), but `visible`, which keeps the largest figure per
 * page view and sums the views. So the fold does not depend on the order
 * batches arrive in, and a batch that arrives twice changes nothing: the
 * ledger is exact across drops, retries and reloads. Returns the same ledger.
 */
export function mergeLedger(ledger: Ledger, events: readonly LedgerEvent[]): Ledger {
  for (const e of events) {
    const key = ledgerKey(e.tileId, e.version);
    let row = ledger.rows.get(key);
    if (!row) {
      row = { tileId: e.tileId, version: e.version, visibleMs: 0 };
      ledger.rows.set(key, row);
    }
    if (e.kind === 'visible') {
      let views = ledger.views.get(key);
      if (!views) ledger.views.set(key, (views = new Map()));
      views.set(e.view, Math.max(views.get(e.view) ?? 0, e.ms));
      row.visibleMs = [...views.values()].reduce((a, b) => a + b, 0);
    } else if (earlier(e.at, row[FIRST_AT[e.kind]])) {
      // the earliest of its kind: its time, and what it carries
      row[FIRST_AT[e.kind]] = e.at;
      if (e.kind === 'inserted') row.insertedWhere = e.where;
      else if (e.kind === 'judged') row.judged = e.value;
      else if (e.kind === 'sent') {
        row.sent = e.how;
        if (e.similarity !== undefined) row.similarity = e.similarity;
        else delete row.similarity;
      }
    }
    const used = Math.min(row.copiedAt ?? Infinity, row.insertedAt ?? Infinity);
    if (row.seenAt !== undefined && used !== Infinity)
      row.seenToUseMs = Math.max(0, used - row.seenAt);
    else delete row.seenToUseMs;
  }
  return ledger;
}

export interface LedgerTotals {
  /** versions seen */
  shown: number;
  /** copied or inserted */
  used: number;
  sentAsIs: number;
  edited: number;
  notSent: number;
  dismissed: number;
  up: number;
  down: number;
  /** median time from seen to use, ms (none when nothing seen was used) */
  medianTimeToUseMs?: number;
}

export function ledgerTotals(rows: Iterable<LedgerRow>): LedgerTotals {
  const t: LedgerTotals = {
    shown: 0,
    used: 0,
    sentAsIs: 0,
    edited: 0,
    notSent: 0,
    dismissed: 0,
    up: 0,
    down: 0,
  };
  const toUse: number[] = [];
  for (const r of rows) {
    if (r.seenAt !== undefined) t.shown += 1;
    if (r.copiedAt !== undefined || r.insertedAt !== undefined) t.used += 1;
    if (r.sent === 'as-is') t.sentAsIs += 1;
    if (r.sent === 'edited') t.edited += 1;
    if (r.sent === 'not-sent') t.notSent += 1;
    if (r.dismissedAt !== undefined) t.dismissed += 1;
    if (r.judged === 'up') t.up += 1;
    if (r.judged === 'down') t.down += 1;
    if (r.seenToUseMs !== undefined) toUse.push(r.seenToUseMs);
  }
  if (toUse.length) {
    toUse.sort((a, b) => a - b);
    const mid = toUse.length >> 1;
    t.medianTimeToUseMs =
      toUse.length % 2 ? (toUse[mid] ?? 0) : ((toUse[mid - 1] ?? 0) + (toUse[mid] ?? 0)) / 2;
  }
  return t;
}

/** The text, compared: lower case, spacing and punctuation folded. */
const fold = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/**
 * How much of `inserted` the reply kept: 1 when the reply contains it (spacing,
 * case and punctuation aside), else the share of its character pairs found
 * in the reply (Dice coefficient, 0–1, two decimals).
 */
export function replyMatch(inserted: string, reply: string): number {
  const a = fold(inserted);
  const b = fold(reply);
  if (!a) return 0;
  if (b.includes(a)) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  let common = 0;
  let total = 0;
  for (const [g, n] of x) {
    common += Math.min(n, y.get(g) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total ? Math.round((200 * common) / total) / 100 : 0;
}

const CSV_COLUMNS = [
  'tileId',
  'version',
  'seenAt',
  'visibleMs',
  'copiedAt',
  'insertedAt',
  'insertedWhere',
  'dismissedAt',
  'judged',
  'judgedAt',
  'sent',
  'similarity',
  'sentAt',
  'seenToUseMs',
] as const;

/** The rows as CSV (RFC 4180; times as ISO 8601; a cell that starts like a formula is quoted with '). */
export function ledgerCsv(rows: Iterable<LedgerRow>): string {
  const cell = (v: unknown): string => {
    if (v === undefined) return '';
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const time = (v: number | undefined) => (v === undefined ? undefined : new Date(v).toISOString());
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      CSV_COLUMNS.map((c) =>
        cell(c.endsWith('At') ? time(r[c as keyof LedgerRow] as number | undefined) : r[c]),
      ).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------- the batch, as a backend reads it

const ledgerId = () => z.string().check(z.minLength(1), z.maxLength(256));
/** ms since the epoch */
const ledgerAt = () => z.number().check(z.nonnegative());
/** one fact: the version's id and version, its kind and what that kind carries, nothing else */
const ledgerFact = <K extends string, S extends z.core.$ZodLooseShape>(kind: K, shape: S) =>
  z.strictObject({
    tileId: ledgerId(),
    version: z.int().check(z.gte(0), z.lte(2 ** 31)),
    kind: z.literal(kind),
    ...shape,
  });

/**
 * The `action` of a ledger postback (docs/PROTOCOL.md §5.8), for a backend to
 * check before it folds: `{ type: 'ledger', events }`, 1 to
 * {@link LEDGER_BATCH_MAX} events, each exactly a {@link LedgerEvent}. Strict:
 * an unknown field (text, say) refuses the batch, so nothing but ids, times
 * and figures is ever kept. Built inside a pure call so that a bundle which
 * does not use it (the workspace) drops it.
 */
export const LedgerAction = /* @__PURE__ */ (() =>
  z.strictObject({
    type: z.literal('ledger'),
    events: z
      .array(
        z.discriminatedUnion('kind', [
          ledgerFact('seen', { at: ledgerAt() }),
          ledgerFact('visible', {
            view: z.string().check(z.minLength(1), z.maxLength(64)),
            ms: z.int().check(z.gte(0), z.lte(86_400_000)),
          }),
          ledgerFact('copied', { at: ledgerAt() }),
          ledgerFact('inserted', {
            at: ledgerAt(),
            where: z.enum(['page', 'genesys', 'host', 'reply-box']),
          }),
          ledgerFact('dismissed', { at: ledgerAt() }),
          ledgerFact('judged', { at: ledgerAt(), value: z.enum(['up', 'down']) }),
          ledgerFact('sent', {
            at: ledgerAt(),
            how: z.enum(['as-is', 'edited', 'not-sent']),
            similarity: z.exactOptional(z.number().check(z.gte(0), z.lte(1))),
          }),
        ]),
      )
      .check(z.minLength(1), z.maxLength(LEDGER_BATCH_MAX)),
  }))();
export type LedgerAction = z.infer<typeof LedgerAction>;

/** Compile time only: tsc fails here when the schema and {@link LedgerEvent} drift apart. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type LedgerActionMatchesLedgerEvent = Holds<
  Same<LedgerAction['events'][number], LedgerEvent>
>;
