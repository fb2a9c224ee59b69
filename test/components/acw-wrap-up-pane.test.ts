import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/acw-workspace.js';
import '../../src/components/acw-brief-tile.js'; // (the full entry has it; the core does not)
import '../../src/components/acw-wrap-up-pane.js';
import type { AcwWrapUpPane } from '../../src/components/acw-wrap-up-pane.js';
import { AcwWrapUpSubmittedEvent } from '../../src/events/events.js';
import { parseTileView } from '../../src/transport/protocol.js';
import { liveWorkspace } from '../support/live-workspace.js';

const DRAFT = {
  sentences: [
    { text: 'Jane disputed a $249.99 charge.', cites: ['m1'] },
    { text: 'The card was blocked and the amount refunded.', cites: ['m2'] },
  ],
  codes: [
    { code: 'refund', label: 'Refund issued', confidence: 0.82 },
    { code: 'fraud', label: 'Fraud report', confidence: 0.11 },
  ],
  preselectAbove: 0.7,
};

async function mount() {
  const { el, conn, grid } = await liveWorkspace(
    'display: block; block-size: 700px; inline-size: 900px',
    ['transcript'],
    [
      { _id: 'm1', source: 'user', text: 'There is a charge I never made.' },
      { _id: 'm2', source: 'agent', text: 'Blocked and refunded.' },
    ],
  );
  const pane = () => grid().shadowRoot?.querySelector('acw-wrap-up-pane') as AcwWrapUpPane | null;
  const settle = async () => {
    await el.updateComplete;
    await grid().updateComplete;
    await pane()?.updateComplete;
  };
  const draft = async (data: unknown, version = 1) => {
    conn.emit('tileUpdate', {
      id: 'wrap-up',
      version,
      type: 'html',
      data: { html: '', wrapUp: data },
    });
    await settle();
  };
  const q = <T extends Element>(sel: string) => pane()?.shadowRoot?.querySelector<T>(sel) ?? null;
  const textarea = () => q<HTMLTextAreaElement>('textarea') as HTMLTextAreaElement;
  const status = () => q('.row [role="status"]')?.textContent?.trim() ?? '';
  const wrapUps = () =>
    conn.postbacks.filter((p) => (p.request.action as { type: string }).type === 'wrap-up');
  return { el, conn: () => conn, grid, pane, settle, draft, q, textarea, status, wrapUps };
}

describe('<acw-wrap-up-pane>: the wrap-up before the next call (docs/PROTOCOL.md §5.10)', () => {
  it('a draft opens the pane above the grid: editable, cited, the top code preselected above the threshold', async () => {
    const w = await mount();
    await w.draft(DRAFT);
    const pane = w.pane() as AcwWrapUpPane;
    expect(pane.parentElement?.classList.contains('pinned')).to.equal(true);
    expect(w.textarea().value).to.equal(
      'Jane disputed a $249.99 charge. The card was blocked and the amount refunded.',
    );
    const radios = [
      ...(pane.shadowRoot?.querySelectorAll<HTMLInputElement>('input[type=radio]') ?? []),
    ];
    expect(radios.map((r) => r.checked)).to.deep.equal([true, false]);
    expect(pane.shadowRoot?.querySelector('fieldset')?.textContent).to.contain(
      'Refund issued (82%)',
    );
    expect(pane.shadowRoot?.querySelectorAll('button.cite')).to.have.length(2);
    // not "a tile not in the layout"
    expect(w.el.shadowRoot?.querySelector('.notes')).to.equal(null);
    await expect(pane).to.be.accessible();

    // below the threshold nothing is chosen for the agent
    const w2 = await mount();
    await w2.draft({ ...DRAFT, preselectAbove: 0.9 });
    const radios2 = [
      ...(w2.pane()?.shadowRoot?.querySelectorAll<HTMLInputElement>('input[type=radio]') ?? []),
    ];
    expect(radios2.map((r) => r.checked)).to.deep.equal([false, false]);
  });

  it('a new draft never overwrites the agent’s edits: it is offered beside them', async () => {
    const w = await mount();
    await w.draft(DRAFT);
    w.textarea().value = 'My own words.';
    w.textarea().dispatchEvent(new Event('input'));
    await w.settle();
    await w.draft({ summary: 'A newer draft.', codes: DRAFT.codes }, 2);
    expect(w.textarea().value).to.equal('My own words.');
    expect(w.q('.offer')?.textContent).to.contain('The copilot sent a new draft.');
    w.q<HTMLButtonElement>('.offer button')?.click();
    await w.settle();
    expect(w.textarea().value).to.equal('A newer draft.');
    expect(w.q('.offer')).to.equal(null);
  });

  it('Submit sends one wrap-up, again with the same id until it is acknowledged, then says so', async () => {
    const w = await mount();
    const heard: AcwWrapUpSubmittedEvent[] = [];
    w.el.addEventListener(AcwWrapUpSubmittedEvent.eventName, (e) =>
      heard.push(e as AcwWrapUpSubmittedEvent),
    );
    await w.draft(DRAFT, 3);
    w.textarea().value = `${w.textarea().value} Customer satisfied.`;
    w.textarea().dispatchEvent(new Event('input'));
    await w.settle();
    w.q<HTMLButtonElement>('button[type=submit]')?.click();
    w.q<HTMLButtonElement>('button[type=submit]')?.click(); // twice: still one
    await w.settle();
    expect(w.wrapUps()).to.have.length(1);
    const first = w.wrapUps()[0]?.request.action as Record<string, unknown>;
    expect(first).to.include({
      type: 'wrap-up',
      code: 'refund',
      edited: true,
      draftVersion: 3,
      summary:
        'Jane disputed a $249.99 charge. The card was blocked and the amount refunded. Customer satisfied.',
    });
    expect(first.submissionId).to.be.a('string');
    // three drops: it goes again, with the same id
    for (let i = 0; i < 3; i++) {
      w.wrapUps()[i]?.settle({ ok: false, problem: { code: 'dropped' } });
      await waitUntil(() => w.wrapUps().length === i + 2, `try ${i + 2}`, { timeout: 4000 });
      expect(w.status()).to.equal('Not submitted yet: trying again');
    }
    const ids = new Set(
      w.wrapUps().map((p) => (p.request.action as { submissionId: string }).submissionId),
    );
    expect(ids.size).to.equal(1);
    w.wrapUps()[3]?.settle({ ok: true });
    await w.settle();
    expect(w.status()).to.equal('Wrap-up submitted');
    expect(w.textarea().readOnly).to.equal(true);
    expect(heard.map((e) => [e.code, e.label])).to.deep.equal([['refund', 'Refund issued']]);
    // a draft after the submission changes nothing
    await w.draft({ summary: 'Late draft.' }, 4);
    expect(w.textarea().value).to.contain('Customer satisfied.');
  });

  it('Wrap up asks the flow for a draft; none in time: the agent writes one', async () => {
    const w = await mount();
    await w.settle();
    const transcript = w.grid().shadowRoot?.querySelector('acw-transcript-tile');
    const button = [
      ...(transcript?.shadowRoot?.querySelectorAll<HTMLButtonElement>('.head button') ?? []),
    ].find((b) => b.textContent?.trim() === 'Wrap up');
    button?.click();
    await w.settle();
    expect(w.conn().postbacks.map((p) => p.request.action)).to.deep.equal([
      { type: 'wrap-up-request' },
    ]);
    expect(w.pane()?.shadowRoot?.textContent).to.contain('Asking the copilot for a draft…');
    await waitUntil(
      () => w.pane()?.shadowRoot?.activeElement === w.textarea(),
      'focus in the summary',
    );

    const alone = await fixture<AcwWrapUpPane>(
      html`<acw-wrap-up-pane requested .waitMs=${30}></acw-wrap-up-pane>`,
    );
    await waitUntil(
      () =>
        alone.shadowRoot?.textContent?.includes(
          'No draft came in time. Write the summary yourself.',
        ),
      'no draft',
    );
  });

  it('hostile drafts are refused whole', () => {
    const bad = [
      { summary: 'x'.repeat(4001) },
      {
        summary: 'x',
        codes: [1, 2, 3, 4].map((n) => ({ code: `c${n}`, label: 'l', confidence: 0.5 })),
      },
      { summary: 'x', codes: [{ code: 'c', label: 'l', confidence: 2 }] },
      { summary: 'x', script: 'alert(1)' },
      { codes: [] },
    ];
    for (const wrapUp of bad)
      expect(parseTileView('html', { html: '', wrapUp })).to.deep.equal({
        kind: 'invalid',
        type: 'html',
        problem: { code: 'wrap-up-invalid' },
      });
  });
});
