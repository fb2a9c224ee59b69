// End to end for the handoff brief (docs/PROTOCOL.md §5.9) and the wrap-up
// pane (§5.10): the BUILT workspace against the BUILT reference endpoint. The
// scripted bot hands the customer over with a brief pinned above the grid
// whose citations reach messages thousands of rows up; a brief by url, and
// one whose url fails; a wrap-up edited and submitted through 20 dropped
// connections, kept once; and the Genesys demo desktop hearing of it.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { control } from '../support/endpoint-process.js';
import { E2E, until } from '../support/e2e-harness.js';
import { Brief } from '../../src/transport/protocol.js';

interface Stored {
  _id: string;
  source: string;
  text: string;
}
interface SessionState {
  messages: Stored[];
  tiles: { id: string; version: number; data: { brief?: unknown } }[];
  sockets: number;
  contextSummaryUrl?: string;
}
interface WrapUp {
  submissionId: string;
  summary: string;
  code?: string;
  label?: string;
  edited: boolean;
}

const e2e = new E2E();
const LAST_SCRIPTED = 'Can you reverse the charge and block the card please?';

const stateOf = (sessionId: string) =>
  control<SessionState>(e2e.endpoint.url, 'GET', 'session', e2e.key(sessionId));
const wrapUpsOf = async (sessionId: string) =>
  (await control<{ wrapUps: WrapUp[] }>(e2e.endpoint.url, 'GET', 'wrap-ups', e2e.key(sessionId)))
    .wrapUps;

/** The transcript tile's and the brief tile's focus and rows, read inside their shadow roots. */
function readFocus(page: Page) {
  return page.evaluate(() => {
    const grid = document.querySelector('acw-workspace')?.shadowRoot?.querySelector('acw-grid');
    const transcript = grid?.shadowRoot?.querySelector('acw-transcript-tile')?.shadowRoot;
    const brief = grid?.shadowRoot?.querySelector('acw-brief-tile')?.shadowRoot;
    const active = transcript?.activeElement as HTMLElement | null | undefined;
    return {
      index: active?.getAttribute('data-index') ?? null,
      text: active?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      cited: active?.classList.contains('cited') ?? false,
      briefActive: brief?.activeElement?.getAttribute('aria-label') ?? null,
    };
  });
}

/** Is transcript row `index` in the DOM (the log is virtualized)? */
const rowRendered = (page: Page, index: number) =>
  page.evaluate(
    (i) =>
      document
        .querySelector('acw-workspace')
        ?.shadowRoot?.querySelector('acw-grid')
        ?.shadowRoot?.querySelector('acw-transcript-tile')
        ?.shadowRoot?.querySelector(`[data-index="${i}"]`) != null,
    index,
  );

/** The version of the brief tile on screen. */
const briefVersion = (page: Page) =>
  page.evaluate(
    () =>
      (
        document
          .querySelector('acw-workspace')
          ?.shadowRoot?.querySelector('acw-grid')
          ?.shadowRoot?.querySelector('acw-brief-tile') as unknown as { version?: number } | null
      )?.version ?? null,
  );

describe('handoff brief and wrap-up end to end (built script, reference endpoint)', () => {
  before(() => e2e.start());
  after(() => e2e.stop());
  afterEach(() => e2e.closePage());

  test('the scripted handoff’s brief is pinned above the grid; a citation by keyboard reaches a message thousands of rows up, and Back returns', async () => {
    const sessionId = 'e2e-brief';
    const page = await e2e.newPage({ width: 1200, height: 800 });
    await page.goto(e2e.sessionUrl(sessionId));
    const brief = page.locator('[part="pinned"] acw-brief-tile');
    await brief
      .locator('li', { hasText: 'Jane disputes a $249.99 charge from TechGear Online' })
      .waitFor();
    await page.getByText(LAST_SCRIPTED, { exact: true }).waitFor();

    // pinned above the layout grid (the brief has no place in the layout)
    const briefBox = await brief.boundingBox();
    const gridBox = await page.locator('[part="grid"]').boundingBox();
    assert.ok(briefBox && gridBox);
    assert.ok(briefBox.y + briefBox.height <= gridBox.y + 1, 'the brief sits above the grid');
    assert.equal(await page.locator('[part="grid"] acw-brief-tile').count(), 0);

    // its citations are the real ids of the bot part's stored messages
    const state = await stateOf(sessionId);
    const data = Brief.parse(state.tiles.find((t) => t.id === 'handoff')?.data.brief);
    const reason = state.messages.findIndex((m) => m._id === data.sentences?.[0]?.cites?.[0]);
    assert.equal(reason, 1, 'the first sentence cites the customer’s reason');
    assert.equal(state.messages[0]?.source, 'bot');
    const ids = new Set(state.messages.map((m) => m._id));
    for (const s of data.sentences ?? []) for (const id of s.cites ?? []) assert.ok(ids.has(id));

    // thousands of messages later, the cited one is far up and not rendered
    const streamed = await control<{ sent: number }>(e2e.endpoint.url, 'POST', 'stream', {
      ...e2e.key(sessionId),
      rate: 1000,
      count: 3000,
    });
    assert.equal(streamed.sent, 3000);
    await page.getByText(/^stream 2999 at \d+$/).waitFor();
    await until(
      () => rowRendered(page, reason),
      (r) => !r,
      'the cited row out of the DOM',
    );

    // activated by keyboard: the transcript scrolls to it, focuses and highlights it
    const cite = brief.getByRole('button', { name: 'Go to source 1 in the transcript' }).first();
    await cite.focus();
    await page.keyboard.press('Enter');
    const focused = await until(
      () => readFocus(page),
      (f) => f.index === String(reason),
      'the cited message focused',
    );
    assert.match(focused.text, /There is a charge of \$249\.99 from “TechGear Online”/);
    assert.equal(focused.cited, true, 'highlighted');

    // Back to the brief returns focus to the citation
    const back = page.getByRole('button', { name: 'Back to the brief' });
    await back.focus();
    await page.keyboard.press('Enter');
    await until(
      () => readFocus(page),
      (f) => f.briefActive === 'Go to source 1 in the transcript',
      'focus back on the citation',
    );
    assert.equal(await back.count(), 0, 'Back is gone');
  });

  test('a brief by url is fetched and shown; a url that fails says why', async () => {
    const sessionId = 'e2e-brief-url';
    const page = await e2e.newPage({ width: 1200, height: 800 });
    const fetched: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/context-summary/')) fetched.push(r.url());
    });
    await page.goto(e2e.sessionUrl(sessionId));
    const brief = page.locator('[part="pinned"] acw-brief-tile');
    await brief.locator('li', { hasText: 'Jane disputes a $249.99 charge' }).waitFor();
    assert.deepEqual(fetched, [], 'an inline brief fetches nothing');

    const byUrl = await control<{ version: number; url: string }>(
      e2e.endpoint.url,
      'POST',
      'brief',
      { ...e2e.key(sessionId), mode: 'url' },
    );
    assert.equal(byUrl.url, (await stateOf(sessionId)).contextSummaryUrl);
    for (const secret of [e2e.key(sessionId).URLToken, sessionId, 'customer-jane'])
      assert.equal(byUrl.url.includes(secret), false, 'no token or session key in the url');
    // the tile carries only the url: what shows came from there
    const tile = (await stateOf(sessionId)).tiles.find((t) => t.id === 'handoff');
    assert.equal(Brief.parse(tile?.data.brief).sentences, undefined);
    await until(
      () => briefVersion(page),
      (v) => v === byUrl.version,
      'the url brief on screen',
    );
    await brief.locator('li', { hasText: 'Jane disputes a $249.99 charge' }).waitFor();
    await brief
      .locator('li', { hasText: 'Handed over because disputing a charge needs an agent.' })
      .waitFor();
    await brief.getByRole('button', { name: 'Go to source 1 in the transcript' }).first().waitFor();
    assert.equal(await brief.getByText('Loading the brief…').count(), 0);
    assert.deepEqual(fetched, [byUrl.url], 'fetched once');

    const failing = await control<{ version: number; url: string }>(
      e2e.endpoint.url,
      'POST',
      'brief',
      { ...e2e.key(sessionId), mode: 'failing-url' },
    );
    const problem = brief.getByRole('alert');
    await problem.filter({ hasText: 'The brief could not be loaded: ' }).waitFor();
    assert.equal(
      (await problem.innerText()).trim(),
      'The brief could not be loaded: the request failed.',
    );
    assert.deepEqual(fetched, [byUrl.url, failing.url]);
    assert.equal((await fetch(failing.url)).status, 404);
  });

  test('Wrap up drafts from the transcript; the edited summary, submitted while the connection drops 20 times, is kept exactly once', async () => {
    const sessionId = 'e2e-wrap-up';
    const key = e2e.key(sessionId);
    const page = await e2e.newPage({ width: 1200, height: 800 });
    await page.goto(e2e.sessionUrl(sessionId));
    await page.getByText(LAST_SCRIPTED, { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Wrap up', exact: true }).click();
    const pane = page.locator('acw-wrap-up-pane');
    await pane.getByText('Demo draft, written without a model').waitFor();
    // the task at hand comes first: the pane above the brief it was told
    const paneBox = await pane.boundingBox();
    const briefBox = await page.locator('acw-brief-tile').boundingBox();
    assert.ok(paneBox && briefBox && paneBox.y < briefBox.y, 'the pane above the brief');
    const box = pane.getByRole('textbox', { name: 'Summary' });
    const drafted = await until(
      () => box.inputValue(),
      (v) => v.startsWith('The customer came about: “Hi. There is a charge of $249.99'),
      'the draft in the summary',
    );
    const edited = `${drafted} Agent: refund of $249.99 issued, card blocked, new card on its way.`;
    await box.fill(edited);

    const connected = () =>
      until(
        async () => (await stateOf(sessionId)).sockets,
        (n) => n === 1,
        'the workspace connected',
      );
    const drop = () => control<{ dropped: number }>(e2e.endpoint.url, 'POST', 'drop', key);
    // the connection goes before Submit and 19 times more while it is in flight and after
    await connected();
    await drop();
    await pane.getByRole('button', { name: 'Submit' }).click();
    let dropped = 1;
    for (; dropped < 20; dropped++) {
      await connected();
      assert.equal((await drop()).dropped, 1);
    }
    await connected();
    await pane.getByRole('status').filter({ hasText: 'Wrap-up submitted' }).waitFor();
    assert.equal(await box.getAttribute('readonly'), '', 'read-only once submitted');

    const kept = await wrapUpsOf(sessionId);
    assert.equal(kept.length, 1, JSON.stringify(kept));
    assert.equal(kept[0]?.summary, edited.trim());
    assert.equal(kept[0]?.edited, true);
    // every attempt carried the same submission id; only the first was stored
    const sent = await control<
      { payload: { action?: { type?: string; submissionId?: string } } }[]
    >(e2e.endpoint.url, 'GET', 'sent', key);
    const stored = sent.filter((a) => a.payload.action?.type === 'wrap-up');
    assert.deepEqual(
      stored.map((a) => a.payload.action?.submissionId),
      [kept[0]?.submissionId],
    );

    // and after a restart of the endpoint it is still there, once
    await e2e.restartEndpoint();
    assert.deepEqual(
      (await wrapUpsOf(sessionId)).map((w) => w.submissionId),
      [kept[0]?.submissionId],
    );
  });

  test('the Genesys demo desktop says hello with wrap-up and shows the submitted wrap-up in its Wrap-up panel, as text', async () => {
    const sessionId = 'g-wrap-up';
    const page = await e2e.newPage({ width: 1300, height: 820 });
    const u = new URL(e2e.endpoint.genesysUrl);
    u.searchParams.set('sessionId', sessionId);
    await page.goto(u.href);
    const ws = page.frameLocator('iframe[title="Agent Copilot workspace"]');
    await ws.getByText(LAST_SCRIPTED, { exact: true }).waitFor();
    // the desktop said hello (answered by a second ready) before anything is submitted
    // (folded under the Script panel: opened as an agent would)
    await page.getByText('Host bridge messages').click();
    const log = page.getByRole('list', { name: 'Messages from the workspace' });
    await until(
      () => log.getByText('ready', { exact: true }).count(),
      (n) => n >= 2,
      'hello answered',
    );
    const panel = page.getByRole('region', { name: 'Wrap-up' });
    await panel.getByText('No wrap-up from the workspace yet.').waitFor();

    await ws.getByRole('button', { name: 'Wrap up', exact: true }).click();
    const box = ws.getByRole('textbox', { name: 'Summary' });
    await until(
      () => box.inputValue(),
      (v) => v.startsWith('The customer came about'),
      'the draft',
    );
    const summary = 'Disputed charge: refund started. <img src=x alt=markup> stays text.';
    await box.fill(summary);
    await ws.getByRole('radio', { name: /^Disputed charge or fraud \(64\s?%\)$/ }).check();
    await ws.getByRole('button', { name: 'Submit' }).click();
    await ws.getByRole('status').filter({ hasText: 'Wrap-up submitted' }).waitFor();

    await panel.getByText('Wrap-up received from the workspace.').waitFor();
    const field = (cls: string) => panel.locator(`dd.${cls}`).textContent();
    assert.equal(await field('wrap-up-code'), 'fraud');
    assert.equal(await field('wrap-up-label'), 'Disputed charge or fraud');
    assert.equal(await field('wrap-up-summary'), summary);
    assert.equal(await panel.locator('img').count(), 0, 'shown as text, never markup');
    await log.getByText('wrap-up: fraud', { exact: true }).waitFor();
    const kept = await wrapUpsOf(sessionId);
    assert.deepEqual(
      kept.map((w) => [w.code, w.label, w.summary, w.edited]),
      [['fraud', 'Disputed charge or fraud', summary, true]],
    );
  });
});
