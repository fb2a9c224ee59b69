import { expect } from '@open-wc/testing';
import {
  type Action,
  type WorkspaceState,
  DEFAULT_LAYOUT,
  MAX_TILE_VERSIONS,
  initialState,
  latestVersion,
  nextConnection,
  insertTarget,
  pinnedTiles,
  reduce,
  unknownTileIds,
} from '../../src/state/reduce.js';
import type { StatusEvent } from '../../src/transport/copilot-connection.js';
import {
  type Message,
  type TileUpdate,
  type TranscriptTileUpdate,
  parseTileView,
} from '../../src/transport/protocol.js';
import { TileVersions } from '../../src/transport/tile-versions.js';

/** An action with its tile update as it comes off the wire (run() delivers it as the connection does). */
type RawAction =
  Exclude<Action, { type: 'tileUpdate' }> | { type: 'tileUpdate'; update: TileUpdate };

/** The actions through the connection's edge (one per run: transport/tile-versions.ts) and the reducer. */
const run = (actions: RawAction[], from: WorkspaceState = initialState) => {
  const edge = new TileVersions();
  return actions
    .map((a): Action => (a.type === 'tileUpdate' ? { ...a, update: edge.deliver(a.update) } : a))
    .reduce(reduce, from);
};
const msg = (id: string, source: Message['source'] = 'user', text = id): Message => ({
  _id: id,
  source,
  text,
});
const transcript = (messages: Message[], extra: Record<string, unknown> = {}): Action => ({
  type: 'tileUpdate',
  update: {
    id: 'transcript',
    version: 1,
    type: 'transcript',
    data: { messages, ...extra },
  } as TranscriptTileUpdate,
});
const tile = (id: string, version: number, type: string, data: unknown): RawAction => ({
  type: 'tileUpdate',
  update: { id, version, type, data },
});
const status = (...events: StatusEvent[]): Action[] =>
  events.map((s) => ({ type: 'status', status: s }));

describe('reduce: connection status machine (docs/PROTOCOL.md §10)', () => {
  const table: [string, StatusEvent[], string, boolean][] = [
    ['first connect in progress', [{ type: 'connecting' }], 'connecting', false],
    ['socket up, join sent', [{ type: 'connecting' }, { type: 'joining' }], 'joining', false],
    ['joined', [{ type: 'connecting' }, { type: 'joining' }, { type: 'joined' }], 'live', true],
    [
      'first connect fails',
      [{ type: 'connecting' }, { type: 'connect-failed', code: 'unreachable' }],
      'failed',
      false,
    ],
    [
      'join refused',
      [{ type: 'joining' }, { type: 'join-refused', server: 'nope' }],
      'join-refused',
      false,
    ],
    [
      'drop after live',
      [{ type: 'joined' }, { type: 'disconnected', reason: 'transport close' }],
      'reconnecting',
      true,
    ],
    [
      'connect errors while reconnecting stay reconnecting',
      [
        { type: 'joined' },
        { type: 'disconnected', reason: 't' },
        { type: 'connect-failed', code: 'unreachable' },
      ],
      'reconnecting',
      true,
    ],
    [
      'socket back, rejoin pending is still reconnecting',
      [{ type: 'joined' }, { type: 'disconnected', reason: 't' }, { type: 'joining' }],
      'reconnecting',
      true,
    ],
    [
      'rejoined',
      [
        { type: 'joined' },
        { type: 'disconnected', reason: 't' },
        { type: 'joining' },
        { type: 'joined' },
      ],
      'live',
      true,
    ],
    [
      'retry after failure',
      [{ type: 'connect-failed', code: 'unreachable' }, { type: 'connecting' }],
      'connecting',
      false,
    ],
    ['closed', [{ type: 'joined' }, { type: 'closed' }], 'closed', true],
  ];
  for (const [name, events, phase, everLive] of table) {
    it(name, () => {
      const s = run(status(...events));
      expect(s.connection.phase).to.equal(phase);
      expect(s.connection.everLive).to.equal(everLive);
    });
  }

  it('keeps why a join was refused or a connect failed: a code and the server’s own words', () => {
    expect(
      nextConnection(initialState.connection, {
        type: 'join-refused',
        code: 'token-expired',
        server: 'session not found',
      }),
    ).to.deep.equal({
      phase: 'join-refused',
      everLive: false,
      code: 'token-expired',
      server: 'session not found',
    });
    expect(
      nextConnection(initialState.connection, { type: 'connect-failed', code: 'unreachable' }),
    ).to.deep.equal({ phase: 'failed', everLive: false, code: 'unreachable' });
  });

  it('names invalid parameters', () => {
    const s = reduce(initialState, {
      type: 'params-invalid',
      problems: [{ param: 'userId', problem: 'missing' }],
    });
    expect(s.connection.phase).to.equal('invalid-params');
    expect(s.connection.problems?.[0]?.param).to.equal('userId');
  });
});

describe('reduce: layout (docs/PROTOCOL.md §4)', () => {
  it('starts with the default layout holding the transcript tile', () => {
    expect(initialState.layout).to.equal(DEFAULT_LAYOUT);
    expect([...initialState.layout.tiles.keys()]).to.deep.equal(['transcript']);
    expect(initialState.layoutFromServer).to.equal(false);
  });

  it('replaces the whole layout on config', () => {
    const layout = {
      grid: { columns: 3, rows: 8, gap: 4 },
      tiles: new Map([['a', { x: 1, y: 1 }]]),
    };
    const s = reduce(initialState, { type: 'config', layout });
    expect(s.layout).to.equal(layout);
    expect(s.layoutFromServer).to.equal(true);
  });

  it('lists ids that have updates but no place, in first-seen order', () => {
    const s = run([
      { type: 'config', layout: { grid: { columns: 1, rows: 1 }, tiles: new Map([['a', {}]]) } },
      tile('zeta', 1, 'html', {}),
      tile('a', 1, 'html', {}),
      tile('beta', 1, 'sendTileData', {}),
      transcript([msg('m1')]),
    ]);
    expect(unknownTileIds(s)).to.deep.equal(['zeta', 'transcript', 'beta']);
  });
});

describe('reduce: tile versions (docs/PROTOCOL.md §5)', () => {
  const table: [string, RawAction[], { version: number; type: string; data: unknown }, number][] = [
    [
      'first version',
      [tile('t', 1, 'html', { html: 'a' })],
      { version: 1, type: 'html', data: { html: 'a' } },
      1,
    ],
    [
      'new version appends and renders',
      [tile('t', 1, 'html', { html: 'a' }), tile('t', 2, 'iframe', { url: 'https://x' })],
      { version: 2, type: 'iframe', data: { url: 'https://x' } },
      2,
    ],
    [
      'same version shallow-merges data',
      [
        tile('t', 1, 'html', { html: 'a', metadata: { n: 1 } }),
        tile('t', 1, 'html', { metadata: { n: 2 } }),
      ],
      { version: 1, type: 'html', data: { html: 'a', metadata: { n: 2 } } },
      1,
    ],
    [
      'an older version arriving late does not render',
      [tile('t', 5, 'html', { html: 'new' }), tile('t', 3, 'html', { html: 'old' })],
      { version: 5, type: 'html', data: { html: 'new' } },
      2,
    ],
    [
      'a replayed version is idempotent',
      [tile('t', 2, 'card', { a: 1 }), tile('t', 2, 'card', { a: 1 })],
      { version: 2, type: 'card', data: { a: 1 } },
      1,
    ],
    [
      'same version with non-object data replaces it',
      [tile('t', 1, 'x', 'one'), tile('t', 1, 'x', 'two')],
      { version: 1, type: 'x', data: 'two' },
      1,
    ],
  ];
  for (const [name, actions, latest, count] of table) {
    it(name, () => {
      const s = run(actions);
      const { view, ...shown } = latestVersion(s.tiles.get('t')) ?? { view: undefined };
      expect(shown).to.deep.equal(latest);
      expect(view, 'parsed once, with the version').to.deep.equal(
        parseTileView(latest.type, latest.data),
      );
      expect(s.tiles.get('t')?.versions.length).to.equal(count);
    });
  }

  it('keeps at most MAX_TILE_VERSIONS versions, the newest', () => {
    const s = run(
      Array.from({ length: MAX_TILE_VERSIONS + 5 }, (_, i) => tile('t', i + 1, 'html', { i })),
    );
    expect(s.tiles.get('t')?.versions.length).to.equal(MAX_TILE_VERSIONS);
    expect(latestVersion(s.tiles.get('t'))?.version).to.equal(MAX_TILE_VERSIONS + 5);
  });

  it('keeps sendTileData apart: it never becomes the renderable version', () => {
    const s = run([tile('t', 1, 'html', { html: 'a' }), tile('t', 2, 'sendTileData', { x: 1 })]);
    expect(latestVersion(s.tiles.get('t'))?.type).to.equal('html');
    expect(s.tileData.get('t')).to.deep.equal([{ x: 1 }]);
  });

  it('returns a new state object and leaves the previous one untouched', () => {
    const a = run([tile('t', 1, 'html', { html: 'a' })]);
    const b = run([tile('t', 1, 'html', { html: 'b' })], a);
    expect(b).to.not.equal(a);
    expect(latestVersion(a.tiles.get('t'))?.data).to.deep.equal({ html: 'a' });
  });
});

describe('reduce: transcript', () => {
  it('appends new messages in order', () => {
    const s = run([transcript([msg('1'), msg('2')]), transcript([msg('3')])]);
    expect(s.transcripts.get('transcript')?.items.map((m) => m._id)).to.deep.equal(['1', '2', '3']);
  });

  it('dedupes by _id, within and across updates (replays after a rejoin)', () => {
    const s = run([
      transcript([msg('1'), msg('1')]),
      transcript([msg('2')]),
      transcript([msg('1'), msg('2'), msg('3')]),
    ]);
    expect(s.transcripts.get('transcript')?.items.map((m) => m._id)).to.deep.equal(['1', '2', '3']);
  });

  it('takes chatInput and redaction from the newest update that names them', () => {
    const s1 = run([transcript([], { chatInput: { enabled: true } })]);
    expect(s1.transcripts.get('transcript')?.chatInput).to.equal(true);
    const s2 = reduce(s1, transcript([msg('x')]));
    expect(s2.transcripts.get('transcript')?.chatInput).to.equal(true);
    const s3 = reduce(s2, transcript([], { chatInput: { enabled: false } }));
    expect(s3.transcripts.get('transcript')?.chatInput).to.equal(false);
  });

  it('masks Luhn-valid card numbers when redaction is enabled, before they are stored', () => {
    const s = run([
      transcript([msg('1', 'user', 'card 4111 1111 1111 1111 ok')], {
        redaction: { enabled: true },
      }),
    ]);
    expect(s.transcripts.get('transcript')?.items[0]?.text).to.equal('card CREDIT_CARD_NUMBER ok');
  });

  it('leaves card numbers alone when redaction is not enabled', () => {
    const s = run([transcript([msg('1', 'user', '4111 1111 1111 1111')])]);
    expect(s.transcripts.get('transcript')?.items[0]?.text).to.equal('4111 1111 1111 1111');
  });

  it('masks earlier messages too when redaction is switched on later', () => {
    const s = run([
      transcript([msg('1', 'user', '4111111111111111')]),
      transcript([], { redaction: { enabled: true } }),
    ]);
    expect(s.transcripts.get('transcript')?.items[0]?.text).to.equal('CREDIT_CARD_NUMBER');
  });
});

describe('reduce: agent replies', () => {
  const reply = (id: string, state: 'pending' | 'sent' | 'failed', text = 'hello'): Action => ({
    type: 'reply',
    reply: { clientMessageId: id, text, state },
    at: 1000,
  });

  it('shows a reply as pending, then sent', () => {
    const s1 = reduce(initialState, reply('c1', 'pending'));
    expect(s1.replies.map((r) => r.state)).to.deep.equal(['pending']);
    const s2 = reduce(s1, reply('c1', 'sent'));
    expect(s2.replies.map((r) => r.state)).to.deep.equal(['sent']);
    expect(s2.replies[0]?.createdAt).to.equal(1000);
  });

  it('drops the local reply when the transcript echoes its clientMessageId', () => {
    const s = run([
      reply('c1', 'pending'),
      transcript([{ _id: 'm9', source: 'agent', text: 'hello', clientMessageId: 'c1' }]),
    ]);
    expect(s.replies).to.deep.equal([]);
    expect(s.transcripts.get('transcript')?.items.length).to.equal(1);
  });

  it('ignores an ack that arrives after the echo', () => {
    const s = run([
      reply('c1', 'pending'),
      transcript([{ _id: 'm9', source: 'agent', text: 'hello', clientMessageId: 'c1' }]),
      reply('c1', 'sent'),
    ]);
    expect(s.replies).to.deep.equal([]);
  });

  it('matches an echo without clientMessageId by text, once the reply is sent', () => {
    const pending = run([
      reply('c1', 'pending'),
      transcript([{ _id: 'm1', source: 'agent', text: 'hello' }]),
    ]);
    expect(pending.replies.length, 'not yet confirmed: kept').to.equal(1);
    const sent = run([
      reply('c2', 'sent', 'bye'),
      transcript([{ _id: 'm2', source: 'agent', text: 'bye' }]),
    ]);
    expect(sent.replies.length).to.equal(0);
  });

  it('keeps a failed reply with its reason', () => {
    const s = reduce(initialState, {
      type: 'reply',
      reply: {
        clientMessageId: 'c1',
        text: 't',
        state: 'failed',
        error: { code: 'refused', server: 'no' },
      },
      at: 1,
    });
    expect(s.replies[0]?.state).to.equal('failed');
    expect(s.replies[0]?.error).to.deep.equal({ code: 'refused', server: 'no' });
  });
});

describe('reduce: diagnostics', () => {
  it('counts dropped frames', () => {
    const s = reduce(initialState, {
      type: 'diagnostic',
      diagnostic: { kind: 'invalid-frame', event: 'config', problem: 'grid: required', dropped: 3 },
    });
    expect(s.diagnostics.dropped).to.equal(3);
    expect(s.diagnostics.last?.event).to.equal('config');
  });
});

describe('reduce: where an Insert goes (docs/PROTOCOL.md §9.3)', () => {
  const chat = transcript([], { chatInput: { enabled: true } });
  const table: [string, Action[], string][] = [
    ['nowhere, with no host and no reply box', [], 'none'],
    ['nowhere, with a transcript that has no reply box', [transcript([])], 'none'],
    ['the chat tile, with no host', [chat], 'reply-box'],
    [
      'the chat tile, when the host said hello without insert-text',
      [chat, { type: 'host-hello', accepts: ['set-theme'] }],
      'reply-box',
    ],
    [
      'the host, once it said it takes insert-text',
      [chat, { type: 'host-hello', accepts: ['insert-text'] }],
      'host',
    ],
    [
      'Genesys, in Interaction Widget mode (before a host and the reply box)',
      [
        chat,
        { type: 'host-hello', accepts: ['insert-text'] },
        { type: 'genesys-widget', ready: true },
      ],
      'genesys',
    ],
    [
      'the host again, when widget mode stopped',
      [
        chat,
        { type: 'host-hello', accepts: ['insert-text'] },
        { type: 'genesys-widget', ready: true },
        { type: 'genesys-widget', ready: false },
      ],
      'host',
    ],
    [
      'nowhere, when the chat tile is not in the layout',
      [{ type: 'config', layout: { grid: { columns: 1, rows: 1 }, tiles: new Map() } }, chat],
      'none',
    ],
  ];
  for (const [name, actions, where] of table) {
    it(name, () => expect(insertTarget(run(actions))).to.equal(where));
  }
});

describe('reduce: ids are data, never property names', () => {
  const IDS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype'];
  for (const id of IDS) {
    it(`a tile called ${id} is just a tile`, () => {
      const before = Object.getOwnPropertyNames(Object.prototype).sort();
      const s = run([
        {
          type: 'config',
          layout: { grid: { columns: 1, rows: 1 }, tiles: new Map([[id, { x: 1, y: 1 }]]) },
        },
        tile(id, 1, 'sendTileData', { early: true }),
        tile(id, 1, 'html', { html: '<p>x</p>' }),
        tile(id, 1, 'html', { metadata: { n: 1 } }),
        tile(id, 2, 'sendTileData', { late: true }),
        {
          type: 'tileUpdate',
          update: {
            id,
            version: 1,
            type: 'transcript',
            data: { messages: [{ _id: id, source: 'user', text: 'hi' }] },
          },
        },
      ]);
      expect(s.tiles.get(id)?.versions.length).to.equal(1);
      expect(latestVersion(s.tiles.get(id))?.view).to.deep.equal({
        kind: 'html',
        html: '<p>x</p>',
        metadata: { n: 1 },
        suggestion: undefined,
      });
      expect(s.tileData.get(id)).to.deep.equal([{ early: true }, { late: true }]);
      expect(s.transcripts.get(id)?.items.map((m) => m._id)).to.deep.equal([id]);
      expect(unknownTileIds(s)).to.deep.equal([]);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).to.deep.equal(before);
      expect(({} as Record<string, unknown>).x).to.equal(undefined);
    });
  }
});

describe('reduce: pinned tiles (docs/PROTOCOL.md §5.9, §5.10)', () => {
  const brief = { html: '', brief: { sentences: [{ text: 'Why she came.' }] } };

  it('a brief is pinned; it is worked out once per tile map and layout, not again for each message', () => {
    const s1 = run([tile('handoff', 1, 'html', brief), transcript([msg('a')])]);
    const p1 = pinnedTiles(s1);
    expect(p1.briefs).to.deep.equal(['handoff']);
    const s2 = run([transcript([msg('b')])], s1);
    expect(s2.tiles).to.equal(s1.tiles);
    expect(pinnedTiles(s2), 'the same answer object, not walked again').to.equal(p1);
    const s3 = run([tile('handoff', 2, 'html', { html: '<p>x</p>' })], s2);
    expect(pinnedTiles(s3).briefs).to.deep.equal([]);
    expect(unknownTileIds(s3)).to.include('handoff');
  });
});
