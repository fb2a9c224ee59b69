import { expect } from '@open-wc/testing';
import {
  attachmentsOf,
  isTranscriptUpdate,
  parseLayout,
  parseTileUpdate,
  parseTileView,
} from '../../src/transport/protocol.js';

describe('protocol: config (layout) frames', () => {
  const accept: [string, unknown][] = [
    [
      'the documented example',
      {
        grid: { columns: 3, rows: 8, gap: 10 },
        tiles: { transcript: { x: 1, y: 1, columns: 1, rows: 8 } },
      },
    ],
    ['a missing gap', { grid: { columns: 2, rows: 2 }, tiles: {} }],
    [
      'zero or missing coordinates (auto-flow)',
      { grid: { columns: 2, rows: 2 }, tiles: { a: { x: 0 }, b: {} } },
    ],
    ['unknown keys (kept)', { grid: { columns: 1, rows: 1, extra: true }, tiles: {}, future: 1 }],
    [
      'a background',
      {
        grid: { columns: 1, rows: 1 },
        tiles: {},
        background: { color: '#fff', imageUrl: 'https://x/y.png' },
      },
    ],
  ];
  for (const [name, frame] of accept) {
    it(`accepts ${name}`, () => expect(parseLayout(frame).ok).to.equal(true));
  }

  it('accepts unknown keys (a newer backend may send more)', () => {
    const r = parseLayout({ grid: { columns: 1, rows: 1 }, tiles: {}, future: 1 });
    expect(r.ok).to.equal(true);
  });

  const reject: [string, unknown][] = [
    ['null', null],
    ['a string', 'config'],
    ['no grid', { tiles: {} }],
    ['zero columns', { grid: { columns: 0, rows: 1 }, tiles: {} }],
    ['fractional rows', { grid: { columns: 1, rows: 1.5 }, tiles: {} }],
    ['a negative tile coordinate', { grid: { columns: 1, rows: 1 }, tiles: { a: { x: -1 } } }],
    ['tiles as an array', { grid: { columns: 1, rows: 1 }, tiles: [] }],
    ['a string gap', { grid: { columns: 1, rows: 1, gap: '10px' }, tiles: {} }],
  ];
  for (const [name, frame] of reject) {
    it(`rejects ${name}, naming the problem`, () => {
      const r = parseLayout(frame);
      expect(r.ok).to.equal(false);
      if (!r.ok) expect(r.problem).to.be.a('string').and.not.equal('');
    });
  }
});

describe('protocol: tileUpdate frames', () => {
  it('accepts a transcript update and types its messages', () => {
    const r = parseTileUpdate({
      id: 'transcript',
      version: 1,
      type: 'transcript',
      data: {
        messages: [{ _id: 'm1', source: 'user', text: 'hi', createdAt: '2026-11-21T10:00:00Z' }],
        chatInput: { enabled: true },
      },
    });
    expect(r.ok).to.equal(true);
    if (r.ok && isTranscriptUpdate(r.value)) {
      expect(r.value.data.messages[0]?.text).to.equal('hi');
      expect(r.value.data.chatInput?.enabled).to.equal(true);
    }
  });

  it('drops only the malformed messages of a transcript update and names them', () => {
    const r = parseTileUpdate({
      id: 'transcript',
      version: 1,
      type: 'transcript',
      data: {
        messages: [{ _id: 'ok', source: 'user', text: 'a' }, { _id: 'bad', source: 'martian' }, 7],
      },
    });
    expect(r.ok).to.equal(true);
    if (r.ok) {
      expect(r.problems).to.have.length(2);
      expect(isTranscriptUpdate(r.value) && r.value.data.messages.map((m) => m._id)).to.deep.equal([
        'ok',
      ]);
    }
  });

  it('accepts other types with any data, and no data', () => {
    expect(
      parseTileUpdate({ id: 'a', version: 3, type: 'html', data: { html: '<b>x</b>' } }).ok,
    ).to.equal(true);
    expect(parseTileUpdate({ id: 'a', version: 3, type: 'whatever' }).ok).to.equal(true);
  });

  const reject: [string, unknown][] = [
    ['no id', { version: 1, type: 'html' }],
    ['an empty id', { id: '', version: 1, type: 'html' }],
    ['a string version', { id: 'a', version: '1', type: 'html' }],
    ['a NaN version', { id: 'a', version: Number.NaN, type: 'html' }],
    ['no type', { id: 'a', version: 1 }],
    [
      'transcript data that is not an object',
      { id: 't', version: 1, type: 'transcript', data: 'hi' },
    ],
    [
      'transcript messages that are not an array',
      { id: 't', version: 1, type: 'transcript', data: { messages: {} } },
    ],
    ['undefined', undefined],
  ];
  for (const [name, frame] of reject) {
    it(`rejects ${name}`, () => expect(parseTileUpdate(frame).ok).to.equal(false));
  }
});

describe('protocol: tile views (what a tile version renders as, parsed once)', () => {
  const table: [string, string, unknown, string][] = [
    ['html with html', 'html', { html: '<p>x</p>', metadata: { a: 1 } }, 'html'],
    ['html without html (a metadata-only first version)', 'html', { metadata: {} }, 'invalid'],
    ['iframe with an https url', 'iframe', { url: 'https://x' }, 'iframe'],
    ['iframe with a numeric url', 'iframe', { url: 7 }, 'invalid'],
    ['iframe with a javascript: url', 'iframe', { url: 'javascript:alert(1)' }, 'invalid'],
    ['a card', 'card', { type: 'AdaptiveCard', body: [] }, 'card'],
    ['a card that is not an AdaptiveCard', 'card', { type: 'Hero' }, 'invalid'],
    ['no data', 'html', undefined, 'empty'],
    // the one empty state: a blank body gets the placeholder, never Copy/Insert/feedback over it
    ['html that is blank', 'html', { html: '  \n ', suggestion: 'Reply this' }, 'empty'],
    ['an unknown type', 'chart', { x: 1 }, 'unknown'],
  ];
  for (const [name, type, data, kind] of table) {
    it(name, () => expect(parseTileView(type, data).kind).to.equal(kind));
  }

  it('keeps metadata and the suggestion of html tiles', () => {
    expect(parseTileView('html', { html: 'x', metadata: { n: 1 }, suggestion: 's' })).to.deep.equal(
      { kind: 'html', html: 'x', metadata: { n: 1 }, suggestion: 's' },
    );
  });

  it('a blank suggestion is no suggestion (no actions offered for nothing)', () => {
    const v = parseTileView('html', { html: '<p>x</p>', suggestion: '   ' });
    expect(v.kind === 'html' && v.suggestion).to.equal(undefined);
  });

  it('says why an iframe URL is refused, as a code with the scheme (no words)', () => {
    const v = parseTileView('iframe', { url: 'ftp://x/y' });
    expect(v.kind === 'invalid' && v.problem).to.deep.equal({
      code: 'url-not-http',
      scheme: 'ftp:',
    });
    const html = parseTileView('html', { html: 5 });
    expect(html.kind === 'invalid' && html.problem).to.deep.equal({ code: 'html-not-text' });
  });
});

describe('protocol: attachments of a message', () => {
  it('reads Cognigy attachments, typed; anything unusual is a file', () => {
    const data = {
      _cognigy: {
        _defaultPreview: {
          attachments: [
            { type: 'image', name: 'receipt.png' },
            { type: 'hologram', name: 7 },
            { type: 'audio' },
          ],
        },
      },
    };
    expect(attachmentsOf(data)).to.deep.equal([
      { type: 'image', name: 'receipt.png' },
      { type: 'file', name: undefined },
      { type: 'audio', name: undefined },
    ]);
  });

  for (const [name, data] of [
    ['no data', undefined],
    ['other data', { some: 'json' }],
    ['attachments that are not a list', { _cognigy: { _defaultPreview: { attachments: {} } } }],
  ] as const) {
    it(`finds none in ${name}`, () => expect(attachmentsOf(data)).to.deep.equal([]));
  }

  it('a transcript update carries them on its messages', () => {
    const r = parseTileUpdate({
      id: 't',
      version: 1,
      type: 'transcript',
      data: {
        messages: [
          {
            _id: 'a',
            source: 'user',
            data: { _cognigy: { _defaultPreview: { attachments: [{ type: 'video' }] } } },
          },
        ],
      },
    });
    expect(
      r.ok && isTranscriptUpdate(r.value) && r.value.data.messages[0]?.attachments,
    ).to.deep.equal([{ type: 'video', name: undefined }]);
  });
});

describe('protocol: layouts keep every tile id as data', () => {
  it('holds tiles in key order in a Map, prototype names included', () => {
    const raw = JSON.parse(
      '{"grid":{"columns":2,"rows":2},"tiles":{"__proto__":{"x":1},"constructor":{},"toString":{"y":2}}}',
    ) as unknown;
    const r = parseLayout(raw);
    expect(r.ok && [...r.value.tiles.keys()]).to.deep.equal([
      '__proto__',
      'constructor',
      'toString',
    ]);
    expect(r.ok && r.value.tiles.get('__proto__')).to.deep.equal({ x: 1 });
    expect(Object.prototype).to.not.have.property('x');
  });
});

describe('protocol: a very long message is shortened, visibly, never dropped', () => {
  it('keeps 100,000 characters and says how many more there were', () => {
    const r = parseTileUpdate({
      id: 't',
      version: 1,
      type: 'transcript',
      data: { messages: [{ _id: 'long', source: 'user', text: 'x'.repeat(250_000) }] },
    });
    expect(r.ok && r.problems).to.deep.equal([]);
    const m = r.ok && isTranscriptUpdate(r.value) ? r.value.data.messages[0] : undefined;
    expect(m?.text?.length).to.equal(100_000);
    expect(m?.truncated).to.equal(150_000);
  });
});
