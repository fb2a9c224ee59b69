// End to end for the QA console: a whole scenario driven from its controls
// against the built endpoint, and axe on the three demo pages.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';
import { control } from '../support/endpoint-process.js';
import { E2E, shownMessages, until } from '../support/e2e-harness.js';

// (the scenario drops the connection and restarts the endpoint on purpose: Chromium notes a
// frame engine.io-client writes while the server's close is on its way, a race upstream that
// loses nothing, since replies and postbacks wait for their acks and go out again; seen once in
// a fresh-clone CI)
const e2e = new E2E(/WebSocket is already in CLOSING or CLOSED state/);
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[];
}

/** axe on one document (CSP bypassed so the checker itself can be injected). */
async function axe(target: Page | Frame): Promise<string[]> {
  await target.addScriptTag({ path: axePath });
  const r = (await target.evaluate(() =>
    (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }
    ).axe.run(document, {
      resultTypes: ['violations'],
    }),
  )) as AxeResult;
  return r.violations.map(
    (v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => n.target))}`,
  );
}

describe('QA console end to end', () => {
  before(() => e2e.start(40));
  after(() => e2e.stop());
  afterEach(() => e2e.closePage());

  test('runs a whole scenario: script, redaction, tiles, a malformed frame, settings, faults, and the sent log', async () => {
    const page = await e2e.newPage({ width: 1400, height: 900 });
    await page.goto(`${e2e.endpoint.url}/qa`);
    const ws = page.frameLocator('#ws');
    const sid = await page.getByRole('textbox', { name: 'sessionId' }).inputValue();
    assert.match(sid, /^qa-\d+$/);
    const key = e2e.key(sid);

    // the scenario, all at once
    await page.getByRole('button', { name: 'Play all' }).click();
    await ws.getByRole('button', { name: 'Confirm refund' }).waitFor();

    // a customer message with sample values, redacted on the way
    await page.getByRole('textbox', { name: 'Message text' }).fill('New card please:');
    await page.getByRole('button', { name: 'card', exact: true }).click();
    await page.getByRole('textbox', { name: 'Message text' }).press('Control+Enter');
    await until(
      () => shownMessages(wsFrame(page)),
      (ms) => ms.some((m) => m.text === 'New card please: card number'),
      'the redacted message',
    );

    // an unknown tile type, placed in the layout
    await page.getByRole('combobox', { name: 'Tile type' }).selectOption('unknown');
    await page.getByRole('textbox', { name: 'Tile id' }).fill('qa-tile');
    await page.getByRole('button', { name: 'Push' }).click();
    await page.getByRole('button', { name: 'Add to layout' }).click();
    await ws.getByText('This workspace cannot show tiles of type “qa-unknown”.').waitFor();

    // a malformed frame is dropped and reported, the workspace goes on
    await page.getByRole('combobox', { name: 'Tile type' }).selectOption('malformed');
    await page.getByRole('button', { name: 'Push' }).click();
    await ws.getByText(/1 malformed\s+update was ignored/).waitFor();

    // an agent reply shows up in "What the agent sent"
    const box = ws.getByRole('textbox', { name: 'Reply to customer' });
    await box.fill('Refund is on its way.');
    await box.press('Enter');
    await page
      .getByRole('list', { name: 'What the agent sent' })
      .getByText('Refund is on its way.')
      .waitFor();

    // drop the connection: the workspace reconnects by itself
    const joinsBefore = (
      await control<{ sockets: number }>(e2e.endpoint.url, 'GET', 'session', key)
    ).sockets;
    assert.equal(joinsBefore, 1);
    await page.getByRole('button', { name: 'Drop connection' }).click();
    await page.getByText(/Dropped 1 socket/).waitFor();
    await until(
      () => control<{ sockets: number }>(e2e.endpoint.url, 'GET', 'session', key),
      (s) => s.sockets === 1,
      'the workspace back',
    );

    // restart the endpoint: history comes back from disk, nothing twice
    const before = await shownMessages(wsFrame(page));
    await page.getByRole('button', { name: 'Restart endpoint' }).click();
    await page.getByText('Endpoint restarting…').waitFor();
    await control(e2e.endpoint.url, 'POST', 'message', { ...key, text: 'After the restart.' });
    const after = await until(
      () => shownMessages(wsFrame(page)),
      (ms) => ms.some((m) => m.text === 'After the restart.'),
      'a message after the restart',
    );
    assert.deepEqual(
      after.map((m) => m.text).slice(0, before.length),
      before.map((m) => m.text),
    );
    assert.equal(after.filter((m) => m.text === 'Refund is on its way.').length, 1);

    // settings: chat input off, seen by a newly opened workspace
    await page.getByRole('checkbox', { name: 'Chat input' }).uncheck();
    await page.getByText('Settings saved').waitFor();
    await page.getByRole('button', { name: 'Open workspace' }).click();
    await ws.getByRole('log', { name: 'Transcript' }).waitFor();
    assert.equal(await ws.getByRole('textbox', { name: 'Reply to customer' }).count(), 0);
    await page.getByRole('checkbox', { name: 'Chat input' }).check();
    await page.getByText('Settings saved').waitFor();
  });

  test('the QA console, the Genesys host page and the standalone workspace pass axe', async () => {
    const page = await e2e.browser.newPage({
      bypassCSP: true,
      viewport: { width: 1300, height: 850 },
    });
    e2e.page = page;
    await page.goto(`${e2e.endpoint.url}/qa`);
    await page.frameLocator('#ws').getByRole('log').waitFor();
    assert.deepEqual(await axe(page), [], 'QA console');

    await page.goto(e2e.endpoint.genesysUrl);
    await page
      .frameLocator('iframe[title="Agent Copilot workspace"]')
      .getByRole('button', { name: 'Confirm refund' })
      .waitFor();
    assert.deepEqual(await axe(page), [], 'Genesys host page');
    assert.deepEqual(await axe(wsFrame(page)), [], 'the workspace inside it, with every tile');
  });
});

function wsFrame(page: Page): Frame {
  const f = page.frames().find((x) => x.url().startsWith(`${e2e.endpoint.url}/?`));
  if (!f) throw new Error('workspace frame not found');
  return f;
}
