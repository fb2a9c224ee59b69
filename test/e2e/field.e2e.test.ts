// End to end, as a new user would try it in every host: the built script, the
// reference endpoint, and tiles written for the Cognigy workspace
// (test/fixtures/field-tiles: their own SDK, a hard-coded foreign target for
// replyBoxContent, a slow stylesheet first). Where does "Insert into reply"
// land? The host's reply box when the host said hello on the bridge, else the
// chat tile's; appended, never replacing what the agent typed.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { control, repoRoot } from '../support/endpoint-process.js';
import { E2E, until } from '../support/e2e-harness.js';

const e2e = new E2E();

interface Host {
  name: string;
  /** opens the workspace for `sessionId`; returns where it is and the reply box inserts must reach */
  open(sessionId: string): Promise<{ ws: Page | FrameLocator; reply: Locator }>;
}

function genesys(params: Record<string, string>, hostReplyBox: boolean): Host['open'] {
  return async (sessionId) => {
    const page = await e2e.newPage({ width: 1300, height: 860 });
    const u = new URL(e2e.endpoint.genesysUrl);
    for (const [k, v] of Object.entries({ ...params, sessionId })) u.searchParams.set(k, v);
    await page.goto(u.href);
    const ws = page.frameLocator('iframe[title="Agent Copilot workspace"]');
    const reply = hostReplyBox
      ? page.getByRole('textbox', { name: 'Reply to Jane Doe' })
      : ws.getByRole('textbox', { name: 'Reply to customer' });
    return { ws, reply };
  };
}

const HOSTS: Host[] = [
  {
    name: 'standalone page (no host: the chat tile)',
    open: async (sessionId) => {
      const page = await e2e.newPage({ width: 1300, height: 860 });
      await page.goto(e2e.sessionUrl(sessionId));
      return { ws: page, reply: page.getByRole('textbox', { name: 'Reply to customer' }) };
    },
  },
  { name: 'Genesys page (hello on the bridge: the host)', open: genesys({}, true) },
  {
    name: 'Genesys page, strict sandbox (opaque workspace origin: the host)',
    open: genesys({ sandbox: 'strict' }, true),
  },
  {
    name: 'Genesys page that does not speak the bridge (the chat tile)',
    open: genesys({ bridge: 'off' }, false),
  },
];

const fieldTile = (name: string) =>
  readFileSync(join(repoRoot, 'test', 'fixtures', 'field-tiles', `${name}.html`), 'utf8').replace(
    '{{STYLESHEET}}',
    `${e2e.endpoint.url}/slow.css?ms=300`,
  );

/** The demo script played to its end, then a layout with the field-style tiles. */
async function plantFieldTiles(sessionId: string) {
  const key = e2e.key(sessionId);
  await control(e2e.endpoint.url, 'POST', 'script', { ...key, action: 'all' });
  await control(e2e.endpoint.url, 'POST', 'layout', {
    ...key,
    layout: {
      grid: { columns: 3, rows: 1 },
      tiles: {
        transcript: { x: 1, y: 1 },
        'field-next': { x: 2, y: 1 },
        knowledge: { x: 3, y: 1 },
      },
    },
  });
  const tile = (id: string, name: string, metadata?: object) =>
    control(e2e.endpoint.url, 'POST', 'tile', {
      ...key,
      update: { id, version: 1, type: 'html', data: { html: fieldTile(name), metadata } },
    });
  await tile('field-next', 'next-action', {
    type: 'next-action',
    text: 'Your refund is on its way.',
  });
  await tile('knowledge', 'knowledge');
}

describe('insert and field tiles in every host (built script, reference endpoint)', () => {
  before(() => e2e.start(40));
  after(() => e2e.stop());
  afterEach(() => e2e.closePage());

  HOSTS.forEach((host, i) => {
    test(`${host.name}: the demo's "Insert into reply" is appended to the right reply box`, async () => {
      const { ws, reply } = await host.open(`insert-${i}`);
      // the scripted flow has reached its second suggestion
      await ws
        .frameLocator('iframe[title="Next action tile"]')
        .getByText('Offer the refund')
        .waitFor();
      await reply.fill('Hello Jane.');
      await ws.getByRole('button', { name: 'Insert into reply' }).click();
      const value = await until(
        () => reply.inputValue(),
        (v) => v.length > 'Hello Jane.'.length,
        'the inserted text',
      );
      assert.match(value, /^Hello Jane\. Thank you, Jane\. I can see the \$249\.99 charge/);
    });

    test(`${host.name}: field tiles show their forward button, forward into the same box, and search`, async () => {
      const sessionId = `field-${i}`;
      await plantFieldTiles(sessionId);
      const { ws, reply } = await host.open(sessionId);
      const next = ws.frameLocator('iframe[title="Field next tile"]');
      await next.getByText('Your refund is on its way.').waitFor();
      // toggleButton reached the tile after its scripts ran, behind a slow stylesheet
      await next.getByRole('button', { name: 'Forward to reply box' }).click();
      await until(
        () => reply.inputValue(),
        (v) => v === 'Your refund is on its way.',
        'the forwarded suggestion',
      );
      const knowledge = ws.frameLocator('iframe[title="Knowledge tile"]');
      await knowledge.getByRole('searchbox', { name: 'Search articles' }).fill('chargeback');
      await knowledge.getByRole('button', { name: 'Find' }).click();
      const sent = await until(
        () =>
          control<{ kind: string; payload: { action: unknown } }[]>(
            e2e.endpoint.url,
            'GET',
            'sent',
            e2e.key(sessionId),
          ),
        (s) => s.some((a) => a.kind === 'postback'),
        'the search postback at the endpoint',
      );
      assert.deepEqual(
        sent.filter((a) => a.kind === 'postback').map((a) => a.payload.action),
        [{ searchString: 'chargeback', tileId: 'knowledge' }],
      );
    });
  });
});
