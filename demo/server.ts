/**
 * The reference copilot endpoint (PROTOCOL §9): a socket.io server that
 * speaks the workspace protocol, keeps sessions in an on-disk journal, plays
 * a scripted conversation, serves the built workspace script and the
 * standalone page, and, in demo mode only, a loopback control API for tests
 * and QA. This file only wires the parts in `endpoint/` together:
 * `pages.ts` (HTTP pages and their CSP), `control.ts` (control API),
 * `sockets.ts` (socket handlers), `auth.ts` (JWT authentication) and
 * `registry.ts` (endpoints and sessions).
 */
import { createServer, type IncomingMessage } from 'node:http';
import { Server } from 'socket.io';
import { handleControl } from './endpoint/control.js';
import { send } from './endpoint/http.js';
import { DEFAULT_FRAME_ANCESTORS, servePage } from './endpoint/pages.js';
import { Registry } from './endpoint/registry.js';
import { attachSocketHandlers, roomOf } from './endpoint/sockets.js';

export { DEFAULT_FRAME_ANCESTORS };

export interface EndpointServerOptions {
  port?: number;
  host?: string;
  dataDir: string;
  /** folder holding the built `acw-workspace.js` */
  distDir: string;
  /** enables the control API and the scripted conversation */
  demo?: boolean;
  /** interval between scripted steps, ms */
  stepMs?: number;
  /** CSP frame-ancestors sources allowed to embed the standalone page */
  frameAncestors?: string[];
  /** extra page origins allowed to open sockets (the server's own origins always are) */
  allowedOrigins?: string[];
  /**
   * URL template of the tile-frame document html tiles load (`{tile}` becomes
   * a per-tile DNS label). Default: `http://{tile}.localhost:PORT/…` on
   * loopback, else this server's own `/tile-frame.html`.
   */
  tileFrame?: string;
  /** folder of the QA console files (qa.html, qa.js, qa.css) */
  pagesDir?: string;
  /** exact origins of pages allowed to embed the workspace and talk to it (host bridge) */
  hostOrigins?: string[];
  /**
   * Accept sockets from opaque origins (`Origin: null`): a workspace in a
   * sandbox without allow-same-origin has one. The session parameters (and
   * the JWT, when required), not the page origin, authorize a join. Default true.
   */
  allowNullOrigin?: boolean;
  /**
   * Sources tiles may load stylesheets, scripts, images and fonts from besides
   * https (tile-frame CSP). Default: none; in demo mode, this server's own
   * loopback origins (its deliberately slow `/slow.css`, for field-tile tests).
   */
  tileSources?: string[];
  /** demo mode: called by POST /__control/restart to restart the endpoint */
  onRestart?: () => void;
  /** writes one line per notable event; never tokens */
  log?: (line: string) => void;
}

export interface EndpointServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startEndpointServer(options: EndpointServerOptions): Promise<EndpointServer> {
  const host = options.host ?? '127.0.0.1';
  const demo = options.demo ?? false;
  let selfOrigins = new Set<string>();

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const handled = url.pathname.startsWith('/__control/')
      ? handleControl(
          {
            registry,
            io,
            onRestart: options.onRestart,
            onSettingsChanged: (URLToken) => sockets.recheck(URLToken),
          },
          demo,
          req,
          res,
          url,
        )
      : req.method === 'GET' || req.method === 'HEAD'
        ? servePage(pageOptions, res, url, requestOrigin(req))
        : Promise.resolve(
            send(res, 405, 'text/plain', 'method not allowed', { allow: 'GET, HEAD' }),
          );
    handled.catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error');
      else res.end();
    });
  });

  const extraOrigins = new Set(options.allowedOrigins ?? []);
  const originAllowed = (origin: string | undefined) =>
    origin === undefined ||
    selfOrigins.has(origin) ||
    extraOrigins.has(origin) ||
    (origin === 'null' && options.allowNullOrigin !== false);
  const io = new Server(http, {
    path: '/socket.io',
    serveClient: false,
    // a frame over an endpoint's own limit (maxFrameBytes) is refused in its ack, with a
    // reason; only past this much does socket.io close the transport
    maxHttpBufferSize: 16e6,
    cors: { origin: (origin, cb) => cb(null, originAllowed(origin)) },
    allowRequest: (req, cb) => cb(null, originAllowed(req.headers.origin)),
  });

  const registry = new Registry({
    dataDir: options.dataDir,
    stepMs: options.stepMs ?? 1800,
    broadcastTo: (key) => (event, payload) => io.to(roomOf(key)).emit(event, payload),
  });
  const sockets = attachSocketHandlers(io, registry, options.log ?? (() => {}));

  const pageOptions = {
    distDir: options.distDir,
    pagesDir: options.pagesDir,
    demo,
    tileFrame: options.tileFrame,
    hostOrigins: options.hostOrigins ?? [],
    frameAncestors: options.frameAncestors ?? DEFAULT_FRAME_ANCESTORS,
    tileSources: options.tileSources ?? [],
  };

  /** The origin the browser used, when it is one of ours (Host header checked against our listen address). */
  function requestOrigin(req: IncomingMessage): string {
    const candidate = `http://${req.headers.host ?? ''}`;
    return selfOrigins.has(candidate) ? candidate : ([...selfOrigins][0] ?? candidate);
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  selfOrigins = new Set([url, `http://localhost:${port}`, `http://127.0.0.1:${port}`]);
  if (!options.tileSources && demo) pageOptions.tileSources = [...selfOrigins];

  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        registry.pauseAll();
        io.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
