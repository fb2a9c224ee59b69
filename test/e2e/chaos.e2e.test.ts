// Chaos, as a test with its counts asserted: the built endpoint process is
// SIGKILLed and restarted 20 times while customer messages arrive and the
// agent types replies during the outages, then its sockets are dropped 50
// times in a row while more replies go out. Nothing is lost, nothing is
// duplicated, every reply arrives exactly once (on the server and on screen).
// Bad records land in the journals during outages; then the disk fails (full,
// read-only) and the endpoint dies halfway through a journal write: the
// replies typed meanwhile still arrive exactly once.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { control } from '../support/endpoint-process.js';
import { E2E, shownMessages, until } from '../support/e2e-harness.js';

const e2e = new E2E(/ERR_CONNECTION_REFUSED|WebSocket connection to/);
const RESTARTS = Number(process.env.ACW_CHAOS_RESTARTS) || 20;
const DROPS = 50;

interface Stored {
  _id: string;
  source: string;
  text: string;
}

/** Appends records the endpoint must skip (not JSON, wrong shapes) to every journal. */
function badRecords(): void {
  const dir = join(e2e.dataDir, 'sessions');
  for (const f of readdirSync(dir))
    appendFileSync(join(dir, f), 'null\n{"t":"tile","u":null}\n{"t":"msg","m":{"_id":7}}\n');
}

describe('chaos: crashes and drops lose and duplicate nothing', () => {
  before(() => e2e.start(40));
  after(() => e2e.stop());
  afterEach(() => e2e.closePage());

  test(`${RESTARTS} SIGKILL restarts with replies typed during the outages, then ${DROPS} drops, then store faults`, async () => {
    const sessionId = 'chaos';
    const key = e2e.key(sessionId);
    await control(e2e.endpoint.url, 'POST', 'script', { ...key, action: 'all' });
    await e2e.newPage({ width: 900, height: 760 });
    const { frame, raw } = await e2e.openInIframe(e2e.sessionUrl(sessionId));
    const box = frame.getByRole('textbox', { name: 'Reply to customer' });
    await box.waitFor();
    const customer: string[] = [];
    const agent: string[] = [];

    for (let i = 0; i < RESTARTS; i++) {
      const said = `Customer line ${i}`;
      await control(e2e.endpoint.url, 'POST', 'message', { ...key, text: said });
      customer.push(said);
      await e2e.endpoint.stop('SIGKILL');
      // every third outage, bad records land in the journals (its own files are input too)
      if (i % 3 === 0) badRecords();
      await frame.getByRole('status').filter({ hasText: 'Connection lost' }).waitFor();
      const reply = `Agent reply ${i} typed during outage`;
      await box.fill(reply);
      await box.press('Enter');
      agent.push(reply);
      await e2e.restartEndpoint('SIGTERM', 40); // (already stopped: this only starts it again)
      await until(
        () => shownMessages(raw()),
        (ms) => ms.some((m) => m.text === reply && m.state === 'Sent'),
        `reply ${i} sent after restart ${i}`,
      );
    }

    for (let i = 0; i < DROPS; i++) {
      await control(e2e.endpoint.url, 'POST', 'drop', key);
      if (i % 10 === 0) {
        const reply = `Agent reply during drops ${i}`;
        await box.fill(reply);
        await box.press('Enter');
        agent.push(reply);
      }
    }

    // the disk fails: full, then read-only; replies typed meanwhile wait in the outbox
    for (const fault of ['full', 'read-only'] as const) {
      await control(e2e.endpoint.url, 'POST', 'store-fault', { fault });
      const reply = `Agent reply while the disk is ${fault}`;
      await box.fill(reply);
      await box.press('Enter');
      agent.push(reply);
      await until(
        () => control<{ ok: boolean }>(e2e.endpoint.url, 'GET', 'health'),
        (h) => !h.ok,
        `the endpoint refused a write (${fault})`,
      );
      await control(e2e.endpoint.url, 'POST', 'store-fault', { fault: 'none' });
    }
    // a crash halfway through a journal write (the endpoint kills itself with a torn line)
    await control(e2e.endpoint.url, 'POST', 'store-fault', { fault: 'crash-mid-write' });
    const torn = 'Agent reply torn by a crash';
    await box.fill(torn);
    await box.press('Enter');
    agent.push(torn);
    await frame.getByRole('status').filter({ hasText: 'Connection lost' }).waitFor();
    await e2e.restartEndpoint('SIGTERM', 40); // (it died by itself: this starts it again)

    const stored = await until(
      () => control<{ messages: Stored[] }>(e2e.endpoint.url, 'GET', 'session', key),
      (s) => agent.every((t) => s.messages.some((m) => m.text === t)),
      'every reply on the server',
    );
    const count = (texts: string[], t: string) => texts.filter((x) => x === t).length;
    const serverTexts = stored.messages.map((m) => m.text);
    for (const t of [...customer, ...agent]) assert.equal(count(serverTexts, t), 1, `server: ${t}`);
    assert.equal(new Set(stored.messages.map((m) => m._id)).size, stored.messages.length);

    const shown = await until(
      () => shownMessages(raw()),
      (ms) =>
        ms.length >= stored.messages.length &&
        ms.every((m) => m.who !== 'Agent' || m.state === 'Sent'),
      'the transcript to catch up',
    );
    const shownTexts = shown.map((m) => m.text);
    for (const t of [...customer, ...agent]) assert.equal(count(shownTexts, t), 1, `shown: ${t}`);
    assert.equal(shown.length, stored.messages.length, 'nothing extra on screen');
  });
});
