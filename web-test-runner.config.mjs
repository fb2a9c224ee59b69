import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { socketServerPlugin } from './test/support/socket-server-plugin.mjs';
import { tilesPlugin } from './test/support/tiles-plugin.mjs';
import { countReporter } from './test/support/count-reporter.mjs';
import { chromiumArgs, chromiumPath } from './test/support/chromium.mjs';

/**
 * The locale files (src/i18n/locales/*.json) as the ES modules the workspace imports, as vite
 * builds them; other JSON (fixtures, the custom elements manifest) is served as it is.
 */
function localeFilesPlugin() {
  const localeFile = /^\/src\/i18n\/locales\/[^/]+\.json$/;
  return {
    name: 'acw-locale-files',
    resolveMimeType: (context) => (localeFile.test(context.path) ? 'js' : undefined),
    transform: (context) =>
      localeFile.test(context.path) ? { body: `export default ${context.body};` } : undefined,
  };
}

/** Unit and component tests, in real headless Chromium. */
export default {
  files: ['test/{transport,state,controllers,components}/**/*.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['browser'] },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json' }),
    localeFilesPlugin(),
    socketServerPlugin(),
    tilesPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs },
    }),
  ],
  // one page at a time: a hidden background page stalls tile-frame tests (see issue note)
  concurrency: 1,
  testFramework: { config: { timeout: 15000 } },
  reporters: [defaultReporter(), countReporter()],
};
