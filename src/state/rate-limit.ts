/**
 * A sliding-window limit per key: at most `max` events in any `windowMs`.
 * Keys are data (a Map), so any tile id is fine.
 */
export class RateLimit {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #seen = new Map<string, number[]>();

  constructor(max: number, windowMs: number, now: () => number = () => Date.now()) {
    this.#max = max;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** Takes one event for `key` if the limit allows it; false when it does not. */
  take(key: string): boolean {
    const now = this.#now();
    const recent = (this.#seen.get(key) ?? []).filter((t) => now - t < this.#windowMs);
    if (recent.length >= this.#max) {
      this.#seen.set(key, recent);
      return false;
    }
    recent.push(now);
    this.#seen.set(key, recent);
    return true;
  }
}
