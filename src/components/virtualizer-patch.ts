/**
 * One fix to @lit-labs/virtualizer 2.1.1 (the newest release): its
 * `_positionChildren` looks each row up through the `_children` getter, which
 * walks every row of the range: a range of k rows costs k² steps each time it
 * is placed. Flinging a long transcript places 50–75 rows many times a second,
 * and on this project's bench machine that walk was most of the long tasks
 * (65 of 300 fling steps over 50 ms; 3 with this fix).
 *
 * This replaces the method on one virtualizer with the same placement done
 * after a single walk. It relies on that release's private members; when they
 * are not there (another version), nothing is patched and
 * {@link positionsInOnePass} says so (a test checks it for the installed
 * version).
 */

interface Placement {
  top: number;
  left: number;
  width?: number;
  height?: number;
  xOffset?: number;
  yOffset?: number;
}

/** What the fix touches of a 2.1.1 `Virtualizer`. */
interface VirtualizerInternals {
  _first: number;
  readonly _children: HTMLElement[];
  _positionChildren?: (pos: Map<number, Placement> | undefined) => void;
}

const patched = new WeakSet<object>();

/** Has `virtualizer` been given the one-walk placement? */
export const positionsInOnePass = (virtualizer: object): boolean => patched.has(virtualizer);

/** Gives `virtualizer` the one-walk placement (once; a no-op on another version). */
export function placeInOnePass(virtualizer: object): void {
  if (patched.has(virtualizer)) return;
  const v = virtualizer as VirtualizerInternals;
  if (typeof v._positionChildren !== 'function' || !('_children' in v)) return;
  v._positionChildren = function (this: VirtualizerInternals, pos) {
    if (!pos) return;
    const children = this._children;
    for (const [index, { top, left, width, height, xOffset, yOffset }] of pos) {
      const style = children[index - this._first]?.style;
      if (!style) continue;
      style.position = 'absolute';
      style.boxSizing = 'border-box';
      style.transform = `translate(${left}px, ${top}px)`;
      if (width !== undefined) style.width = `${width}px`;
      if (height !== undefined) style.height = `${height}px`;
      style.left = xOffset === undefined ? '' : `${xOffset}px`;
      style.top = yOffset === undefined ? '' : `${yOffset}px`;
    }
  };
  patched.add(virtualizer);
}
