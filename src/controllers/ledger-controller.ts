import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CopilotConnectionLike } from '../transport/copilot-connection.js';
import { type TileUpdate, isTranscriptUpdate } from '../transport/protocol.js';
import type { AcwLedgerEvent } from '../events/events.js';
import {
  LEDGER_BATCH_MAX,
  LEDGER_EDITED_MIN,
  LEDGER_SEND_WINDOW_MS,
  type LedgerEvent,
  ledgerKey,
  replyMatch,
} from '../state/ledger.js';

/** How long facts gather before a batch goes out, ms; a failed batch waits this × 5. */
export const LEDGER_FLUSH_MS = 1000;

interface Inserted {
  tileId: string;
  version: number;
  text: string;
  deadline: number;
}

export interface LedgerOptions {
  connection: () => CopilotConnectionLike | undefined;
  /** how long after an Insert the agent's replies are checked, ms */
  sendWindowMs?: () => number;
}

/**
 * The workspace's side of the suggestion ledger (docs/PROTOCOL.md §5.8): it
 * gathers the tiles' facts (seen, visible, copied, inserted, dismissed,
 * judged), decides `sent` for each Insert from the agent's replies that reach
 * the transcript within {@link LEDGER_SEND_WINDOW_MS} (as is, edited with a
 * similarity, or not sent), and posts them in batches (`{ type: 'ledger',
 * events }`). A batch that fails goes again; the backend's fold makes a
 * repeat harmless, so each fact counts once. Only ids, times and figures go
 * out, never text.
 */
export class LedgerController implements ReactiveController {
  readonly #o: LedgerOptions;
  #outbox: LedgerEvent[] = [];
  #sending = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** inserted suggestions waiting for the agent's reply, by version */
  readonly #inserted = new Map<string, Inserted>();
  #expiry: ReturnType<typeof setTimeout> | undefined;
  readonly #onHide = () => {
    if (document.visibilityState === 'hidden') void this.flush();
  };

  constructor(host: ReactiveControllerHost, options: LedgerOptions) {
    this.#o = options;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onHide);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onHide);
    void this.flush();
  }

  /** How many facts wait to be sent. */
  get waiting(): number {
    return this.#outbox.length;
  }

  /** A tile's fact. */
  readonly onFact = (e: AcwLedgerEvent): void => {
    e.stopPropagation();
    const f = e.fact;
    if (f.kind === 'inserted' && e.text) {
      const window = this.#o.sendWindowMs?.() ?? LEDGER_SEND_WINDOW_MS;
      const key = ledgerKey(f.tileId, f.version);
      if (!this.#inserted.has(key))
        this.#inserted.set(key, { ...f, text: e.text, deadline: f.at + window });
      this.#expire();
    }
    this.#add(f);
  };

  /** A tile update arrived: the agent's final replies in it are checked against the inserts. */
  tileUpdate(update: TileUpdate): void {
    if (this.#inserted.size === 0 || !isTranscriptUpdate(update)) return;
    for (const m of update.data.messages ?? []) {
      if (m.source !== 'agent' || m.final === false || !m.text) continue;
      for (const [key, i] of this.#inserted) {
        const similarity = replyMatch(i.text, m.text);
        if (similarity < LEDGER_EDITED_MIN) continue;
        this.#inserted.delete(key);
        const how = similarity === 1 ? 'as-is' : 'edited';
        this.#add({
          tileId: i.tileId,
          version: i.version,
          kind: 'sent',
          at: Date.now(),
          how,
          similarity,
        });
      }
    }
  }

  /** Inserts whose window ended without a reply that has their text: not sent. */
  #expire(): void {
    clearTimeout(this.#expiry);
    const now = Date.now();
    let next = Infinity;
    for (const [key, i] of this.#inserted) {
      if (i.deadline <= now) {
        this.#inserted.delete(key);
        this.#add({ tileId: i.tileId, version: i.version, kind: 'sent', at: now, how: 'not-sent' });
      } else next = Math.min(next, i.deadline);
    }
    if (next !== Infinity) this.#expiry = setTimeout(() => this.#expire(), next - now);
  }

  #add(fact: LedgerEvent): void {
    // (the ledger's schema takes integer versions and a day in view at most: a tile with
    // another version is not on record rather than its whole batch refused)
    if (!Number.isInteger(fact.version) || fact.version < 0 || fact.version > 2 ** 31) return;
    if (fact.kind === 'visible') fact.ms = Math.min(fact.ms, 86_400_000);
    this.#outbox.push(fact);
    this.#schedule(LEDGER_FLUSH_MS);
  }

  #schedule(ms: number): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, ms);
  }

  /** Sends what has gathered, a batch at a time; keeps what did not go. */
  async flush(): Promise<void> {
    const connection = this.#o.connection();
    if (this.#sending || this.#outbox.length === 0) return;
    if (!connection) return this.#schedule(LEDGER_FLUSH_MS * 5);
    const batch = this.#outbox.splice(0, LEDGER_BATCH_MAX);
    this.#sending = true;
    const result = await connection.sendPostback({
      action: { type: 'ledger', events: batch },
      sender: 'workspace',
    });
    this.#sending = false;
    // refused by the server (it read the batch and said no): sending it again changes nothing
    if (!result.ok && result.problem.code !== 'refused') {
      this.#outbox.unshift(...batch);
      return this.#schedule(LEDGER_FLUSH_MS * 5);
    }
    if (this.#outbox.length) this.#schedule(0);
  }
}
