import { expect } from '@open-wc/testing';
import { parseTileView } from '../../src/transport/protocol.js';
import {
  type CompleteTileUpdate,
  MAX_TILE_VERSIONS,
  TileVersions,
} from '../../src/transport/tile-versions.js';
import { initialState, latestVersion, reduce } from '../../src/state/reduce.js';

const update = (id: string, version: number, type: string, data: unknown) => ({
  id,
  version,
  type,
  data,
});

describe('tile versions at the edge (docs/PROTOCOL.md §5.2)', () => {
  it('a frame for a version the tile has merges into it, shallowly; its view is of the merged data', () => {
    const edge = new TileVersions();
    edge.deliver(update('t', 1, 'html', { html: '<p>a</p>', metadata: { n: 1 } }));
    const merged = edge.deliver(update('t', 1, 'html', { suggestion: 'Say hi' }));
    expect(merged.data).to.deep.equal({
      html: '<p>a</p>',
      metadata: { n: 1 },
      suggestion: 'Say hi',
    });
    expect((merged as CompleteTileUpdate).view).to.deep.equal(parseTileView('html', merged.data));
    expect((merged as CompleteTileUpdate).view).to.include({ kind: 'html', suggestion: 'Say hi' });
  });

  it('non-object data replaces; a frame without data keeps what the version had', () => {
    const edge = new TileVersions();
    edge.deliver(update('t', 1, 'x', 'one'));
    expect(edge.deliver(update('t', 1, 'x', 'two')).data).to.equal('two');
    expect(edge.deliver(update('t', 1, 'x', undefined)).data).to.equal('two');
  });

  it('ids are data: a tile called __proto__ merges like any other', () => {
    const edge = new TileVersions();
    edge.deliver(update('__proto__', 1, 'html', { html: 'a' }));
    expect(edge.deliver(update('__proto__', 1, 'html', { metadata: 1 })).data).to.deep.equal({
      html: 'a',
      metadata: 1,
    });
  });

  it('keeps the newest MAX_TILE_VERSIONS versions of a tile to merge into', () => {
    const edge = new TileVersions();
    for (let v = 1; v <= MAX_TILE_VERSIONS + 1; v++) edge.deliver(update('t', v, 'x', { v }));
    // version 1 is gone: a late frame for it is a version of its own again
    expect(edge.deliver(update('t', 1, 'x', { late: true })).data).to.deep.equal({ late: true });
    // version 2 is kept
    expect(edge.deliver(update('t', 2, 'x', { late: true })).data).to.deep.equal({
      v: 2,
      late: true,
    });
  });

  it('sendTileData is data for a tile, never merged or parsed; a transcript passes as it is', () => {
    const edge = new TileVersions();
    const a = edge.deliver(update('t', 1, 'sendTileData', { a: 1 }));
    const b = edge.deliver(update('t', 1, 'sendTileData', { b: 2 }));
    expect(b.data).to.deep.equal({ b: 2 });
    expect((a as CompleteTileUpdate).view).to.deep.equal({ kind: 'empty' });
    const t = { id: 'transcript', version: 1, type: 'transcript' as const, data: { messages: [] } };
    expect(edge.deliver(t)).to.equal(t);
  });

  it('the state stores the version the edge delivered, its view included: parsed once, not again', () => {
    const delivered = new TileVersions().deliver(update('t', 1, 'html', { html: '<p>a</p>' }));
    const s = reduce(initialState, { type: 'tileUpdate', update: delivered });
    expect(latestVersion(s.tiles.get('t'))?.view).to.equal((delivered as CompleteTileUpdate).view);
  });
});
