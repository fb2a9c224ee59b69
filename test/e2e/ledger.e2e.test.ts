// End to end for the suggestion ledger (docs/PROTOCOL.md §5.8): the BUILT
// workspace on its own page against the BUILT reference endpoint; every fate
// read back from the endpoint's control route, across a reload.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { control } from '../support/endpoint-process.js';
import { E2E, until } from '../support/e2e-harness.js';

interface Row {
  tileId: string;
  version: number;
  seenAt?: number;
  visibleMs: number;
  copiedAt?: number;
  insertedAt?: number;
  insertedWhere?: string;
  dismissedAt?: number;
  judged?: string;
  sent?: string;
  similarity?: number;
  seenToUseMs?: number;
}
interface Ledger {
  rows: Row[];
  totals: Record<string, number>;
}

const e2e = new E2E();

describe('suggestion ledger end to end (built script, reference endpoint)', () => {
  before(() => e2e.start());
  after(() => e2e.stop());
  afterEach(() => e2e.closePage());

  test('seen, inserted, sent as is, copied, judged: each once per version, across a reload', async () => {
    const session = 'e2e-ledger';
    const ledger = () => control<Ledger>(e2e.endpoint.url, 'GET', 'ledger', e2e.key(session));
    const row = async () =>
      (await ledger()).rows.find((r) => r.tileId === 'next-action' && r.version === 2);
    const page = await e2e.newPage({ width: 1200, height: 800 });
    await page.goto(e2e.sessionUrl(session));
    const tile = page.frameLocator('iframe[title="Next action tile"]');
    await tile.getByText('Offer the refund').waitFor();

    // seen: half of it in view for a second, reported by the workspace
    const seen = await until(row, (r) => r?.seenAt !== undefined, 'seen');
    assert.equal(seen?.insertedAt, undefined);

    // Insert, then the agent sends it as it is
    const nextAction = page.locator('acw-html-tile', {
      has: page.getByRole('heading', { name: 'Next action' }),
    });
    await nextAction.getByRole('button', { name: 'Insert into reply' }).click();
    const box = page.getByRole('textbox', { name: 'Reply to customer' });
    await until(
      () => box.inputValue(),
      (v) => v.startsWith('Thank you, Jane.'),
      'the inserted text',
    );
    await box.press('Enter');
    const sent = await until(row, (r) => r?.sent !== undefined, 'sent');
    assert.equal(sent?.insertedWhere, 'reply-box');
    assert.equal(sent?.sent, 'as-is');
    assert.equal(sent?.similarity, 1);
    assert.ok((sent?.seenToUseMs ?? -1) >= 0);

    // Copy and Helpful
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await nextAction.getByRole('button', { name: 'Copy', exact: true }).click();
    await nextAction.getByRole('button', { name: 'Helpful', exact: true }).click();
    const judged = await until(
      row,
      (r) => r?.judged === 'up' && r.copiedAt !== undefined,
      'copied and judged',
    );

    // a reload: seen again in the new page view, counted once; its time in view adds up
    await page.reload();
    await tile.getByText('Offer the refund').waitFor();
    await until(row, (r) => r !== undefined, 'the row');
    // the new view's seen goes out (and is folded into the first one): read it off the wire
    const seenBatches = async () =>
      (
        await control<{ payload: { action?: { type?: string; events?: { kind: string }[] } } }[]>(
          e2e.endpoint.url,
          'GET',
          'sent',
          e2e.key(session),
        )
      ).filter(
        (a) =>
          a.payload.action?.type === 'ledger' &&
          a.payload.action.events?.some((e) => e.kind === 'seen'),
      ).length;
    await until(seenBatches, (n) => n >= 2, 'the second view’s seen');
    // its time in view is reported when the tile leaves view: collapse it
    const collapse = nextAction.getByRole('button', { name: /Collapse/ });
    await collapse.click();
    const after = await until(
      row,
      (r) => (r?.visibleMs ?? 0) > (judged?.visibleMs ?? 0),
      'the new view’s time in view',
    );
    assert.equal(after?.seenAt, seen?.seenAt, 'seen once: the first time');
    assert.equal(after?.insertedAt, sent?.insertedAt);
    assert.equal(after?.copiedAt, judged?.copiedAt);
    const totals = (await ledger()).totals;
    assert.equal(totals.shown, (await ledger()).rows.filter((r) => r.seenAt !== undefined).length);
    assert.equal(totals.sentAsIs, 1);
    assert.equal(totals.up, 1);

    // the CSV export has the row
    const csv = await fetch(
      `${e2e.endpoint.url}/__control/ledger?${new URLSearchParams({ ...e2e.key(session), format: 'csv' })}`,
    );
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(await csv.text(), /\r\nnext-action,2,[^\r]*,reply-box,[^\r]*,as-is,1,/);
  });

  test('an inserted suggestion the agent edits before sending is sent edited, with its similarity; Dismiss is on record', async () => {
    const session = 'e2e-ledger-edit';
    const row = async () =>
      (await control<Ledger>(e2e.endpoint.url, 'GET', 'ledger', e2e.key(session))).rows.find(
        (r) => r.tileId === 'next-action' && r.version === 2,
      );
    const page = await e2e.newPage({ width: 1200, height: 800 });
    await page.goto(e2e.sessionUrl(session));
    await page
      .frameLocator('iframe[title="Next action tile"]')
      .getByText('Offer the refund')
      .waitFor();
    const nextAction = page.locator('acw-html-tile', {
      has: page.getByRole('heading', { name: 'Next action' }),
    });
    await nextAction.getByRole('button', { name: 'Insert into reply' }).click();
    const box = page.getByRole('textbox', { name: 'Reply to customer' });
    const inserted = await until(
      () => box.inputValue(),
      (v) => v.startsWith('Thank you'),
      'the text',
    );
    await box.fill(
      inserted
        .replace('I’ll block the card and refund', 'we will refund')
        .concat(' Anything else?'),
    );
    await box.press('Enter');
    const sent = await until(row, (r) => r?.sent !== undefined, 'sent');
    assert.equal(sent?.sent, 'edited');
    assert.ok(
      (sent?.similarity ?? 0) >= 0.5 && (sent?.similarity ?? 1) < 1,
      `similarity ${sent?.similarity}`,
    );
    await nextAction.getByRole('button', { name: 'Dismiss', exact: true }).click();
    const dismissed = await until(row, (r) => r?.dismissedAt !== undefined, 'dismissed');
    assert.equal(dismissed?.sent, 'edited');
  });
});
