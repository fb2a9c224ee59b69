// The README's bench table, from bench/results.json (run.mjs writes both;
// test/node/docs.test.ts checks that they agree).
export const START = '<!-- bench table: written by npm run bench from bench/results.json -->';
export const END = '<!-- end of bench table -->';

const fmt = (v, unit) =>
  `${typeof v === 'number' ? v.toLocaleString('en') : v}${unit ? ` ${unit}` : ''}`;

/** A figure's value: the median with its range when it was measured more than once. */
const value = (r) =>
  r.spread
    ? `${fmt(r.value, r.unit)} (${fmt(r.spread.min)}–${fmt(r.spread.max)})`
    : fmt(r.value, r.unit);

const verdict = (r) =>
  `${r.budget === null ? 'reference' : r.ok ? 'ok' : '**over**'}${r.unstable ? ', unstable' : ''}`;

/** Load averages over 1, 5 and 15 minutes, as `0.12 / 0.3 / 0.25`. */
export const load = (l) => l.map((v) => v.toFixed(2)).join(' / ');

/** The conditions of the run (a results.json from before `--runs` has neither runs nor load). */
function conditions(results) {
  const runs = results.runs ? `, ${results.runs} runs (median, min–max)` : '';
  const l = results.loadBefore
    ? `, load average ${load(results.loadBefore)} before and ${load(results.loadAfter)} after`
    : '';
  return `Last run: ${results.at.slice(0, 10)}, Node ${results.node.replace(/^v/, '')}, ${results.cores} cores, Chromium ${results.chromium}${runs}${l}.`;
}

export function benchTable(results) {
  const lines = [
    START,
    conditions(results),
    '',
    '| figure | value | budget | |',
    '| --- | --- | --- | --- |',
    ...results.rows.map(
      (r) =>
        `| ${r.name} | ${value(r)} | ${r.budget === null ? '—' : fmt(r.budget, r.unit)} | ${verdict(r)} |`,
    ),
    END,
  ];
  return lines.join('\n');
}

/** The README with its bench table replaced by `table`. */
export function withTable(readme, table) {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error('README has no bench table markers');
  return readme.slice(0, a) + table + readme.slice(b + END.length);
}

/** The bench table as the README has it. */
export function tableIn(readme) {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  return a < 0 || b < a ? undefined : readme.slice(a, b + END.length);
}

/**
 * A markdown table's content, whatever the column padding (prettier aligns
 * the README's tables): rows of trimmed cells, separator rows left out.
 */
export function normalized(markdown) {
  return markdown
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^\|[\s|:-]+\|$/.test(line))
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .slice(1, -1)
            .map((c) => c.trim())
            .join(' | ')
        : line,
    )
    .join('\n');
}
