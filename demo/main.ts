/**
 * `npm start`: runs the reference endpoint and the simulated Genesys agent
 * desktop (a second origin), and prints the URLs to open.
 *
 * Environment: PORT (default 8080), HOST (default 127.0.0.1), ACW_DATA_DIR
 * (default ./.acw-data), ACW_DEMO (default 1: control API, QA console and
 * scripted conversation on), ACW_STEP_MS (pace of the script, default 1800),
 * ACW_GENESYS_PORT (the agent desktop, default PORT + 1),
 * ACW_FRAME_ANCESTORS, ACW_HOST_ORIGINS and ACW_ALLOWED_ORIGINS
 * (space-separated lists), ACW_TILE_FRAME (URL template of the tile-frame
 * document, `{tile}` per tile), ACW_PUBLIC_URL (the URL browsers reach the
 * endpoint at, when it is not the listen address).
 *
 * A settings file that cannot be used stops the start with one line naming
 * the file and the problem (exit code 2).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FRAME_ANCESTORS, type EndpointServer, startEndpointServer } from './server.js';
import { SettingsFileError } from './endpoint/registry.js';
import { startHostServer } from './host-server.js';
import { DEMO_URL_TOKEN, VOICE_URL_TOKEN } from './settings.js';

const env = process.env;
const root = fileURLToPath(new URL('../..', import.meta.url));
const list = (v: string | undefined) => (v ? v.split(/\s+/).filter(Boolean) : undefined);

const host = env.HOST ?? '127.0.0.1';
const port = Number(env.PORT ?? 8080);
const genesysPort = Number(env.ACW_GENESYS_PORT ?? port + 1);
const demo = env.ACW_DEMO !== '0';
const genesysOrigins = [`http://${host}:${genesysPort}`, `http://localhost:${genesysPort}`];
const pagesDir = resolve(root, 'demo/pages');

/** exact Genesys Cloud origins of the default frame-ancestors list, plus the simulated desktop */
const hostOrigins = list(env.ACW_HOST_ORIGINS) ?? [
  ...DEFAULT_FRAME_ANCESTORS.filter((o) => o.startsWith('https://')),
  ...genesysOrigins,
];

const options = {
  port,
  host,
  dataDir: resolve(env.ACW_DATA_DIR ?? '.acw-data'),
  distDir: resolve(root, 'dist'),
  pagesDir,
  demo,
  stepMs: Number(env.ACW_STEP_MS ?? 1800),
  frameAncestors: list(env.ACW_FRAME_ANCESTORS) ?? DEFAULT_FRAME_ANCESTORS,
  allowedOrigins: list(env.ACW_ALLOWED_ORIGINS) ?? [],
  hostOrigins,
  ...(env.ACW_TILE_FRAME ? { tileFrame: env.ACW_TILE_FRAME } : {}),
  ...(env.ACW_PUBLIC_URL ? { publicUrl: env.ACW_PUBLIC_URL } : {}),
  onRestart: () => void restart(),
  log: (line: string) => console.log(line),
};

/** Starts the endpoint; a settings file it cannot use ends the process with one line. */
async function start(): Promise<EndpointServer> {
  try {
    return await startEndpointServer(options);
  } catch (e) {
    if (!(e instanceof SettingsFileError)) throw e;
    console.error(`acw: cannot start: the settings file ${e.message}`);
    process.exit(2);
  }
}

let server: EndpointServer = await start();
const desktop = await startHostServer({
  port: genesysPort,
  host,
  pagesDir,
  workspace: server.url,
  token: DEMO_URL_TOKEN,
});

/** QA's "restart endpoint": the server closes every socket, and a new one is started on the same port and data. */
async function restart(): Promise<void> {
  await server.close();
  server = await start();
  console.log('Endpoint restarted.');
}

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const demoUrl = new URL(server.url);
demoUrl.searchParams.set('userId', 'customer-jane');
demoUrl.searchParams.set('sessionId', `demo-${stamp}`);
demoUrl.searchParams.set('URLToken', DEMO_URL_TOKEN);
const voiceUrl = new URL(demoUrl);
voiceUrl.searchParams.set('sessionId', `voice-${stamp}`);
voiceUrl.searchParams.set('URLToken', VOICE_URL_TOKEN);
const genesysUrl = new URL(desktop.url);
genesysUrl.searchParams.set('sessionId', `genesys-${stamp}`);
const widgetUrl = new URL(desktop.url);
widgetUrl.searchParams.set('app', 'widget');
widgetUrl.searchParams.set('sessionId', `widget-${stamp}`);

if (!demo) {
  // no demo endpoints exist: only those of the settings file (README: "Running without the demo")
  const page = new URL(env.ACW_PUBLIC_URL ?? server.url);
  console.log(`Agent Copilot Workspace: reference endpoint listening on ${server.url} (demo off)

  Endpoints come from ${resolve(options.dataDir, 'endpoints.json')} only.
  Open the workspace as ${page.origin}/?userId=<u>&sessionId=<s>&URLToken=<an endpoint's URLToken>

Press Ctrl+C to stop.`);
}
if (demo)
  console.log(`Agent Copilot Workspace: reference endpoint listening on ${server.url}

  Standalone workspace (a new demo session; the scripted conversation starts when it opens):
    ${demoUrl.href}

  Voice call (the same dispute on the phone: words appear as they are spoken, then final):
    ${voiceUrl.href}

  Genesys host (agent desktop on a second origin, the workspace in its Script panel):
    ${genesysUrl.href}

  Genesys host with the workspace as an Interaction Widget (Insert lands in its reply box):
    ${widgetUrl.href}
${demo ? `\n  QA console:\n    ${server.url}/qa\n\n  Control API (demo mode, loopback only): ${server.url}/__control/health\n` : ''}
Press Ctrl+C to stop.`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void Promise.all([server.close(), desktop.close()]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
