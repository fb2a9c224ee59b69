import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { socketServerPlugin } from './test/support/socket-server-plugin.mjs';
import { tilesPlugin } from './test/support/tiles-plugin.mjs';
import { countReporter } from './test/support/count-reporter.mjs';
import { chromiumArgs, chromiumPath } from './test/support/chromium.mjs';

/** Unit and component tests, in real headless Chromium. */
export default {
  files: ['test/{transport,state,controllers,components}/**/*.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['browser'] },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json' }),
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
