import { defineConfig, type Plugin } from 'vite';
import { transform } from 'esbuild';
import { minifyTemplates } from './scripts/minify-templates.js';

/**
 * The tile SDK runs inside tile frames, so src/transport/tile-sdk.ts keeps it
 * as readable script text (String.raw literals) that no minifier touches. The
 * bundles ship it minified: each named literal is minified as ES2017 (its
 * `${…}` holes kept, no template literals in the output, so the String.raw
 * stays exact). The e2e tests run the built bundle, so the minified SDK is
 * what they test. A literal that is not found fails the build.
 */
function minifyTileSdk(): Plugin {
  const LITERALS = ['FIELD_SHIMS', 'SDK_CORE'];
  return {
    name: 'acw-minify-tile-sdk',
    async transform(code, id) {
      if (!id.endsWith('/src/transport/tile-sdk.ts')) return null;
      let out = code;
      for (const name of LITERALS) {
        const found = new RegExp(`const ${name} = String\\.raw\`([^\`]*)\`;`).exec(out);
        if (!found?.[1])
          throw new Error(`tile-sdk.ts: the ${name} literal is not where the build expects it`);
        const holes: string[] = [];
        const text = found[1].replace(
          /\$\{(\w+)\}/g,
          (_m, hole: string) => `__acwHole${holes.push(hole) - 1}__`,
        );
        const min = await transform(text, {
          minify: true,
          target: 'es2017',
          supported: { 'template-literal': false },
        });
        const back = min.code
          .trim()
          .replace(/__acwHole(\d+)__/g, (_m, i: string) => `\${${holes[Number(i)]}}`);
        if (back.includes('`')) throw new Error(`tile-sdk.ts: minified ${name} has a backtick`);
        out = out.replace(found[0], () => `const ${name} = String.raw\`${back}\`;`);
      }
      return { code: out, map: null };
    },
  };
}

/** The css`` and html`` templates of src/ minified (scripts/minify-templates.mjs). */
function minifyLitTemplates(): Plugin {
  return {
    name: 'acw-minify-lit-templates',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(css|html)`/.test(code)) return null;
      return { code: minifyTemplates(code, id), map: null };
    },
  };
}

/**
 * engine.io's name → transport table (polling, websocket, webtransport) is
 * imported by its socket whether or not a name is ever looked up in it. The
 * workspace always hands socket.io the implementations it wants
 * (src/transport/engine-transports.ts: WebSocket in the script, the others
 * from a sibling file when a `transports` attribute asks for them), so the
 * single script's table is empty and the transports nobody uses by default
 * stay out of it (about 1.8 KiB gzip).
 */
function emptyEngineTransportTable(): Plugin {
  const id = '\0acw-engine-transport-table';
  return {
    name: 'acw-empty-engine-transport-table',
    enforce: 'pre',
    resolveId(source, importer) {
      if (
        source === './transports/index.js' &&
        /[\\/]engine\.io-client[\\/]build[\\/]esm[\\/]socket\.js$/.test(importer ?? '')
      )
        return id;
      return null;
    },
    load(loaded) {
      return loaded === id ? 'export const transports = Object.create(null);' : null;
    },
  };
}

/**
 * Two library builds from one config:
 * - default mode: `dist/acw-workspace.js`, ONE self-contained, minified IIFE
 *   that defines the elements and adds nothing to `window`;
 * - `--mode esm`: ES modules for integrators who bundle themselves, with
 *   every dependency left as an import (what `dependencies` lists is what
 *   they install): `acw-workspace.es.js` (everything),
 *   `acw-workspace-core.es.js` (no card renderer) and `acw-card-tile.es.js`
 *   (the card renderer alone, to add to the core), sharing their chunks.
 */
/**
 * Lit and zod record versions and metadata on `globalThis`
 * (`litHtmlVersions`, `litPropertyMetadata`, `__zod_globalConfig`, …). In the
 * single script, `globalThis` is this private view instead: reads fall through
 * to the real global object, writes stay inside the bundle, so loading the
 * script adds nothing to `window`. Verified end to end in test/e2e.
 */
const PRIVATE_GLOBAL = `const __acwGlobal = (() => {
  const own = Object.create(null);
  return new Proxy(globalThis, {
    get: (t, k) => (k in own ? own[k] : Reflect.get(t, k)),
    set: (_t, k, v) => ((own[k] = v), true),
    has: (t, k) => k in own || k in t,
    deleteProperty: (_t, k) => delete own[k],
  });
})();`;

export default defineConfig(({ mode }) => {
  const esm = mode === 'esm';
  // `--mode core`: the same IIFE without the card renderer, only to measure the core's size
  const core = mode === 'core';
  return {
    plugins: [minifyTileSdk(), minifyLitTemplates(), ...(esm ? [] : [emptyEngineTransportTable()])],
    // `litPropertyMetadata` is also read as a bare global by @lit/reactive-element
    // (__ACW_SINGLE_SCRIPT__: the translations are sibling files the script imports, see locale.ts)
    define: esm
      ? {}
      : {
          globalThis: '__acwGlobal',
          litPropertyMetadata: '__acwGlobal.litPropertyMetadata',
          __ACW_SINGLE_SCRIPT__: 'true',
        },
    build: {
      target: 'es2022',
      outDir: core ? 'build/size' : 'dist',
      emptyOutDir: !esm,
      sourcemap: true,
      minify: true,
      lib: esm
        ? {
            entry: {
              'acw-workspace': 'src/index.ts',
              'acw-workspace-core': 'src/core.ts',
              'acw-card-tile': 'src/components/acw-card-tile.ts',
            },
            formats: ['es'],
            fileName: (_format: string, name: string) => `${name}.es.js`,
          }
        : {
            entry: core ? 'src/bundle-core.ts' : 'src/bundle.ts',
            formats: ['iife'],
            name: 'acwWorkspaceBundle',
            fileName: () => 'acw-workspace.js',
          },
      rolldownOptions: {
        external: esm
          ? [
              /^lit($|\/)/,
              /^@lit\//,
              /^@lit-labs\//,
              /^socket\.io-client/,
              /^zod/,
              /^adaptivecards/,
              /^micromark/,
              /^purecloud-client-app-sdk/,
            ]
          : // the ES build's lazy modules: in the single script they are sibling files
            // (src/transport/sibling.ts), and these imports are in branches it never takes
            [
              /(^|[\\/])locales[\\/][^\\/]+\.json$/,
              /[\\/](genesys-widget-sdk|engine-transports-extra|card-sdk)\.js$/,
            ],
        // socket.io-client re-exports engine.io's XHR and WebTransport: their modules' top
        // level (an XMLHttpRequest probe, a pagehide listener) is not wanted where the
        // transports are a sibling file (see emptyEngineTransportTable)
        ...(esm
          ? {}
          : {
              treeshake: {
                moduleSideEffects: (id: string) =>
                  !/engine\.io-client[\\/]build[\\/]esm[\\/](transports[\\/](polling|webtransport)|contrib[\\/]has-cors)/.test(
                    id,
                  ),
              },
            }),
        output: esm
          ? { codeSplitting: true, minify: true, chunkFileNames: 'chunks/[name]-[hash].es.js' }
          : { codeSplitting: false, minify: true, intro: PRIVATE_GLOBAL },
      },
    },
  };
});
