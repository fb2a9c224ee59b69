import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { AcwHtmlTile } from '../../src/components/acw-html-tile.js';
import {
  AcwInsertTextRequestedEvent,
  AcwMessageSentEvent,
  AcwPostbackEvent,
} from '../../src/events/events.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { collect, probe } from '../support/frames.js';
import { nextEvent } from '../support/events.js';
import { withStyleReads } from '../support/style-reads.js';

const until = (fn: () => boolean, what: string) =>
  waitUntil(fn, what, { timeout: 8000, interval: 20 });

/** Tile HTML that reports each message it receives, tagged with an id of its document. */
const ECHO = `<p>echo</p><script>
  var loadId = Math.random().toString(36).slice(2);
  window.addEventListener('message', function (e) {
    if (e.source !== parent) return;
    if (e.data && e.data.type === 'toggleButton') return parent.postMessage({ probe: 'toggle', data: e.data }, '*');
    parent.postMessage({ probe: 'echo', data: e.data, loadId: loadId }, '*');
  });
  parent.postMessage({ probe: 'loaded', loadId: loadId, sdk: typeof window.SDK, referrer: document.referrer, baseURI: document.baseURI,
    href: location.href, url: document.URL, documentURI: document.documentURI, name: window.name,
    ancestorOrigins: Array.from(location.ancestorOrigins || []) }, '*');
</script>`;

/**
 * Appended to a field-style tile in these tests: after the tile's own listener
 * ran, reports what the tile shows; and clicks or fills an element on request.
 */
const FIELD_PROBE = `<script>
  window.addEventListener('message', function (event) {
    var d = event.data;
    if (d && d.acwTestClick) { document.getElementById(d.acwTestClick).click(); return; }
    if (d && d.acwTestFill) { document.getElementById(d.acwTestFill).value = d.value; return; }
    var shown = document.getElementById('text') || document.getElementById('answer');
    parent.postMessage({
      probe: 'field',
      got: d,
      forward: document.getElementById('forward').className !== 'hidden',
      text: shown.textContent
    }, '*');
  });
</script>`;

/** A field-style tile of test/fixtures/field-tiles/ behind a stylesheet that takes `ms`. */
async function fieldTile(name: string, ms = 400): Promise<string> {
  const source = (await executeServerCommand('field-tile', { name })) as string;
  return source.replace('{{STYLESHEET}}', `${location.origin}/slow.css?ms=${ms}`) + FIELD_PROBE;
}

for (const mode of ['blob', 'tile-frame'] as const) {
  describe(`<acw-html-tile> (${mode})`, () => {
    const tileFrame = mode === 'tile-frame' ? '/tile-frame.html' : '';

    async function tile(content: string, extra: { metadata?: unknown; tileData?: unknown[] } = {}) {
      const el = await fixture<AcwHtmlTile>(
        html`<acw-html-tile
          style="block-size: 200px"
          tile-id="next-action"
          heading="Next action"
          tile-frame=${tileFrame}
          .html=${content}
          .metadata=${extra.metadata}
          .tileData=${extra.tileData ?? []}
        ></acw-html-tile>`,
      );
      return el;
    }
    const frameOf = (el: AcwHtmlTile) =>
      el.shadowRoot?.querySelector('iframe') as HTMLIFrameElement;

    it('is defined', () => {
      expect(customElements.get('acw-html-tile')).to.equal(AcwHtmlTile);
    });

    it("the tile's document gets the workspace theme (color-scheme and tokens) and follows its changes", async () => {
      // reports its root's color-scheme and a token each time the workspace's theme arrives
      const THEMED = `<p>themed</p><script>
        window.addEventListener('acw-theme', function () {
          var cs = getComputedStyle(document.documentElement);
          parent.postMessage({ probe: 'theme', scheme: cs.colorScheme,
            surface: cs.getPropertyValue('--acw-color-surface').trim(),
            canvas: getComputedStyle(document.body).backgroundColor }, '*');
        });
      </script>`;
      const themes = collect(probe('theme'));
      const el = await fixture<AcwHtmlTile>(
        html`<acw-html-tile
          style="block-size: 200px; --acw-color-surface: rgb(22, 27, 34)"
          tile-id="identity"
          tile-frame=${tileFrame}
          theme="dark"
          .html=${THEMED}
        ></acw-html-tile>`,
      );
      await until(() => themes.got.length >= 1, 'the theme arrived');
      expect(themes.got[0]?.scheme).to.equal('dark');
      expect(themes.got[0]?.surface).to.equal('rgb(22, 27, 34)');
      // a dark scheme gives the document a dark canvas (it was white in a dark workspace)
      expect(themes.got[0]?.canvas).to.not.equal('rgb(255, 255, 255)');
      el.theme = 'light';
      await until(() => themes.got.length >= 2, 'the change followed');
      expect(themes.got[1]?.scheme).to.equal('light');
      themes.stop();
    });

    it('reads the theme from computed style only once its document is ready, not in the first render', async () => {
      // (startup: each tile's style read forced a style pass between two tiles' frames)
      await withStyleReads(async (read) => {
        const themes = collect(probe('theme-ready'));
        const el = await tile(`<p>themed</p><script>
          window.addEventListener('acw-theme', function () {
            parent.postMessage({ probe: 'theme-ready' }, '*');
          });
        </script>`);
        await el.updateComplete;
        expect(
          read.filter((e) => e === el),
          'read in the first render',
        ).to.have.length(0);
        await until(() => themes.got.length >= 1, 'the theme arrived');
        expect(read.filter((e) => e === el).length, 'read when it was ready').to.be.at.least(1);
        themes.stop();
      });
    });

    it('runs the HTML in a sandboxed, titled frame without allow-same-origin', async () => {
      const el = await tile('<p>hi</p>');
      const f = frameOf(el);
      expect(f.getAttribute('sandbox')).to.equal('allow-scripts allow-forms allow-popups');
      expect(f.getAttribute('title')).to.equal('Next action tile');
      expect(f.getAttribute('allow')).to.equal('clipboard-write');
      expect(f.getAttribute('referrerpolicy')).to.equal('origin');
      await expect(el).to.be.accessible();
    });

    it('installs the SDK before the author scripts run, the referrer is the workspace origin only, and the URLToken of the page URL reaches the tile nowhere', async () => {
      // a recognisable fake token in this page's URL, as a workspace link carries one
      const token = `fake-urltoken-${Math.random().toString(36).slice(2)}`;
      const page = location.href;
      const withToken = new URL(page);
      withToken.searchParams.set('URLToken', token);
      history.replaceState(history.state, '', withToken);
      try {
        const loaded = collect(probe('loaded'));
        const el = await tile(ECHO);
        await until(() => loaded.got.length === 1, 'tile loaded');
        loaded.stop();
        expect(loaded.got[0]?.sdk).to.equal('object');
        expect(loaded.got[0]?.referrer).to.equal(`${location.origin}/`);
        // never the workspace URL (a srcdoc document's base URL would be it, tokens and all)
        const base = new URL(String(loaded.got[0]?.baseURI));
        expect(base.search).to.equal('');
        expect(base.pathname).to.not.include(location.pathname.slice(1) || '\u0000');
        // not in what the tile reads (its URL, base URL, referrer, name, ancestors)...
        expect(JSON.stringify(loaded.got[0]), 'what the tile reads').to.not.include(token);
        // ...nor anywhere on its frame
        const f = frameOf(el);
        for (const a of f.attributes)
          expect(a.value, `the frame's ${a.name}`).to.not.include(token);
        expect(f.src, 'the frame src').to.not.include(token);
        expect(f.name, 'the frame name').to.not.include(token);
      } finally {
        history.replaceState(history.state, '', page);
      }
      expect(location.href).to.equal(page);
    });

    it('holds the sandbox: the tile cannot reach the workspace DOM, storage or URL', async () => {
      const r = collect(probe('escape'));
      await tile(`<script>
        var out = {};
        function attempt(name, fn) { try { out[name] = 'reached: ' + String(fn()); } catch (e) { out[name] = 'blocked'; } }
        attempt('document', function () { return parent.document.title; });
        attempt('localStorage', function () { return parent.localStorage.length; });
        attempt('location', function () { return parent.location.href; });
        attempt('top', function () { return top.document.cookie; });
        attempt('ownStorage', function () { return localStorage.length; });
        out.origin = window.origin;
        parent.postMessage(Object.assign({ probe: 'escape' }, out), '*');
      </script>`);
      await until(() => r.got.length === 1, 'report');
      r.stop();
      expect(r.got[0]).to.deep.equal({
        probe: 'escape',
        document: 'blocked',
        localStorage: 'blocked',
        location: 'blocked',
        top: 'blocked',
        ownStorage: 'blocked',
        origin: 'null',
      });
    });

    it('posts metadata raw after load and again on change, without reloading the tile', async () => {
      const echo = collect(probe('echo'));
      const el = await tile(ECHO, { metadata: { customer: 'Jane' } });
      await until(() => echo.got.length === 1, 'first metadata');
      el.metadata = { customer: 'Jane', tier: 'Gold' };
      await until(() => echo.got.length === 2, 'second metadata');
      el.metadata = { customer: 'Jane', tier: 'Gold' }; // equal: not posted again
      el.tileData = [{ ping: 1 }];
      await until(() => echo.got.length === 3, 'data after equal metadata');
      echo.stop();
      expect(echo.got.map((g) => g.data)).to.deep.equal([
        { customer: 'Jane' },
        { customer: 'Jane', tier: 'Gold' },
        { ping: 1 },
      ]);
      expect(new Set(echo.got.map((g) => g.loadId)).size, 'one document').to.equal(1);
    });

    it('tells the tile to show its "forward to reply box" button once it is ready', async () => {
      const toggle = collect(probe('toggle'));
      await tile(ECHO);
      await until(() => toggle.got.length === 1, 'toggleButton');
      toggle.stop();
      expect(toggle.got[0]?.data).to.deep.equal({ type: 'toggleButton', show: true });
    });

    it('buffers sendTileData until the tile is ready, then delivers it raw, in order, once', async () => {
      const echo = collect(probe('echo'));
      const el = await tile(ECHO, { tileData: [{ a: 1 }, { b: 2 }] });
      await until(() => echo.got.length === 2, 'buffered data');
      el.tileData = [{ a: 1 }, { b: 2 }, { c: 3 }];
      await until(() => echo.got.length === 3, 'new data');
      echo.stop();
      expect(echo.got.map((g) => g.data)).to.deep.equal([{ a: 1 }, { b: 2 }, { c: 3 }]);
    });

    it('collapses without unloading the tile document', async () => {
      const echo = collect(probe('echo'));
      const el = await tile(ECHO, { metadata: { n: 1 } });
      await until(() => echo.got.length === 1, 'first metadata');
      el.collapsed = true;
      await el.updateComplete;
      el.metadata = { n: 2 }; // delivered while collapsed
      await until(() => echo.got.length === 2, 'metadata while collapsed');
      el.collapsed = false;
      el.metadata = { n: 3 };
      await until(() => echo.got.length === 3, 'metadata after expanding');
      echo.stop();
      expect(new Set(echo.got.map((g) => g.loadId)).size, 'one document all along').to.equal(1);
    });

    it('rebuilds the document only when the HTML changes', async () => {
      const loaded = collect(probe('loaded'));
      const el = await tile(ECHO);
      await until(() => loaded.got.length === 1, 'first load');
      el.metadata = { x: 1 };
      await el.updateComplete;
      el.html = `${ECHO}<p>v2</p>`;
      await until(() => loaded.got.length === 2, 'second load');
      loaded.stop();
      expect(loaded.got[0]?.loadId).to.not.equal(loaded.got[1]?.loadId);
    });

    it('turns SDK.postback into acw-postback and settles the promise with the answer', async () => {
      const result = collect(probe('result'));
      const el = await tile(`<script>
        window.SDK.postback({ choice: 'refund' }).then(
          function () { parent.postMessage({ probe: 'result', ok: true }, '*'); },
          function (e) { parent.postMessage({ probe: 'result', ok: false, reason: e.message }, '*'); });
        window.SDK.postback({ choice: 'second' }).then(
          function () { parent.postMessage({ probe: 'result', ok: true, second: true }, '*'); },
          function (e) { parent.postMessage({ probe: 'result', ok: false, second: true, reason: e.message }, '*'); });
      </script>`);
      const events: AcwPostbackEvent[] = [];
      el.addEventListener(AcwPostbackEvent.eventName, (e) => events.push(e as AcwPostbackEvent));
      await until(() => events.length === 2, 'two postbacks');
      expect(events.map((e) => [e.tileId, e.kind, e.action])).to.deep.equal([
        ['next-action', 'frame', { choice: 'refund' }],
        ['next-action', 'frame', { choice: 'second' }],
      ]);
      events[1]?.respond({ ok: false, problem: { code: 'refused', server: 'The flow said no' } });
      events[0]?.respond({ ok: true });
      events[0]?.respond({ ok: false, problem: { code: 'down' } });
      await until(() => result.got.length === 2, 'both settled');
      result.stop();
      expect(result.got.find((r) => r.second)).to.include({
        ok: false,
        reason: 'The copilot said: The flow said no',
      });
      expect(result.got.find((r) => !r.second)).to.include({ ok: true });
    });

    it('forwards replyBoxContent (plain, as Cognigy tiles post it) as acw-insert-text-requested', async () => {
      const el = await fixture<AcwHtmlTile>(html`<div></div>`).then(() => tile('<p>x</p>'));
      const event = nextEvent<AcwInsertTextRequestedEvent>(
        el,
        AcwInsertTextRequestedEvent.eventName,
      );
      el.html = `<script>
        var target = new URL(document.referrer || 'http://invalid').origin;
        parent.postMessage({ type: 'replyBoxContent', content: 'I can help with that.' }, document.referrer ? target : '*');
      </script>`;
      const e = await event;
      expect([e.text, e.tileId]).to.deep.equal(['I can help with that.', 'next-action']);
      expect(e.composed).to.equal(true);
    });

    it('forwards SDK.sendMessage as an agent reply', async () => {
      const el = await tile('<p>x</p>');
      const event = nextEvent<AcwMessageSentEvent>(el, AcwMessageSentEvent.eventName);
      el.html = `<script>window.SDK.sendMessage('From the tile');</script>`;
      expect((await event).text).to.equal('From the tile');
    });

    it('ignores tile messages from any other window, even with the envelope', async () => {
      const el = await tile('<p>legit</p>');
      const got: unknown[] = [];
      el.addEventListener(AcwPostbackEvent.eventName, (e) =>
        got.push((e as AcwPostbackEvent).action),
      );
      el.addEventListener(AcwInsertTextRequestedEvent.eventName, (e) =>
        got.push((e as AcwInsertTextRequestedEvent).text),
      );
      const rogue = document.createElement('iframe');
      rogue.setAttribute('sandbox', 'allow-scripts');
      rogue.srcdoc = `<script>
        parent.postMessage({ __INTER_FRAME_SOCKET_MESSAGE: true, workspaceEvent: { type: 'postback', payload: 'rogue' } }, '*');
        parent.postMessage({ type: 'replyBoxContent', content: 'rogue' }, '*');
        parent.postMessage({ probe: 'rogue-done' }, '*');
      </script>`;
      const done = collect(probe('rogue-done'));
      document.body.append(rogue);
      await until(() => done.got.length === 1, 'rogue posted');
      // and the legit tile, posting the same envelope, is heard
      el.html = `<script>parent.postMessage({ __INTER_FRAME_SOCKET_MESSAGE: true, workspaceEvent: { type: 'postback', payload: 'legit' } }, '*');</script>`;
      await until(() => got.includes('legit'), 'legit postback');
      done.stop();
      rogue.remove();
      expect(got, 'exactly what the tile posted, nothing of the rogue frame').to.deep.equal([
        'legit',
      ]);
    });

    it('a field tile behind a slow stylesheet gets toggleButton, then metadata and data, once, after its scripts ran', async () => {
      const seen = collect(probe('field'));
      const el = await tile(await fieldTile('next-action'), {
        metadata: { type: 'next-action', text: 'From metadata' },
        tileData: [null, { type: 'next-action', text: 'From sendTileData' }],
      });
      await until(() => seen.got.length >= 3, 'three deliveries');
      el.requestUpdate(); // a re-render delivers nothing twice
      await el.updateComplete;
      seen.stop();
      expect(seen.got.map((g) => [g.got, g.forward, g.text])).to.deep.equal([
        [{ type: 'toggleButton', show: true }, true, 'Waiting for a suggestion…'],
        [{ type: 'next-action', text: 'From metadata' }, true, 'From metadata'],
        // a null sendTileData is not posted (field tiles read event.data.type unchecked)
        [{ type: 'next-action', text: 'From sendTileData' }, true, 'From sendTileData'],
      ]);
    });

    it("a field tile's replyBoxContent to a hard-coded foreign origin reaches the workspace", async () => {
      const seen = collect(probe('field'));
      const el = await tile(await fieldTile('next-action', 0), {
        metadata: { type: 'next-action', text: 'I can refund that today.' },
      });
      await until(() => seen.got.length >= 2, 'the tile has its suggestion');
      seen.stop();
      const event = nextEvent<AcwInsertTextRequestedEvent>(
        el,
        AcwInsertTextRequestedEvent.eventName,
      );
      frameOf(el).contentWindow?.postMessage({ acwTestClick: 'forward' }, '*');
      const e = await event;
      expect([e.text, e.tileId]).to.deep.equal(['I can refund that today.', 'next-action']);
    });

    it('does not pass a repeated postback request id on twice', async () => {
      const el = await tile('<p>x</p>');
      const actions: unknown[] = [];
      el.addEventListener(AcwPostbackEvent.eventName, (e) =>
        actions.push((e as AcwPostbackEvent).action),
      );
      el.html = `<script>
        var m = { __INTER_FRAME_SOCKET_MESSAGE: true, workspaceEvent: { type: 'postback', payload: 'once', requestId: 'r-1' } };
        parent.postMessage(m, '*'); parent.postMessage(m, '*');
        parent.postMessage({ __INTER_FRAME_SOCKET_MESSAGE: true, workspaceEvent: { type: 'postback', payload: 'other', requestId: 'r-2' } }, '*');
      </script>`;
      await until(() => actions.length === 2, 'two distinct postbacks');
      expect(actions).to.deep.equal(['once', 'other']);
    });

    it('survives a tile that throws and one that posts garbage; other tiles keep working', async () => {
      const echo = collect(probe('echo'));
      const raised: string[] = [];
      for (const name of ['acw-postback', 'acw-insert-text-requested', 'acw-message-sent'])
        document.addEventListener(name, (e) => raised.push(e.type));
      await tile(`<script>
        parent.postMessage(null, '*'); parent.postMessage(42, '*'); parent.postMessage({ __INTER_FRAME_SOCKET_MESSAGE: 'yes' }, '*');
        parent.postMessage({ __INTER_FRAME_SOCKET_MESSAGE: true, workspaceEvent: { type: 'x'.repeat(500) } }, '*');
        throw new Error('tile crashed');
      </script>`);
      await tile(ECHO, { metadata: { still: 'alive' } });
      await until(() => echo.got.length === 1, 'the good tile works');
      echo.stop();
      expect(echo.got[0]?.data).to.deep.equal({ still: 'alive' });
      expect(raised, 'the garbage became no request').to.deep.equal([]);
    });
  });
}

describe('the tile SDK when the workspace has an opaque origin', () => {
  it('document.referrer still reads as a URL, so a field tile that builds its target from it works', async () => {
    const { tileDocument } = await import('../../src/transport/tile-sdk.js');
    const html = (await fieldTile('knowledge', 0)).concat(
      `<script>parent.postMessage({ probe: 'referrer', referrer: document.referrer }, '*');</script>`,
    );
    // what a workspace framed without allow-same-origin gives its tiles: no referrer at all
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts allow-forms');
    frame.referrerPolicy = 'no-referrer';
    const url = URL.createObjectURL(new Blob([tileDocument(html)], { type: 'text/html' }));
    const referrer = collect(probe('referrer'), () => frame.contentWindow);
    const postbacks = collect(
      (d) => {
        const e = (d as { workspaceEvent?: { type?: string; payload?: unknown } } | null)
          ?.workspaceEvent;
        return e?.type === 'postback' ? e.payload : undefined;
      },
      () => frame.contentWindow,
    );
    frame.src = url;
    document.body.append(frame);
    try {
      await until(() => referrer.got.length === 1, 'the tile ran');
      expect(new URL(String(referrer.got[0]?.referrer)).protocol).to.match(/^https?:$/);
      frame.contentWindow?.postMessage({ acwTestFill: 'q', value: 'chargeback' }, '*');
      frame.contentWindow?.postMessage({ acwTestClick: 'find' }, '*');
      await until(() => postbacks.got.length === 1, 'the search posted back');
      expect(postbacks.got).to.deep.equal([{ searchString: 'chargeback', tileId: 'knowledge' }]);
    } finally {
      referrer.stop();
      postbacks.stop();
      frame.remove();
      URL.revokeObjectURL(url);
    }
  });
});

describe('tile-frame URL templates', () => {
  it('gives each tile a DNS-safe label of its own, stable for the same id', async () => {
    const { tileLabel, tileFrameUrl } = await import('../../src/controllers/tile-frame.js');
    expect(tileLabel('next-action')).to.match(/^t-[0-9a-f]{8}$/);
    expect(tileLabel('next-action')).to.equal(tileLabel('next-action'));
    expect(tileLabel('next-action')).to.not.equal(tileLabel('knowledge'));
    expect(tileFrameUrl('http://{tile}.localhost:9/tile-frame.html', 'x')).to.equal(
      `http://${tileLabel('x')}.localhost:9/tile-frame.html`,
    );
    expect(tileFrameUrl('/tile-frame.html', 'x')).to.equal('/tile-frame.html');
  });
});
