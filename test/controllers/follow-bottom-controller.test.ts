import { expect, fixture, html as fixtureHtml, waitUntil } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { FollowBottomController } from '../../src/controllers/follow-bottom-controller.js';

/** A bare log: a fixed-height scroller with `count` rows of `rowHeight` px. */
class FollowTestLog extends LitElement {
  @property({ type: Number }) count = 0;
  @property({ type: Number }) rowHeight = 20;
  readonly follow = new FollowBottomController(
    this,
    () => this.renderRoot.querySelector<HTMLElement>('.scroller'),
    () => this.renderRoot.querySelector('.rows'),
  );
  protected override willUpdate(): void {
    this.follow.itemsChanged(this.count);
  }
  override render() {
    return html`<div class="scroller" style="block-size: 100px; overflow: auto">
      <div class="rows">
        ${Array.from({ length: this.count }, (_, i) => html`<div style="block-size: ${this.rowHeight}px">${i}</div>`)}
      </div>
    </div>`;
  }
}
customElements.define('follow-test-log', FollowTestLog);

const scroller = (el: FollowTestLog) => el.shadowRoot?.querySelector('.scroller') as HTMLElement;
const atBottom = (el: FollowTestLog) => {
  const s = scroller(el);
  return s.scrollHeight - s.scrollTop - s.clientHeight < 2;
};
/** what a reader does: scrolls up, and the browser says so */
function readBack(el: FollowTestLog, top = 0) {
  const s = scroller(el);
  s.scrollTop = top;
  s.dispatchEvent(new Event('scroll'));
}

describe('FollowBottomController', () => {
  it('starts at the newest item and follows new ones', async () => {
    const el = await fixture<FollowTestLog>(
      fixtureHtml`<follow-test-log count="20"></follow-test-log>`,
    );
    expect(atBottom(el)).to.equal(true);
    el.count = 30;
    await el.updateComplete;
    expect(atBottom(el)).to.equal(true);
    expect(el.follow.unseen).to.equal(0);
  });

  it('stops following when the reader scrolls up, and counts what arrives as unseen', async () => {
    const el = await fixture<FollowTestLog>(
      fixtureHtml`<follow-test-log count="20"></follow-test-log>`,
    );
    readBack(el);
    expect(el.follow.following).to.equal(false);
    el.count = 23;
    await el.updateComplete;
    expect(scroller(el).scrollTop, 'stays where the reader is').to.equal(0);
    expect(el.follow.unseen).to.equal(3);
    el.count = 24;
    await el.updateComplete;
    expect(el.follow.unseen).to.equal(4);
  });

  it('resumes when the reader reaches the bottom, and clears the count', async () => {
    const el = await fixture<FollowTestLog>(
      fixtureHtml`<follow-test-log count="20"></follow-test-log>`,
    );
    readBack(el);
    el.count = 22;
    await el.updateComplete;
    const s = scroller(el);
    readBack(el, s.scrollHeight); // all the way down
    expect(el.follow.following).to.equal(true);
    expect(el.follow.unseen).to.equal(0);
  });

  it('follow() scrolls to the newest item and clears the count', async () => {
    const el = await fixture<FollowTestLog>(
      fixtureHtml`<follow-test-log count="20"></follow-test-log>`,
    );
    readBack(el);
    el.count = 25;
    await el.updateComplete;
    el.follow.follow();
    expect(atBottom(el)).to.equal(true);
    expect(el.follow.unseen).to.equal(0);
  });

  it('keeps following when rows change height without an update (a resize, not a scroll)', async () => {
    const el = await fixture<FollowTestLog>(
      fixtureHtml`<follow-test-log count="20"></follow-test-log>`,
    );
    for (const row of el.shadowRoot?.querySelectorAll<HTMLElement>('.rows > div') ?? [])
      row.style.blockSize = '40px';
    await waitUntil(() => atBottom(el), 'back at the bottom after the rows grew', {
      timeout: 3000,
    });
    expect(el.follow.following).to.equal(true);
  });

  it('lets go of the scroller when the host leaves the page', async () => {
    const el = await fixture<FollowTestLog>(
      fixtureHtml`<follow-test-log count="20"></follow-test-log>`,
    );
    const s = scroller(el);
    el.remove();
    s.scrollTop = 0;
    s.dispatchEvent(new Event('scroll'));
    expect(el.follow.following, 'no longer listening').to.equal(true);
  });
});
