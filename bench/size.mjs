// Size: the bundles' gzip sizes against their budgets, and each dependency's
// share of the core (issue #18: whoever adds bytes sees where they went).
// The shares come from esbuild's metafile of the core entry built the way
// the real build builds it (vite.config.ts's defines and template plugins),
// grouped by npm package and by src/ folder, each applied to the real core's
// gzip size: an estimate (parts compress differently), in the right order.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BUDGETS } from '../scripts/budgets.mjs';
import { importTs, root, round } from './lib.mjs';

const gzipKiB = (file) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

export async function sizeFigures({ results }) {
  results.record(
    'single script gzip (what the first paint loads)',
    round(gzipKiB(`${root}dist/acw-workspace.js`)),
    'KiB',
    BUDGETS.full,
  );
  const core = gzipKiB(`${root}build/size/acw-workspace.js`);
  results.record(
    'core gzip (no card, brief or wrap-up elements)',
    round(core),
    'KiB',
    BUDGETS.core,
  );
  results.record(
    'card renderer gzip (acw-card-sdk.js, loaded with the first card)',
    round(gzipKiB(`${root}dist/acw-card-sdk.js`)),
    'KiB',
    BUDGETS.cardSdk,
  );
  return coreShares(core);
}

/**
 * The single script's sibling files (src/i18n/locales/*, the Genesys SDK):
 * imported at run time from their own URLs, not part of the core's bytes.
 */
const siblings = {
  name: 'acw-siblings-external',
  setup(b) {
    b.onResolve(
      { filter: /^\.\/(locales\/[^/]+\.json|(genesys-widget-sdk|engine-transports-extra)\.js)$/ },
      (a) => ({
        path: a.path,
        external: true,
      }),
    );
  },
};

/** As vite.config.ts's emptyEngineTransportTable: engine.io's name → transport table left empty. */
const emptyTransportTable = {
  name: 'acw-empty-engine-transport-table',
  setup(b) {
    b.onResolve({ filter: /^\.\/transports\/index\.js$/ }, (a) =>
      /[\\/]engine\.io-client[\\/]build[\\/]esm[\\/]socket\.js$/.test(a.importer)
        ? { path: 'table', namespace: 'acw-empty' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'acw-empty' }, () => ({
      contents: 'export const transports = Object.create(null);',
    }));
  },
};

/** vite.config.ts's transforms of src/ (minified Lit templates, the tile SDK's text), for esbuild. */
function viteTransforms(plugins) {
  return {
    name: 'acw-vite-transforms',
    setup(b) {
      b.onLoad({ filter: /\/src\/.*\.ts$/ }, async (a) => {
        let code = readFileSync(a.path, 'utf8');
        for (const p of plugins) code = (await p.transform?.call({}, code, a.path))?.code ?? code;
        return { contents: code, loader: 'ts' };
      });
    },
  };
}

/** The group a bundled file counts for: its npm package, or its folder under src/. */
function groupOf(path) {
  const pkg = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*\/node_modules\/)/.exec(path);
  if (pkg) return pkg[1];
  const src = /^src\/(?:([^/]+)\/)?/.exec(path);
  if (src) return src[1] ? `src/${src[1]}/` : 'src/ (entry files)';
  return path;
}

/** Each group's share of the core: `[{ name, percent, kibGzip }]`, largest first. */
async function coreShares(coreGzipKiB) {
  const { default: config } = await importTs('vite.config.ts');
  const { define, plugins } = config({ mode: 'core', command: 'build' });
  const { metafile } = await build({
    entryPoints: [`${root}src/bundle-core.ts`],
    absWorkingDir: root,
    bundle: true,
    write: false,
    outfile: `${root}build/bench/core-shares.js`,
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    metafile: true,
    define,
    tsconfig: `${root}tsconfig.json`,
    plugins: [siblings, emptyTransportTable, viteTransforms(plugins)],
    logLevel: 'warning',
  });
  const [output] = Object.values(metafile.outputs);
  const bytes = new Map();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    bytes.set(groupOf(path), (bytes.get(groupOf(path)) ?? 0) + bytesInOutput);
  }
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  const shares = [...bytes]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => ({
      name,
      percent: round((100 * n) / total),
      kibGzip: round((coreGzipKiB * n) / total),
    }));
  const built = readFileSync(`${root}build/size/acw-workspace.js`).length;
  console.log(
    `  (core shares: esbuild's minified core ${round(total / 1024)} KiB, the build's ${round(built / 1024)} KiB; gzip ${round(coreGzipKiB)} KiB shared out)`,
  );
  for (const s of shares) {
    console.log(
      `    ${s.name.padEnd(30)} ${s.percent.toFixed(1).padStart(5)} %  ~${s.kibGzip.toFixed(1)} KiB gzip`,
    );
  }
  return shares;
}
