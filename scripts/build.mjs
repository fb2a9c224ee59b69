#!/usr/bin/env node
// Builds the single-file workspace script, the ES module, the type
// declarations and the reference endpoint; prints the bundle size against
// its budget and fails when the budget is exceeded.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { build as esbuild } from 'esbuild';
import { BUDGETS } from './budgets.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const bin = (name) => `${root}node_modules/.bin/${name}`;
const run = (cmd, args) =>
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

run(bin('vite'), ['build', '--logLevel', 'warn']);
run(bin('vite'), ['build', '--mode', 'core', '--logLevel', 'warn']);
run(bin('vite'), ['build', '--mode', 'esm', '--logLevel', 'warn']);
run(bin('tsc'), ['-p', 'tsconfig.build.json']);
// the custom elements manifest: tags, attributes, properties, events, CSS parts and properties
run(bin('cem'), [
  'analyze',
  '--litelement',
  '--globs',
  'src/components/acw-*.ts',
  '--outdir',
  'dist',
  '--quiet',
]);
/** A sibling file of the single script: `entry` bundled on its own as a minified ES module. */
const sibling = (entry, name) =>
  esbuild({
    // (an entry is a path in the repository, or esbuild's `stdin` for a module written here)
    ...(typeof entry === 'string' ? { entryPoints: [`${root}${entry}`] } : { stdin: entry }),
    outfile: `${root}dist/${name}`,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    tsconfig: `${root}tsconfig.json`,
    logLevel: 'warning',
  });
// the single script's translations: one ES module per locale file next to it
// (acw-locale-<tag>.js, the file as its default export, its base's texts merged in where it
// extends one, the translators' notes left out), imported from the script's own URL when an
// agent's language is chosen (src/i18n/locale.ts)
{
  const read = (tag) => JSON.parse(readFileSync(`${root}src/i18n/locales/${tag}.json`, 'utf8'));
  for (const file of readdirSync(`${root}src/i18n/locales`)) {
    if (!file.endsWith('.json')) continue;
    const { note: _note, extends: base, ...own } = read(file.replace(/\.json$/, ''));
    const { templates, plurals } = base === undefined ? {} : read(base);
    const merged =
      base === undefined ? own : { plurals, ...own, templates: { ...templates, ...own.templates } };
    // (translators' notes stay in the repository: JSON.stringify leaves out what is undefined)
    const shipped = merged.plurals
      ? { ...merged, plurals: { ...merged.plurals, note: undefined } }
      : merged;
    writeFileSync(
      `${root}dist/acw-locale-${file.replace(/\.json$/, '')}.js`,
      `export default ${JSON.stringify(shipped)};\n`,
    );
  }
}
// the Genesys client-app SDK, for Interaction Widget mode only (src/transport/genesys-widget.ts),
// imported when the script's URL names a Genesys host
await sibling('src/transport/genesys-widget-sdk.ts', 'acw-genesys-sdk.js');
// engine.io's long-polling and WebTransport transports (src/transport/engine-transports.ts),
// imported when a `transports` attribute asks for one
// (from engine.io's own modules: src/transport/engine-transports-extra.ts takes them from
// socket.io-client's index, whose top level would bring a second socket.io along)
{
  const engine = dirname(
    createRequire(require.resolve('socket.io-client')).resolve('engine.io-client/package.json'),
  );
  const from = (file) => JSON.stringify(`${engine}/build/esm/transports/${file}`);
  await sibling(
    {
      contents: `export { XHR } from ${from('polling-xhr.js')};\nexport { WT as WebTransport } from ${from('webtransport.js')};`,
      resolveDir: root,
      loader: 'js',
    },
    'acw-transports.js',
  );
}
// the Adaptive Cards SDK and the markdown renderer (src/components/internal/card-sdk.ts),
// imported when the first card arrives
await sibling('src/components/internal/card-sdk.ts', 'acw-card-sdk.js');
await esbuild({
  entryPoints: [`${root}demo/main.ts`],
  outfile: `${root}build/demo/server.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  tsconfig: `${root}tsconfig.json`,
  logLevel: 'warning',
});

// the single script and its siblings precompressed once, for servers that pick an encoding by
// Accept-Encoding, and the script's content hash (the reference endpoint serves it as
// /acw-workspace.<hash>.js, immutable)
/** Writes `file`.gz and `file`.br next to it; returns the three bodies. */
function precompress(file) {
  const body = readFileSync(file);
  const gz = gzipSync(body, { level: 9 });
  const br = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  writeFileSync(`${file}.gz`, gz);
  writeFileSync(`${file}.br`, br);
  return { script: body, gz, br };
}
for (const file of readdirSync(`${root}dist`)) {
  if (/^acw-(locale-.+|genesys-sdk|card-sdk|transports)\.js$/.test(file))
    precompress(`${root}dist/${file}`);
}
{
  const { script, gz, br } = precompress(`${root}dist/acw-workspace.js`);
  const hash = createHash('sha256').update(script).digest('hex').slice(0, 16);
  writeFileSync(
    `${root}dist/acw-workspace.asset.json`,
    `${JSON.stringify({ file: 'acw-workspace.js', hash, bytes: { identity: script.length, gzip: gz.length, br: br.length } }, null, 2)}\n`,
  );
}

const kib = (n) => (n / 1024).toFixed(1);
let over = false;
for (const [name, file, budget] of [
  ['dist/acw-workspace.js (single script)', `${root}dist/acw-workspace.js`, BUDGETS.full],
  ['  of which core (no card renderer)', `${root}build/size/acw-workspace.js`, BUDGETS.core],
  ['dist/acw-card-sdk.js (when a card comes)', `${root}dist/acw-card-sdk.js`, BUDGETS.cardSdk],
]) {
  const raw = readFileSync(file);
  const gz = gzipSync(raw, { level: 9 }).length;
  const ok = gz <= budget * 1024;
  if (!ok) over = true;
  console.log(
    `${name.padEnd(38)} ${kib(raw.length).padStart(6)} KiB raw ${kib(gz).padStart(6)} KiB gzip (budget ${budget} KiB gzip) ${ok ? 'OK' : 'OVER BUDGET'}`,
  );
}
if (over) process.exit(1);
