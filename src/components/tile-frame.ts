/** What a tile iframe is made of. */
export interface FrameSpec {
  title: string;
  /** sandbox tokens; set before the frame navigates anywhere */
  sandbox: string;
  allow: string;
  referrerPolicy: ReferrerPolicy;
  src?: string;
  srcdoc?: string;
  onLoad?: (e: Event) => void;
}

/**
 * Creates a tile iframe with its sandbox, permissions and referrer policy in
 * place BEFORE `src`/`srcdoc` is set, so no document ever loads unsandboxed.
 */
export function createTileFrame(spec: FrameSpec): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', spec.sandbox);
  frame.setAttribute('allow', spec.allow);
  frame.referrerPolicy = spec.referrerPolicy;
  frame.title = spec.title;
  frame.setAttribute('part', 'frame');
  if (spec.onLoad) frame.addEventListener('load', spec.onLoad);
  if (spec.srcdoc !== undefined) frame.srcdoc = spec.srcdoc;
  else if (spec.src !== undefined) frame.src = spec.src;
  return frame;
}

/** Keeps one frame per key: a new key (new HTML or URL) makes a new frame, anything else reuses it. */
export class FrameSlot {
  #key: string | undefined;
  #frame: HTMLIFrameElement | undefined;

  get(key: string, make: () => HTMLIFrameElement): HTMLIFrameElement {
    if (this.#frame === undefined || key !== this.#key) {
      this.#key = key;
      this.#frame = make();
    }
    return this.#frame;
  }

  get frame(): HTMLIFrameElement | undefined {
    return this.#frame;
  }

  clear(): void {
    this.#key = undefined;
    this.#frame = undefined;
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
