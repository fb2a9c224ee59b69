// web-test-runner plugin for tile tests:
// - serves /tile-frame.html exactly as the reference endpoint does (the
//   document from src/transport/tile-sdk.ts, with a tile CSP);
// - `executeServerCommand('fixtures', { set })` reads the official Adaptive
//   Card sample cards kept in this repository
//   (test/fixtures/adaptive-cards/<set>/*.json; source and license in its README).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(new URL('../..', import.meta.url).pathname);
const fixtures = join(root, 'test', 'fixtures', 'adaptive-cards');

async function tileFrameDocument() {
  const out = await build({
    entryPoints: [join(root, 'src/transport/tile-sdk.ts')],
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  const code = Buffer.from(out.outputFiles[0].contents).toString('base64');
  const mod = await import(`data:text/javascript;base64,${code}`);
  return mod.tileFrameDocument();
}

export function tilesPlugin() {
  let doc;
  return {
    name: 'acw-tiles',
    async serverStart() {
      doc = await tileFrameDocument();
    },
    serve(context) {
      if (context.path === '/tile-frame.html') {
        context.set(
          'content-security-policy',
          "default-src 'none'; script-src 'unsafe-inline' https:; style-src 'unsafe-inline' https:; img-src https: data:",
        );
        return { body: doc, type: 'html' };
      }
      return undefined;
    },
    executeCommand({ command, payload }) {
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
