// End to end for the embedding: the simulated Genesys agent desktop on a
// SECOND origin, the built workspace in its Script "Web Page" iframe, the host
// bridge both ways, hostile frames, and the standalone page's headers.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { control } from '../support/endpoint-process.js';
import { DEMO_TOKEN, E2E, shownMessages, until } from '../support/e2e-harness.js';

// (the blocked-clipboard test triggers exactly the warning that makes the fallback run)
const e2e = new E2E(/Permissions policy violation: The Clipboard API has been blocked/);

/** The workspace frame of Script panel `n` (0-based) on the Genesys page. */
function workspaceFrame(page: Page, n = 0): Frame {
  const frames = page
    .frames()
    .filter((f) => f.url().startsWith(e2e.endpoint.url) && f.parentFrame() === page.mainFrame());
  const f = frames[n];
  if (!f) throw new Error(`workspace frame ${n} not found`);
  return f;
}

function genesysUrl(params: Record<string, string> = {}): string {
  const u = new URL(e2e.endpoint.genesysUrl);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.href;
}

async function openGenesys(params: Record<string, string> = {}, grant = true) {
  const page = await e2e.newPage({ width: 1300, height: 820 });
  if (grant) await page.context().grantPermissions(['clipboard-read', 'clipboard-write']); // every origin: the workspace writes, the test reads
  await page.goto(genesysUrl(params));
  return page;
}

/** The workspace element's theme attribute, read in the frame. */
const themeOf = (f: Frame) =>
  f.evaluate(() => document.querySelector('acw-workspace')?.getAttribute('theme') ?? null);

describe('Genesys embedding end to end (built script, second origin, host bridge)', () => {
  before(() => e2e.start(60));
  after(() => e2e.stop());
  afterEach(() => e2e.closePage());

  test('the Script panel loads the workspace cross-origin, it joins and shows the conversation', async () => {
    const page = await openGenesys({ sessionId: 'g-basic' });
    assert.notEqual(new URL(e2e.endpoint.genesysUrl).origin, new URL(e2e.endpoint.url).origin);
    const ws = page.frameLocator('iframe[title="Agent Copilot workspace"]');
    await ws.getByRole('img', { name: 'card number hidden' }).waitFor();
    await page.getByText('live', { exact: true }).waitFor(); // connection-changed reached the host
    const frame = workspaceFrame(page);
    assert.equal(
      frame
        .url()
        .startsWith(`${e2e.endpoint.url}/?userId=customer-jane&sessionId=g-basic&URLToken=`),
      true,
    );
  });

  test('the agent’s language: pcLangTag from the URL template, then a host’s set-locale without a reconnect', async () => {
    const page = await openGenesys({ sessionId: 'g-lang', pcLangTag: 'de-de' });
    const ws = page.frameLocator('iframe[title="Agent Copilot workspace"]');
    await ws.getByRole('textbox', { name: 'Antwort an den Kunden' }).waitFor();
    await ws.getByRole('img', { name: 'Kartennummer ausgeblendet' }).waitFor();
    assert.match(workspaceFrame(page).url(), /&pcLangTag=de-de$/);
    await e2e.closePage();

    // a host page whose template passes no pcLangTag: its set-locale switches the language live
    await e2e.newPage();
    const { frame, raw } = await e2e.openInIframe(e2e.sessionUrl('g-lang-host'));
    await frame.getByRole('textbox', { name: 'Reply to customer' }).waitFor();
    await raw().evaluate(() => {
      const w = window as unknown as { phases: string[] };
      w.phases = [];
      document
        .querySelector('acw-workspace')
        ?.addEventListener('acw-connection-changed', (e) =>
          w.phases.push((e as Event & { phase: string }).phase),
        );
    });
    await e2e.page.evaluate((origin) => {
      document
        .querySelector('iframe')
        ?.contentWindow?.postMessage(
          { protocol: 'acw', version: 1, type: 'set-locale', locale: 'ar' },
          origin,
        );
    }, e2e.endpoint.url);
    await frame.getByRole('textbox', { name: 'الرد على العميل' }).waitFor();
    assert.equal(
      await raw().evaluate(() => document.querySelector('acw-workspace')?.getAttribute('dir')),
      'rtl',
    );
    assert.deepEqual(
      await raw().evaluate(() => (window as unknown as { phases: string[] }).phases),
      [],
      'no reconnect: the connection never changed phase',
    );
  });

  test('"Insert into reply" appends to the host reply box, never replacing what the agent typed', async () => {
    const page = await openGenesys({ sessionId: 'g-insert' });
    const ws = page.frameLocator('iframe[title="Agent Copilot workspace"]');
    const reply = page.getByRole('textbox', { name: 'Reply to Jane Doe' });
    // the scripted flow has moved on to its second suggestion
    await ws
      .frameLocator('iframe[title="Next action tile"]')
      .getByText('Offer the refund')
      .waitFor();
    await reply.fill('Hello Jane.');
    await ws.getByRole('button', { name: 'Insert into reply' }).click();
    await until(
      () => reply.inputValue(),
      (v) => v.length > 'Hello Jane.'.length,
      'the inserted text',
    );
    const once = await reply.inputValue();
    assert.match(once, /^Hello Jane\. Thank you, Jane\. I can see the \$249\.99 charge/);
    // again: appended, never replacing (tiles' own replyBoxContent: field.e2e)
    await ws.getByRole('button', { name: 'Insert into reply' }).click();
    const twice = await until(
      () => reply.inputValue(),
      (v) => v.length > once.length,
      'the second insert',
    );
    assert.equal(twice.startsWith(`${once} `), true, 'appended at the end');
  });

  test('the Web Page URL template is http(s) only: a javascript: template loads nothing', async () => {
    const page = await openGenesys({
      sessionId: 'g-template',
      template: 'javascript:alert(document.domain)',
    });
    await page.getByText('URL template is not an http(s) address').waitFor();
    const src = await page.locator('iframe.web-page').getAttribute('src');
    assert.equal(src, null);
  });

  test('copy uses the clipboard when it is delegated, and falls back when it is blocked', async () => {
    const allowed = await openGenesys({ sessionId: 'g-copy' });
    const ws = allowed.frameLocator('iframe[title="Agent Copilot workspace"]');
    await ws.getByRole('button', { name: 'Copy', exact: true }).first().click();
    await ws.getByText('Copied', { exact: true }).waitFor();
    const lastCopy = (f: Frame) =>
      f.evaluate(() => {
        const grid = document.querySelector('acw-workspace')?.shadowRoot?.querySelector('acw-grid');
        const tile = [...(grid?.shadowRoot?.querySelectorAll('acw-html-tile') ?? [])].find(
          (t) => t.getAttribute('tile-id') === 'next-action',
        );
        return (tile as unknown as { lastCopy?: string } | undefined)?.lastCopy ?? null;
      });
    assert.equal(await lastCopy(workspaceFrame(allowed)), 'clipboard');
    assert.match(
      await allowed.evaluate(() => navigator.clipboard.readText()),
      /I can see the \$249\.99 charge/,
    );
    await e2e.closePage();

    const blocked = await openGenesys({ sessionId: 'g-copy-blocked', clipboard: 'blocked' }, false);
    const ws2 = blocked.frameLocator('iframe[title="Agent Copilot workspace"]');
    await ws2.getByRole('button', { name: 'Copy', exact: true }).first().click();
    await until(
      () => lastCopy(workspaceFrame(blocked)),
      (m) => m !== null,
      'a copy attempt',
    );
    const method = await lastCopy(workspaceFrame(blocked));
    assert.notEqual(method, 'clipboard', 'the async clipboard is blocked by permissions policy');
    if (method === 'manual')
      await ws2.getByRole('textbox', { name: 'Suggestion to copy' }).waitFor();
    else await ws2.getByText('Copied', { exact: true }).waitFor();
  });

  test('re-navigating the iframe to a new session tears the old one down and joins the new one', async () => {
    const page = await openGenesys({ sessionId: 'g-nav-1' });
    const ws = page.frameLocator('iframe[title="Agent Copilot workspace"]');
    await ws.getByRole('log', { name: 'Chat' }).waitFor();
    await page.getByText('Web Page component').click();
    await page.getByRole('textbox', { name: 'Conversation.id' }).fill('g-nav-2');
    await page.getByRole('button', { name: 'Load' }).click();
    await until(
      () => Promise.resolve(workspaceFrame(page).url()),
      (u) => u.includes('sessionId=g-nav-2'),
      'the new URL',
    );
    await ws.getByRole('img', { name: 'card number hidden' }).waitFor();
    await until(
      () => e2e.openSockets(),
      (n) => n === 1,
      'exactly one socket: the old one is gone',
    );
    const old = await control<{ sockets: number }>(
      e2e.endpoint.url,
      'GET',
      'session',
      e2e.key('g-nav-1'),
    );
    const fresh = await control<{ sockets: number }>(
      e2e.endpoint.url,
      'GET',
      'session',
      e2e.key('g-nav-2'),
    );
    assert.deepEqual([old.sockets, fresh.sockets], [0, 1]);
  });

  test('works in a sandbox without allow-same-origin, where storage throws', async () => {
    const page = await openGenesys({ sessionId: 'g-strict', sandbox: 'strict' });
    const ws = page.frameLocator('iframe[title="Agent Copilot workspace"]');
    await ws.getByRole('img', { name: 'card number hidden' }).waitFor();
    const frame = page
      .frames()
      .find((f) => f.parentFrame() === page.mainFrame() && f !== page.mainFrame());
    const storage = await frame?.evaluate(() => {
      try {
        return `reachable: ${window.localStorage.length}`;
      } catch {
        return 'blocked';
      }
    });
    assert.equal(storage, 'blocked');
    const box = ws.getByRole('textbox', { name: 'Reply to customer' });
    await box.fill('Works without storage.');
    await box.press('Enter');
    await ws.getByText('Works without storage.').waitFor();
  });

  test('two workspaces for two sessions on one page are fully isolated', async () => {
    const page = await openGenesys({ sessionId: 'g-two', instances: '2' });
    const first = page.frameLocator('iframe[title="Agent Copilot workspace"]').nth(0);
    const second = page.frameLocator('iframe[title="Agent Copilot workspace"]').nth(1);
    await first.getByRole('log', { name: 'Chat' }).waitFor();
    await second.getByRole('log', { name: 'Chat' }).waitFor();
    await until(
      () => e2e.openSockets(),
      (n) => n === 2,
      'two sockets',
    );
    const box = second.getByRole('textbox', { name: 'Reply to customer' });
    await box.fill('Only for the second customer.');
    await box.press('Enter');
    await until(
      () => shownMessages(workspaceFrame(page, 1)),
      (ms) => ms.some((m) => m.text === 'Only for the second customer.' && m.state === 'Sent'),
      'sent in the second workspace',
    );
    assert.equal(
      (await shownMessages(workspaceFrame(page, 0))).some(
        (m) => m.text === 'Only for the second customer.',
      ),
      false,
    );
    await second.getByRole('button', { name: 'Insert into reply' }).click();
    await until(
      () => page.locator('#reply-2').inputValue(),
      (v) => v.length > 0,
      'the second reply box',
    );
    assert.equal(await page.locator('#reply').inputValue(), '', 'the first reply box is untouched');
  });

  test('the host bridge obeys its allow-list: wrong origins and wrong windows are ignored', async () => {
    // an allowed parent (the Genesys page) can set the theme
    const page = await openGenesys({ sessionId: 'g-bridge' });
    await page
      .frameLocator('iframe[title="Agent Copilot workspace"]')
      .getByRole('log', { name: 'Chat' })
      .waitFor();
    await page.getByRole('checkbox', { name: 'Dark workspace' }).check();
    await until(
      () => themeOf(workspaceFrame(page)),
      (t) => t === 'dark',
      'dark from the allowed parent',
    );
    // a message from the workspace's own window (not its parent) is ignored: after a marker
    // posted behind it has arrived (messages arrive in order), the theme is still dark
    const theme = await workspaceFrame(page).evaluate(
      () =>
        new Promise<string | null>((resolve) => {
          addEventListener('message', function marker(e) {
            if ((e.data as { marker?: boolean })?.marker !== true) return;
            removeEventListener('message', marker);
            const el = document.querySelector('acw-workspace') as
              (HTMLElement & { updateComplete: Promise<unknown> }) | null;
            void el?.updateComplete.then(() => resolve(el.getAttribute('theme')));
          });
          window.postMessage(
            { protocol: 'acw', version: 1, type: 'set-theme', theme: 'light' },
            '*',
          );
          window.postMessage({ marker: true }, '*');
        }),
    );
    assert.equal(theme, 'dark');
    await page.getByRole('checkbox', { name: 'Dark workspace' }).uncheck();
    await until(
      () => themeOf(workspaceFrame(page)),
      (t) => t === null,
      'auto again from the parent',
    );
    await e2e.closePage();

    // a parent at an origin that is not allowed: its commands are ignored, and it hears nothing
    const foreign = await e2e.newPage();
    // (the harness host is allowed at 127.0.0.1; the same server as "localhost" is another origin)
    await foreign.goto(`${e2e.hostUrl.replace('127.0.0.1', 'localhost')}/blank`);
    await foreign.evaluate((src) => {
      const w = window as unknown as { heard: unknown[] };
      w.heard = [];
      addEventListener('message', (e) => w.heard.push(e.data));
      const f = document.createElement('iframe');
      f.title = 'Copilot workspace';
      f.src = src;
      f.style.cssText = 'width:500px;height:600px;border:0';
      document.body.append(f);
    }, e2e.sessionUrl('g-foreign'));
    const ws = foreign.frameLocator('iframe[title="Copilot workspace"]');
    await ws.getByRole('log', { name: 'Chat' }).waitFor();
    await foreign.evaluate(() => {
      const f = document.querySelector('iframe');
      f?.contentWindow?.postMessage(
        { protocol: 'acw', version: 1, type: 'set-theme', theme: 'dark' },
        '*',
      );
      f?.contentWindow?.postMessage({ protocol: 'acw', version: 1, type: 'get-state' }, '*');
    });
    // a reply round trip proves the workspace has processed everything posted before it
    const box = ws.getByRole('textbox', { name: 'Reply to customer' });
    await box.fill('Checkpoint.');
    await box.press('Enter');
    // (the server receiving it is the proof; the log's end says where the reply stands when it
    // does not arrive: never sent, pending, retrying or failed)
    const log = ws.getByRole('log', { name: 'Chat' });
    await until(
      async () => ({
        sent: (
          await control<{ payload: { text?: string } }[]>(
            e2e.endpoint.url,
            'GET',
            'sent',
            e2e.key('g-foreign'),
          )
        ).map((a) => a.payload.text),
        logEnd: (await log.innerText()).slice(-160),
      }),
      (v) => v.sent.includes('Checkpoint.'),
      'the checkpoint reply at the endpoint',
    );
    const frame = foreign.frames().find((f) => f.url().startsWith(e2e.endpoint.url));
    assert.equal(
      await frame?.evaluate(
        () => document.querySelector('acw-workspace')?.getAttribute('theme') ?? null,
      ),
      null,
    );
    const heard = await foreign.evaluate(
      () => (window as unknown as { heard: { protocol?: string }[] }).heard,
    );
    assert.deepEqual(
      heard.filter((d) => d?.protocol === 'acw'),
      [],
      'nothing is posted to a page that is not allowed',
    );
  });

  test('Interaction Widget: Insert is proposed through the real client-app SDK and lands at the cursor of the Genesys reply box', async () => {
    const page = await openGenesys({ app: 'widget', sessionId: 'g-widget', pcLangTag: 'en-us' });
    const widget = page.getByRole('region', { name: 'Interaction Widget' });
    await widget.getByRole('heading', { name: 'Interaction Widget: Agent Copilot' }).waitFor();
    const frame = workspaceFrame(page);
    const url = new URL(frame.url());
    assert.equal(url.searchParams.get('gcHostOrigin'), new URL(e2e.endpoint.genesysUrl).origin);
    assert.equal(url.searchParams.get('gcTargetEnv'), 'prod');
    assert.equal(url.searchParams.get('sessionId'), 'g-widget');
    const ws = page.frameLocator('iframe[title="Agent Copilot workspace"]');
    const tile = ws.frameLocator('iframe[title="Next action tile"]');
    await tile.getByText('Offer the refund').waitFor();
    const seen = (await tile.getByText('Thank you, Jane.').innerText()).trim();
    // the SDK came as the single script's sibling file
    assert.deepEqual(
      await frame.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((r) => new URL(r.name).pathname)
          .filter((p) => p.startsWith('/acw-genesys-')),
      ),
      ['/acw-genesys-sdk.js'],
    );

    const reply = page.getByRole('textbox', { name: 'Reply to Jane Doe' });
    await reply.fill('Hello Jane. Best regards');
    await reply.evaluate((t: HTMLTextAreaElement) => t.setSelectionRange(11, 11)); // after "Jane."
    await ws.getByRole('button', { name: 'Insert into reply' }).click();
    const proposals = () =>
      page.evaluate(
        () => (window as unknown as { proposals: { mode: string; message: string }[] }).proposals,
      );
    const got = await until(proposals, (p) => p.length === 1, 'the SDK request at the desktop');
    assert.deepEqual(got[0], {
      mode: 'insert',
      message: seen,
      agent: 'purecloud-client-app-sdk',
    } as unknown as (typeof got)[0]);
    assert.equal(await reply.inputValue(), `Hello Jane. ${seen} Best regards`, 'at the cursor');
    // the status is honest: the SDK does not confirm
    await ws.getByText('Proposed to the Genesys reply box').waitFor();

    // a message of the SDK's shape from anyone but the widget's frame at its origin: ignored
    const before = await reply.inputValue();
    await page.evaluate(() =>
      window.postMessage(
        {
          protocol: 'purecloud-client-apps',
          action: 'proposeInteractionMessage',
          mode: 'insert',
          message: 'FORGED',
        },
        '*',
      ),
    );
    // (then one from the widget's own window, which is delivered after it)
    await frame.evaluate(() =>
      window.parent.postMessage(
        {
          protocol: 'purecloud-client-apps',
          action: 'proposeInteractionMessage',
          mode: 'insert',
          message: 'MARKER',
        },
        '*',
      ),
    );
    const all = await until(proposals, (p) => p.length === 2, 'the marker');
    assert.deepEqual(
      all.map((p) => p.message),
      [seen, 'MARKER'],
    );
    assert.equal((await reply.inputValue()).includes('FORGED'), false);
    assert.equal(before.includes('MARKER'), false);
  });

  test('Interaction Widget: the SDK posts only to the gcHostOrigin it was given; bad widget parameters say so and Insert falls back', async () => {
    const other = 'http://localhost:9';
    const template = `${e2e.endpoint.url}/?userId={{pcConversationId}}&sessionId={{pcConversationId}}&URLToken=${DEMO_TOKEN}&gcHostOrigin=${encodeURIComponent(other)}&gcTargetEnv={{gcTargetEnv}}`;
    const page = await openGenesys({ app: 'widget', sessionId: 'g-widget-origin', template });
    const ws = page.frameLocator('iframe[title="Agent Copilot workspace"]');
    await ws
      .frameLocator('iframe[title="Next action tile"]')
      .getByText('Offer the refund')
      .waitFor();
    await ws.getByRole('button', { name: 'Insert into reply' }).click();
    await ws.getByText('Proposed to the Genesys reply box').waitFor();
    const frame = workspaceFrame(page);
    await frame.evaluate(() =>
      window.parent.postMessage(
        {
          protocol: 'purecloud-client-apps',
          action: 'proposeInteractionMessage',
          mode: 'insert',
          message: 'MARKER',
        },
        '*',
      ),
    );
    const got = await until(
      () =>
        page.evaluate(() => (window as unknown as { proposals: { message: string }[] }).proposals),
      (p) => p.length > 0,
      'the marker',
    );
    assert.deepEqual(
      got.map((p) => p.message),
      ['MARKER'],
      'the proposal went to the named origin only',
    );
    await e2e.closePage();

    // an http gcHostOrigin that is not loopback: widget mode stays off (a diagnostic, unit-tested),
    // and Insert goes where it would go without it: the workspace's own reply box
    await e2e.newPage();
    const { frame: ws2 } = await e2e.openInIframe(
      `${e2e.sessionUrl('g-widget-bad')}&gcHostOrigin=${encodeURIComponent('http://apps.mypurecloud.com')}&gcTargetEnv=prod`,
    );
    await ws2
      .frameLocator('iframe[title="Next action tile"]')
      .getByText('Offer the refund')
      .waitFor();
    await ws2.getByRole('button', { name: 'Insert into reply' }).click();
    await ws2.getByText('Added to the reply box').waitFor();
    assert.match(
      await ws2.getByRole('textbox', { name: 'Reply to customer' }).inputValue(),
      /^Thank you, Jane\./,
    );
  });

  test('the pages are served with CSP and no referrer', async () => {
    const standalone = await fetch(e2e.sessionUrl('g-headers'));
    assert.equal(standalone.headers.get('referrer-policy'), 'no-referrer');
    const csp = standalone.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors [^;]*https:\/\/apps\.mypurecloud\.com/);
    assert.match(csp, /default-src 'self'/);
    const host = await fetch(e2e.endpoint.genesysUrl);
    assert.equal(host.headers.get('referrer-policy'), 'no-referrer');
    assert.match(
      host.headers.get('content-security-policy') ?? '',
      new RegExp(`frame-src ${new URL(e2e.endpoint.url).origin}`),
    );
    // the simulated agent desktop is a top-level page: nobody may frame it (#21 item 8)
    assert.match(host.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    const qa = await fetch(`${e2e.endpoint.url}/qa`);
    assert.match(qa.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });
});
