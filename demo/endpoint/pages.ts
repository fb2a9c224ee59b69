/**
 * The pages the reference endpoint serves: the standalone workspace page (with
 * its strict CSP), the tile-frame document (with a tile CSP), the built
 * script, and in demo mode the QA console.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tileFrameDocument } from '../../src/transport/tile-sdk.js';
import { escapeHtml } from '../html.js';
import { csp, json, send } from './http.js';
import { tileFrameCsp } from './tile-csp.js';
import {
  SIBLING_FILE,
  notModified,
  scriptAsset,
  serveScript,
  serveSibling,
} from './script-asset.js';

export interface PageOptions {
  /** folder holding the built `acw-workspace.js` */
  distDir: string;
  /** folder of the QA console files (qa.html, qa.js, qa.css); served in demo mode */
  pagesDir: string | undefined;
  demo: boolean;
  /** URL template of the tile-frame document; default: per-tile `*.localhost` hosts on loopback */
  tileFrame: string | undefined;
  hostOrigins: readonly string[];
  frameAncestors: readonly string[];
  /** sources tiles may load stylesheets, scripts, images and fonts from, besides https */
  tileSources: readonly string[];
}

/** Genesys Cloud agent UI origins (one per region) and loopback, for demos. */
export const DEFAULT_FRAME_ANCESTORS = [
  "'self'",
  'https://apps.mypurecloud.com',
  'https://apps.mypurecloud.ie',
  'https://apps.mypurecloud.de',
  'https://apps.mypurecloud.jp',
  'https://apps.mypurecloud.com.au',
  'https://apps.usw2.pure.cloud',
  'https://apps.cac1.pure.cloud',
  'https://apps.euw2.pure.cloud',
  'https://apps.aps1.pure.cloud',
  'https://apps.apne2.pure.cloud',
  'https://apps.sae1.pure.cloud',
  'https://apps.use2.us-gov-pure.cloud',
  'http://127.0.0.1:*',
  'http://localhost:*',
];

/** The tile-frame URL template for a workspace served from `endpoint`. */
export function defaultTileFrame(endpoint: string): string {
  // one host per tile: Chromium resolves *.localhost to loopback, and each
  // t-xxxx.localhost is a site of its own, so each tile gets its own process
  const u = new URL(endpoint);
  const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost';
  return loopback
    ? `${u.protocol}//{tile}.localhost:${u.port}/tile-frame.html`
    : `${endpoint}/tile-frame.html`;
}

function pageHtml(
  endpoint: string,
  tileFrame: string,
  hostOrigins: readonly string[],
  scriptSrc: string,
): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>Agent Copilot Workspace</title>
    <link rel="stylesheet" href="/page.css" />
    <script src="${escapeHtml(scriptSrc)}" defer></script>
  </head>
  <body>
    <main>
    <h1 class="sr-only">Agent Copilot Workspace</h1>
    <acw-workspace
      endpoint="${escapeHtml(endpoint)}"
      tile-frame="${escapeHtml(tileFrame)}"
      host-origins="${escapeHtml(hostOrigins.join(' '))}"
    ></acw-workspace>
    </main>
  </body>
</html>
`;
}

const TILE_FRAME = tileFrameDocument();

/** The tile frame's ETag for a tile CSP (the document is fixed): the last one, kept. */
let tileFrameTagOf = { policy: '', tag: '' };
function tileFrameTag(policy: string): string {
  if (tileFrameTagOf.policy !== policy || !tileFrameTagOf.tag) {
    const digest = createHash('sha256').update(TILE_FRAME).update(policy).digest('base64url');
    tileFrameTagOf = { policy, tag: `"${digest.slice(0, 22)}"` };
  }
  return tileFrameTagOf.tag;
}

/** The script URL the page names: the hashed one when the build has it. */
async function scriptSrc(distDir: string): Promise<string> {
  const asset = await scriptAsset(distDir);
  return asset ? `/acw-workspace.${asset.hash}.js` : '/acw-workspace.js';
}

const QA_CSP = csp(
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "frame-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
);

const PAGE_CSS = `html, body { margin: 0; block-size: 100%; }
body { background: Canvas; }
acw-workspace { block-size: 100vh; block-size: 100dvh; }
.sr-only { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

const QA_TYPES: Record<string, string> = {
  html: 'text/html',
  js: 'text/javascript',
  css: 'text/css',
};

/**
 * Serves one GET/HEAD request; `origin` is the origin the browser used when
 * it is one of ours (or the configured public URL's), else undefined: the
 * page, whose endpoint is that origin, is then refused (421), never built
 * from a Host header someone else chose. Answers 404 for anything it does
 * not know.
 */
export async function servePage(
  o: PageOptions,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  origin: string | undefined,
): Promise<void> {
  const sibling = SIBLING_FILE.exec(url.pathname);
  if (sibling?.[1]) return serveSibling(req, res, o.distDir, sibling[1]);
  const hashed = /^\/acw-workspace\.([0-9a-f]{16})\.js$/.exec(url.pathname);
  if (hashed) {
    const asset = await scriptAsset(o.distDir);
    if (asset && asset.hash === hashed[1]) serveScript(req, res, asset, true);
    else send(res, 404, 'text/plain', 'no such build of the workspace script');
    return;
  }
  switch (url.pathname) {
    case '/': {
      if (origin === undefined) {
        send(
          res,
          421,
          'text/plain; charset=utf-8',
          'This endpoint does not serve that host name. Its operator sets the public URL (ACW_PUBLIC_URL).',
        );
        return;
      }
      const ws = origin.replace(/^http/, 'ws');
      send(
        res,
        200,
        'text/html; charset=utf-8',
        pageHtml(
          origin,
          o.tileFrame ?? defaultTileFrame(origin),
          o.hostOrigins,
          // the page is revalidated on every load; the script it names is cached for good
          await scriptSrc(o.distDir),
        ),
        {
          'content-security-policy': csp(
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            `connect-src 'self' ${ws}`,
            "img-src 'self' data: https:",
            "frame-src 'self' https: http:", // tiles: the tile-frame hosts and iframe tile pages
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            `frame-ancestors ${o.frameAncestors.join(' ')}`,
          ),
        },
      );
      return;
    }
    case '/tile-frame.html': {
      // every html tile loads it: revalidated by its ETag, a 304 once a browser has it
      const policy = tileFrameCsp(o.tileSources);
      const etag = tileFrameTag(policy);
      const headers = {
        'content-security-policy': policy,
        etag,
        'cache-control': 'public, no-cache',
      };
      if (notModified(req, res, etag, headers)) return;
      send(res, 200, 'text/html; charset=utf-8', TILE_FRAME, headers);
      return;
    }
    case '/qa':
    case '/qa.js':
    case '/qa.css': {
      if (!o.demo || !o.pagesDir) {
        send(res, 404, 'text/plain', 'not found');
        return;
      }
      const name = url.pathname === '/qa' ? 'qa.html' : url.pathname.slice(1);
      const type = QA_TYPES[name.split('.').pop() ?? ''] ?? 'text/plain';
      send(res, 200, `${type}; charset=utf-8`, await readFile(join(o.pagesDir, name)), {
        'content-security-policy': QA_CSP,
      });
      return;
    }
    case '/slow.css': {
      // demo only: a stylesheet that takes its time, as a CDN's can (field-tile tests)
      if (!o.demo) {
        send(res, 404, 'text/plain', 'not found');
        return;
      }
      const ms = Math.min(5000, Math.max(0, Number(url.searchParams.get('ms')) || 0));
      await new Promise((r) => setTimeout(r, ms));
      send(res, 200, 'text/css; charset=utf-8', '.acw-slow-css-loaded { display: block; }');
      return;
    }
    case '/page.css':
      send(res, 200, 'text/css; charset=utf-8', PAGE_CSS);
      return;
    case '/acw-workspace.js':
    case '/acw-workspace.js.map': {
      const asset = url.pathname.endsWith('.js') ? await scriptAsset(o.distDir) : undefined;
      if (asset) {
        serveScript(req, res, asset, false);
        return;
      }
      // the map, or a build without the precompressed forms: the file as it is
      try {
        const body = await readFile(join(o.distDir, url.pathname.slice(1)));
        const type = url.pathname.endsWith('.map')
          ? 'application/json'
          : 'text/javascript; charset=utf-8';
        send(res, 200, type, body);
      } catch {
        send(res, 404, 'text/plain', 'the workspace is not built: run npm run build');
      }
      return;
    }
    case '/favicon.ico':
      send(res, 204, 'image/x-icon', '');
      return;
    case '/healthz':
      json(res, 200, { ok: true });
      return;
    default:
      send(res, 404, 'text/plain', 'not found');
  }
}
