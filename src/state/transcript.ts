/**
 * One transcript tile's messages, as an immutable value whose append costs
 * O(1) amortised in the length of the conversation.
 *
 * Snapshots share one append-only log and differ only in how much of it they
 * see (`length`). Appending to the newest snapshot pushes onto the shared log;
 * appending to an older one (a branch: rare, tests do it) copies first, so no
 * snapshot ever sees a message it did not have. Dedupe by `_id` is a map
 * lookup, never a scan.
 */
import type { TranscriptMessage } from '../transport/protocol.js';
import { maskCardNumbers } from './redaction.js';

class Log {
  readonly items: TranscriptMessage[] = [];
  /** `_id` (and the ids an item replaced) → index in `items` */
  readonly index = new Map<string, number>();
  /** clientMessageIds of agent messages (echoes of replies) → index */
  readonly replies = new Map<string, number>();
  /** indices of interim messages that became final, in the order they did (for announcements) */
  readonly finalized: number[] = [];

  push(m: TranscriptMessage): void {
    const i = this.items.length;
    this.items.push(m);
    this.index.set(m._id, i);
    if (m.clientMessageId !== undefined) this.replies.set(m.clientMessageId, i);
  }

  /** Puts `m` in the place of the interim message at `i` (voice: a hypothesis revised or made final). */
  replace(i: number, m: TranscriptMessage): void {
    this.items[i] = m;
    this.index.set(m._id, i);
    if (m.final !== false) this.finalized.push(i);
  }

  static of(messages: readonly TranscriptMessage[]): Log {
    const log = new Log();
    for (const m of messages) log.push(m);
    return log;
  }
}

function maskMessage(m: TranscriptMessage): TranscriptMessage {
  if (m.text === undefined) return m;
  const text = maskCardNumbers(m.text);
  return text === m.text ? m : { ...m, text };
}

export class Transcript {
  static readonly empty = new Transcript(new Log(), 0, false, false, 0);

  readonly #log: Log;
  /** how many messages of the log this snapshot has */
  readonly length: number;
  /** the reply box is shown (header "Chat") */
  readonly chatInput: boolean;
  /** the second line of defence masks card numbers that arrive in clear */
  readonly redaction: boolean;
  /** how many interim messages of the log had become final when this snapshot was taken */
  readonly #finals: number;

  private constructor(
    log: Log,
    length: number,
    chatInput: boolean,
    redaction: boolean,
    finals: number,
  ) {
    this.#log = log;
    this.length = length;
    this.chatInput = chatInput;
    this.redaction = redaction;
    this.#finals = finals;
  }

  /** A transcript of `messages` (deduped, masked when `redaction` is on). */
  static of(
    messages: readonly TranscriptMessage[],
    toggles: { chatInput?: boolean; redaction?: boolean } = {},
  ): Transcript {
    return Transcript.empty.append(messages, toggles).transcript;
  }

  /**
   * The messages, oldest first, without a copy when this is the newest
   * snapshot (the shared log, read-only by contract); a copy otherwise.
   */
  get items(): readonly TranscriptMessage[] {
    return this.#log.items.length === this.length ? this.#log.items : this.toArray();
  }

  at(i: number): TranscriptMessage | undefined {
    return i >= 0 && i < this.length ? this.#log.items[i] : undefined;
  }

  has(id: string): boolean {
    return this.indexOf(id) >= 0;
  }

  /** Where the message `_id` (or a message it replaced) is, or -1: a map lookup. */
  indexOf(id: string): number {
    const i = this.#log.index.get(id);
    return i !== undefined && i < this.length ? i : -1;
  }

  /** Has an agent message echoed the reply with this clientMessageId? */
  echoes(clientMessageId: string): boolean {
    const i = this.#log.replies.get(clientMessageId);
    return i !== undefined && i < this.length;
  }

  /** The messages, oldest first (a copy: O(n), for tests and exports, never per update). */
  toArray(): TranscriptMessage[] {
    return this.#log.items.slice(0, this.length);
  }

  /**
   * The messages in a range, oldest first (`start` inclusive, `end` exclusive),
   * without copying the whole conversation.
   */
  slice(start: number, end = this.length): TranscriptMessage[] {
    return this.#log.items.slice(Math.max(0, start), Math.min(end, this.length));
  }

  /**
   * Interim messages that became final after `previous` was taken (voice),
   * as they are now; [] when `previous` is not an earlier snapshot of this log.
   */
  finalizedSince(previous: Transcript): TranscriptMessage[] {
    if (previous.#log !== this.#log) return [];
    return this.#log.finalized
      .slice(previous.#finals, this.#finals)
      .filter((i) => i < this.length)
      .map((i) => this.#log.items[i] as TranscriptMessage);
  }

  /**
   * A transcript with `messages` appended (those whose `_id` it already has
   * are skipped), and the toggles the update names. Returns the messages
   * really added, as stored (masked when redaction is on).
   *
   * Voice (extension): a message whose `_id`, or whose `replaces`, names an
   * interim message (`final: false`) takes that message's place instead of
   * being added. Interim text is not history: the replacement shows in every
   * snapshot that has the message (they share the log).
   */
  append(
    messages: readonly TranscriptMessage[],
    toggles: { chatInput?: boolean | undefined; redaction?: boolean | undefined } = {},
  ): { transcript: Transcript; added: TranscriptMessage[] } {
    const chatInput = toggles.chatInput ?? this.chatInput;
    const redaction = toggles.redaction ?? this.redaction;
    let log = this.#log;
    if (redaction && !this.redaction && this.length > 0) {
      // switched on later: earlier messages are masked too (a new log; rare)
      log = Log.of(this.toArray().map(maskMessage));
    }
    const added: TranscriptMessage[] = [];
    let length = this.length;
    let replaced = false;
    for (const m of messages) {
      const interim = this.#interimAt(log, m, length);
      if (interim !== undefined) {
        log.replace(interim, redaction ? maskMessage(m) : m);
        replaced = true;
        continue;
      }
      if (this.#seen(log, m._id, length)) continue;
      if (log === this.#log && log.items.length !== length) log = Log.of(this.toArray()); // a branch
      const stored = redaction ? maskMessage(m) : m;
      log.push(stored);
      length += 1;
      added.push(stored);
    }
    if (log === this.#log && length === this.length && chatInput === this.chatInput && !replaced) {
      if (redaction === this.redaction) return { transcript: this, added };
    }
    const finals = log.finalized.length;
    return { transcript: new Transcript(log, length, chatInput, redaction, finals), added };
  }

  /** Where the interim message `m` takes the place of is, if any (by `replaces`, else by `_id`). */
  #interimAt(log: Log, m: TranscriptMessage, length: number): number | undefined {
    for (const id of m.replaces === undefined ? [m._id] : [m.replaces, m._id]) {
      const i = log.index.get(id);
      if (i !== undefined && i < length && log.items[i]?.final === false) return i;
    }
    return undefined;
  }

  #seen(log: Log, id: string, length: number): boolean {
    const i = log.index.get(id);
    return i !== undefined && i < length;
  }
}
