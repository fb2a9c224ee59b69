import { defineConfig } from 'vite';

/**
 * Two library builds from one config:
 * - default mode: `dist/acw-workspace.js`, ONE self-contained, minified IIFE
 *   that defines the elements and adds nothing to `window`;
 * - `--mode esm`: `dist/acw-workspace.es.js`, an ES module for integrators,
 *   with lit, socket.io-client and zod left as imports.
 */
export default defineConfig(({ mode }) => {
  const esm = mode === 'esm';
  return {
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: !esm,
      sourcemap: true,
      minify: true,
      lib: esm
        ? { entry: 'src/index.ts', formats: ['es'], fileName: () => 'acw-workspace.es.js' }
        : {
            entry: 'src/bundle.ts',
            formats: ['iife'],
            name: 'acwWorkspaceBundle',
            fileName: () => 'acw-workspace.js',
          },
      rolldownOptions: {
        external: esm ? [/^lit($|\/)/, /^@lit\//, /^socket\.io-client/, /^zod/] : [],
        output: { codeSplitting: false, minify: true },
      },
    },
  };
});
