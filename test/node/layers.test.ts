// Imports run one way (ARCHITECTURE: components → controllers → state → transport):
// no module imports one of a higher layer, and the reference endpoint takes
// only the wire and the pure domain from the workspace. Read from the sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from '../support/endpoint-process.js';

/** Highest first: a module may import its own layer and the ones below it. */
const LAYERS = [
  'src', // the entries: index.ts, core.ts, bundle*.ts
  'src/components',
  'src/components/internal',
  'src/controllers',
  'src/events',
  'src/i18n',
  'src/styles',
  'src/state',
  'src/transport',
] as const;
/** Layers that share a rank (neither imports the other). */
const RANK: Record<string, number> = {
  src: 0,
  'src/components': 1,
  'src/components/internal': 2,
  'src/controllers': 3,
  'src/events': 4,
  'src/i18n': 5,
  'src/styles': 5,
  'src/state': 6,
  'src/transport': 7,
};

function files(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? files(`${dir}/${d.name}`)
      : d.name.endsWith('.ts')
        ? [`${dir}/${d.name}`]
        : [],
  );
}

/** The relative imports of a module (static, dynamic and re-exports), as repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(repoRoot, file), 'utf8');
  const specs = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*'([^']+)'/g),
    ...text.matchAll(/(?:^|\n)\s*import\s*'([^']+)'/g),
    ...text.matchAll(/import\(\s*'([^']+)'\s*\)/g),
  ].map((m) => m[1] as string);
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) =>
      relative(repoRoot, resolve(join(repoRoot, dirname(file)), s)).replace(/\.js$/, '.ts'),
    );
}

const layerOf = (file: string): string =>
  [...LAYERS].sort((a, b) => b.length - a.length).find((l) => dirname(file).startsWith(l)) ?? '?';

test('no module of src/ imports one of a higher layer', () => {
  const wrong: string[] = [];
  let checked = 0;
  for (const file of files('src')) {
    for (const target of importsOf(file)) {
      checked += 1;
      const from = layerOf(file);
      const to = layerOf(target);
      if ((RANK[to] ?? -1) < (RANK[from] ?? 99)) wrong.push(`${file} → ${target}`);
    }
  }
  assert.ok(checked > 100, `${checked} imports checked`);
  assert.deepEqual(wrong, []);
});

test('the layer of every file is known', () => {
  for (const file of files('src')) assert.ok(layerOf(file) in RANK, file);
});

test('the reference endpoint takes only the wire and the pure domain from src/', () => {
  const wrong: string[] = [];
  for (const file of files('demo'))
    for (const target of importsOf(file))
      if (target.startsWith('src/') && !/^src\/(transport|state)\//.test(target))
        wrong.push(`${file} → ${target}`);
  assert.deepEqual(wrong, []);
});
