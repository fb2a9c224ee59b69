// Every official sample card (test/fixtures/adaptive-cards) rendered by the
// BUILT single script, as the product runs it: a card tile per sample, checked
// for what the SDK reported it did not recognise while parsing, not only for
// an error. A feature that works unbundled can vanish in the bundle (the
// Table element did: the SDK declares itself free of side effects).
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { E2E } from '../support/e2e-harness.js';
import { repoRoot } from '../support/endpoint-process.js';

const dir = join(repoRoot, 'test', 'fixtures', 'adaptive-cards');
const samples = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(dir, d.name))
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({
        name: `${d.name}/${f}`,
        card: JSON.parse(readFileSync(join(dir, d.name, f), 'utf8')) as unknown,
      })),
  );

/** Carousels (1.6) are not rendered on purpose (README): they must show their fallback and say so. */
const CAROUSELS = new Set(['v1.6/Carousel.json', 'v1.6/Carousel.Styles.json']);
const TABLES = [
  'v1.5/ExpenseReport.json',
  'v1.5/FlightUpdateTable.json',
  'v1.5-elements/Table.json',
  'v1.5-elements/Table.FirstRowAsHeaders.json',
];

interface Rendered {
  name: string;
  unrecognised: string[];
  error: string;
  tables: number;
  note: boolean;
}

const e2e = new E2E(/Failed to load resource|net::ERR/);

describe('Adaptive Cards samples through the built script', () => {
  before(() => e2e.start());
  after(() => e2e.stop());
  afterEach(() => e2e.closePage());

  test('every sample renders, and only carousels (on purpose) hold parts it does not know', async () => {
    assert.ok(samples.length >= 49, `${samples.length} samples`);
    const page = await e2e.newPage({ width: 900, height: 800 });
    // the standalone page without a session: the script is loaded, the elements defined
    await page.goto(`${e2e.endpoint.url}/`);
    await page.waitForFunction(() => !!customElements.get('acw-card-tile'));
    const rendered = await page.evaluate(async (list) => {
      const out: Rendered[] = [];
      for (const { name, card } of list) {
        const tile = document.createElement('acw-card-tile') as HTMLElement & {
          card: unknown;
          unrecognised: readonly string[];
          updateComplete: Promise<unknown>;
        };
        tile.setAttribute('tile-id', name);
        tile.card = card;
        document.body.append(tile);
        await tile.updateComplete;
        await tile.updateComplete; // the card renders after the first update
        const root = tile.shadowRoot as ShadowRoot;
        out.push({
          name,
          unrecognised: [...tile.unrecognised],
          error: root.querySelector('.error')?.textContent ?? '',
          tables: root.querySelectorAll('.card [role="table"]').length,
          note: (root.textContent ?? '').includes('Part of this card cannot be shown'),
        });
        tile.remove();
      }
      return out;
    }, samples);
    for (const r of rendered) {
      assert.equal(r.error, '', `${r.name}: ${r.error}`);
      if (CAROUSELS.has(r.name)) {
        assert.ok(r.unrecognised.length > 0 && r.note, `${r.name} says a part is not shown`);
      } else {
        assert.deepEqual(r.unrecognised, [], r.name);
        assert.equal(r.note, false, r.name);
      }
    }
    for (const name of TABLES) {
      assert.ok((rendered.find((r) => r.name === name)?.tables ?? 0) > 0, `${name} has its table`);
    }
  });
});
