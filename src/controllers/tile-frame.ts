/** What a tile iframe is made of. */
export interface FrameSpec {
  title: string;
  /** sandbox tokens; set before the frame navigates anywhere */
  sandbox: string;
  allow: string;
  referrerPolicy: ReferrerPolicy;
  src?: string;
  /**
   * A whole document to load instead of `src`: it is given a `blob:` URL of
   * its own, never `srcdoc`. A srcdoc document inherits the embedding page's
   * base URL, so `document.baseURI` would hand the tile the workspace URL with
   * its URLToken and auth; a blob URL names only the workspace's origin.
   */
  document?: string;
  onLoad?: (e: Event) => void;
}

/** A tile iframe and what to release when it is dropped. */
export interface TileFrame {
  frame: HTMLIFrameElement;
  release(): void;
}

/**
 * Creates a tile iframe with its sandbox, permissions and referrer policy in
 * place BEFORE its URL is set, so no document ever loads unsandboxed.
 */
export function createTileFrame(spec: FrameSpec): TileFrame {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', spec.sandbox);
  frame.setAttribute('allow', spec.allow);
  frame.referrerPolicy = spec.referrerPolicy;
  frame.title = spec.title;
  frame.setAttribute('part', 'frame');
  if (spec.onLoad) frame.addEventListener('load', spec.onLoad);
  let objectUrl: string | undefined;
  if (spec.document !== undefined) {
    objectUrl = URL.createObjectURL(new Blob([spec.document], { type: 'text/html;charset=utf-8' }));
    frame.src = objectUrl;
  } else if (spec.src !== undefined) frame.src = spec.src;
  return {
    frame,
    release: () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      objectUrl = undefined;
    },
  };
}

/**
 * Keeps one frame per key: a new key (new HTML or URL) makes a new frame,
 * anything else reuses it. A frame that is replaced or cleared is released.
 */
export class FrameSlot {
  #key: string | undefined;
  #current: TileFrame | undefined;

  get(key: string, make: () => TileFrame): HTMLIFrameElement {
    if (this.#current === undefined || key !== this.#key) {
      this.#current?.release();
      this.#key = key;
      this.#current = make();
    }
    return this.#current.frame;
  }

  get frame(): HTMLIFrameElement | undefined {
    return this.#current?.frame;
  }

  clear(): void {
    this.#current?.release();
    this.#key = undefined;
    this.#current = undefined;
  }
}

/**
 * A DNS-safe label for a tile id (`t-` and 8 hex digits of FNV-1a), put in
 * place of `{tile}` in the tile-frame URL template, so that each tile can get
 * a host, and so a site, and so a browser process, of its own.
 */
export function tileLabel(tileId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < tileId.length; i++) {
    h ^= tileId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `t-${(h >>> 0).toString(16).padStart(8, '0')}`;
}

/** The tile-frame URL for one tile: `{tile}` in the template becomes {@link tileLabel}. */
export function tileFrameUrl(template: string, tileId: string): string {
  return template.replaceAll('{tile}', tileLabel(tileId));
}
