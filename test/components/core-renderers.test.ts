// The core entry (src/core.ts) without the optional renderers (cards, brief, wrap-up pane):
// this file, in a page of its own, imports neither acw-brief-tile nor acw-wrap-up-pane.
import { expect } from '@open-wc/testing';
import '../../src/core.js';
import { liveWorkspace } from '../support/live-workspace.js';

describe('the core without the brief and wrap-up renderers', () => {
  it('shows a brief’s html in its place, and offers no Wrap up', async () => {
    expect(customElements.get('acw-brief-tile')).to.equal(undefined);
    const w = await liveWorkspace(
      'display: block; block-size: 500px',
      ['transcript', 'handoff'],
      [],
    );
    const { el, conn } = w;
    conn.emit('tileUpdate', {
      id: 'handoff',
      version: 1,
      type: 'html',
      data: { html: '<p>Brief as html</p>', brief: { sentences: [{ text: 'A sentence.' }] } },
    });
    await el.updateComplete;
    const grid = w.grid();
    await grid.updateComplete;
    const tile = grid.shadowRoot?.querySelector('.grid acw-html-tile') as HTMLElement & {
      html: string;
    };
    expect(tile?.html).to.equal('<p>Brief as html</p>');
    expect(grid.shadowRoot?.querySelector('.pinned')?.hasAttribute('hidden')).to.equal(true);
    const transcript = grid.shadowRoot?.querySelector('acw-transcript-tile');
    const labels = [...(transcript?.shadowRoot?.querySelectorAll('.head button') ?? [])].map((b) =>
      b.textContent?.trim(),
    );
    expect(labels).not.to.include('Wrap up');
  });
});
