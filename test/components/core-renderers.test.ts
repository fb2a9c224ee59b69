// The core entry (src/core.ts) without the optional renderers (cards, brief, wrap-up pane):
// this file, in a page of its own, imports neither acw-brief-tile nor acw-wrap-up-pane.
import { expect, fixture, html } from '@open-wc/testing';
import type { AcwWorkspace } from '../../src/components/acw-workspace.js';
import '../../src/core.js';
import type { AcwGrid } from '../../src/components/acw-grid.js';
import type { CopilotConnectionOptions } from '../../src/transport/copilot-connection.js';
import { FakeConnection } from '../support/fake-connection.js';

describe('the core without the brief and wrap-up renderers', () => {
  it('shows a brief’s html in its place, and offers no Wrap up', async () => {
    expect(customElements.get('acw-brief-tile')).to.equal(undefined);
    let conn!: FakeConnection;
    const el = await fixture<AcwWorkspace>(
      html`<acw-workspace
        style="display: block; block-size: 500px"
        endpoint="http://127.0.0.1:9"
        .search=${'?userId=u&sessionId=s&URLToken=t'}
        .connectionFactory=${(o: CopilotConnectionOptions) => (conn = new FakeConnection(o))}
      ></acw-workspace>`,
    );
    conn.goLive();
    conn.emit('config', {
      grid: { columns: 2, rows: 1 },
      tiles: new Map([
        ['transcript', { x: 1, y: 1 }],
        ['handoff', { x: 2, y: 1 }],
      ]),
    });
    conn.emit('tileUpdate', {
      id: 'transcript',
      version: 1,
      type: 'transcript',
      data: { messages: [], chatInput: { enabled: true } },
    });
    conn.emit('tileUpdate', {
      id: 'handoff',
      version: 1,
      type: 'html',
      data: { html: '<p>Brief as html</p>', brief: { sentences: [{ text: 'A sentence.' }] } },
    });
    await el.updateComplete;
    const grid = el.shadowRoot?.querySelector('acw-grid') as AcwGrid;
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
