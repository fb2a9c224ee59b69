// End to end: the BUILT script, served by the BUILT reference endpoint (a
// child process, as `npm start` runs it), inside a real iframe on a page of
// another origin, in real Chromium driven by Playwright.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Frame, type FrameLocator, type Page, chromium } from 'playwright-core';
import {
  type EndpointProcess,
  control,
  freePort,
  startEndpoint,
} from '../support/endpoint-process.js';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const DEMO_TOKEN = 'ac0ffee5d3a7b2c1e9f80417d6b5a4c3928170fedcba98765432100123456789';
const LABELS: Record<string, string> = {
  CREDIT_CARD_NUMBER: 'card number',
  EMAIL_ADDRESS: 'e-mail',
  PHONE_NUMBER: 'phone',
  IBAN: 'IBAN',
  US_SSN: 'SSN',
};

interface ShownMessage {
  who: string;
  text: string;
  state: string;
}
interface StoredMessage {
  _id: string;
  source: 'user' | 'bot' | 'agent';
  text: string;
}

let endpoint: EndpointProcess;
let port: number;
let dataDir: string;
let host: Server;
let hostUrl: string;
let browser: Browser;
let page: Page;
const consoleProblems: string[] = [];

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A page on ANOTHER origin that embeds the workspace URL in an iframe, as Genesys does. */
function startHost(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/host') {
      const src = url.searchParams.get('src') ?? '';
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><html lang="en"><title>Agent desktop</title>
        <body style="margin:0"><iframe title="Copilot workspace" src="${escapeAttr(src)}"
        style="border:0;width:480px;height:720px"></iframe></body></html>`);
    } else if (url.pathname === '/blank') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html lang="en"><title>blank</title><body></body></html>');
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function sessionUrl(sessionId: string, extra = ''): string {
  return `${endpoint.url}/?userId=customer-jane&sessionId=${sessionId}&URLToken=${DEMO_TOKEN}${extra}`;
}

async function openInIframe(src: string): Promise<{ frame: FrameLocator; raw: () => Frame }> {
  await page.goto(`${hostUrl}/host?src=${encodeURIComponent(src)}`);
  const raw = () => {
    const f = page.frames().find((x) => x.url().startsWith(endpoint.url));
    if (!f) throw new Error('workspace frame not found');
    return f;
  };
  return { frame: page.frameLocator('iframe[title="Copilot workspace"]'), raw };
}

/** What the transcript shows, read from the DOM of the workspace frame. */
function shownMessages(frame: Frame): Promise<ShownMessage[]> {
  return frame.evaluate(() => {
    const tile = document
      .querySelector('acw-workspace')
      ?.shadowRoot?.querySelector('acw-grid')
      ?.shadowRoot?.querySelector('acw-transcript-tile')?.shadowRoot;
    return [...(tile?.querySelectorAll('[part="message"]') ?? [])].map((m) => ({
      who: m.querySelector('.who')?.textContent ?? '',
      text: (m.querySelector('.bubble')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      state: (m.querySelector('.state')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    }));
  });
}

/** Every text node and attribute value in the frame, shadow roots included. */
function deepText(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    let out = '';
    const walk = (n: Node) => {
      if (n.nodeType === Node.TEXT_NODE) out += `${(n as Text).data} `;
      if (n instanceof Element) {
        for (const a of n.attributes) out += `${a.value} `;
        if (n.shadowRoot) walk(n.shadowRoot);
        if (n instanceof HTMLTextAreaElement) out += `${n.value} `;
      }
      for (const c of n.childNodes) walk(c);
    };
    walk(document.documentElement);
    return out;
  });
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

async function until<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  what: string,
  ms = 15_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50)); // polling interval of a condition wait, not a fixed sleep
  }
}

async function openSockets(): Promise<number> {
  return (await control<{ sockets: number }>(endpoint.url, 'GET', 'health')).sockets;
}

describe('workspace end to end (built script, iframe, reference endpoint)', () => {
  before(async () => {
    port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'acw-e2e-'));
    endpoint = await startEndpoint({ port, dataDir, stepMs: 100 });
    host = await startHost();
    const address = host.address();
    hostUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });

  after(async () => {
    await browser?.close();
    await endpoint?.stop();
    await new Promise((r) => host?.close(r));
    rmSync(dataDir, { recursive: true, force: true });
  });

  // a fresh page per test; a test's sockets are gone before the next starts
  const fresh = async () => {
    page = await browser.newPage({ viewport: { width: 520, height: 760 } });
    page.on('console', (m) => {
      if (
        m.type() === 'error' &&
        !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(m.text())
      ) {
        consoleProblems.push(m.text());
      }
    });
    page.on('pageerror', (e) => consoleProblems.push(`pageerror: ${e.message}`));
  };
  afterEach(async () => {
    await page?.close();
    await until(openSockets, (n) => n === 0, 'sockets of the closed page to go away');
  });

  test('the printed URL shows the scripted conversation with redaction chips, never raw values', async () => {
    await fresh();
    assert.match(endpoint.printedUrl, /\?userId=[^&]+&sessionId=demo-\d+&URLToken=[0-9a-f]{64}$/);
    const { frame, raw } = await openInIframe(endpoint.printedUrl);
    await frame.getByRole('log', { name: 'Chat' }).waitFor();
    await frame.getByRole('img', { name: 'card number hidden' }).waitFor();
    await frame.getByRole('img', { name: 'e-mail hidden' }).waitFor();
    await frame.getByRole('img', { name: 'phone hidden' }).waitFor();
    const text = await deepText(raw());
    for (const secret of [
      '4111',
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

  test('a reply typed and sent with Enter reaches the server and shows as sent', async () => {
    await fresh();
    const sessionId = 'e2e-reply';
    const { frame, raw } = await openInIframe(sessionUrl(sessionId));
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
      endpoint.url,
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
    const { frame, raw } = await openInIframe(sessionUrl(sessionId));
    await frame.getByText('Can you reverse the charge and block the card please?').waitFor();

    await endpoint.stop('SIGKILL'); // a crash, not a graceful shutdown
    await frame.getByRole('status').filter({ hasText: 'Connection lost' }).waitFor();
    // the grid stays usable: a reply typed now waits, visibly
    const box = frame.getByRole('textbox', { name: 'Reply to customer' });
    await box.fill('Typed while the endpoint was down.');
    await box.press('Enter');
    await frame.getByText('Pending, will be sent when the connection is back').waitFor();

    endpoint = await startEndpoint({ port, dataDir, stepMs: 100 });
    await control(endpoint.url, 'POST', 'message', {
      ...key,
      text: 'Are you still there? My number is 415-555-0199.',
    });

    const stored = await until(
      () => control<{ messages: StoredMessage[] }>(endpoint.url, 'GET', 'session', key),
      (s) => s.messages.some((m) => m.source === 'agent') && s.messages.length >= 7,
      'the queued reply and the new message on the server',
    );
    const expected = stored.messages.map((m) => asShown(m.text));
    const shown = await until(
      () => shownMessages(raw()),
      (ms) =>
        ms.length >= expected.length && ms.every((m) => m.who !== 'Agent' || m.state === 'Sent'),
      'the transcript to catch up',
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
    const { frame } = await openInIframe(`${endpoint.url}/?userId=customer-jane`);
    const alert = frame.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /sessionId/);
    assert.match(text, /URLToken/);
    assert.doesNotMatch(text, /reload/i);
    assert.equal(await openSockets(), 0);
  });

  test('a join for an unknown URLToken is refused with the server reason', async () => {
    await fresh();
    const { frame } = await openInIframe(
      `${endpoint.url}/?userId=u&sessionId=s&URLToken=not-configured`,
    );
    const alert = frame.getByRole('alert');
    await alert.filter({ hasText: 'Unknown endpoint' }).waitFor();
    await frame.getByRole('button', { name: 'Try again' }).waitFor();
  });

  test('the bundle adds nothing to window, survives loading twice, and defines the elements', async () => {
    await fresh();
    await page.goto(`${hostUrl}/blank`);
    const before = await page.evaluate(() => Object.keys(window));
    for (let i = 0; i < 2; i++)
      await page.addScriptTag({ url: `${endpoint.url}/acw-workspace.js` });
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
    assert.equal(await openSockets(), 0, 'nothing connects at load');
  });

  test('no console errors or CSP violations in any of the above', () => {
    assert.deepEqual(consoleProblems, []);
  });
});
