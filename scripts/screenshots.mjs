#!/usr/bin/env node
// Regenerates the README screenshots: starts the built endpoint on a free
// port with a throwaway data folder, plays the demo script, and shoots the
// standalone page in light and dark. Run after `npm run build`.
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';
import { startDemoEndpoint } from './dev/demo-endpoint.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const endpoint = await startDemoEndpoint({ stepMs: 50, prefix: 'acw-shots-' });
const { url, genesysUrl, voiceUrl } = endpoint;

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
      colorScheme: scheme,
    });
    const sessionUrl = url.replace(/sessionId=[^&]+/, `sessionId=shots-${scheme}`);
    await page.goto(sessionUrl);
    await page.getByRole('log').getByText('Can you reverse the charge').waitFor();
    const box = page.getByRole('textbox', { name: 'Reply to customer' });
    await box.fill('I have blocked the card and opened a dispute for the $249.99 charge.');
    await box.press('Enter');
    await page.getByRole('img', { name: 'IBAN hidden' }).waitFor();
    await page
      .frameLocator('iframe[title="Identity tile"]')
      .getByText('verified by card')
      .waitFor();
    const knowledge = page.frameLocator('iframe[title="Knowledge tile"]');
    await knowledge.getByRole('button', { name: 'Search' }).click();
    await knowledge.getByText('Chargeback time limits').waitFor();
    const file = `${root}docs/screenshots/standalone${scheme === 'dark' ? '-dark' : ''}.png`;
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
    await page.close();
  }
  // the handoff brief and the wrap-up pane, pinned above the tiles once the call ends
  // (docs/PROTOCOL.md §5.9, §5.10): light, dark, and Arabic right to left
  for (const [name, scheme, width, locale] of [
    ['handoff', 'light', 1280, ''],
    ['handoff-dark', 'dark', 1280, ''],
    ['handoff-ar', 'light', 1100, 'ar'],
  ]) {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
    const sessionUrl = url.replace(/sessionId=[^&]+/, `sessionId=shots-${name}`);
    await page.goto(locale ? `${sessionUrl}&locale=${locale}` : sessionUrl);
    // (found by shape: the brief's sentences, the pane's summary box with the draft in it)
    await page.locator('acw-brief-tile li').first().waitFor();
    // the agent issues the refund (the card's own words, not translated): the call ends, the draft comes
    await page.getByRole('combobox', { name: /Reason/ }).selectOption('duplicate');
    await page.getByRole('button', { name: 'Confirm refund' }).click();
    const summary = page.locator('acw-wrap-up-pane textarea');
    await summary.waitFor();
    await page.waitForFunction(
      () =>
        (
          document
            .querySelector('acw-workspace')
            ?.shadowRoot?.querySelector('acw-grid')
            ?.shadowRoot?.querySelector('acw-wrap-up-pane')
            ?.shadowRoot?.querySelector('textarea')?.value ?? ''
        ).length > 0,
    );
    const file = `${root}docs/screenshots/${name}.png`;
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
    await page.close();
  }
  // 390 px (a Genesys Script panel): the brief and the tiles scroll as one column
  const narrow = await browser.newPage({ viewport: { width: 390, height: 720 } });
  await narrow.goto(url.replace(/sessionId=[^&]+/, 'sessionId=shots-narrow'));
  await narrow.locator('acw-brief-tile li').first().waitFor();
  await narrow.screenshot({ path: `${root}docs/screenshots/handoff-narrow.png` });
  console.log('wrote docs/screenshots/handoff-narrow.png');
  await narrow.close();

  // the agent's language, right to left, on a narrow window (the layout mirrors and reflows)
  const rtl = await browser.newPage({ viewport: { width: 760, height: 900 } });
  await rtl.goto(`${url.replace(/sessionId=[^&]+/, 'sessionId=shots-ar')}&locale=ar`);
  // (found by shape, not by words: the translations are reviewed and change)
  await rtl.locator('[part="chip"]').first().waitFor();
  await rtl.locator('button.icon.down').first().click();
  await rtl.screenshot({ path: `${root}docs/screenshots/standalone-ar.png` });
  console.log('wrote docs/screenshots/standalone-ar.png');
  await rtl.close();

  // Japanese (a CJK font must be installed: Debian's fonts-noto-cjk)
  const ja = await browser.newPage({ viewport: { width: 1100, height: 760 } });
  await ja.goto(`${url.replace(/sessionId=[^&]+/, 'sessionId=shots-ja')}&locale=ja`);
  await ja.locator('[part="chip"]').first().waitFor();
  await ja.screenshot({ path: `${root}docs/screenshots/standalone-ja.png` });
  console.log('wrote docs/screenshots/standalone-ja.png');
  await ja.close();

  // a voice call, words still being recognised (the step is slow here: 200 ms a word)
  const voice = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await voice.goto(voiceUrl);
  await voice.locator('acw-workspace').waitFor();
  await voice.getByText('(still being recognised)').first().waitFor({ state: 'attached' });
  await voice.screenshot({ path: `${root}docs/screenshots/voice.png` });
  console.log('wrote docs/screenshots/voice.png');
  await voice.close();

  const genesys = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await genesys.goto(genesysUrl);
  const ws = genesys.frameLocator('iframe[title="Agent Copilot workspace"]');
  await ws.getByRole('button', { name: 'Insert into reply' }).waitFor();
  await genesys.getByRole('textbox', { name: 'Reply to Jane Doe' }).fill('Hello Jane,');
  await ws.getByRole('button', { name: 'Insert into reply' }).click();
  await genesys.getByText('insert-text').waitFor();
  await genesys.screenshot({ path: `${root}docs/screenshots/genesys.png` });
  console.log('wrote docs/screenshots/genesys.png');

  const qa = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await qa.goto(url.replace(/\/\?.*$/, '/qa'));
  await qa.frameLocator('#ws').getByRole('button', { name: 'Confirm refund' }).waitFor();
  await qa.screenshot({ path: `${root}docs/screenshots/qa.png` });
  console.log('wrote docs/screenshots/qa.png');
} finally {
  await browser.close();
  endpoint.stop();
}
