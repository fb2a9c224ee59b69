import { expect } from '@open-wc/testing';
import { tileView } from '../../src/state/tiles.js';

describe('tileView: what a tile version renders as', () => {
  const table: [string, { version: number; type: string; data: unknown }, string][] = [
    [
      'html with html',
      { version: 1, type: 'html', data: { html: '<p>x</p>', metadata: { a: 1 } } },
      'html',
    ],
    [
      'html without html (a metadata-only first version)',
      { version: 1, type: 'html', data: { metadata: {} } },
      'invalid',
    ],
    ['iframe with url', { version: 1, type: 'iframe', data: { url: 'https://x' } }, 'iframe'],
    ['iframe with a numeric url', { version: 1, type: 'iframe', data: { url: 7 } }, 'invalid'],
    ['a card', { version: 1, type: 'card', data: { type: 'AdaptiveCard', body: [] } }, 'card'],
    [
      'a card that is not an AdaptiveCard',
      { version: 1, type: 'card', data: { type: 'Hero' } },
      'invalid',
    ],
    ['no data', { version: 1, type: 'html', data: undefined }, 'empty'],
    ['an unknown type', { version: 1, type: 'chart', data: { x: 1 } }, 'unknown'],
  ];
  for (const [name, version, kind] of table) {
    it(name, () => expect(tileView(version).kind).to.equal(kind));
  }

  it('keeps metadata for html and iframe tiles', () => {
    const v = tileView({ version: 1, type: 'html', data: { html: 'x', metadata: { n: 1 } } });
    expect(v).to.deep.equal({ kind: 'html', html: 'x', metadata: { n: 1 }, suggestion: undefined });
  });
});
