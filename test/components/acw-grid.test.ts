import { TileVersions } from '../../src/transport/tile-versions.js';
import { expect, fixture, html } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { AcwGrid } from '../../src/components/acw-grid.js';
import { tileTitle } from '../../src/components/internal/tile-title.js';
import { workspaceContext } from '../../src/state/context.js';
import { type WorkspaceState, initialState, reduce } from '../../src/state/reduce.js';

/** A grid under a plain element that provides a snapshot, as <acw-workspace> does. */
async function gridWith(state: WorkspaceState) {
  const host = await fixture<HTMLDivElement>(html`<div style="block-size: 400px"></div>`);
  new ContextProvider(host, { context: workspaceContext, initialValue: state });
  const grid = document.createElement('acw-grid');
  host.append(grid);
  await grid.updateComplete;
  return grid;
}

describe('<acw-grid>', () => {
  it('is defined', () => {
    expect(customElements.get('acw-grid')).to.equal(AcwGrid);
  });

  it('titles tiles from their ids', () => {
    expect(tileTitle('next-action')).to.equal('Next action');
    expect(tileTitle('customerIdentity')).to.equal('Customer identity');
    expect(tileTitle('knowledge_base')).to.equal('Knowledge base');
  });

  it('renders tiles in the key order of the layout', async () => {
    const state = reduce(initialState, {
      type: 'config',
      layout: {
        grid: { columns: 1, rows: 3 },
        tiles: new Map([
          ['c', {}],
          ['a', {}],
          ['b', {}],
        ]),
      },
    });
    const grid = await gridWith(state);
    const ids = [...(grid.shadowRoot?.querySelectorAll('[tile-id]') ?? [])].map((t) =>
      t.getAttribute('tile-id'),
    );
    expect(ids).to.deep.equal(['c', 'a', 'b']);
  });

  it('without the card module (a core build), says so for card tiles instead of failing', async () => {
    expect(customElements.get('acw-card-tile')).to.equal(undefined);
    let state = reduce(initialState, {
      type: 'config',
      layout: { grid: { columns: 1, rows: 1 }, tiles: new Map([['refund', {}]]) },
    });
    state = reduce(state, {
      type: 'tileUpdate',
      update: new TileVersions().deliver({
        id: 'refund',
        version: 1,
        type: 'card',
        data: { type: 'AdaptiveCard', body: [] },
      }),
    });
    const grid = await gridWith(state);
    const tile = grid.shadowRoot?.querySelector('acw-placeholder-tile');
    expect(tile?.shadowRoot?.textContent).to.include('does not include the Adaptive Card renderer');
    await expect(grid).to.be.accessible();
  });

  it('shows a waiting placeholder for a tile that only got sendTileData', async () => {
    let state = reduce(initialState, {
      type: 'config',
      layout: { grid: { columns: 1, rows: 1 }, tiles: new Map([['k', {}]]) },
    });
    state = reduce(state, {
      type: 'tileUpdate',
      update: new TileVersions().deliver({
        id: 'k',
        version: 1,
        type: 'sendTileData',
        data: { x: 1 },
      }),
    });
    const grid = await gridWith(state);
    const tile = grid.shadowRoot?.querySelector('acw-placeholder-tile');
    expect(tile?.shadowRoot?.textContent).to.include('Waiting for this tile’s content.');
  });

  it('draws the layout background image without a referrer, and only http(s) images', async () => {
    const layout = (imageUrl: string) =>
      reduce(initialState, {
        type: 'config',
        layout: {
          grid: { columns: 1, rows: 1 },
          tiles: new Map(),
          background: { color: 'rgb(1, 2, 3)', imageUrl },
        },
      });
    const grid = await gridWith(layout('https://cdn.example.com/bg.png'));
    const img = grid.shadowRoot?.querySelector<HTMLImageElement>('.backdrop img');
    expect(img?.src).to.equal('https://cdn.example.com/bg.png');
    expect(img?.referrerPolicy).to.equal('no-referrer');
    expect(img?.alt).to.equal('');
    // no CSS url(): its request would carry the page URL as Referer
    const styled = [...(grid.shadowRoot?.querySelectorAll<HTMLElement>('*') ?? [])];
    expect(styled.some((e) => e.style.backgroundImage !== '')).to.equal(false);
    const backdrop = grid.shadowRoot?.querySelector<HTMLElement>('.backdrop');
    expect(backdrop?.style.backgroundColor).to.equal('rgb(1, 2, 3)');

    const refused = await gridWith(layout('javascript:alert(1)'));
    expect(refused.shadowRoot?.querySelector('.backdrop img')).to.equal(null);
  });
});
