// End to end: the BUILT script, served by the BUILT reference endpoint (a
// child process, as `npm start` runs it), inside a real iframe on a page of
// another origin, in real Chromium driven by Playwright.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { control } from '../support/endpoint-process.js';
import { DEMO_TOKEN, E2E, deepText, shownMessages, until } from '../support/e2e-harness.js';
import { VOICE_URL_TOKEN } from '../../demo/settings.js';
import { VOICE_CALL_SCRIPT } from '../../demo/script.js';

const LABELS: Record<string, string> = {
  CREDIT_CARD_NUMBER: 'card number',
  EMAIL_ADDRESS: 'e-mail',
  PHONE_NUMBER: 'phone',
  IBAN: 'IBAN',
  US_SSN: 'SSN',
};

interface StoredMessage {
  _id: string;
  source: 'user' | 'bot' | 'agent';
  text: string;
}

/** The server's text as the agent should see it: placeholders become chip words. */
function asShown(text: string): string {
  return text
    .replace(
      /\b(CREDIT_CARD_NUMBER|EMAIL_ADDRESS|PHONE_NUMBER|IBAN|US_SSN)\b/g,
      (w) => LABELS[w] ?? w,
    )
    .replace(/\s+/g, ' ')
    .trim();
}

const e2e = new E2E();

describe('workspace end to end (built script, iframe, reference endpoint)', () => {
  before(() => e2e.start());
  after(() => e2e.stop());
  const fresh = () => e2e.newPage();
  afterEach(() => e2e.closePage());

  test('the printed URL shows the scripted conversation with redaction chips, never raw values', async () => {
    await fresh();
    assert.match(
      e2e.endpoint.printedUrl,
      /\?userId=[^&]+&sessionId=demo-\d+&URLToken=[0-9a-f]{64}$/,
    );
    const { frame, raw } = await e2e.openInIframe(e2e.endpoint.printedUrl);
    await frame.getByRole('log', { name: 'Chat' }).waitFor();
    await frame.getByRole('img', { name: 'card number hidden' }).waitFor();
    await frame.getByRole('img', { name: 'e-mail hidden' }).waitFor();
    await frame.getByRole('img', { name: 'phone hidden' }).waitFor();
    const text = await deepText(raw());
    // (the card number as written, never its first 4 digits alone: ports, tile
    // origins and card element ids are random hex and can hold "4111")
    for (const secret of [
      '4111 1111',
      'jane.doe@example.com',
      '415 555',
      'CREDIT_CARD_NUMBER',
      'EMAIL_ADDRESS',
    ]) {
      assert.equal(text.includes(secret), false, `${secret} must not be in the DOM`);
    }
    const shown = await shownMessages(raw());
    assert.deepEqual(
      shown.slice(0, 2).map((m) => m.who),
      ['Bot', 'Customer'],
    );
  });

  test('voice: interim words show in progress and the final replaces them in place (built script)', async () => {
    await fresh();
    const sessionId = 'e2e-interim';
    const { frame, raw } = await e2e.openInIframe(e2e.sessionUrl(sessionId));
    await frame.getByRole('log', { name: 'Chat' }).waitFor();
    const say = (text: string, final: boolean) =>
      control(e2e.endpoint.url, 'POST', 'emit', {
        ...e2e.key(sessionId),
        event: 'tileUpdate',
        payload: {
          id: 'transcript',
          version: 1,
          type: 'transcript',
          data: { messages: [{ _id: 'spoken-1', source: 'user', text, final }] },
        },
      });
    await say('I would like', false);
    const interim = frame.locator('.msg.interim', { hasText: 'I would like' });
    await interim.waitFor();
    assert.match(await interim.innerText(), /still being recognised/);
    await say('I would like to cancel my card', true);
    await frame.locator('.msg', { hasText: 'I would like to cancel my card' }).waitFor();
    const rows = (await shownMessages(raw())).filter((m) => m.text.includes('I would like'));
    assert.deepEqual(rows, [
      { who: 'Customer', text: 'I would like to cancel my card', state: '' },
    ]);
    assert.equal(await frame.locator('.msg.interim').count(), 0);
  });

  test('the voice demo call: each utterance once, final, redacted, in order', async () => {
    await fresh();
    const url = e2e.sessionUrl('e2e-voice').replace(DEMO_TOKEN, VOICE_URL_TOKEN);
    const { frame, raw } = await e2e.openInIframe(url);
    await frame.getByRole('log', { name: 'Transcript' }).waitFor();
    const said = VOICE_CALL_SCRIPT.flatMap((s) => ('speech' in s ? [s.speech] : []));
    const shown = await until(
      () => shownMessages(raw()),
      (ms) => ms.length === said.length && !ms.some((m) => /still being recognised/.test(m.text)),
      'every utterance final',
      20_000,
    );
    assert.deepEqual(
      shown.map((m) => m.who),
      said.map((s) => ({ user: 'Customer', bot: 'Bot', agent: 'Agent' })[s.source]),
    );
    assert.equal(shown[1]?.text, said[1]?.text);
    await frame.getByRole('img', { name: 'card number hidden' }).waitFor();
    const text = await deepText(raw());
    // (not "4111" alone: ports, tile origins and card element ids are random and can hold it)
    assert.doesNotMatch(text, /4111[ -]?1111/, 'no card number in the DOM');
  });

  test('voice: no reply box, so the suggestion offers Copy alone and nothing claims an insert', async () => {
    await fresh();
    const url = e2e.sessionUrl('e2e-voice-insert').replace(DEMO_TOKEN, VOICE_URL_TOKEN);
    await control(e2e.endpoint.url, 'POST', 'script', {
      URLToken: VOICE_URL_TOKEN,
      userId: 'customer-jane',
      sessionId: 'e2e-voice-insert',
      action: 'all',
    });
    const { frame } = await e2e.openInIframe(url);
    await frame.getByRole('button', { name: 'Copy' }).first().waitFor();
    assert.equal(await frame.getByRole('button', { name: 'Insert into reply' }).count(), 0);
    const tile = frame.frameLocator('iframe[title="Next action tile"]');
    await tile.locator('#text').waitFor();
    assert.equal(await tile.getByRole('button').count(), 0, 'no second set of buttons');
    assert.equal(await frame.getByText('Added to the reply box').count(), 0);
  });

  /** The sibling files of the script the page fetched: languages, the Genesys SDK, transports. */
  const siblingsLoaded = () =>
    e2e.page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((r) => new URL(r.name).pathname)
        .filter((p) => /^\/acw-(locale-|genesys-|transports)/.test(p)),
    );

  test("the agent's language loads as a file next to the script, on another origin too (the README snippet)", async () => {
    await fresh();
    await e2e.page.goto(e2e.snippetUrl('e2e-lang-snippet', '&pcLangTag=de-DE'));
    const workspace = e2e.page.locator('acw-workspace');
    await workspace.getByRole('textbox', { name: 'Antwort an den Kunden' }).waitFor();
    assert.equal(await workspace.getAttribute('lang'), 'de');
    const loaded = await siblingsLoaded();
    // (and not the Genesys client-app SDK: only an Interaction Widget loads it; nor the
    // polling transport: only a `transports` attribute that names it does)
    assert.deepEqual(loaded, ['/acw-locale-de.js'], "only the agent's own language");
  });

  test('a regional variant is one file with its base merged in: es-MX loads es-419 alone and reads es where it says nothing else', async () => {
    await fresh();
    await e2e.page.goto(e2e.snippetUrl('e2e-lang-variant', '&pcLangTag=es-MX'));
    const workspace = e2e.page.locator('acw-workspace');
    // es's words (es-419 has none of its own for the reply box) and es-419's own ("Chat", not
    // es's "Conversación")
    await workspace.getByRole('textbox', { name: 'Respuesta al cliente' }).waitFor();
    await workspace.getByRole('heading', { name: 'Chat' }).waitFor();
    assert.equal(await workspace.getAttribute('lang'), 'es-419');
    assert.deepEqual(
      await siblingsLoaded(),
      ['/acw-locale-es-419.js'],
      'one request, not the base as well',
    );
  });

  test('the card renderer is a file next to the script: fetched once, compressed, only after a card arrived, on another origin too', async () => {
    const page = await fresh();
    let cardFrameAt = Number.POSITIVE_INFINITY;
    page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => {
        if (typeof payload === 'string' && /"type":"card"/.test(payload))
          cardFrameAt = Math.min(cardFrameAt, performance.now());
      }),
    );
    const requests: { at: number; url: string }[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/acw-card-sdk.js'))
        requests.push({ at: performance.now(), url: r.url() });
    });
    const encodings: (string | undefined)[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/acw-card-sdk.js')) encodings.push(r.headers()['content-encoding']);
    });
    await page.goto(e2e.snippetUrl('e2e-card-sibling'));
    const workspace = page.locator('acw-workspace');
    await workspace.getByRole('button', { name: 'Confirm refund' }).waitFor();
    // a second card version, and another card tile, load nothing more
    await control(e2e.endpoint.url, 'POST', 'tile', {
      ...e2e.key('e2e-card-sibling'),
      update: {
        id: 'refund',
        version: 9,
        type: 'card',
        data: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'v9' }] },
      },
    });
    await workspace.getByText('v9', { exact: true }).waitFor();
    assert.equal(requests.length, 1, 'fetched once');
    assert.ok(
      (requests[0]?.at ?? 0) >= cardFrameAt,
      `fetched ${requests[0]?.at} ms, after the first card frame ${cardFrameAt} ms`,
    );
    assert.equal(
      new URL(requests[0]?.url ?? '').origin,
      e2e.endpoint.url,
      "from the script's origin",
    );
    assert.equal(encodings[0], 'br', 'compressed on the wire');
  });

  test('transports="polling": long-polling comes from a file next to the script, and the conversation goes over it, both ways', async () => {
    const page = await fresh();
    let websockets = 0;
    page.on('websocket', () => (websockets += 1));
    const fetched: string[] = [];
    // the bodies of the long-polling POSTs: engine.io packets, separated by U+001E
    const posted: string[][] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      fetched.push(url.pathname + url.search);
      if (r.method() === 'POST' && url.pathname.startsWith('/socket.io/'))
        posted.push((r.postData() ?? '').split('\x1e'));
    });
    await page.goto(e2e.snippetUrl('e2e-polling', '&transports=polling'));
    const workspace = page.locator('acw-workspace');
    await workspace.getByRole('log', { name: 'Chat' }).getByText(/./).first().waitFor();
    const box = workspace.getByRole('textbox', { name: 'Reply to customer' });
    await box.fill('Sent over polling');
    await box.press('Enter');
    await workspace.getByText('Sent over polling', { exact: true }).waitFor();
    await until(
      () =>
        control<{ messages: StoredMessage[] }>(
          e2e.endpoint.url,
          'GET',
          'session',
          e2e.key('e2e-polling'),
        ),
      (s) => s.messages.some((m) => m.source === 'agent' && m.text === 'Sent over polling'),
      'the reply on the server',
    );
    assert.equal(fetched.filter((p) => p === '/acw-transports.js').length, 1, 'loaded once');
    assert.ok(
      fetched.some((p) => p.startsWith('/socket.io/') && p.includes('transport=polling')),
      'the socket.io requests are long-polling ones',
    );
    assert.equal(websockets, 0, 'no WebSocket: the attribute asked for polling alone');
    // a closed page's long-polling socket is only noticed after the ping timeout: the
    // workspace leaves the page first, and says goodbye over polling: socket.io's disconnect
    // (`41`), then engine.io's close (`1`)
    await page.evaluate(() => document.querySelector('acw-workspace')?.remove());
    await until(
      // (the packet types only: a join's body holds the URLToken)
      async () => posted.flat().map((packet) => packet.slice(0, 2)),
      (types) => types.includes('41') && types.at(-1) === '1',
      'the disconnect and close packets posted',
    );
    // the server drops the socket on the close packet (at the latest, were the packet lost,
    // after socket.io's ping interval and timeout, 25 + 20 s)
    await until(
      () => e2e.openSockets(),
      (n) => n === 0,
      'the polling socket to close on the server',
      50_000,
    );
  });

  test('transports="polling" whose file cannot load: one diagnostic says so and the workspace connects over websocket', async () => {
    const page = await fresh();
    await page.route('**/acw-transports.js', (r) => r.fulfill({ status: 404, body: 'gone' }));
    await page.addInitScript(() => {
      const seen: unknown[] = [];
      Object.assign(window, { acwDiagnostics: seen });
      document.addEventListener('acw-diagnostic', (e) => seen.push(Reflect.get(e, 'diagnostic')));
    });
    let websockets = 0;
    page.on('websocket', () => (websockets += 1));
    await page.goto(e2e.snippetUrl('e2e-polling-404', '&transports=polling'));
    const workspace = page.locator('acw-workspace');
    await workspace.getByRole('log', { name: 'Chat' }).getByText(/./).first().waitFor();
    const diagnostics = (await page.evaluate(() => Reflect.get(window, 'acwDiagnostics'))) as {
      kind: string;
      problem: string;
    }[];
    assert.deepEqual(
      diagnostics.map((d) => d.kind),
      ['transports'],
    );
    assert.match(diagnostics[0]?.problem ?? '', /could not be loaded.*connecting over websocket/);
    assert.equal(websockets, 1);
  });

  test('a card renderer that cannot load: the card says so in words, the rest of the workspace works', async () => {
    const page = await fresh();
    await page.route('**/acw-card-sdk.js', (r) => r.fulfill({ status: 404, body: 'gone' }));
    await page.goto(e2e.snippetUrl('e2e-card-sibling-404'));
    const workspace = page.locator('acw-workspace');
    await workspace.getByText(/^This card could not be shown: .*acw-card-sdk\.js/).waitFor();
    const box = workspace.getByRole('textbox', { name: 'Reply to customer' });
    await box.fill('Still here');
    await box.press('Enter');
    await workspace.getByText('Still here', { exact: true }).waitFor();
  });

  test('390 px wide: the chat leaves room for the other tiles, the wheel over the log scrolls on past its end, and the pinned brief scrolls with the tiles in one column', async () => {
    await e2e.newPage({ width: 390, height: 720 });
    await control(e2e.endpoint.url, 'POST', 'script', { ...e2e.key('e2e-narrow'), action: 'all' });
    await e2e.page.goto(e2e.sessionUrl('e2e-narrow'));
    const log = e2e.page.getByRole('log', { name: /Chat|Transcript/ });
    await log.waitFor();
    const brief = e2e.page.locator('acw-brief-tile');
    await brief.locator('li').first().waitFor();
    const tileBox = await e2e.page.locator('acw-transcript-tile').boundingBox();
    const briefBox = await brief.boundingBox();
    assert.ok(
      (tileBox?.height ?? 720) <= 720 * 0.66,
      `the chat takes ${tileBox?.height} of 720 px`,
    );
    // the brief at its own full height, not in a box of its own that scrolls apart from the tiles
    const pinnedScrolls = await e2e.page.evaluate(() => {
      const pinned = document
        .querySelector('acw-workspace')
        ?.shadowRoot?.querySelector('acw-grid')
        ?.shadowRoot?.querySelector('[part="pinned"]') as HTMLElement;
      return pinned.scrollHeight - pinned.clientHeight;
    });
    assert.ok(pinnedScrolls <= 1, `the pinned area scrolls by itself (${pinnedScrolls} px hidden)`);
    const top = async () => (await e2e.page.locator('acw-transcript-tile').boundingBox())?.y ?? 0;
    // the wheel over the brief moves the brief and the tiles below it together
    await e2e.page.mouse.move((briefBox?.x ?? 0) + 50, (briefBox?.y ?? 0) + 20);
    const before = await top();
    await until(
      async () => {
        await e2e.page.mouse.wheel(0, 200);
        return top();
      },
      (y) => y < before - 100,
      'the tiles moved up with the brief',
    );
    // at the log's newest end, more wheel goes on to the tiles below it
    const box = await log.boundingBox();
    await e2e.page.mouse.move((box?.x ?? 0) + 50, Math.max(box?.y ?? 0, 0) + 40);
    const logTop = (await log.boundingBox())?.y ?? 0;
    await until(
      async () => {
        await e2e.page.mouse.wheel(0, 400);
        return (await log.boundingBox())?.y ?? 0;
      },
      (y) => y < logTop - 100,
      'the page scrolled past the log',
    );
  });

  test('a reply typed and sent with Enter reaches the server and shows as sent', async () => {
    await fresh();
    const sessionId = 'e2e-reply';
    const { frame, raw } = await e2e.openInIframe(e2e.sessionUrl(sessionId));
    const box = frame.getByRole('textbox', { name: 'Reply to customer' });
    await box.fill('I have blocked the card and opened a dispute.');
    await box.press('Enter');
    await until(
      () => shownMessages(raw()),
      (ms) =>
        ms.some(
          (m) => m.text === 'I have blocked the card and opened a dispute.' && m.state === 'Sent',
        ),
      'the reply shown as sent',
    );
    const sent = await control<{ kind: string; payload: { text: string } }[]>(
      e2e.endpoint.url,
      'GET',
      'sent',
      {
        URLToken: DEMO_TOKEN,
        userId: 'customer-jane',
        sessionId,
      },
    );
    assert.deepEqual(
      sent.map((a) => [a.kind, a.payload.text]),
      [['message', 'I have blocked the card and opened a dispute.']],
    );
    assert.equal(await box.inputValue(), '', 'the box is cleared');
  });

  test('restarting the endpoint: reconnecting, then the full transcript with no duplicate and none missing', async () => {
    await fresh();
    const sessionId = 'e2e-restart';
    const key = { URLToken: DEMO_TOKEN, userId: 'customer-jane', sessionId };
    const { frame, raw } = await e2e.openInIframe(e2e.sessionUrl(sessionId));
    await frame
      .getByText('Can you reverse the charge and block the card please?', { exact: true })
      .waitFor();

    await e2e.endpoint.stop('SIGKILL'); // a crash, not a graceful shutdown
    await frame.getByRole('status').filter({ hasText: 'Connection lost' }).waitFor();
    // the grid stays usable: a reply typed now waits, visibly
    const box = frame.getByRole('textbox', { name: 'Reply to customer' });
    await box.fill('Typed while the endpoint was down.');
    await box.press('Enter');
    await frame.getByText('Pending, will be sent when the connection is back').waitFor();

    await e2e.restartEndpoint();
    await control(e2e.endpoint.url, 'POST', 'message', {
      ...key,
      text: 'Are you still there? My number is 415-555-0199.',
    });

    const stored = await until(
      () => control<{ messages: StoredMessage[] }>(e2e.endpoint.url, 'GET', 'session', key),
      (s) => s.messages.some((m) => m.source === 'agent') && s.messages.length >= 7,
      'the queued reply and the new message on the server',
    );
    assert.ok(stored.messages.length >= 7);
    // the scripted customer may answer the reply meanwhile: screen and server are compared as
    // one reading, taken again until they agree (or the wait runs out and the last one is shown)
    const { shown, expected } = await until(
      async () => {
        const ms = await shownMessages(raw());
        const now = await control<{ messages: StoredMessage[] }>(
          e2e.endpoint.url,
          'GET',
          'session',
          key,
        );
        return { shown: ms, expected: now.messages.map((m) => asShown(m.text)) };
      },
      (r) =>
        r.shown.every((m) => m.who !== 'Agent' || m.state === 'Sent') &&
        JSON.stringify(r.shown.map((m) => m.text)) === JSON.stringify(r.expected),
      'the transcript to match the server',
    );
    assert.deepEqual(
      shown.map((m) => m.text),
      expected,
    );
    assert.equal(shown.filter((m) => m.text === 'Typed while the endpoint was down.').length, 1);
    assert.equal(
      await frame.getByRole('status').filter({ hasText: 'Connection lost' }).count(),
      0,
      'the banner is gone once live',
    );
    assert.ok(
      shown.some((m) => m.text.includes('phone')),
      'the new message is redacted',
    );
  });

  test('a URL with missing parameters names them and opens no socket', async () => {
    await fresh();
    const { frame } = await e2e.openInIframe(`${e2e.endpoint.url}/?userId=customer-jane`);
    const alert = frame.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /sessionId/);
    assert.match(text, /URLToken/);
    assert.doesNotMatch(text, /reload/i);
    assert.equal(await e2e.openSockets(), 0);
  });

  test('a join for an unknown URLToken is refused with the server reason', async () => {
    await fresh();
    const { frame } = await e2e.openInIframe(
      `${e2e.endpoint.url}/?userId=u&sessionId=s&URLToken=not-configured`,
    );
    const alert = frame.getByRole('alert');
    await alert.filter({ hasText: 'Unknown endpoint' }).waitFor();
    await frame.getByRole('button', { name: 'Try again' }).waitFor();
  });

  test('the bundle adds nothing to window, survives loading twice, and defines the elements', async () => {
    const page = await fresh();
    await page.goto(`${e2e.hostUrl}/blank`);
    const before = await page.evaluate(() => Object.keys(window));
    for (let i = 0; i < 2; i++)
      await page.addScriptTag({ url: `${e2e.endpoint.url}/acw-workspace.js` });
    const after = await page.evaluate(() => Object.keys(window));
    assert.deepEqual(
      after.filter((k) => !before.includes(k)),
      [],
    );
    const defined = await page.evaluate(() =>
      ['acw-workspace', 'acw-grid', 'acw-transcript-tile', 'acw-chat-input'].map(
        (t) => !!customElements.get(t),
      ),
    );
    assert.deepEqual(defined, [true, true, true, true]);
    assert.equal(await e2e.openSockets(), 0, 'nothing connects at load');
  });
});
