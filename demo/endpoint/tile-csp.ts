/**
 * The Content-Security-Policy of the tile-frame document, where html tiles
 * run sandboxed without allow-same-origin (an opaque origin): inline scripts
 * and https resources are allowed for the tile (field tiles load their CSS
 * and scripts from CDNs), never for the workspace page itself. It is
 * sandboxed however it is framed: even framed directly (no iframe sandbox) it
 * gets an opaque origin; so it needs no frame-ancestors, which could never
 * match a workspace that has an opaque origin itself.
 *
 * `extra`: more sources for styles, scripts, images and fonts (the demo adds
 * its own loopback origin, where it serves a deliberately slow stylesheet).
 */
export function tileFrameCsp(extra: readonly string[] = []): string {
  const more = extra.length ? ` ${extra.join(' ')}` : '';
  return [
    "default-src 'none'",
    `script-src 'unsafe-inline' https:${more}`,
    `style-src 'unsafe-inline' https:${more}`,
    `img-src https: data: blob:${more}`,
    `font-src https: data:${more}`,
    'media-src https:',
    'connect-src https:',
    'frame-src https:',
    "base-uri 'none'",
    "form-action 'none'",
    'sandbox allow-scripts allow-forms allow-popups',
  ].join('; ');
}
