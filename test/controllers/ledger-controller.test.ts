import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import fc from 'fast-check';
import { LitElement } from 'lit';
import { LedgerController } from '../../src/controllers/ledger-controller.js';
import { SeenController } from '../../src/controllers/seen-controller.js';
import { AcwLedgerEvent } from '../../src/events/events.js';
import {
  type LedgerEvent,
  type LedgerRow,
  emptyLedger,
  ledgerKey,
  mergeLedger,
} from '../../src/state/ledger.js';
import type {
  CopilotConnectionLike,
  PostbackRequest,
  PostbackResult,
} from '../../src/transport/copilot-connection.js';
import type { TileUpdate } from '../../src/transport/protocol.js';

/** A backend: folds every batch it receives; `fail` decides, per batch, how the ack goes. */
class Backend {
  readonly ledger = emptyLedger();
  batches = 0;
  fail: (n: number) => 'ok' | 'lost' | 'ack-lost' = () => 'ok';
  connection(): CopilotConnectionLike {
    return {
      sendPostback: async (r: PostbackRequest): Promise<PostbackResult> => {
        const n = this.batches++;
        const how = this.fail(n);
        if (how === 'lost') return { ok: false, problem: { code: 'down' } };
        const action = r.action as { type: string; events: LedgerEvent[] };
        expect(action.type).to.equal('ledger');
        expect(r.sender).to.equal('workspace');
        mergeLedger(this.ledger, action.events);
        return how === 'ok' ? { ok: true } : { ok: false, problem: { code: 'dropped' } };
      },
    } as unknown as CopilotConnectionLike;
  }
}

class LedgerHost extends LitElement {}
customElements.define('ledger-test-host', LedgerHost);

function page(backend: Backend, sendWindowMs = 60_000) {
  const host = document.createElement('ledger-test-host') as LedgerHost;
  const ledger = new LedgerController(host, {
    connection: () => backend.connection(),
    sendWindowMs: () => sendWindowMs,
  });
  document.body.append(host);
  const fact = (f: LedgerEvent, text?: string) => ledger.onFact(new AcwLedgerEvent(f, text));
  const reply = (text: string) =>
    ledger.tileUpdate({
      id: 'transcript',
      version: 1,
      type: 'transcript',
      data: { messages: [{ _id: `m${Math.random()}`, source: 'agent', text }] },
    } as TileUpdate);
  /** sends everything gathered, however many tries it takes */
  const drain = async () => {
    for (let i = 0; i < 200 && ledger.waiting > 0; i++) await ledger.flush();
    expect(ledger.waiting).to.equal(0);
  };
  return { host, ledger, fact, reply, drain, close: () => host.remove() };
}

const T = 1_700_000_000_000;
const row = (b: Backend, tileId: string, version: number): LedgerRow | undefined =>
  b.ledger.rows.get(ledgerKey(tileId, version));

describe('LedgerController: facts to the backend (docs/PROTOCOL.md §5.8)', () => {
  it('sends the tiles’ facts as one ledger postback, ids and figures only', async () => {
    const b = new Backend();
    const p = page(b);
    p.fact({ tileId: 'next', version: 2, kind: 'seen', at: T });
    p.fact({ tileId: 'next', version: 2, kind: 'copied', at: T + 400 });
    p.fact({ tileId: 'next', version: 2, kind: 'judged', at: T + 900, value: 'up' });
    await p.ledger.flush();
    expect(b.batches).to.equal(1);
    expect(row(b, 'next', 2)).to.deep.equal({
      tileId: 'next',
      version: 2,
      visibleMs: 0,
      seenAt: T,
      copiedAt: T + 400,
      judged: 'up',
      judgedAt: T + 900,
      seenToUseMs: 400,
    });
    p.close();
  });

  it('a batch that did not go goes again; one whose ack was lost is counted once', async () => {
    const b = new Backend();
    b.fail = (n) => (n === 0 ? 'lost' : n === 1 ? 'ack-lost' : 'ok');
    const p = page(b);
    p.fact({ tileId: 'a', version: 1, kind: 'dismissed', at: T });
    await p.ledger.flush(); // lost: kept
    expect(row(b, 'a', 1)).to.equal(undefined);
    await p.ledger.flush(); // delivered, ack lost: kept, sent again
    await p.ledger.flush(); // delivered again: the fold keeps one
    expect(b.batches).to.equal(3);
    expect(row(b, 'a', 1)?.dismissedAt).to.equal(T);
    await p.ledger.flush();
    expect(b.batches).to.equal(3, 'nothing left to send');
    p.close();
  });

  it('an Insert is sent as is, edited (with a similarity), or not at all within the window', async () => {
    const b = new Backend();
    const p = page(b, 150);
    const text = 'Thank you, Jane. I will block the card and refund the amount now.';
    p.fact({ tileId: 's', version: 1, kind: 'inserted', at: Date.now(), where: 'reply-box' }, text);
    p.fact({ tileId: 's', version: 2, kind: 'inserted', at: Date.now(), where: 'host' }, text);
    p.fact(
      { tileId: 'u', version: 1, kind: 'inserted', at: Date.now(), where: 'host' },
      'Anything else?',
    );
    p.reply('Hello! Thank you, Jane. I will block the card and refund the amount now. Bye'); // s@1 and s@2 as is
    await p.ledger.flush();
    expect(row(b, 's', 1)?.sent).to.equal('as-is');
    expect(row(b, 's', 1)?.similarity).to.equal(1);
    expect(row(b, 's', 2)?.sent).to.equal('as-is');
    expect(row(b, 'u', 1)?.sent).to.equal(undefined, 'an unrelated reply decides nothing');
    // no reply with its text in the window: not sent
    await waitUntil(
      async () => (await p.ledger.flush(), row(b, 'u', 1)?.sent === 'not-sent'),
      'not sent',
      {
        timeout: 3000,
      },
    );
    // edited
    p.fact({ tileId: 'e', version: 1, kind: 'inserted', at: Date.now(), where: 'genesys' }, text);
    p.reply('Thanks Jane, I will block your card and refund the amount today.');
    await p.ledger.flush();
    expect(row(b, 'e', 1)?.sent).to.equal('edited');
    expect(row(b, 'e', 1)?.similarity).to.be.within(0.5, 0.99);
    expect(row(b, 'e', 1)?.insertedWhere).to.equal('genesys');
    p.close();
  });
});

/**
 * The property: random agent sessions (facts from the tiles, replies with the
 * inserted text as is, edited or unrelated, batches lost or acked late, reloads)
 * give the backend a ledger equal to a model's, which applies the rules to the
 * session directly.
 */
describe('LedgerController: the ledger is exact (property)', () => {
  const TILES = ['next', 'kb'];
  const TEXT = 'Thank you Jane I can see the charge and will refund it now';
  const step = fc.oneof(
    fc.record({
      t: fc.constant('seen' as const),
      tile: fc.constantFrom(...TILES),
      v: fc.integer({ min: 1, max: 2 }),
    }),
    fc.record({
      t: fc.constant('visible' as const),
      tile: fc.constantFrom(...TILES),
      v: fc.integer({ min: 1, max: 2 }),
      ms: fc.integer({ min: 0, max: 5000 }),
    }),
    fc.record({
      t: fc.constant('copied' as const),
      tile: fc.constantFrom(...TILES),
      v: fc.integer({ min: 1, max: 2 }),
    }),
    fc.record({
      t: fc.constant('inserted' as const),
      tile: fc.constantFrom(...TILES),
      v: fc.integer({ min: 1, max: 2 }),
    }),
    fc.record({
      t: fc.constant('dismissed' as const),
      tile: fc.constantFrom(...TILES),
      v: fc.integer({ min: 1, max: 2 }),
    }),
    fc.record({
      t: fc.constant('judged' as const),
      tile: fc.constantFrom(...TILES),
      v: fc.integer({ min: 1, max: 2 }),
      up: fc.boolean(),
    }),
    fc.record({ t: fc.constant('reply' as const), kind: fc.constantFrom('as-is', 'unrelated') }),
    fc.record({ t: fc.constant('flush' as const) }),
    fc.record({ t: fc.constant('reload' as const) }),
  );

  it('equals the model’s ledger for any session, drops and reloads included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 40 }),
        fc.array(fc.constantFrom('ok', 'lost', 'ack-lost'), { maxLength: 60 }),
        async (steps, acks) => {
          const b = new Backend();
          b.fail = (n) => (acks[n] ?? 'ok') as 'ok' | 'lost' | 'ack-lost';
          // the model: one row per version, the earliest of each fact, visible per page view
          const model = new Map<string, LedgerRow>();
          const views = new Map<string, number[]>();
          const base = Date.now(); // (real time: the send window counts from an insert's time)
          const at = (n: number) => base + n * 10;
          let view = 0;
          let p = page(b);
          const inserted = new Map<string, number>(); // this page view's inserts waiting for a reply
          const get = (tile: string, v: number) => {
            const k = ledgerKey(tile, v);
            let r = model.get(k);
            if (!r) model.set(k, (r = { tileId: tile, version: v, visibleMs: 0 }));
            return r;
          };
          for (const [n, s] of steps.entries()) {
            const now = at(n);
            switch (s.t) {
              case 'seen':
                p.fact({ tileId: s.tile, version: s.v, kind: 'seen', at: now });
                get(s.tile, s.v).seenAt ??= now;
                break;
              case 'visible': {
                p.fact({
                  tileId: s.tile,
                  version: s.v,
                  kind: 'visible',
                  view: `v${view}`,
                  ms: s.ms,
                });
                const k = ledgerKey(s.tile, s.v);
                const per = views.get(k) ?? [];
                per[view] = Math.max(per[view] ?? 0, s.ms);
                views.set(k, per);
                get(s.tile, s.v).visibleMs = per.reduce((a, x) => a + (x ?? 0), 0);
                break;
              }
              case 'copied':
                p.fact({ tileId: s.tile, version: s.v, kind: 'copied', at: now });
                get(s.tile, s.v).copiedAt ??= now;
                break;
              case 'inserted': {
                p.fact(
                  { tileId: s.tile, version: s.v, kind: 'inserted', at: now, where: 'reply-box' },
                  TEXT,
                );
                const r = get(s.tile, s.v);
                if (r.insertedAt === undefined) {
                  r.insertedAt = now;
                  r.insertedWhere = 'reply-box';
                }
                const k = ledgerKey(s.tile, s.v);
                if (!inserted.has(k)) inserted.set(k, now);
                break;
              }
              case 'dismissed':
                p.fact({ tileId: s.tile, version: s.v, kind: 'dismissed', at: now });
                get(s.tile, s.v).dismissedAt ??= now;
                break;
              case 'judged': {
                const value = s.up ? 'up' : 'down';
                p.fact({ tileId: s.tile, version: s.v, kind: 'judged', at: now, value });
                const r = get(s.tile, s.v);
                if (r.judgedAt === undefined) {
                  r.judged = value;
                  r.judgedAt = now;
                }
                break;
              }
              case 'reply':
                p.reply(s.kind === 'as-is' ? `Hi. ${TEXT}.` : 'One moment please.');
                if (s.kind === 'as-is') {
                  for (const k of inserted.keys()) {
                    const r = model.get(k) as LedgerRow;
                    if (r.sent === undefined) {
                      r.sent = 'as-is';
                      r.similarity = 1;
                    }
                  }
                  inserted.clear();
                }
                break;
              case 'flush':
                await p.ledger.flush();
                break;
              case 'reload':
                await p.drain(); // the page hides before it goes: what gathered is sent
                p.close();
                p = page(b);
                view += 1;
                inserted.clear();
                break;
            }
          }
          await p.drain();
          p.close();
          for (const r of model.values()) {
            const used = Math.min(r.copiedAt ?? Infinity, r.insertedAt ?? Infinity);
            if (r.seenAt !== undefined && used !== Infinity)
              r.seenToUseMs = Math.max(0, used - r.seenAt);
          }
          const got = [...b.ledger.rows.values()].map(({ sentAt: _s, ...r }) => r);
          expect(got.sort(byKey)).to.deep.equal([...model.values()].sort(byKey));
        },
      ),
      { numRuns: 150 },
    );
  });
});
const byKey = (a: LedgerRow, b: LedgerRow) =>
  ledgerKey(a.tileId, a.version).localeCompare(ledgerKey(b.tileId, b.version));

describe('SeenController: seen means half in view for a second (docs/PROTOCOL.md §5.8)', () => {
  class Watched extends LitElement {
    showing = true;
    constructor() {
      super();
      new SeenController(this, () => ({ tileId: 'next', version: 3, showing: this.showing }));
    }
    override render() {
      return html`<div style="block-size: 200px">suggestion</div>`;
    }
  }
  customElements.define('seen-test-tile', Watched);

  async function mount(offset: number) {
    const facts: LedgerEvent[] = [];
    const box = await fixture<HTMLDivElement>(
      html`<div style="block-size: 300px; overflow: auto">
        <div style="block-size: ${offset}px"></div>
        <seen-test-tile></seen-test-tile>
        <div style="block-size: 2000px"></div>
      </div>`,
    );
    box.addEventListener('acw-ledger', (e) => facts.push((e as AcwLedgerEvent).fact));
    return { box, facts, tile: box.querySelector('seen-test-tile') as Watched };
  }

  it('a tile in view for a second is seen once, and its time in view is reported when it leaves', async () => {
    const { box, facts, tile } = await mount(0);
    await waitUntil(() => facts.some((f) => f.kind === 'seen'), 'seen', { timeout: 3000 });
    expect(facts[0]).to.include({ kind: 'seen', tileId: 'next', version: 3 });
    box.scrollTop = 1500; // out of view
    await waitUntil(() => facts.some((f) => f.kind === 'visible'), 'visible', { timeout: 3000 });
    const visible = facts.find((f) => f.kind === 'visible');
    expect(visible?.kind === 'visible' && visible.ms).to.be.at.least(1000);
    box.scrollTop = 0; // in view again: seen no more, the time adds up
    tile.showing = false; // dismissed: out of view for the ledger
    tile.requestUpdate();
    await tile.updateComplete;
    expect(facts.filter((f) => f.kind === 'seen')).to.have.length(1);
  });

  it('a tile that is never on screen is never seen', async () => {
    const { facts, tile } = await mount(1200);
    // wait for a visible reference tile to be seen: by then the hidden one had every chance
    const other = await mount(0);
    await waitUntil(() => other.facts.some((f) => f.kind === 'seen'), 'reference seen', {
      timeout: 3000,
    });
    expect(facts).to.deep.equal([]);
    expect(tile.isConnected).to.equal(true);
  });
});
