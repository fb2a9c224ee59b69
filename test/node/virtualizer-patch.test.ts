// The one fix over @lit-labs/virtualizer 2.1.1 (src/components/internal/virtualizer-patch.ts)
// applies only to the method it was written for: in the installed package, in
// the built (minified) single script, and never to a method that differs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  POSITION_CHILDREN_FINGERPRINT,
  fingerprintOf,
  placeInOnePass,
  positionsInOnePass,
} from '../../src/components/internal/virtualizer-patch.js';
import { repoRoot } from '../support/endpoint-process.js';

/** The text of the method definition `name(arg) {…}` in `source`, braces balanced. */
function methodSource(source: string, name: string): string {
  const start = new RegExp(`${name}\\(\\w+\\)\\s*\\{`).exec(source)?.index ?? -1;
  assert.ok(start >= 0, `${name} is defined in the source`);
  let depth = 0;
  for (let i = source.indexOf('{', start); i < source.length; i++) {
    if (source[i] === '{') depth += 1;
    if (source[i] === '}' && --depth === 0) return source.slice(start, i + 1);
  }
  throw new Error('unbalanced');
}

const fingerprintOfSource = (text: string) =>
  fingerprintOf({ toString: () => text } as unknown as () => void);

test('the installed virtualizer’s _positionChildren is the one the fix was written for', () => {
  const pkg = readFileSync(`${repoRoot}node_modules/@lit-labs/virtualizer/Virtualizer.js`, 'utf8');
  assert.equal(
    fingerprintOfSource(methodSource(pkg, '_positionChildren')),
    POSITION_CHILDREN_FINGERPRINT,
  );
});

test('the built single script keeps the method recognisable (minified)', () => {
  const bundle = readFileSync(`${repoRoot}dist/acw-workspace.js`, 'utf8');
  assert.equal(
    fingerprintOfSource(methodSource(bundle, '_positionChildren')),
    POSITION_CHILDREN_FINGERPRINT,
  );
});

test('a _positionChildren that does anything else is left alone', () => {
  const original = {
    _first: 0,
    _children: [] as HTMLElement[],
    _positionChildren(pos: Map<number, { top: number; left: number }> | undefined) {
      pos?.forEach(({ top, left }, index) => {
        const child = this._children[index - this._first];
        if (child) {
          child.style.position = 'absolute';
          child.style.boxSizing = 'border-box';
          child.style.transform = `translate(${left}px, ${top}px)`;
          child.style.width = child.style.height = child.style.left = child.style.top = '';
        }
      });
    },
  };
  const same = { ...original };
  placeInOnePass(same);
  assert.equal(positionsInOnePass(same), true, 'the same property accesses: patched');
  assert.notEqual(same._positionChildren, original._positionChildren);

  const more = {
    ...original,
    _positionChildren(pos: Map<number, { top: number; left: number }> | undefined) {
      original._positionChildren.call(this, pos);
      pos?.forEach((_, index) => {
        const child = this._children[index - this._first];
        if (child) child.style.zIndex = '1'; // a later release placing something more
      });
    },
  };
  const method = more._positionChildren;
  placeInOnePass(more);
  assert.equal(positionsInOnePass(more), false);
  assert.equal(more._positionChildren, method, 'not replaced');
});
