// web-test-runner plugin for tile tests:
// - serves /tile-frame.html exactly as the reference endpoint does (the
//   document from src/transport/tile-sdk.ts, with the endpoint's tile CSP,
//   this server's own origin added as the demo adds its own);
// - /slow.css?ms=N: a stylesheet that takes N ms, as a CDN's can;
// - `executeServerCommand('field-tile', { name })` reads a field-style tile of
//   test/fixtures/field-tiles/;
// - `executeServerCommand('fixtures', { set })` reads the official Adaptive
//   Card sample cards kept in this repository
//   (test/fixtures/adaptive-cards/<set>/*.json; source and license in its README).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(new URL('../..', import.meta.url).pathname);
const fixtures = join(root, 'test', 'fixtures', 'adaptive-cards');

/** A TypeScript module of this repository, bundled and imported. */
async function load(path) {
  const out = await build({
    entryPoints: [join(root, path)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'warning',
  });
  const code = Buffer.from(out.outputFiles[0].contents).toString('base64');
  return import(`data:text/javascript;base64,${code}`);
}

export function tilesPlugin() {
  let doc;
  let tileCsp;
  return {
    name: 'acw-tiles',
    async serverStart({ config }) {
      doc = (await load('src/transport/tile-sdk.ts')).tileFrameDocument();
      const { tileFrameCsp } = await load('demo/endpoint/tile-csp.ts');
      tileCsp = tileFrameCsp([
        `http://localhost:${config.port}`,
        `http://127.0.0.1:${config.port}`,
      ]);
    },
    async serve(context) {
      if (context.path === '/tile-frame.html') {
        context.set('content-security-policy', tileCsp);
        return { body: doc, type: 'html' };
      }
      if (context.path === '/slow.css') {
        const ms = Math.min(5000, Number(context.URL.searchParams.get('ms')) || 0);
        await new Promise((r) => setTimeout(r, ms));
        return { body: '.acw-slow-css-loaded { display: block; }', type: 'css' };
      }
      return undefined;
    },
    executeCommand({ command, payload }) {
      // how many times the default number of fuzz runs (npm run fuzz raises it)
      if (command === 'fuzz-scale') return Math.max(1, Number(process.env.ACW_FUZZ_SCALE) || 1);
      // the seed of the frames fuzz: fixed in npm test, a new one each `npm run fuzz` (printed)
      if (command === 'fuzz-seed') return Number(process.env.ACW_FUZZ_SEED) || 20261122;
      if (command === 'field-tile') {
        const name = String(payload.name).replace(/[^\w-]/g, '');
        return readFileSync(join(root, 'test', 'fixtures', 'field-tiles', `${name}.html`), 'utf8');
      }
      if (command !== 'fixtures') return undefined;
      const dir = join(fixtures, payload.set);
      if (!existsSync(dir)) throw new Error(`fixtures not found: ${dir}`);
      return readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((name) => ({ name, json: JSON.parse(readFileSync(join(dir, name), 'utf8')) }));
    },
  };
}
