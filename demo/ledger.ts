/**
 * The reference endpoint's side of the suggestion ledger (docs/PROTOCOL.md
 * §5.8): which postbacks are ledger batches, and the fold of their events
 * into a session's ledger, bounded. The ledger itself is never stored: it is
 * folded again from the journaled postbacks when a session loads, so it
 * survives restarts exactly as the postbacks do.
 */
import {
  type Ledger,
  LedgerAction,
  type LedgerEvent,
  ledgerKey,
  mergeLedger,
} from '../src/state/ledger.js';

/**
 * At most this many rows (suggestion versions) per session: events about a
 * version beyond them are ignored (the batch is still taken). A real
 * conversation shows tens of suggestions; this only stops one client from
 * growing a session's memory, its QA table and its export without end.
 */
export const MAX_LEDGER_ROWS = 2_000;

/**
 * At most this many page views per row whose visible times are kept (a page
 * view is one load of the workspace); the time of further views is ignored.
 */
export const MAX_LEDGER_VIEWS = 64;

/**
 * What a postback is to the ledger: not a ledger batch (`none`), a batch whose
 * events are to be folded (`batch`), or one to refuse (`refused`, with the
 * ack's text): it claims to be a batch (`action.type` is `'ledger'`) but does
 * not match the schema, or it does not come from the workspace itself (§5.8:
 * no `id`, no `tileId`, `sender: 'workspace'`), so a tile cannot forge facts.
 */
export type LedgerPostback =
  { kind: 'none' } | { kind: 'batch'; events: LedgerEvent[] } | { kind: 'refused'; reason: string };

export const LEDGER_MALFORMED = 'The ledger batch is malformed.';
export const LEDGER_NOT_WORKSPACE =
  'Only the workspace reports ledger facts (sender workspace, no id, no tileId).';

export function ledgerPostback(payload: unknown): LedgerPostback {
  if (!isObject(payload)) return { kind: 'none' };
  const action = payload.action;
  if (!isObject(action) || action.type !== 'ledger') return { kind: 'none' };
  if (payload.sender !== 'workspace' || payload.tileId !== undefined || payload.id !== undefined)
    return { kind: 'refused', reason: LEDGER_NOT_WORKSPACE };
  const r = LedgerAction.safeParse(action);
  return r.success
    ? { kind: 'batch', events: r.data.events }
    : { kind: 'refused', reason: LEDGER_MALFORMED };
}

/**
 * Folds events into a session's ledger ({@link mergeLedger}: idempotent, any
 * order), ignoring those that would pass {@link MAX_LEDGER_ROWS} rows or
 * {@link MAX_LEDGER_VIEWS} views of a row (the ledger stays as it was: a
 * full session never fails). Returns how many were ignored.
 */
export function foldLedger(ledger: Ledger, events: readonly LedgerEvent[]): number {
  let ignored = 0;
  for (const e of events) {
    const key = ledgerKey(e.tileId, e.version);
    if (!ledger.rows.has(key) && ledger.rows.size >= MAX_LEDGER_ROWS) {
      ignored += 1;
      continue;
    }
    if (e.kind === 'visible') {
      const views = ledger.views.get(key);
      if (views && !views.has(e.view) && views.size >= MAX_LEDGER_VIEWS) {
        ignored += 1;
        continue;
      }
    }
    mergeLedger(ledger, [e]);
  }
  return ignored;
}

/** A name for a download: the session id with anything but letters, digits, `.`, `_` and `-` made `_`. */
export function ledgerFileName(sessionId: string, extension: 'csv' | 'json'): string {
  const safe = sessionId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80) || 'session';
  return `ledger-${safe}.${extension}`;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
