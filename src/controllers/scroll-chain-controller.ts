import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How close to its end a log counts as at its end, px (a following log sits a pixel or two short). */
const AT_END = 3;

/** The nearest ancestor (across shadow roots) that scrolls vertically, if any. */
function scrollingAncestor(el: Element): HTMLElement | undefined {
  let n: Element | null = el;
  for (;;) {
    n = n.parentElement ?? ((n.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
    if (!n || n === document.documentElement) return undefined;
    const y = getComputedStyle(n).overflowY;
    if ((y === 'auto' || y === 'scroll') && n instanceof HTMLElement) return n;
  }
}

/**
 * A wheel over a log at its end goes on to the page around it, as scroll
 * chaining would: a log that follows its newest message sits a pixel or two
 * short of its end (the virtualizer places rows at fractional offsets), so the
 * browser latches every wheel gesture onto the log and the panel around it
 * (a narrow Genesys Script, where the tiles stack in one scrolling column) can
 * never be scrolled past the chat. The listener exists only while there is a
 * scrolling ancestor (none in the wide grid: nothing there to chain to, and no
 * non-passive wheel listener to slow a fling).
 */
export class ScrollChainController implements ReactiveController {
  readonly #scroller: () => HTMLElement | null;
  #watched: HTMLElement | null = null;
  #outer: HTMLElement | undefined;

  constructor(host: ReactiveControllerHost, scroller: () => HTMLElement | null) {
    this.#scroller = scroller;
    host.addController(this);
  }

  readonly #onWheel = (e: WheelEvent): void => {
    const log = this.#watched;
    const outer = this.#outer;
    if (!log || !outer || e.deltaY === 0 || e.ctrlKey) return;
    const toEnd = log.scrollHeight - log.clientHeight - log.scrollTop;
    const atEnd = e.deltaY > 0 ? toEnd <= AT_END : log.scrollTop <= 0;
    if (!atEnd) return;
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? outer.clientHeight : 1;
    const before = outer.scrollTop;
    outer.scrollBy({ top: e.deltaY * unit });
    if (outer.scrollTop !== before) e.preventDefault(); // it went on: the log keeps still
  };

  /**
   * Where the log sits decides whether a scrolling ancestor is there: read
   * when the log is first laid out and when its size changes (a resize can
   * switch the grid between its wide and its narrow, scrolling layout), in the
   * observer's callback, after layout. Not on every render: reading the
   * ancestors' computed style there forced a style pass per appended message.
   */
  readonly #resize = new ResizeObserver(() => this.#findOuter());

  hostUpdated(): void {
    const log = this.#scroller();
    if (log === this.#watched) return;
    if (this.#watched) this.#resize.unobserve(this.#watched);
    this.#watched?.removeEventListener('wheel', this.#onWheel);
    this.#watched = log;
    this.#outer = undefined;
    if (log) this.#resize.observe(log); // (its first callback comes after the log's first layout)
  }

  #findOuter(): void {
    const log = this.#watched;
    const outer = log ? scrollingAncestor(log) : undefined;
    if (!log || outer === this.#outer) return;
    this.#outer = outer;
    if (outer) log.addEventListener('wheel', this.#onWheel, { passive: false });
    else log.removeEventListener('wheel', this.#onWheel);
  }

  hostDisconnected(): void {
    this.#resize.disconnect();
    this.#watched?.removeEventListener('wheel', this.#onWheel);
    this.#watched = null;
    this.#outer = undefined;
  }
}
