/** URL checks shared by the transport and the elements: only http(s) is ever followed. */

/** `value` as a URL (resolved against `base` when given) if it is http or https; else undefined. */
export function httpUrl(value: string, base?: string): URL | undefined {
  try {
    const u = new URL(value, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

export function isHttpUrl(value: string): boolean {
  return httpUrl(value) !== undefined;
}

/** Exact origins (`scheme://host[:port]`) from a space- or comma-separated list; patterns and keywords are dropped. */
export function parseOrigins(list: string): string[] {
  const out = new Set<string>();
  for (const item of list.split(/[\s,]+/)) {
    if (!item || item.includes('*')) continue;
    const u = httpUrl(item);
    if (u && u.origin === item.replace(/\/$/, '')) out.add(u.origin);
  }
  return [...out];
}

/** What is wrong with a tile's content, as a code (the components put it into words). */
export type TileProblem =
  | {
      code:
        | 'url-empty'
        | 'url-invalid'
        | 'html-not-text'
        | 'url-not-text'
        | 'not-a-card'
        /** a `brief` (docs/PROTOCOL.md §5.9) that does not match its schema */
        | 'brief-invalid'
        /** a `wrapUp` draft (§5.10) that does not match its schema */
        | 'wrap-up-invalid';
    }
  /** `scheme`: the URL's scheme, e.g. `javascript:` */
  | { code: 'url-not-http'; scheme: string };

/** A tile's page URL when it is http(s), else what is wrong with it. */
export function tileUrl(
  value: string,
): { ok: true; url: URL } | { ok: false; problem: TileProblem } {
  if (value.trim() === '') return { ok: false, problem: { code: 'url-empty' } };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: { code: 'url-invalid' } };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, problem: { code: 'url-not-http', scheme: url.protocol } };
  }
  return { ok: true, url };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https, or http on loopback (the demo's own hosts): a Genesys host origin, a brief's url. */
export const isSecureOrLoopback = (url: URL): boolean =>
  url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));

/** `value` as a URL that may be talked to: https, or http on loopback; no credentials in it. */
export function secureUrl(value: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return isSecureOrLoopback(url) && !url.username && !url.password ? url : undefined;
}
