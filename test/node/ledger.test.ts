// The suggestion ledger's pure parts (src/state/ledger.ts: the fold, the
// totals, the reply match, the CSV, the batch schema) and the endpoint's
// bounded fold and batch check (demo/ledger.ts), without a server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  LEDGER_BATCH_MAX,
  type Ledger,
  LedgerAction,
  type LedgerEvent,
  type LedgerRow,
  emptyLedger,
  ledgerCsv,
  ledgerKey,
  ledgerTotals,
  mergeLedger,
  replyMatch,
} from '../../src/state/ledger.js';
import {
  LEDGER_MALFORMED,
  LEDGER_NOT_WORKSPACE,
  MAX_LEDGER_ROWS,
  MAX_LEDGER_VIEWS,
  foldLedger,
  ledgerFileName,
  ledgerPostback,
} from '../../demo/ledger.js';

/** A ledger as plain data, rows and views in key order: two ledgers are equal when these are. */
function plain(l: Ledger) {
  const sorted = <V>(m: Map<string, V>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    rows: sorted(l.rows),
    views: sorted(l.views).map(([k, v]) => [k, sorted(v)]),
  };
}

const fold = (...batches: LedgerEvent[][]) => {
  const l = emptyLedger();
  for (const b of batches) mergeLedger(l, b);
  return l;
};

const T0 = Date.UTC(2025, 0, 2, 3, 4, 5);

/** A suggestion's life: seen, visible in two page views, copied, inserted, sent edited, judged. */
const life: LedgerEvent[] = [
  { tileId: 'next-action', version: 3, kind: 'seen', at: T0 },
  { tileId: 'next-action', version: 3, kind: 'visible', view: 'a', ms: 1200 },
  { tileId: 'next-action', version: 3, kind: 'visible', view: 'a', ms: 2500 },
  { tileId: 'next-action', version: 3, kind: 'visible', view: 'b', ms: 700 },
  { tileId: 'next-action', version: 3, kind: 'copied', at: T0 + 4000 },
  { tileId: 'next-action', version: 3, kind: 'inserted', at: T0 + 3000, where: 'genesys' },
  {
    tileId: 'next-action',
    version: 3,
    kind: 'sent',
    at: T0 + 9000,
    how: 'edited',
    similarity: 0.8,
  },
  { tileId: 'next-action', version: 3, kind: 'judged', at: T0 + 9500, value: 'up' },
  { tileId: 'next-action', version: 4, kind: 'seen', at: T0 + 20_000 },
  { tileId: 'next-action', version: 4, kind: 'dismissed', at: T0 + 21_000 },
];

describe('mergeLedger', () => {
  test('folds one row per version: the earliest of each kind with what it carries, the largest visible time per view, summed', () => {
    const l = fold(life, [
      // later facts of kinds already known change nothing
      { tileId: 'next-action', version: 3, kind: 'seen', at: T0 + 60_000 },
      { tileId: 'next-action', version: 3, kind: 'judged', at: T0 + 99_000, value: 'down' },
      { tileId: 'next-action', version: 3, kind: 'inserted', at: T0 + 99_000, where: 'page' },
      // a smaller cumulative figure of a view is an older report
      { tileId: 'next-action', version: 3, kind: 'visible', view: 'a', ms: 100 },
    ]);
    assert.deepEqual(l.rows.get(ledgerKey('next-action', 3)), {
      tileId: 'next-action',
      version: 3,
      seenAt: T0,
      visibleMs: 3200,
      copiedAt: T0 + 4000,
      insertedAt: T0 + 3000,
      insertedWhere: 'genesys',
      sent: 'edited',
      sentAt: T0 + 9000,
      similarity: 0.8,
      judged: 'up',
      judgedAt: T0 + 9500,
      seenToUseMs: 3000,
    } satisfies LedgerRow);
    assert.deepEqual(l.rows.get(ledgerKey('next-action', 4)), {
      tileId: 'next-action',
      version: 4,
      seenAt: T0 + 20_000,
      visibleMs: 0,
      dismissedAt: T0 + 21_000,
    } satisfies LedgerRow);
  });

  test('an earlier fact replaces what a later one carried (a `sent` without similarity drops it)', () => {
    const l = fold(
      [{ tileId: 't', version: 1, kind: 'sent', at: 50, how: 'edited', similarity: 0.6 }],
      [{ tileId: 't', version: 1, kind: 'sent', at: 40, how: 'not-sent' }],
      [{ tileId: 't', version: 1, kind: 'copied', at: 30 }],
      [{ tileId: 't', version: 1, kind: 'seen', at: 10 }],
    );
    const row = l.rows.get(ledgerKey('t', 1));
    assert.equal(row?.sent, 'not-sent');
    assert.equal(row && 'similarity' in row, false);
    assert.equal(row?.seenToUseMs, 20, 'computed once both ends are known, in any order');
  });

  test('ids are data: a tile called __proto__ is a row like any other', () => {
    const l = fold([{ tileId: '__proto__', version: 0, kind: 'seen', at: 1 }]);
    assert.equal(l.rows.get(ledgerKey('__proto__', 0))?.seenAt, 1);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'seenAt'), false);
  });

  test('is idempotent and order-free: the same batch twice, or its events shuffled and repeated, give the same ledger', () => {
    const once = plain(fold(life));
    assert.deepEqual(plain(fold(life, life)), once, 'the same batch twice');
    assert.deepEqual(plain(fold([...life].reverse())), once, 'in reverse');
    fc.assert(
      fc.property(
        fc.shuffledSubarray(life, { minLength: life.length, maxLength: life.length }),
        fc.array(fc.nat({ max: life.length - 1 }), { maxLength: 20 }),
        fc.nat({ max: life.length }),
        (shuffled, repeats, cut) => {
          const again = repeats.map((i) => life[i] as LedgerEvent);
          // split into two batches at any point, with any events repeated after
          const l = fold(shuffled.slice(0, cut), shuffled.slice(cut), again);
          assert.deepEqual(plain(l), once);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('ledgerTotals', () => {
  test('counts shown, used, each kind of sent, dismissed and judgements, and the median time to use', () => {
    const l = fold(life, [
      { tileId: 'x', version: 1, kind: 'seen', at: 0 },
      { tileId: 'x', version: 1, kind: 'inserted', at: 10_000, where: 'page' },
      { tileId: 'x', version: 1, kind: 'sent', at: 11_000, how: 'as-is', similarity: 1 },
      { tileId: 'x', version: 1, kind: 'judged', at: 12_000, value: 'down' },
      { tileId: 'y', version: 1, kind: 'copied', at: 5 }, // used, never seen: no time to use
      { tileId: 'y', version: 1, kind: 'sent', at: 6, how: 'not-sent' },
    ]);
    assert.deepEqual(ledgerTotals(l.rows.values()), {
      shown: 3,
      used: 3,
      sentAsIs: 1,
      edited: 1,
      notSent: 1,
      dismissed: 1,
      up: 1,
      down: 1,
      medianTimeToUseMs: (3000 + 10_000) / 2,
    });
  });

  test('the median of an odd count is the middle one; no use, no median', () => {
    const l = fold(
      [1, 2, 3].flatMap((v): LedgerEvent[] => [
        { tileId: 't', version: v, kind: 'seen', at: 0 },
        { tileId: 't', version: v, kind: 'copied', at: v * 1000 },
      ]),
    );
    assert.equal(ledgerTotals(l.rows.values()).medianTimeToUseMs, 2000);
    const none = ledgerTotals(
      fold([{ tileId: 't', version: 1, kind: 'seen', at: 0 }]).rows.values(),
    );
    assert.equal('medianTimeToUseMs' in none, false);
    assert.equal(none.shown, 1);
  });
});

describe('replyMatch', () => {
  test('a reply that contains the inserted text keeps it all (case, spacing and punctuation aside)', () => {
    assert.equal(replyMatch('Your refund is on its way.', 'Hi! YOUR refund  is on its way :)'), 1);
  });

  test('an edited reply keeps a share of the character pairs; an unrelated one little; no text, nothing', () => {
    const edited = replyMatch(
      'Your refund of $249.99 is on its way.',
      'Your refund of $249.99 is on the way now.',
    );
    assert.ok(edited >= 0.5 && edited < 1, `${edited}`);
    assert.equal(Math.round(edited * 100) / 100, edited, 'two decimals');
    assert.ok(replyMatch('Your refund is on its way.', 'Good morning, how can I help?') < 0.5);
    assert.equal(replyMatch('', 'anything'), 0);
    assert.equal(replyMatch('...', 'anything'), 0);
  });
});

describe('ledgerCsv', () => {
  test('one header and one line per row, times as ISO 8601, CRLF line ends', () => {
    const csv = ledgerCsv(fold(life).rows.values());
    const lines = csv.split('\r\n');
    assert.equal(lines.at(-1), '', 'ends with CRLF');
    assert.equal(
      lines[0],
      'tileId,version,seenAt,visibleMs,copiedAt,insertedAt,insertedWhere,dismissedAt,judged,judgedAt,sent,similarity,sentAt,seenToUseMs',
    );
    assert.equal(
      lines[1],
      'next-action,3,2025-01-02T03:04:05.000Z,3200,2025-01-02T03:04:09.000Z,2025-01-02T03:04:08.000Z,genesys,,up,2025-01-02T03:04:14.500Z,edited,0.8,2025-01-02T03:04:14.000Z,3000',
    );
    assert.equal(lines.length, 4);
  });

  test('a cell that starts like a formula is made text with a quote; commas, quotes and line breaks are quoted (RFC 4180)', () => {
    const ids = [
      '=HYPERLINK("https://evil.example","x")',
      '+1',
      '-2',
      '@SUM(A1)',
      '\tTab',
      '\rCR',
      'a,b',
      'say "hi"',
      'two\nlines',
      'plain',
    ];
    const csv = ledgerCsv(
      fold(
        ids.map((tileId): LedgerEvent => ({ tileId, version: 1, kind: 'seen', at: 0 })),
      ).rows.values(),
    );
    const firstCells = csv
      .split('\r\n')
      .slice(1, -1)
      .map((line) => /^("(?:[^"]|"")*"|[^,]*)/.exec(line)?.[1]);
    // (the line with a bare LF in its quoted cell is one CSV record: split on CRLF keeps it whole)
    assert.deepEqual(firstCells, [
      `"'=HYPERLINK(""https://evil.example"",""x"")"`,
      `'+1`,
      `'-2`,
      `'@SUM(A1)`,
      `'\tTab`,
      `"'\rCR"`,
      `"a,b"`,
      `"say ""hi"""`,
      `"two\nlines"`,
      'plain',
    ]);
  });
});

describe('LedgerAction (the batch a backend accepts)', () => {
  const ok = (action: unknown) => LedgerAction.safeParse(action).success;
  const batch = (...events: unknown[]) => ({ type: 'ledger', events });
  const seen = (extra: Record<string, unknown> = {}) => ({
    tileId: 't',
    version: 1,
    kind: 'seen',
    at: 1,
    ...extra,
  });

  test('accepts every kind of fact, with exactly its fields', () => {
    assert.ok(ok(batch(...life)));
    assert.ok(ok(batch({ tileId: 't', version: 1, kind: 'sent', at: 1, how: 'not-sent' })));
    assert.deepEqual(LedgerAction.parse(batch(...life)).events, life);
  });

  test('accepts the bounds: 1 and LEDGER_BATCH_MAX events, version 0 and 2^31, ids of 256, views of 64, a day in view', () => {
    assert.ok(ok(batch(...Array.from({ length: LEDGER_BATCH_MAX }, () => seen()))));
    assert.ok(ok(batch(seen({ version: 0 }))));
    assert.ok(ok(batch(seen({ version: 2 ** 31 }))));
    assert.ok(ok(batch(seen({ tileId: 'x'.repeat(256), at: 0 }))));
    assert.ok(
      ok(batch({ tileId: 't', version: 1, kind: 'visible', view: 'v'.repeat(64), ms: 86_400_000 })),
    );
    assert.ok(
      ok(batch({ tileId: 't', version: 1, kind: 'sent', at: 1, how: 'edited', similarity: 0 })),
    );
  });

  test('refuses anything else: unknown fields (text), a wrong kind or figure, too few or too many events', () => {
    const refused: [string, unknown][] = [
      ['no events', batch()],
      ['too many', batch(...Array.from({ length: LEDGER_BATCH_MAX + 1 }, () => seen()))],
      ['another type', { type: 'feedback', events: [seen()] }],
      ['a field beside events', { ...batch(seen()), text: 'hello' }],
      ['text in an event', batch(seen({ text: 'Your refund is on its way.' }))],
      ['an unknown kind', batch(seen({ kind: 'read' }))],
      ['a field of another kind', batch(seen({ where: 'page' }))],
      ['a missing field', batch({ tileId: 't', version: 1, kind: 'seen' })],
      ['an empty tile id', batch(seen({ tileId: '' }))],
      ['a tile id of 257', batch(seen({ tileId: 'x'.repeat(257) }))],
      ['a negative version', batch(seen({ version: -1 }))],
      ['a fractional version', batch(seen({ version: 1.5 }))],
      ['a version past 2^31', batch(seen({ version: 2 ** 31 + 1 }))],
      ['a negative time', batch(seen({ at: -1 }))],
      ['an infinite time', batch(seen({ at: Infinity }))],
      ['a time as text', batch(seen({ at: '2025-01-01' }))],
      ['an empty view', batch({ tileId: 't', version: 1, kind: 'visible', view: '', ms: 1 })],
      [
        'a view of 65',
        batch({ tileId: 't', version: 1, kind: 'visible', view: 'v'.repeat(65), ms: 1 }),
      ],
      [
        'more than a day in view',
        batch({ tileId: 't', version: 1, kind: 'visible', view: 'v', ms: 86_400_001 }),
      ],
      ['a fractional ms', batch({ tileId: 't', version: 1, kind: 'visible', view: 'v', ms: 1.5 })],
      [
        'an unknown place',
        batch({ tileId: 't', version: 1, kind: 'inserted', at: 1, where: 'clipboard' }),
      ],
      [
        'an unknown judgement',
        batch({ tileId: 't', version: 1, kind: 'judged', at: 1, value: 'meh' }),
      ],
      [
        'a similarity past 1',
        batch({ tileId: 't', version: 1, kind: 'sent', at: 1, how: 'edited', similarity: 1.01 }),
      ],
      [
        'an unknown way of sending',
        batch({ tileId: 't', version: 1, kind: 'sent', at: 1, how: 'maybe' }),
      ],
      ['not an object', 'ledger'],
    ];
    for (const [what, action] of refused) assert.equal(ok(action), false, what);
  });
});

describe('the endpoint’s side (demo/ledger.ts)', () => {
  const workspace = (action: unknown) => ({ sender: 'workspace', action });

  test('a batch from the workspace is folded; a malformed one, or one from a tile, is refused; anything else is not the ledger’s', () => {
    assert.deepEqual(ledgerPostback(workspace({ type: 'ledger', events: life })), {
      kind: 'batch',
      events: life,
    });
    assert.deepEqual(ledgerPostback(workspace({ type: 'ledger', events: [] })), {
      kind: 'refused',
      reason: LEDGER_MALFORMED,
    });
    for (const from of [
      { sender: 'tile', action: { type: 'ledger', events: life } },
      { sender: 'workspace', tileId: 'x', action: { type: 'ledger', events: life } },
      { sender: 'workspace', id: 'x', action: { type: 'ledger', events: life } },
      { action: { type: 'ledger', events: life } },
    ])
      assert.deepEqual(ledgerPostback(from), { kind: 'refused', reason: LEDGER_NOT_WORKSPACE });
    for (const other of [
      workspace({ type: 'feedback', used: 'copy', tileId: 't', version: 1 }),
      workspace(null),
      workspace(['ledger']),
      null,
      'ledger',
    ])
      assert.deepEqual(ledgerPostback(other), { kind: 'none' });
  });

  test(`keeps at most MAX_LEDGER_ROWS (${MAX_LEDGER_ROWS}) rows and MAX_LEDGER_VIEWS (${MAX_LEDGER_VIEWS}) views a row; what passes them is ignored`, () => {
    const l = emptyLedger();
    const events = Array.from({ length: MAX_LEDGER_ROWS + 10 }, (_, i): LedgerEvent => ({
      tileId: `t${i}`,
      version: 1,
      kind: 'seen',
      at: i,
    }));
    assert.equal(foldLedger(l, events), 10);
    assert.equal(l.rows.size, MAX_LEDGER_ROWS);
    // a row kept still takes facts; a new one does not
    assert.equal(
      foldLedger(l, [
        { tileId: 't0', version: 1, kind: 'copied', at: 5 },
        { tileId: 'new', version: 1, kind: 'seen', at: 5 },
      ]),
      1,
    );
    assert.equal(l.rows.get(ledgerKey('t0', 1))?.copiedAt, 5);
    assert.equal(l.rows.has(ledgerKey('new', 1)), false);

    const v = emptyLedger();
    const views = Array.from({ length: MAX_LEDGER_VIEWS + 3 }, (_, i): LedgerEvent => ({
      tileId: 't',
      version: 1,
      kind: 'visible',
      view: `v${i}`,
      ms: 10,
    }));
    assert.equal(foldLedger(v, views), 3);
    assert.equal(v.views.get(ledgerKey('t', 1))?.size, MAX_LEDGER_VIEWS);
    assert.equal(v.rows.get(ledgerKey('t', 1))?.visibleMs, 10 * MAX_LEDGER_VIEWS);
    // a view already kept still grows
    foldLedger(v, [{ tileId: 't', version: 1, kind: 'visible', view: 'v0', ms: 30 }]);
    assert.equal(v.rows.get(ledgerKey('t', 1))?.visibleMs, 10 * MAX_LEDGER_VIEWS + 20);
  });

  test('download names keep letters, digits, dot, dash and underscore of the session id only', () => {
    assert.equal(ledgerFileName('qa-0102030405', 'csv'), 'ledger-qa-0102030405.csv');
    assert.equal(ledgerFileName('a "b"/c\\d\r\n;é', 'json'), 'ledger-a__b__c_d____.json');
    assert.equal(ledgerFileName('', 'csv'), 'ledger-session.csv');
    assert.equal(ledgerFileName('x'.repeat(300), 'csv').length, 'ledger-.csv'.length + 80);
  });
});
