/**
 * The reference copilot endpoint (docs/PROTOCOL.md §12): a socket.io server that
 * speaks the workspace protocol, keeps sessions in an on-disk journal, plays
 * a scripted conversation, serves the built workspace script and the
 * standalone page, and, in demo mode only, a loopback control API for tests
 * and QA. This file only wires the parts in `endpoint/` together:
 * `pages.ts` (HTTP pages and their CSP), `control.ts` (control API),
 * `sockets.ts` (socket handlers), `auth.ts` (JWT authentication),
 * `context-summary.ts` (handoff briefs by URL) and `registry.ts` (endpoints
 * and sessions).
 */
import { createServer, type IncomingMessage } from 'node:http';
import { Server } from 'socket.io';
import { handleControl } from './endpoint/control.js';
import { isContextSummaryPath, serveContextSummary } from './endpoint/context-summary.js';
import { send } from './endpoint/http.js';
import { DEFAULT_FRAME_ANCESTORS, servePage } from './endpoint/pages.js';
import { Registry } from './endpoint/registry.js';
import { attachSocketHandlers, roomOf } from './endpoint/sockets.js';
import { StoreUnavailable, type StoreFs } from './store.js';
import { switchableFs } from './faults.js';

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
  /**
   * The URL browsers reach this endpoint at, when it is not the listen address
   * (listening on 0.0.0.0, behind a proxy): the page's endpoint and an allowed
   * socket origin. A page request for any other Host is refused.
   */
  publicUrl?: string;
  /** the store's file operations (tests inject disk faults) */
  fs?: StoreFs;
  /** the clock workspace-link tokens expire by, ms since the epoch (tests inject one); Date.now */
  now?: () => number;
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
    const handled =
      url.pathname === '/healthz'
        ? Promise.resolve(health(res))
        : url.pathname.startsWith('/__control/')
          ? handleControl(
              {
                registry,
                io,
                onRestart: options.onRestart,
                onSettingsChanged: (URLToken) => sockets.recheck(URLToken),
                setStoreFault: faults?.set,
                origin: requestOrigin(req),
              },
              demo,
              req,
              res,
              url,
            )
          : (req.method === 'GET' || req.method === 'HEAD') && isContextSummaryPath(url.pathname)
            ? Promise.resolve(serveContextSummary(registry, res, url))
            : req.method === 'GET' || req.method === 'HEAD'
              ? servePage(pageOptions, req, res, url, requestOrigin(req))
              : Promise.resolve(
                  send(res, 405, 'text/plain', 'method not allowed', { allow: 'GET, HEAD' }),
                );
    handled.catch((e: unknown) => {
      if (res.headersSent) res.end();
      else if (e instanceof StoreUnavailable)
        send(res, 503, 'application/json', JSON.stringify({ error: e.message }), {
          'retry-after': '2',
        });
      else send(res, 500, 'text/plain', 'internal error');
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

  const log = options.log ?? (() => {});
  // demo mode: QA and the chaos test can make the disk fail on purpose (POST /__control/store-fault)
  const faults = demo && !options.fs ? switchableFs() : undefined;
  const storeFs = options.fs ?? faults?.fs;
  const registry = new Registry({
    dataDir: options.dataDir,
    stepMs: options.stepMs ?? 1800,
    broadcastTo: (key) => (event, payload) => io.to(roomOf(key)).emit(event, payload),
    demo,
    log,
    ...(storeFs ? { fs: storeFs } : {}),
  });
  const sockets = attachSocketHandlers(io, registry, log, options.now);

  /** `GET /healthz`, in every mode: 200 when the store writes, 503 (degraded) when it cannot. */
  function health(res: import('node:http').ServerResponse): void {
    const ok = registry.store.health.ok;
    send(
      res,
      ok ? 200 : 503,
      'application/json',
      JSON.stringify({ status: ok ? 'ok' : 'degraded' }),
    );
  }

  const pageOptions = {
    distDir: options.distDir,
    pagesDir: options.pagesDir,
    demo,
    tileFrame: options.tileFrame,
    hostOrigins: options.hostOrigins ?? [],
    frameAncestors: options.frameAncestors ?? DEFAULT_FRAME_ANCESTORS,
    tileSources: options.tileSources ?? [],
  };

  /**
   * The origin the browser used, when it is one of ours (the Host header
   * checked against our listen address and the public URL); else the public
   * URL's origin when one is configured; else undefined.
   */
  function requestOrigin(req: IncomingMessage): string | undefined {
    const candidate = `http://${req.headers.host ?? ''}`;
    if (selfOrigins.has(candidate)) return candidate;
    return publicOrigin;
  }
  const publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : undefined;

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
  // an unspecified address (0.0.0.0, ::) is where we listen, never an origin a browser uses
  const unspecified = host === '0.0.0.0' || host === '::' || host === '[::]';
  selfOrigins = new Set([
    ...(unspecified ? [] : [url]),
    `http://localhost:${port}`,
    `http://127.0.0.1:${port}`,
    ...(publicOrigin ? [publicOrigin] : []),
  ]);
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
