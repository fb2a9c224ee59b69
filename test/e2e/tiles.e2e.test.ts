// End to end for the tiles of the demo Copilot Flow: the BUILT script in an
// iframe of another origin, html tiles in the endpoint's tile-frame document,
// an Adaptive Card, postbacks and sendTileData through the real endpoint.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { control } from '../support/endpoint-process.js';
import { E2E, shownMessages, until } from '../support/e2e-harness.js';

// (a demo tile crashes on purpose)
const e2e = new E2E(/tile crashed|boom/);

describe('tiles end to end (built script, tile-frame document, reference endpoint)', () => {
  before(() => e2e.start(60));
  after(() => e2e.stop());
  afterEach(() => e2e.closePage());

  async function openDemo(sessionId: string) {
    await e2e.newPage({ width: 1280, height: 820 });
    const opened = await e2e.openInIframe(e2e.sessionUrl(sessionId));
    // the whole script has played once the refund card is there
    await opened.frame.getByRole('button', { name: 'Confirm refund' }).waitFor();
    return opened;
  }

  test('the identity tile is filled from metadata and marked verified by sendTileData', async () => {
    const { frame } = await openDemo('tiles-identity');
    const identity = frame.frameLocator('iframe[title="Identity tile"]');
    await identity.getByText('Jane Doe').waitFor();
    await identity.getByText('verified by card').waitFor();
  });

  test('a reload keeps what tiles were told: the customer stays verified, the knowledge answer stays', async () => {
    const { frame } = await openDemo('tiles-reload');
    const knowledge = frame.frameLocator('iframe[title="Knowledge tile"]');
    await knowledge.getByRole('textbox', { name: 'Search the knowledge base' }).fill('refund');
    await knowledge.getByRole('button', { name: 'Search' }).click();
    await knowledge.getByText('Refunds to an external account').waitFor();
    await frame
      .frameLocator('iframe[title="Identity tile"]')
      .getByText('verified by card')
      .waitFor();
    // the agent reloads the workspace (a Genesys Script loads it anew for each interaction)
    const again = await e2e.openInIframe(e2e.sessionUrl('tiles-reload'));
    const identity = again.frame.frameLocator('iframe[title="Identity tile"]');
    await identity.getByText('Jane Doe').waitFor();
    await identity.getByText('verified by card').waitFor();
    await again.frame
      .frameLocator('iframe[title="Knowledge tile"]')
      .getByText('Refunds to an external account')
      .waitFor();
  });

  test('a knowledge search posts back through the SDK and the answer arrives by sendTileData', async () => {
    const { frame } = await openDemo('tiles-knowledge');
    const knowledge = frame.frameLocator('iframe[title="Knowledge tile"]');
    await knowledge.getByRole('textbox', { name: 'Search the knowledge base' }).fill('refund');
    await knowledge.getByRole('button', { name: 'Search' }).click();
    await knowledge.getByText('Refunds to an external account').waitFor();
    const sent = await control<{ kind: string; payload: { action: unknown } }[]>(
      e2e.endpoint.url,
      'GET',
      'sent',
      e2e.key('tiles-knowledge'),
    );
    assert.deepEqual(
      sent.filter((a) => a.kind === 'postback').map((a) => a.payload.action),
      [{ type: 'knowledge-search', query: 'refund' }],
    );
  });

  test('Insert into reply on the next action reaches the root element as acw-insert-text-requested', async () => {
    const { frame, raw } = await openDemo('tiles-insert');
    await raw().evaluate(() => {
      const w = window as unknown as { inserted: string[] };
      w.inserted = [];
      document
        .querySelector('acw-workspace')
        ?.addEventListener('acw-insert-text-requested', (e) =>
          w.inserted.push((e as unknown as { text: string }).text),
        );
    });
    await frame.getByRole('button', { name: 'Insert into reply' }).click();
    const inserted = await until(
      () => raw().evaluate(() => (window as unknown as { inserted: string[] }).inserted),
      (v) => v.length === 1,
      'the insert request',
    );
    assert.match(inserted[0] ?? '', /I can see the \$249\.99 charge/);
  });

  test('the refund card validates, submits once, and the flow changes the conversation', async () => {
    const { frame, raw } = await openDemo('tiles-refund');
    const confirm = frame.getByRole('button', { name: 'Confirm refund' });
    await confirm.click();
    await frame.getByText('Choose a reason').waitFor(); // required input, the SDK's validation
    await frame.getByRole('combobox', { name: /Reason/ }).selectOption('duplicate');
    await confirm.dblclick();
    await frame.getByText('Refund issued').waitFor();
    await until(
      () => shownMessages(raw()),
      (ms) => ms.some((m) => m.who === 'Bot' && m.text.startsWith('Refund of $249.99 issued')),
      'the bot message about the refund',
    );
    const sent = await control<{ kind: string; payload: { id?: string; action: unknown } }[]>(
      e2e.endpoint.url,
      'GET',
      'sent',
      e2e.key('tiles-refund'),
    );
    const refunds = sent.filter((a) => a.kind === 'postback' && a.payload.id === 'refund');
    assert.equal(refunds.length, 1, 'a double click submits once');
    assert.deepEqual(refunds[0]?.payload.action, {
      action: 'refund',
      reason: 'duplicate',
      blockCard: 'true',
    });
  });

  test('a tile that loops forever or throws does not freeze the workspace or the other tiles', async () => {
    const { frame, raw } = await openDemo('tiles-hostile');
    const key = e2e.key('tiles-hostile');
    await control(e2e.endpoint.url, 'POST', 'tile', {
      ...key,
      update: {
        id: 'knowledge',
        version: 2,
        type: 'html',
        data: { html: '<script>for (;;) {}</script>' },
      },
    });
    await control(e2e.endpoint.url, 'POST', 'tile', {
      ...key,
      update: {
        id: 'identity',
        version: 2,
        type: 'html',
        data: { html: '<script>throw new Error("boom")</script><p>still here</p>' },
      },
    });
    await control(e2e.endpoint.url, 'POST', 'message', { ...key, text: 'Hello? Anyone?' });
    // the workspace keeps rendering and sending
    await frame.getByText('Hello? Anyone?', { exact: true }).waitFor({ timeout: 10_000 });
    const box = frame.getByRole('textbox', { name: 'Reply to customer' });
    await box.fill('Still here.');
    await box.press('Enter');
    await until(
      () => shownMessages(raw()),
      (ms) => ms.some((m) => m.text === 'Still here.' && m.state === 'Sent'),
      'the reply sent while a tile loops',
    );
    await frame.frameLocator('iframe[title="Identity tile"]').getByText('still here').waitFor();
  });
});
