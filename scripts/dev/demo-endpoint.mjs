// Starts the BUILT reference endpoint (build/demo/server.mjs) on free ports with
// a throwaway data folder, for the screenshot scripts; resolves once it printed
// its URLs. `stop()` ends it and removes the data folder.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });

/** @returns {Promise<{ url: string, genesysUrl: string, voiceUrl: string, stop: () => void }>} */
export async function startDemoEndpoint({ stepMs = 50, prefix = 'acw-shots-' } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const child = spawn(process.execPath, [`${root}build/demo/server.mjs`], {
    env: {
      ...process.env,
      PORT: String(await freePort()),
      ACW_GENESYS_PORT: String(await freePort()),
      ACW_DATA_DIR: dataDir,
      ACW_STEP_MS: String(stepMs),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise((resolve) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?\S+)/.exec(out);
      if (m && out.includes('Press Ctrl+C')) resolve(m[1]);
    });
  });
  return {
    url,
    genesysUrl: /Genesys host[^\n]*\n\s*(\S+)/.exec(out)?.[1] ?? '',
    voiceUrl: /Voice call[^\n]*\n\s*(\S+)/.exec(out)?.[1] ?? '',
    stop() {
      child.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
