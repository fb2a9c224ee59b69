import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How far from the bottom still counts as "at the bottom", px. */
export const STICK_THRESHOLD = 48;

/**
 * Keeps a scrolling log at its newest end while the reader is there, and
 * counts what arrives while they read back ("N new messages"):
 *
 * - a log that follows stays at the bottom through new items and through any
 *   change of size (of the scroller or of its content: rows that settle their
 *   height, a tile that is resized);
 * - only a move up by the reader stops following (a layout change that leaves
 *   the log short of the bottom does not); reaching the bottom resumes it;
 * - items that arrive while not following are counted in {@link unseen}.
 *
 * The host tells it how many items it shows ({@link itemsChanged}); the
 * scroller and the content are found after each update, so they may be
 * re-rendered freely.
 */
export class FollowBottomController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #scroller: () => HTMLElement | null;
  readonly #content: () => Element | null;
  #following = true;
  #unseen = 0;
  #count: number | undefined;
  #lastTop = 0;
  #watchedScroller: HTMLElement | null = null;
  #watchedContent: Element | null = null;
  readonly #resize = new ResizeObserver(() => this.#stickIfFollowing());
  /**
   * A pinned log's scroll events only say "back at the bottom": they come many
   * a frame while rows render, so the position is read once per frame. (An
   * unpinned log reads it at once: a move up must stop following before the
   * next item arrives.)
   */
  #scrollCheck = 0;
  readonly #onScroll = () => {
    if (!this.#pinned) return this.#scrolled();
    this.#scrollCheck ||= requestAnimationFrame(() => {
      this.#scrollCheck = 0;
      this.#scrolled();
    });
  };
  /** a log that keeps itself at the bottom (a virtualizer pinned to its last item) */
  readonly #pinned: boolean;

  /**
   * `pinned`: the log keeps itself at its newest end while following (a
   * virtualizer's pin): this controller then never scrolls it, and the host
   * says when the reader moved away ({@link release}, on the virtualizer's
   * `unpinned`), because the log's own corrections also scroll.
   */
  constructor(
    host: ReactiveControllerHost,
    scroller: () => HTMLElement | null,
    content: () => Element | null,
    { pinned = false }: { pinned?: boolean } = {},
  ) {
    this.#host = host;
    this.#scroller = scroller;
    this.#content = content;
    this.#pinned = pinned;
    host.addController(this);
  }

  /** The reader moved away from the newest end (a pinned log's host says so). */
  release(): void {
    if (!this.#following) return;
    this.#following = false;
    this.#host.requestUpdate();
  }

  /** Items that arrived while the reader was scrolled up. */
  get unseen(): number {
    return this.#unseen;
  }

  /** Is the log following its newest end? */
  get following(): boolean {
    return this.#following;
  }

  /** The host now shows `count` items: those beyond the last count are new. */
  itemsChanged(count: number): void {
    const grew = this.#count === undefined ? 0 : Math.max(0, count - this.#count);
    this.#count = count;
    if (!this.#following && grew > 0) {
      this.#unseen += grew;
      this.#host.requestUpdate();
    }
  }

  /** Scrolls to the newest item and follows again (the "N new messages" button, the agent's own reply). */
  follow(): void {
    this.#following = true;
    this.#setUnseen(0);
    this.#stickIfFollowing();
    this.#host.requestUpdate(); // a pinned log pins again as it renders
  }

  hostConnected(): void {
    // back in the document: watch again what was watched
    const scroller = this.#watchedScroller;
    const content = this.#watchedContent;
    this.#watchedScroller = null;
    this.#watchedContent = null;
    if (scroller) this.#watch(scroller, content);
  }

  hostUpdated(): void {
    this.#watch(this.#scroller(), this.#content());
    this.#stickIfFollowing();
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.#scrollCheck);
    this.#scrollCheck = 0;
    this.#resize.disconnect();
    this.#watchedScroller?.removeEventListener('scroll', this.#onScroll);
  }

  #watch(scroller: HTMLElement | null, content: Element | null): void {
    if (scroller !== this.#watchedScroller) {
      if (this.#watchedScroller) {
        this.#watchedScroller.removeEventListener('scroll', this.#onScroll);
        this.#resize.unobserve(this.#watchedScroller);
      }
      if (scroller) {
        scroller.addEventListener('scroll', this.#onScroll, { passive: true });
        this.#resize.observe(scroller);
      }
      this.#watchedScroller = scroller;
    }
    if (content !== this.#watchedContent) {
      if (this.#watchedContent) this.#resize.unobserve(this.#watchedContent);
      if (content) this.#resize.observe(content);
      this.#watchedContent = content;
    }
  }

  #stickIfFollowing(): void {
    const el = this.#watchedScroller;
    if (!this.#following || !el || this.#pinned) return;
    el.scrollTop = el.scrollHeight;
    this.#lastTop = el.scrollTop; // where we put it: a move up from here is the reader's
  }

  #scrolled(): void {
    const el = this.#watchedScroller;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= STICK_THRESHOLD;
    // Only a move up means "the reader is reading back": a layout change that
    // leaves the log short of the bottom must not stop following.
    if (atBottom && !this.#following) {
      this.#following = true;
      this.#host.requestUpdate();
    } else if (!atBottom && !this.#pinned && el.scrollTop < this.#lastTop) this.#following = false;
    this.#lastTop = el.scrollTop;
    if (atBottom) this.#setUnseen(0);
  }

  #setUnseen(n: number): void {
    if (n === this.#unseen) return;
    this.#unseen = n;
    this.#host.requestUpdate();
  }
}
