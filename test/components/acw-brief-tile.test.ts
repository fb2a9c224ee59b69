import { expect, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import '../../src/components/acw-workspace.js';
import '../../src/components/acw-brief-tile.js'; // (the full entry has it; the core does not)
import '../../src/components/acw-wrap-up-pane.js';
import type { AcwBriefTile } from '../../src/components/acw-brief-tile.js';
import type { AcwTranscriptTile } from '../../src/components/acw-transcript-tile.js';
import { AcwDiagnosticEvent } from '../../src/events/events.js';
import { type Message, parseTileView } from '../../src/transport/protocol.js';
import { liveWorkspace } from '../support/live-workspace.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

const N = 10_000;
const messages = Array.from({ length: N }, (_, i) => ({
  _id: `m${i}`,
  source: i % 2 ? 'user' : 'bot',
  text: `Message number ${i}`,
}));

async function mount() {
  const { el, conn, grid } = await liveWorkspace(
    'display: block; block-size: 640px; inline-size: 900px',
    ['transcript', 'handoff'],
    messages as Message[],
  );
  const brief = () => grid().shadowRoot?.querySelector('acw-brief-tile') as AcwBriefTile | null;
  const transcript = () =>
    grid().shadowRoot?.querySelector('acw-transcript-tile') as AcwTranscriptTile;
  const send = async (data: unknown, version = 1) => {
    conn.emit('tileUpdate', { id: 'handoff', version, type: 'html', data });
    await el.updateComplete;
    await grid().updateComplete;
    await brief()?.updateComplete;
  };
  return { el, conn, grid, brief, transcript, send };
}

const inBrief = (b: AcwBriefTile, sel: string) => [
  ...(b.shadowRoot?.querySelectorAll<HTMLElement>(sel) ?? []),
];

describe('<acw-brief-tile>: the handoff brief (docs/PROTOCOL.md §5.9)', () => {
  it('is pinned above the grid; a citation far up the transcript is shown, highlighted and focused, with a way back', async () => {
    const w = await mount();
    await w.send({
      html: '<p>fallback</p>',
      brief: {
        title: 'Card dispute',
        sentences: [
          { text: 'Jane reports a charge she did not make.', cites: ['m5'], topic: 'reason' },
          { text: 'The bot verified her <b>identity</b>.', cites: ['m7', 'not-there'] },
        ],
      },
    });
    const b = w.brief() as AcwBriefTile;
    expect(b.parentElement?.classList.contains('pinned'), 'pinned above the grid').to.equal(true);
    expect(w.grid().shadowRoot?.querySelector('.grid acw-html-tile')).to.equal(null);
    // markup is text
    expect(inBrief(b, 'li')[1]?.textContent).to.contain('<b>identity</b>');
    const cites = inBrief(b, 'button.cite');
    expect(cites.map((c) => c.getAttribute('aria-label'))).to.deep.equal([
      'Go to source 1 in the transcript',
      'Go to source 2 in the transcript',
    ]);
    cites[0]?.click();
    const t = w.transcript();
    await waitUntil(
      () => (t.shadowRoot?.activeElement as HTMLElement | null)?.dataset.index === '5',
      'message 5 focused',
      { timeout: 4000 },
    );
    const row = t.shadowRoot?.activeElement as HTMLElement;
    expect(row.classList.contains('cited')).to.equal(true);
    expect(row.textContent).to.contain('Message number 5');
    const back = t.shadowRoot?.querySelector<HTMLButtonElement>('button.back');
    expect(back?.textContent?.trim()).to.equal('Back to the brief');
    back?.click();
    await t.updateComplete;
    expect(b.shadowRoot?.activeElement).to.equal(cites[0]);
    expect(t.shadowRoot?.querySelector('.cited')).to.equal(null);
    await expect(b).to.be.accessible();
  });

  it('a citation the transcript does not have is text only, with one diagnostic; it is announced once', async () => {
    const w = await mount();
    const heard: AcwDiagnosticEvent[] = [];
    w.el.addEventListener(AcwDiagnosticEvent.eventName, (e) => heard.push(e as AcwDiagnosticEvent));
    await w.send({
      html: '',
      brief: { sentences: [{ text: 'Open question: a new card?', cites: ['gone'] }] },
    });
    const b = w.brief() as AcwBriefTile;
    await b.updateComplete;
    expect(inBrief(b, 'button.cite')).to.have.length(0);
    expect(heard.map((e) => e.diagnostic.kind)).to.deep.equal(['brief']);
    expect(heard[0]?.diagnostic.problem).not.to.contain('gone', 'never the values');
    const status = () => b.shadowRoot?.querySelector('[role="status"]')?.textContent ?? '';
    expect(status()).to.contain('Open question: a new card?');
    expect(status()).to.contain('Handoff brief');
  });

  it('a brief at a url is fetched once and shown; a failing, foreign-scheme or non-brief url says so', async () => {
    const w = await mount();
    await w.send({
      html: '',
      brief: { url: new URL('/test/fixtures/brief.json', location.href).href },
    });
    const b = w.brief() as AcwBriefTile;
    await waitUntil(() => inBrief(b, 'li').length === 2, 'the fetched sentences', {
      timeout: 4000,
    });
    expect(b.shadowRoot?.querySelector('.title')?.textContent).to.equal('Card dispute, verified');
    expect(inBrief(b, 'button.cite')).to.have.length(2); // m1, m2 (m99999 is not in the transcript)

    const cases: [string, RegExp][] = [
      [new URL('/test/fixtures/no-such-brief.json', location.href).href, /request failed/],
      ['javascript:alert(1)', /address is not allowed/],
      ['http://example.com/brief.json', /address is not allowed/],
      [new URL('/package.json', location.href).href, /not a brief/],
    ];
    let version = 2;
    for (const [url, words] of cases) {
      await w.send({ html: '', brief: { url } }, version++);
      await waitUntil(
        () => words.test(w.brief()?.shadowRoot?.querySelector('.problem')?.textContent ?? ''),
        `${url}: ${words}`,
        { timeout: 6000 },
      );
    }
  });

  it('hostile briefs are refused whole: too many sentences, too long, unknown fields, not text', () => {
    const sentence = { text: 'x' };
    const bad = [
      { sentences: Array.from({ length: 31 }, () => sentence) },
      { sentences: [{ text: 'x'.repeat(1001) }] },
      { sentences: [{ text: 'x', cites: Array.from({ length: 13 }, (_, i) => `m${i}`) }] },
      { sentences: [{ text: 'x', onclick: 'alert(1)' }] },
      { sentences: [{ text: { toString: 'x' } }] },
      { sentences: [] },
      { title: 'only a title' },
      'a string',
    ];
    for (const brief of bad)
      expect(parseTileView('html', { html: '', brief })).to.deep.equal({
        kind: 'invalid',
        type: 'html',
        problem: { code: 'brief-invalid' },
      });
    expect(parseTileView('html', { html: '<p>x</p>' }).kind).to.equal('html');
  });
});
