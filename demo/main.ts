/**
 * `npm start`: runs the reference endpoint and prints the URLs to open.
 *
 * Environment: PORT (default 8080), HOST (default 127.0.0.1), ACW_DATA_DIR
 * (default ./.acw-data), ACW_DEMO (default 1: control API and scripted
 * conversation on), ACW_STEP_MS (pace of the script, default 1800),
 * ACW_FRAME_ANCESTORS and ACW_ALLOWED_ORIGINS (space-separated lists),
 * ACW_TILE_FRAME (URL template of the tile-frame document, `{tile}` per tile).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FRAME_ANCESTORS, startEndpointServer } from './server.js';
import { DEMO_URL_TOKEN } from './settings.js';

const env = process.env;
const root = fileURLToPath(new URL('../..', import.meta.url));
const list = (v: string | undefined) => (v ? v.split(/\s+/).filter(Boolean) : undefined);

const server = await startEndpointServer({
  port: Number(env.PORT ?? 8080),
  host: env.HOST ?? '127.0.0.1',
  dataDir: resolve(env.ACW_DATA_DIR ?? '.acw-data'),
  distDir: resolve(root, 'dist'),
  demo: env.ACW_DEMO !== '0',
  stepMs: Number(env.ACW_STEP_MS ?? 1800),
  frameAncestors: list(env.ACW_FRAME_ANCESTORS) ?? DEFAULT_FRAME_ANCESTORS,
  allowedOrigins: list(env.ACW_ALLOWED_ORIGINS) ?? [],
  ...(env.ACW_TILE_FRAME ? { tileFrame: env.ACW_TILE_FRAME } : {}),
});

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const demoUrl = new URL(server.url);
demoUrl.searchParams.set('userId', 'customer-jane');
demoUrl.searchParams.set('sessionId', `demo-${stamp}`);
demoUrl.searchParams.set('URLToken', DEMO_URL_TOKEN);

console.log(`Agent Copilot Workspace: reference endpoint listening on ${server.url}

  Standalone workspace (a new demo session; the scripted conversation starts when it opens):
    ${demoUrl.href}
${env.ACW_DEMO !== '0' ? `\n  Control API (demo mode, loopback only): ${server.url}/__control/health\n` : ''}
Press Ctrl+C to stop.`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
