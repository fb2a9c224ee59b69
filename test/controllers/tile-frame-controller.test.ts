import { expect, fixture, html as fixtureHtml, waitUntil } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { TileFrameController } from '../../src/controllers/tile-frame-controller.js';
import { tileDocument } from '../../src/transport/tile-sdk.js';
import { AcwPostbackEvent } from '../../src/events/events.js';
import { collect, probe } from '../support/frames.js';

/** A tile document that echoes what it gets and says when it loaded. */
const ECHO = `<script>
  window.addEventListener('message', function (e) {
    if (e.source === parent) parent.postMessage({ probe: 'echo', data: e.data }, '*');
  });
</script>`;

/** A bare element that shows one tile frame made by the controller. */
class FrameTestHost extends LitElement {
  doc = ECHO;
  readonly frames = new TileFrameController(
    this,
    () => 'test-tile',
    () => '*',
  );
  override render() {
    return html`${this.frames.frame(this.doc, () => ({
      title: 'test tile',
      sandbox: 'allow-scripts',
      allow: '',
      referrerPolicy: 'origin',
      document: tileDocument(this.doc),
    }))}`;
  }
}
customElements.define('frame-test-host', FrameTestHost);

const frameOf = (el: FrameTestHost) => el.shadowRoot?.querySelector('iframe') as HTMLIFrameElement;
const until = (fn: () => boolean, what: string) => waitUntil(fn, what, { timeout: 8000 });

describe('TileFrameController', () => {
  it('makes a sandboxed frame, and a new one only when its document changes', async () => {
    const el = await fixture<FrameTestHost>(fixtureHtml`<frame-test-host></frame-test-host>`);
    const first = frameOf(el);
    expect(first.getAttribute('sandbox')).to.equal('allow-scripts');
    expect(first.src).to.match(/^blob:/);
    el.requestUpdate();
    await el.updateComplete;
    expect(frameOf(el), 'same document, same frame').to.equal(first);
    el.doc = `${ECHO}<p>v2</p>`;
    el.requestUpdate();
    await el.updateComplete;
    expect(frameOf(el)).to.not.equal(first);
  });

  it('releases the blob: document of a frame it replaces or drops', async () => {
    const el = await fixture<FrameTestHost>(fixtureHtml`<frame-test-host></frame-test-host>`);
    const url = frameOf(el).src;
    expect((await fetch(url)).ok).to.equal(true);
    el.doc = `${ECHO}<p>v2</p>`;
    el.requestUpdate();
    await el.updateComplete;
    let revoked = false;
    await fetch(url).catch(() => (revoked = true));
    expect(revoked, 'the old document is gone').to.equal(true);
    const current = frameOf(el).src;
    el.remove();
    revoked = false;
    await fetch(current).catch(() => (revoked = true));
    expect(revoked, 'dropped with the element').to.equal(true);
  });

  it('delivers metadata and data after ready, in order and once, and only to its own frame', async () => {
    const echo = collect(probe('echo'));
    const el = await fixture<FrameTestHost>(fixtureHtml`<frame-test-host></frame-test-host>`);
    el.frames.setMetadata({ m: 1 });
    el.frames.setData([{ d: 1 }, { d: 2 }]);
    // the tile document says ready itself (the SDK's load handler)
    await until(() => echo.got.length >= 4, 'toggleButton, metadata and two data');
    el.frames.setData([{ d: 1 }, { d: 2 }, { d: 3 }]);
    el.frames.setMetadata({ m: 1 }); // unchanged: not sent again
    await until(() => echo.got.length >= 5, 'the new data');
    echo.stop();
    expect(echo.got.map((g) => g.data)).to.deep.equal([
      { type: 'toggleButton', show: true },
      { m: 1 },
      { d: 1 },
      { d: 2 },
      { d: 3 },
    ]);
  });

  it('turns requests from its own frame into events, and ignores every other window', async () => {
    const el = await fixture<FrameTestHost>(fixtureHtml`<frame-test-host></frame-test-host>`);
    const actions: unknown[] = [];
    el.addEventListener(AcwPostbackEvent.eventName, (e) =>
      actions.push((e as AcwPostbackEvent).action),
    );
    window.postMessage(
      { __INTER_FRAME_SOCKET_MESSAGE: true, workspaceEvent: { type: 'postback', payload: 'fake' } },
      '*',
    );
    el.doc = `<script>window.SDK.postback('real');</script>`;
    el.requestUpdate();
    await until(() => actions.length === 1, 'the postback of the frame');
    expect(actions).to.deep.equal(['real']);
  });
});
