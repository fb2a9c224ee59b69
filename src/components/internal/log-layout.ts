import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';

/** How far (a share of the height) the placed end may drift from the estimate before it is dropped. */
const DRIFT = 0.05;

/**
 * The virtualizer's flow layout, for a log that follows its newest message.
 *
 * The flow layout estimates the log's height as (rows) × (average measured
 * row). Each appended row, once measured, moves that average, and at 10,000
 * rows a change of 1 % moves the estimated end by thousands of pixels. A log
 * pinned to its newest row then has every row moved on each message (a style
 * recalculation of all of them and a scroll correction), and when the scroll
 * position lies past the new estimated end the flow layout gives up on the
 * range: every row is taken out of the DOM and put back in the next frame.
 *
 * This layout keeps the end where the rows on screen put it: while the newest
 * row is placed (or the log is pinned to it), the height is the end of the
 * last placed row plus an estimate for rows not placed yet, so an appended
 * row moves nothing but the scroll position, by its own height. Reading far
 * back, the flow layout's estimate stands. And should a pinned position still
 * lie past the end, the range starts from the end instead of from nothing.
 *
 * Relies on the flow layout's protected and public members of
 * @lit-labs/virtualizer 2.1.1 (package.json pins that version; the transcript
 * tests keep it honest).
 */
export class LogLayout extends FlowLayout {
  override _updateScrollSize(): void {
    super._updateScrollSize();
    const last = this._last;
    const placed = last >= 0 ? this._getPhysicalItem(last) : undefined;
    if (!placed || (this._pin === null && last !== this.items.length - 1)) return;
    const size = this._getSize(last) ?? placed.size;
    const after = this.items.length - 1 - last;
    const end = placed.pos + size + after * this._delta;
    // far from the estimate (the rows were first placed with the layout's
    // default 100 px a row, or the average has moved a lot since): take the
    // estimate once, so the height stays true to the conversation
    if (Math.abs(end - this._scrollSize) <= Math.max(this._viewDim1, this._scrollSize * DRIFT)) {
      this._scrollSize = Math.max(1, end);
    }
  }

  override _getItems(): void {
    if (this._pin !== null) {
      const end = Math.max(0, this._scrollSize - this._viewDim1);
      if (this._scrollPosition > end) {
        this._scrollError += this._scrollPosition - end;
        this._scrollPosition = end;
      }
    }
    super._getItems();
  }
}
