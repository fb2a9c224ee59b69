/**
 * One fix to @lit-labs/virtualizer 2.1.1 (the newest release): its
 * `_positionChildren` looks each row up through the `_children` getter, which
 * walks every row of the range: a range of k rows costs k² steps each time it
 * is placed. Flinging a long transcript places 50–75 rows many times a second,
 * and on this project's bench machine that walk was most of the long tasks
 * (65 of 300 fling steps over 50 ms; 3 with this fix).
 *
 * This replaces the method on one virtualizer with the same placement done
 * after a single walk. It relies on that release's private members, and it
 * replaces the method only when the method is the one it was written for:
 * the properties it touches (the `.name` accesses of its source, which
 * minifiers keep) must be exactly those of 2.1.1's. Any other version, or a
 * method that does one thing more, is left alone, and
 * {@link positionsInOnePass} says so (tests check both). The k² walk is
 * reported upstream-ready in docs/virtualizer-k2-placement.md.
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

/** The properties 2.1.1's `_positionChildren` reads and writes, sorted. */
export const POSITION_CHILDREN_FINGERPRINT = [
  '_children',
  '_first',
  'boxSizing',
  'forEach',
  'height',
  'left',
  'position',
  'style',
  'top',
  'transform',
  'width',
].join(' ');

/** The sorted, distinct `.name` property accesses of a function's source. */
export function fingerprintOf(fn: (...args: never[]) => unknown): string {
  const names = new Set([...fn.toString().matchAll(/\.\s*([A-Za-z_$][\w$]*)/g)].map((m) => m[1]));
  return [...names].sort().join(' ');
}

/** Has `virtualizer` been given the one-walk placement? */
export const positionsInOnePass = (virtualizer: object): boolean => patched.has(virtualizer);

/** Gives `virtualizer` the one-walk placement (once; a no-op on another version). */
export function placeInOnePass(virtualizer: object): void {
  if (patched.has(virtualizer)) return;
  const v = virtualizer as VirtualizerInternals;
  if (typeof v._positionChildren !== 'function' || !('_children' in v)) return;
  if (fingerprintOf(v._positionChildren) !== POSITION_CHILDREN_FINGERPRINT) return;
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
