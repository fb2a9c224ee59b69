import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AcwLedgerEvent } from '../events/events.js';
import { LEDGER_SEEN_MS, LEDGER_SEEN_RATIO } from '../state/ledger.js';

/** This page view, for the ledger's visible times (a reload is a new view: they add up). */
const VIEW = Math.random().toString(36).slice(2, 10);

interface Watched {
  tileId: string;
  version: number | undefined;
  /** is there a suggestion on screen to see (not dismissed, not collapsed)? */
  showing: boolean;
}

/**
 * When the agent has seen a suggestion version (docs/PROTOCOL.md §5.8): the
 * first time at least half of the tile was in view, in a visible page, for
 * {@link LEDGER_SEEN_MS} without a break (`seen`), and how long it was in
 * view in all during this page view (`visible`, cumulative, reported when a
 * stretch ends). A tile that is never on screen is never seen.
 */
export class SeenController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #watched: () => Watched;
  #observer: IntersectionObserver | undefined;
  #inView = false;
  /** the version being timed, when it is in view */
  #since: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** the version the figures below belong to */
  #version: number | undefined;
  #seen = false;
  #visibleMs = 0;
  readonly #onVisibility = () => this.#check();

  constructor(host: ReactiveControllerHost & HTMLElement, watched: () => Watched) {
    this.#host = host;
    this.#watched = watched;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer = new IntersectionObserver(
      (entries) => {
        const last = entries.at(-1);
        if (last) this.#inView = last.isIntersecting && last.intersectionRatio >= LEDGER_SEEN_RATIO;
        this.#check();
      },
      { threshold: [0, LEDGER_SEEN_RATIO] },
    );
    this.#observer.observe(this.#host);
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  hostUpdated(): void {
    this.#check();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#inView = false;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#check();
  }

  #check(): void {
    const w = this.#watched();
    if (w.version !== this.#version) {
      this.#stop();
      this.#version = w.version;
      this.#seen = false;
      this.#visibleMs = 0;
    }
    const visible =
      this.#inView &&
      w.showing &&
      w.version !== undefined &&
      document.visibilityState === 'visible';
    if (visible && this.#since === undefined) this.#start(w);
    else if (!visible) this.#stop();
  }

  #start(w: Watched): void {
    const since = performance.now();
    this.#since = since;
    if (this.#seen) return;
    const at = Date.now();
    this.#timer = setTimeout(() => {
      this.#seen = true;
      this.#report({ kind: 'seen', at, tileId: w.tileId, version: w.version ?? 0 });
    }, LEDGER_SEEN_MS);
  }

  #stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#since === undefined || this.#version === undefined) return;
    this.#visibleMs += Math.round(performance.now() - this.#since);
    this.#since = undefined;
    if (!this.#seen) return; // (a glance shorter than the threshold: nothing seen)
    const { tileId } = this.#watched();
    this.#report({
      kind: 'visible',
      view: VIEW,
      ms: this.#visibleMs,
      tileId,
      version: this.#version,
    });
  }

  #report(fact: AcwLedgerEvent['fact']): void {
    this.#host.dispatchEvent(new AcwLedgerEvent(fact));
  }
}
