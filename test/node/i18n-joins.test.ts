// No visible text is joined with hard-coded punctuation (`: `, `, `, `. `,
// `[label: name]`): a join is a catalog template (`'{0}: {1}'`, the
// locale's punctuation: French U+00A0 before ':', Japanese '：') or a list
// (`Intl.ListFormat`, `formatList`). Read from the sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../support/endpoint-process.js';

/** Where the components build what the agent reads (the catalog itself, `messages.ts` and `locales/`, is not scanned). */
const SCANNED = ['src/components', 'src/controllers', 'src/i18n/words.ts'];

/** Joins of words with punctuation written in code, each with what it catches. */
const JOINS: readonly (readonly [RegExp, string])[] = [
  [/[}>][ \t]*[:;：][ \t]*\$\{/, '`${a}: ${b}` or `</code>: ${b}`'],
  [/[}>][,.。][ \t]+\$\{/, '`${a}, ${b}` or `${a}. ${b}`'],
  [/`[:;：][ \t]*\$\{/, '`: ${name}` (a label’s value after a colon)'],
  [/`\[\$\{/, '`[${label}…]`'],
  [/\.join\(\s*(['"`])[^'"`]*[:;,.。、：][^'"`]*\1\s*\)/, ".join(', ') / .join('. ')"],
  [/`\$\{m\.\w+\([^`]*?\)\}[ \t]+\$\{/, '`${m.label()} ${value}` (a label and its value)'],
];

function files(path: string): string[] {
  const full = join(repoRoot, path);
  if (path.endsWith('.ts')) return [full];
  return readdirSync(full, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(path, e.name))
      : e.name.endsWith('.ts')
        ? [join(full, e.name)]
        : [],
  );
}

test('no component joins visible words with hard-coded punctuation', () => {
  const found: string[] = [];
  for (const file of SCANNED.flatMap(files)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
        for (const [pattern, what] of JOINS) {
          if (pattern.test(line)) {
            found.push(`${relative(repoRoot, file)}:${i + 1}: ${what}: ${line.trim()}`);
          }
        }
      });
  }
  assert.deepEqual(found, []);
});

test('the scan catches the joins it names', () => {
  const joins = [
    '`${speaker}: ${text}`',
    'html`<li><code>${p.param}</code>: ${problem}</li>`',
    "`[${label}${name ? `: ${name}` : ''}]`",
    ".join('. ')",
    ".join(', ')",
    '`${m.serverSaid()} ${p.server}`',
  ];
  for (const line of joins) {
    assert.ok(
      JOINS.some(([p]) => p.test(line)),
      line,
    );
  }
  for (const fine of ['`${b.left},${b.top}`', ".join(' ')", ".join('')", '`r:${id}`']) {
    assert.ok(!JOINS.some(([p]) => p.test(fine)), fine);
  }
});
