// A workspace in the page, joined through a FakeConnection, with its layout and
// transcript: what the component tests of the grid's renderers start from.
import { fixture, html } from '@open-wc/testing';
import type { AcwWorkspace } from '../../src/components/acw-workspace.js';
import type { AcwGrid } from '../../src/components/acw-grid.js';
import type { CopilotConnectionOptions } from '../../src/transport/copilot-connection.js';
import type { Message } from '../../src/transport/protocol.js';
import { FakeConnection } from './fake-connection.js';

export interface LiveWorkspace {
  el: AcwWorkspace;
  conn: FakeConnection;
  grid: () => AcwGrid;
}

/**
 * `<acw-workspace>` (its elements must be imported by the test) sized by
 * `style`, live, with `tiles` (id → column) in a one-row grid and the
 * transcript tile holding `messages`, its reply box on.
 */
export async function liveWorkspace(
  style: string,
  tiles: readonly string[],
  messages: readonly Message[],
): Promise<LiveWorkspace> {
  let conn!: FakeConnection;
  const el = await fixture<AcwWorkspace>(
    html`<acw-workspace
      style=${style}
      endpoint="http://127.0.0.1:9"
      .search=${'?userId=u&sessionId=s&URLToken=t'}
      .connectionFactory=${(o: CopilotConnectionOptions) => (conn = new FakeConnection(o))}
    ></acw-workspace>`,
  );
  conn.goLive();
  conn.emit('config', {
    grid: { columns: tiles.length, rows: 1 },
    tiles: new Map(tiles.map((id, i) => [id, { x: i + 1, y: 1 }])),
  });
  conn.emit('tileUpdate', {
    id: 'transcript',
    version: 1,
    type: 'transcript',
    data: { messages: [...messages], chatInput: { enabled: true } },
  });
  const grid = () => el.shadowRoot?.querySelector('acw-grid') as AcwGrid;
  return { el, conn, grid };
}
