#!/usr/bin/env node
// Regenerates the Adaptive Card screenshots of the README: a workspace three
// tiles wide (the transcript, a card with secondary actions whose "…" menu is
// open, and a card with a styled table), in light and dark. Starts the built
// endpoint on a free port with a throwaway data folder. Run after
// `npm run build`: node scripts/dev/card-screenshots.mjs
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../test/support/chromium.mjs';
import { startDemoEndpoint } from './demo-endpoint.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const card = (name) =>
  JSON.parse(readFileSync(`${root}test/fixtures/adaptive-cards/workspace/${name}.json`, 'utf8'));
const endpoint = await startDemoEndpoint({ stepMs: 20, prefix: 'acw-card-shots-' });
const url = new URL(endpoint.url);
const control = async (path, body) => {
  const res = await fetch(`${url.origin}/__control/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
};

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  for (const scheme of ['light', 'dark']) {
    const sessionId = `card-shots-${scheme}`;
    const key = {
      URLToken: url.searchParams.get('URLToken'),
      userId: url.searchParams.get('userId'),
      sessionId,
    };
    // the demo conversation first, so that its layout does not replace this one
    await control('script', { ...key, action: 'all' });
    await control('layout', {
      ...key,
      layout: {
        grid: { columns: 3, rows: 1 },
        tiles: { transcript: { x: 1, y: 1 }, refund: { x: 2, y: 1 }, checks: { x: 3, y: 1 } },
      },
    });
    for (const [id, name] of [
      ['refund', 'Action.Mode.Overflow'],
      ['checks', 'Container.Styles'],
    ]) {
      await control('tile', { ...key, update: { id, version: 1, type: 'card', data: card(name) } });
    }
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
      colorScheme: scheme,
    });
    const session = new URL(url);
    session.searchParams.set('sessionId', sessionId);
    await page.goto(session.href);
    const tile = page.locator('acw-card-tile[tile-id="refund"]');
    await tile.getByRole('button', { name: 'Approve refund' }).waitFor();
    await page.locator('acw-card-tile[tile-id="checks"]').getByText('Identity verified').waitFor();
    // the card's own row of actions ends with its "…"
    await tile
      .locator('.card button')
      .filter({ hasText: /^\.\.\.$/ })
      .last()
      .click();
    await tile.getByRole('menuitem', { name: 'Merge with a duplicate' }).waitFor();
    await page.keyboard.press('ArrowDown');
    const file = `${root}docs/screenshots/card-secondary-${scheme}.png`;
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
    await page.close();
  }
} finally {
  await browser.close();
  endpoint.stop();
}
