// The README's and docs/PROTOCOL.md's tables are checked against the code, so they cannot drift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
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

test('README theming table lists exactly the --acw-* properties the elements declare (@cssprop, in the manifest), the theme tokens among them', () => {
  const manifest = JSON.parse(read('dist/custom-elements.json')) as {
    modules: { declarations?: { tagName?: string; cssProperties?: { name: string }[] }[] }[];
  };
  const declared = new Set<string>();
  for (const mod of manifest.modules)
    for (const d of mod.declarations ?? [])
      for (const c of d.cssProperties ?? []) if (d.tagName) declared.add(c.name);
  const doc = all(/`(--acw-[\w-]+)`/g, section('### Theming'));
  assert.deepEqual(doc, [...declared].sort());
  const theme = all(/(--acw-[\w-]+):/g, read('src/styles/tokens.ts'));
  for (const t of theme) assert.ok(declared.has(t), `${t} (a theme token) is declared`);
});

test('README events table lists exactly the events the elements fire', () => {
  const code = all(/eventName = '(acw-[\w-]+)'/g, read('src/events/events.ts'));
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

// ---------------------------------------------------------------- docs/PROTOCOL.md against the code

const protocol = read('docs/PROTOCOL.md');

/** The text of docs/PROTOCOL.md under `heading`, up to the next heading of any level. */
function protocolSection(heading: string): string {
  const start = protocol.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `docs/PROTOCOL.md has "${heading}"`);
  const rest = protocol.slice(start + heading.length + 2);
  const next = rest.search(/\n#{2,4} /);
  return next < 0 ? rest : rest.slice(0, next);
}

/** Source text without comments (a comment may quote a name it does not define). */
const code = (p: string) =>
  read(p)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|\s)\/\/.*$/gm, '$1');

/** `text` from `start` to the first `end` after it. */
function between(text: string, start: string, end: string): string {
  const i = text.indexOf(start);
  assert.ok(i >= 0, `found "${start}"`);
  const j = text.indexOf(end, i + start.length);
  assert.ok(j >= 0, `found "${end}" after "${start}"`);
  return text.slice(i + start.length, j);
}

/** The value of a numeric literal as the code writes it: `10_000`, `64 * 1024`. */
const numberOf = (literal: string): number =>
  literal.split('*').reduce((product, f) => product * Number(f.trim().replace(/_/g, '')), 1);

/** Does `text` state `n` (as 65536 or 65,536), not as part of a longer number? */
function states(text: string, n: number): boolean {
  return [String(n), n.toLocaleString('en-US')].some((s) =>
    new RegExp(`(?<!\\d|\\d,)${s}(?!\\d|,\\d)`).test(text),
  );
}

/** The table rows (lines) of `text` that name `` `name` ``. */
const rowsNaming = (text: string, name: string) =>
  text.split('\n').filter((l) => l.startsWith('|') && l.includes(`\`${name}\``));

test('PROTOCOL host bridge table lists exactly the messages the host bridge takes and posts', () => {
  const bridge = code('src/transport/host-bridge.ts');
  const accepted = all(
    /type: z\.literal\('([\w-]+)'\)/g,
    between(bridge, 'export const HostCommand', ']);'),
  );
  // the commands the parser accepts are the ones `ready.accepts` announces
  const announced = all(/'([\w-]+)'/g, between(bridge, 'HOST_COMMANDS = [', ']'));
  assert.deepEqual(accepted, announced);
  assert.ok(accepted.includes('set-locale') && accepted.includes('hello'));
  const posted = all(/type: '([\w-]+)'/g, between(bridge, 'export type HostMessage =', ';\n\n'));
  assert.ok(posted.includes('insert-text') && posted.includes('unread'));

  const table = protocolSection('### 9.1 Messages');
  const rows = (direction: string) =>
    all(new RegExp(`^\\| ${direction} +\\| \`([\\w-]+)\``, 'gm'), table);
  assert.deepEqual(rows('host → workspace'), accepted);
  assert.deepEqual(rows('workspace → host'), posted);
  // the `ready` row names every command it announces
  const ready = rowsNaming(table, 'ready').join('');
  for (const c of accepted) assert.ok(ready.includes(`\`${c}\``), `ready.accepts names ${c}`);
});

test('PROTOCOL refusal code tables list exactly the codes the endpoint sends and the workspace reports', () => {
  const endpointDir = 'demo/endpoint/';
  const files = readdirSync(`${repoRoot}${endpointDir}`)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${endpointDir}${f}`);
  const sent = all(/code: '([\w-]+)'/g, files.map(code).join('\n') + code('demo/flow.ts'));
  assert.ok(sent.includes('rate-limited') && sent.includes('token-expired'));
  const server = all(/^\| `([\w-]+)`/gm, protocolSection('### 7.2 Server codes'));
  assert.deepEqual(server, sent);

  const connection = code('src/transport/types.ts');
  const reported = all(/'([\w-]+)'/g, between(connection, 'PROBLEM_CODES = [', ']'));
  assert.ok(reported.includes('dropped') && reported.includes('unreachable'));
  const client = all(/^\| `([\w-]+)`/gm, protocolSection('### 7.3 Workspace codes'));
  assert.deepEqual(client, reported);
});

test('PROTOCOL Message fields table lists exactly the keys of the Message schema', () => {
  const schema = between(code('src/transport/protocol.ts'), 'export const Message = ', '});');
  const keys = all(/^ {2}(\w+):/gm, schema);
  assert.ok(keys.includes('_id') && keys.includes('replaces'));
  const doc = all(/^\| `(\w+)`/gm, protocolSection('### 6.1 Message fields'));
  assert.deepEqual(doc, keys);
});

test('PROTOCOL limits tables state every limit constant and endpoint limit, with its value', () => {
  // named limits: `const NAME = 123;`, `= 64 * 1024;` or `= { max: 5, windowMs: 10_000 }`
  const sources = [
    'src/transport/protocol.ts',
    'src/transport/session-params.ts',
    'src/transport/tile-bridge.ts',
    'src/state/reduce.ts',
    'src/transport/tile-versions.ts',
    'src/controllers/tile-frame-controller.ts',
    'src/controllers/insert-controller.ts',
    'src/controllers/ledger-controller.ts',
    'src/state/ledger.ts',
    'src/transport/brief-url.ts',
    'src/components/acw-wrap-up-pane.ts',
    'demo/jwt.ts',
    'demo/settings.ts',
    'demo/endpoint/sockets.ts',
  ];
  const constants = new Map<string, number[]>();
  for (const p of sources) {
    const re =
      /^(?:export )?const ([A-Z][A-Z0-9_]*) = (\{[^}]*\}|[\d_]+(?: \* [\d_]+)*)(?: as const)?;/gm;
    for (const [, name = '', value = ''] of code(p).matchAll(re)) {
      const numbers = value.startsWith('{')
        ? [...value.matchAll(/: ([\d_]+)/g)].map((m) => numberOf(m[1] ?? ''))
        : [numberOf(value)];
      constants.set(name, numbers);
    }
  }
  assert.ok(constants.has('MAX_TILE_VERSIONS') && constants.has('TILE_SENDS'));
  const limits = protocolSection('## 13. Limits');
  assert.deepEqual(all(/`([A-Z][A-Z0-9_]+)`/g, limits), [...constants.keys()].sort());
  for (const [name, values] of constants) {
    const row = rowsNaming(limits, name).join('\n');
    for (const v of values) assert.ok(states(row, v), `the ${name} row says ${v}`);
  }

  // the connection's timing defaults
  const defaults = between(code('src/transport/copilot-connection.ts'), 'this.#options = {', '...');
  const timings = [...defaults.matchAll(/(\w+Ms): ([\d_]+),/g)];
  assert.ok(timings.length >= 4);
  for (const [, name = '', value = ''] of timings) {
    const row = rowsNaming(limits, name).join('\n');
    assert.ok(states(row, numberOf(value)), `the ${name} row says ${value}`);
  }

  // every bound in the wire schemas is stated
  for (const p of [
    'src/transport/protocol.ts',
    'src/transport/host-bridge.ts',
    'src/transport/tile-bridge.ts',
  ]) {
    const bounds = /(?:maxLength|lte|nonEmpty)\(([\d_]+)\)|max = ([\d_]+)/g;
    for (const m of code(p).matchAll(bounds)) {
      const n = numberOf(m[1] ?? m[2] ?? '');
      assert.ok(states(limits, n), `§13 states the bound ${n} of ${p}`);
    }
  }

  // the endpoint's limits, each with its default
  const settings = between(code('demo/settings.ts'), 'DEFAULT_LIMITS: EndpointLimits = {', '};');
  const endpoint = new Map(
    [...settings.matchAll(/^ {2}(\w+): ([\d_ *]+),/gm)].map((m) => [
      m[1] ?? '',
      numberOf(m[2] ?? ''),
    ]),
  );
  assert.ok(endpoint.has('maxFrameBytes') && endpoint.has('windowMs'));
  const table = protocolSection('### 12.5 Limits (`limits`)');
  assert.deepEqual(all(/^\| `(\w+)`/gm, table), [...endpoint.keys()].sort());
  for (const [key, value] of endpoint)
    assert.ok(states(rowsNaming(table, key).join('\n'), value), `the ${key} row says ${value}`);
});

test('PROTOCOL events table lists exactly the socket events of the workspace', () => {
  const received = all(
    /'(\w+)'/g,
    between(code('src/transport/protocol.ts'), 'SERVER_EVENTS = [', ']'),
  );
  const emitted = all(/#request\(socket, '(\w+)'/g, code('src/transport/copilot-connection.ts'));
  assert.ok(emitted.includes('join') && emitted.includes('sendPostbackAction'));
  const table = protocolSection('## 3. Events');
  const rows = (direction: string) =>
    all(new RegExp(`^\\| ${direction} +\\| \`(\\w+)\``, 'gm'), table);
  assert.deepEqual(rows('server → client'), received);
  assert.deepEqual(rows('client → server'), emitted);
});

test('PROTOCOL tile SDK table lists exactly the envelope types a tile may send', () => {
  const event = between(code('src/transport/tile-bridge.ts'), 'const TileEvent = ', ']);');
  const literals = all(/z\.literal\('([\w-]+)'\)/g, event);
  const enums = all(/'([\w-]+)'/g, [...event.matchAll(/z\.enum\(\[([^\]]*)\]\)/g)].join());
  const types = [...new Set([...literals, ...enums])].sort();
  assert.ok(types.includes('postback') && types.includes('ready'));
  const doc = all(/^\| tile → workspace +\| `([\w-]+)`/gm, protocolSection('### 8.2 Messages'));
  assert.deepEqual(doc, types);
});

test('every PROTOCOL citation in the code, tests and README points at a section of docs/PROTOCOL.md', () => {
  const protocol = read('docs/PROTOCOL.md');
  const sections = new Set(
    [...protocol.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)].map((m) => m[1] as string),
  );
  const files = (dir: string): string[] =>
    readdirSync(`${repoRoot}${dir}`, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory()
        ? d.name === 'fixtures'
          ? []
          : files(`${dir}/${d.name}`)
        : /\.(ts|js|mjs)$/.test(d.name)
          ? [`${dir}/${d.name}`]
          : [],
    );
  const cited: string[] = [];
  for (const file of [...files('src'), ...files('demo'), ...files('test'), 'README.md']) {
    const text = read(file);
    for (const m of text.matchAll(/(docs\/)?PROTOCOL(?:\.md)? *(§[\d.–§, ]+)/g)) {
      if (file === 'test/node/docs.test.ts') continue;
      assert.equal(m[1], 'docs/', `${file}: "${m[0]}" cites docs/PROTOCOL.md`);
      for (const n of (m[2] ?? '').matchAll(/§(\d+(?:\.\d+)?)/g)) {
        assert.ok(sections.has(n[1] as string), `${file}: §${n[1]} is a section`);
        cited.push(n[1] as string);
      }
    }
  }
  assert.ok(cited.length > 20, `${cited.length} citations checked`);
});
