// The README's tables are checked against the code, so they cannot drift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repoRoot } from '../support/endpoint-process.js';

const read = (p: string) => readFileSync(`${repoRoot}${p}`, 'utf8');
const readme = read('README.md');
const all = (re: RegExp, text: string) =>
  [...new Set([...text.matchAll(re)].map((m) => m[1] as string))].sort();

/** The rows of the README table that follows `heading`. */
function section(heading: string): string {
  const start = readme.indexOf(heading);
  assert.ok(start >= 0, `README has "${heading}"`);
  const rest = readme.slice(start + heading.length);
  const next = rest.search(/\n#{2,4} /);
  return next < 0 ? rest : rest.slice(0, next);
}

test('README theming table lists exactly the --acw-* tokens the theme defines', () => {
  const code = all(/(--acw-[\w-]+):/g, read('src/styles/tokens.ts'));
  const doc = all(/`(--acw-[\w-]+)`/g, section('### Theming'));
  assert.deepEqual(doc, code);
});

test('README events table lists exactly the events the elements fire', () => {
  const code = all(/eventName = '(acw-[\w-]+)'/g, read('src/components/events.ts'));
  const doc = all(/^\| `(acw-[\w-]+)`/gm, section('### Events'));
  assert.deepEqual(doc, code);
});

test('README phases list matches the reducer', () => {
  const phases = /PHASES = \[([^\]]+)\]/.exec(read('src/state/reduce.ts'))?.[1] ?? '';
  const code = all(/'([\w-]+)'/g, phases);
  const doc = all(/`([\w-]+)`/g, /Phases: ([^\n]+\n[^\n]+)/.exec(readme)?.[1] ?? '');
  assert.deepEqual(doc, code);
});

test('README control API table lists exactly the routes the endpoint serves', () => {
  const control = read('demo/endpoint/control.ts');
  const code = all(/'((?:GET|POST|PATCH) \/__control\/[\w-]+)'/g, control);
  const doc = all(/^\| `((?:GET|POST|PATCH) \/__control\/[\w-]+)`/gm, section('### Control API'));
  assert.deepEqual(doc, code);
});

test('README configuration table lists exactly the environment variables npm start reads', () => {
  const code = all(/env\.([A-Z_]+)/g, read('demo/main.ts'));
  const doc = all(/^\| `([A-Z_]+)`/gm, section('### Configuration'));
  assert.deepEqual(doc, code);
});

test('README element attributes match the element', () => {
  const element = read('src/components/acw-workspace.ts');
  // every @property: its options and its name
  const declared = [...element.matchAll(/@property\((\{[^}]*\})?\) (\w+)/g)].map((m) => ({
    options: m[1] ?? '',
    name: m[2] as string,
  }));
  const doc = section('### `<acw-workspace>` attributes and properties');
  const rows = all(/^\| `([.\w-]+)`/gm, doc);
  const getters = all(/^ {2}get (\w+)\(\)/gm, element).map((g) => `.${g}`);
  const expected = [
    ...declared.map(({ options, name }) => {
      if (/attribute: false/.test(options)) return `.${name}`;
      const attribute = /attribute: '([\w-]+)'/.exec(options)?.[1];
      return attribute ?? name.toLowerCase();
    }),
    ...getters,
  ].sort();
  assert.ok(expected.includes('tile-frame') && expected.includes('host-origins'));
  assert.ok(expected.includes('.connectionFactory'));
  assert.deepEqual(rows, expected);
});

test("README's bench table is what bench/results.json says (npm run bench writes both)", async () => {
  const { benchTable, tableIn, normalized } = (await import(`${repoRoot}bench/table.mjs`)) as {
    benchTable: (r: unknown) => string;
    tableIn: (readme: string) => string | undefined;
    normalized: (markdown: string) => string;
  };
  const results = JSON.parse(read('bench/results.json')) as { rows: { ok: boolean }[] };
  assert.equal(normalized(tableIn(readme) ?? ''), normalized(benchTable(results)));
  // every figure over its budget is said to be so in the text too
  const over = results.rows.filter((r) => !r.ok).length;
  assert.ok(
    over === 0 || /budgets? (is|are) (still )?over/.test(readme),
    'README says what is over',
  );
});
