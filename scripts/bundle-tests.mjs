// Bundles node:test files (test/node, test/e2e: TypeScript) into runnable
// .mjs files under `out`, dependencies left as imports; returns their paths.
// Used by `npm test` and by scripts/dev/node-test.mjs.
import { build } from 'esbuild';

export async function bundleTests(root, entryPoints, out) {
  await build({
    entryPoints,
    outdir: out,
    outbase: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    tsconfig: `${root}tsconfig.json`,
    logLevel: 'warning',
  });
  return entryPoints.map((f) => f.replace(root, `${out}/`).replace(/\.ts$/, '.mjs'));
}
