// End to end, as a hostile tile would try it: what a tile can learn of the
// workspace URL (which carries URLToken and auth) in each frame mode, and
// which Referer the requests of the workspace and its tiles carry, asserted
// on the receiving server. The BUILT script, the reference endpoint.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { control } from '../support/endpoint-process.js';
import { DEMO_TOKEN, E2E, until } from '../support/e2e-harness.js';

// the strict pages block the spy's plain-http images: that is expected here
const e2e = new E2E(/violates the following Content Security Policy directive: "img-src/);
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzZWNyZXQiOiJzcHkifQ.c2lnbmF0dXJl';

/** Everything a tile can read about where it is, sent by image and by postback. */
function spyTile(collect: string): string {
  return `<p>spy</p><script>
  (function () {
    var seen = {
      baseURI: document.baseURI,
      URL: document.URL,
      documentURI: document.documentURI,
      referrer: document.referrer,
      location: String(location.href),
      ancestorOrigins: Array.prototype.slice.call(location.ancestorOrigins || []).join(' '),
      performance: performance.getEntries().map(function (e) { return e.name; }).join(' ')
    };
    new Image().src = '${collect}/collect/tile?' + encodeURIComponent(JSON.stringify(seen));
    window.SDK.postback({ type: 'spy', seen: seen });
  })();
  </script>`;
}

/** Is `value` no more than an origin (with or without its trailing slash)? */
function atMostOrigin(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.pathname === '/' || u.pathname === '') && !u.search && !u.hash && !u.username;
  } catch {
    return false;
  }
}

describe('a tile learns nothing of the workspace URL, and no request carries it', () => {
  before(() => e2e.start(40));
  after(() => e2e.stop());
  afterEach(() => e2e.closePage());

  async function plant(sessionId: string) {
    e2e.recorded.length = 0;
    const key = e2e.key(sessionId);
    // the demo script first, so its layout does not replace ours
    await control(e2e.endpoint.url, 'POST', 'script', { ...key, action: 'all' });
    await control(e2e.endpoint.url, 'POST', 'layout', {
      ...key,
      layout: {
        grid: { columns: 2, rows: 1 },
        tiles: { transcript: { x: 1, y: 1 }, spy: { x: 2, y: 1 } },
        // on the host page's own origin: a same-origin request is where a full Referer would go
        background: { imageUrl: `${e2e.hostUrl}/collect/background.gif` },
      },
    });
    await control(e2e.endpoint.url, 'POST', 'tile', {
      ...key,
      update: { id: 'spy', version: 1, type: 'html', data: { html: spyTile(e2e.hostUrl) } },
    });
  }

  async function seenByTile(sessionId: string): Promise<Record<string, string>> {
    const sent = await until(
      () =>
        control<{ kind: string; payload: { action: { type?: string; seen?: object } } }[]>(
          e2e.endpoint.url,
          'GET',
          'sent',
          e2e.key(sessionId),
        ),
      (s) => s.some((a) => a.kind === 'postback' && a.payload.action.type === 'spy'),
      'the spy tile to post back what it saw',
    );
    const spy = sent.find((a) => a.payload.action.type === 'spy');
    return (spy?.payload.action.seen ?? {}) as Record<string, string>;
  }

  function assertNothingLeaked(seen: Record<string, string>, sessionId: string) {
    assert.ok(Object.keys(seen).length >= 7, 'the tile reported what it read');
    for (const [what, value] of Object.entries(seen)) {
      for (const secret of [DEMO_TOKEN, sessionId, JWT, 'customer-jane', 'URLToken']) {
        assert.ok(!value.includes(secret), `${what} shows ${secret}: ${value}`);
      }
    }
    assert.ok(atMostOrigin(seen.referrer ?? ''), `referrer is the origin: ${seen.referrer}`);
  }

  function assertReferersAtMostOrigin() {
    for (const r of e2e.recorded) {
      assert.ok(
        r.referer === undefined || atMostOrigin(r.referer),
        `${r.path.slice(0, 40)} was sent with Referer ${r.referer}`,
      );
    }
  }

  test('fallback frame (the README snippet, no tile-frame): html tile and background', async () => {
    const sessionId = 'leak-fallback';
    await plant(sessionId);
    await e2e.newPage({ width: 1000, height: 700 });
    await e2e.page.goto(e2e.snippetUrl(sessionId, `&auth=${JWT}`));
    assertNothingLeaked(await seenByTile(sessionId), sessionId);
    // the layout background and the tile's own request reached the recorder
    await until(
      async () => e2e.recorded.map((r) => r.path),
      (p) => p.some((x) => x.startsWith('/collect/background')),
      'the layout background request',
    );
    await until(
      async () => e2e.recorded.map((r) => r.path),
      (p) => p.some((x) => x.startsWith('/collect/tile')),
      "the tile's own request",
    );
    assertReferersAtMostOrigin();
    // and the agent can still reload the page: the session is in the URL as before
    await e2e.page.reload();
    await e2e.page.locator('acw-workspace').getByRole('log').waitFor();
  });

  test('tile-frame document (the standalone page): html tile', async () => {
    const sessionId = 'leak-tile-frame';
    await plant(sessionId);
    await e2e.newPage({ width: 1000, height: 700 });
    await e2e.page.goto(e2e.sessionUrl(sessionId, `&auth=${JWT}`));
    assertNothingLeaked(await seenByTile(sessionId), sessionId);
    assertReferersAtMostOrigin();
  });

  test('tile-frame document inside a host page (Genesys-style iframe): html tile', async () => {
    const sessionId = 'leak-framed';
    await plant(sessionId);
    await e2e.newPage({ width: 1000, height: 700 });
    await e2e.openInIframe(e2e.sessionUrl(sessionId, `&auth=${JWT}`));
    assertNothingLeaked(await seenByTile(sessionId), sessionId);
    assertReferersAtMostOrigin();
  });
});

describe('rights for the whole life of a socket, seen by the agent', () => {
  before(() => e2e.start(40));
  after(() => e2e.stop());
  afterEach(() => e2e.closePage());

  test('a link that expires while open says so, and a fresh token from the host continues it without a reload', async () => {
    const sessionId = 'expiring-link';
    const key = e2e.key(sessionId);
    const patch = (settings: object) =>
      control(e2e.endpoint.url, 'PATCH', 'endpoint', { URLToken: DEMO_TOKEN, settings });
    await patch({ enableAgentCopilotAuthentication: true, blockNonJWTRequests: true });
    try {
      // expired a moment ago: valid for about two seconds more (the clock tolerance)
      const { token } = await control<{ token: string }>(e2e.endpoint.url, 'POST', 'jwt', {
        ...key,
        expiresIn: -28,
      });
      await e2e.newPage({ width: 900, height: 700 });
      const { frame, raw } = await e2e.openInIframe(e2e.sessionUrl(sessionId, `&auth=${token}`));
      await frame.getByRole('log', { name: 'Chat' }).waitFor();
      await frame.getByText('This workspace link has expired').waitFor();
      const loaded = raw().url();
      const fresh = await control<{ token: string }>(e2e.endpoint.url, 'POST', 'jwt', key);
      // the host page hands the workspace a fresh token over the bridge
      await e2e.page.evaluate(
        ({ auth, origin }) =>
          document
            .querySelector('iframe')
            ?.contentWindow?.postMessage(
              { protocol: 'acw', version: 1, type: 'set-auth', auth },
              origin,
            ),
        { auth: fresh.token, origin: new URL(e2e.endpoint.url).origin },
      );
      await frame.getByRole('log', { name: 'Chat' }).waitFor();
      assert.equal(raw().url(), loaded, 'no reload');
    } finally {
      await patch({ enableAgentCopilotAuthentication: false, blockNonJWTRequests: false });
    }
  });
});
