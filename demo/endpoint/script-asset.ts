/**
 * The built single script as the reference endpoint serves it: precompressed
 * at build time (brotli and gzip, `dist/acw-workspace.js.br` / `.gz`), the
 * encoding chosen by Accept-Encoding, an ETag per encoding (304 when it
 * matches), and two URLs: `/acw-workspace.<hash>.js` (what the endpoint's own
 * page loads: immutable, cached for a year) and `/acw-workspace.js` (the stable
 * name integrators embed: always revalidated, a 304 of a few hundred bytes when
 * unchanged). README, "Serving the script", says what a CDN needs.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { send } from './http.js';

export const ENCODINGS = ['br', 'gzip', 'identity'] as const;
export type Encoding = (typeof ENCODINGS)[number];

interface Asset {
  hash: string;
  bodies: Record<Encoding, Buffer>;
  mtimeMs: number;
}

let cached: { dir: string; asset: Asset } | undefined;

/** The built script and its compressed forms (reloaded when a build replaced them); undefined when not built. */
export async function scriptAsset(distDir: string): Promise<Asset | undefined> {
  const js = join(distDir, 'acw-workspace.js');
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(js)).mtimeMs;
  } catch {
    return undefined;
  }
  if (cached?.dir === distDir && cached.asset.mtimeMs === mtimeMs) return cached.asset;
  try {
    const [identity, gzip, br, manifest] = await Promise.all([
      readFile(js),
      readFile(`${js}.gz`),
      readFile(`${js}.br`),
      readFile(join(distDir, 'acw-workspace.asset.json'), 'utf8'),
    ]);
    const { hash } = JSON.parse(manifest) as { hash: string };
    const asset = { hash, bodies: { identity, gzip, br }, mtimeMs };
    cached = { dir: distDir, asset };
    return asset;
  } catch {
    return undefined; // a build from before precompression: served as the plain file elsewhere
  }
}

/** The best encoding the request accepts (`q=0` refuses one), brotli first. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (e: string) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

/** Serves the script; `immutable` for the hashed URL. */
export function serveScript(
  req: IncomingMessage,
  res: ServerResponse,
  asset: Asset,
  immutable: boolean,
): void {
  const encoding = chooseEncoding(req.headers['accept-encoding']);
  const etag = `"${asset.hash}-${encoding}"`;
  const headers: Record<string, string> = {
    vary: 'Accept-Encoding',
    etag,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'public, no-cache',
  };
  if (notModified(req, res, etag, headers)) return;
  const body = asset.bodies[encoding];
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  headers['content-length'] = String(body.length);
  send(res, 200, 'text/javascript; charset=utf-8', req.method === 'HEAD' ? '' : body, headers);
}

/**
 * The single script's sibling files, next to it: its translations
 * (`acw-locale-<tag>.js`), the Adaptive Cards renderer (`acw-card-sdk.js`),
 * the Genesys client-app SDK (`acw-genesys-sdk.js`) and engine.io's polling
 * and WebTransport transports (`acw-transports.js`).
 */
export const SIBLING_FILE =
  /^\/(acw-locale-[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?\.js|acw-genesys-sdk\.js|acw-card-sdk\.js|acw-transports\.js)$/;

/** A sibling's bodies by encoding (the build precompresses them; a file without them goes as it is). */
async function siblingBodies(file: string): Promise<Record<Encoding, Buffer | undefined>> {
  const [identity, gzip, br] = await Promise.all(
    ['', '.gz', '.br'].map((ext) => readFile(`${file}${ext}`).catch(() => undefined)),
  );
  return { identity, gzip, br };
}

/**
 * Serves a sibling file: an ES module the script imports from its own URL,
 * so other origins that load the script may import it too (CORS `*`: public,
 * no credentials); compressed as the script is (by Accept-Encoding, when the
 * build made that encoding), revalidated by its ETag.
 */
export async function serveSibling(
  req: IncomingMessage,
  res: ServerResponse,
  distDir: string,
  name: string,
): Promise<void> {
  const file = join(distDir, name);
  let bodies: Record<Encoding, Buffer | undefined>;
  let mtimeMs: number;
  try {
    [bodies, mtimeMs] = await Promise.all([siblingBodies(file), stat(file).then((s) => s.mtimeMs)]);
  } catch {
    send(res, 404, 'text/plain', 'no such file');
    return;
  }
  // (the build makes both compressed forms; a file without them goes as it is)
  const wanted = chooseEncoding(req.headers['accept-encoding']);
  const encoding: Encoding = bodies[wanted] ? wanted : 'identity';
  const body = bodies[encoding];
  if (!body) {
    send(res, 404, 'text/plain', 'no such file');
    return;
  }
  const etag = `"${Math.round(mtimeMs).toString(36)}-${body.length.toString(36)}-${encoding}"`;
  const headers: Record<string, string> = {
    etag,
    vary: 'Accept-Encoding',
    'cache-control': 'public, no-cache',
    'access-control-allow-origin': '*',
    'cross-origin-resource-policy': 'cross-origin',
  };
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  if (notModified(req, res, etag, headers)) return;
  send(res, 200, 'text/javascript; charset=utf-8', req.method === 'HEAD' ? '' : body, headers);
}

/** Answers 304 (with `headers`) when the request's If-None-Match names `etag`; true if it did. */
export function notModified(
  req: IncomingMessage,
  res: ServerResponse,
  etag: string,
  headers: Record<string, string>,
): boolean {
  const match = (req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim());
  if (!match.includes(etag) && !match.includes('*')) return false;
  res.writeHead(304, { ...headers, 'x-content-type-options': 'nosniff' });
  res.end();
  return true;
}
