import { insertNote, problemWithServer } from '../i18n/words.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Disposer, PostbackResult } from '../transport/copilot-connection.js';
import { envelope, listenToTile, postToTile, type TileRequest } from '../transport/tile-bridge.js';
import {
  AcwInsertTextRequestedEvent,
  AcwMessageSentEvent,
  AcwPostbackEvent,
  type InsertTarget,
} from '../events/events.js';
import { type FrameSpec, FrameSlot, createTileFrame } from './tile-frame.js';
import { RateLimit } from '../state/rate-limit.js';
import { TILE_THEME_TOKENS } from '../styles/tokens.js';

/** How many reply-box requests (insert, send) a tile may make on its own, in what time. */
export const TILE_REQUESTS = { max: 5, windowMs: 10_000 } as const;

type Host = ReactiveControllerHost &
  HTMLElement & {
    hasUpdated: boolean;
    /** shows the agent where a tile's insert request went */
    noteInsert?: (where: InsertTarget | 'too-many') => void;
  };

let darkScheme: MediaQueryList | undefined;

/**
 * The theme for a tile on `el`: `dark` when the workspace says so, or says
 * `auto` and the page prefers dark; the tokens as `el` computes them.
 */
export function tileThemeOf(el: HTMLElement, theme: string): TileTheme {
  darkScheme ??= window.matchMedia('(prefers-color-scheme: dark)');
  const dark = theme === 'dark' || (theme !== 'light' && darkScheme.matches);
  const cs = getComputedStyle(el);
  const tokens: Record<string, string> = {};
  for (const name of TILE_THEME_TOKENS) {
    const value = cs.getPropertyValue(name).trim();
    if (value) tokens[name] = value;
  }
  return { scheme: dark ? 'dark' : 'light', tokens };
}

/** The theme a tile document gets: its color scheme and the workspace's tokens. */
export interface TileTheme {
  scheme: 'light' | 'dark';
  /** `--acw-*` custom properties and their values, as the tile element computes them */
  tokens: Record<string, string>;
}

/**
 * The workspace side of one tile frame (html or iframe tile), for its whole
 * life: makes the sandboxed frame (a new one only when its key, the document
 * or URL, changes) and releases it when the tile leaves the page; accepts only
 * messages from that frame's own window; tracks when the tile is ready;
 * delivers metadata (on load and on change) and `sendTileData` payloads
 * (buffered until ready) raw; and turns SDK requests into workspace events.
 */
export class TileFrameController implements ReactiveController {
  readonly #host: Host;
  readonly #tileId: () => string;
  readonly #targetOrigin: () => string;
  #frame: HTMLIFrameElement | undefined;
  /** reads the theme that has not been read yet (see setTheme) */
  #readTheme: (() => TileTheme) | undefined;
  #themeSent: string | undefined;
  #off: Disposer | undefined;
  #ready = false;
  #metadata: unknown;
  #metadataSent: string | undefined;
  #data: readonly unknown[] = [];
  #delivered = 0;
  /** postback request ids seen from the current frame: a repeated id is not sent again */
  #seen = new Set<string>();
  readonly #slot = new FrameSlot();
  /** what a tile may ask of the agent's reply box on its own: at most 5 requests in 10 s */
  readonly #requests = new RateLimit(TILE_REQUESTS.max, TILE_REQUESTS.windowMs);

  constructor(host: Host, tileId: () => string, targetOrigin: () => string) {
    this.#host = host;
    this.#tileId = tileId;
    this.#targetOrigin = targetOrigin;
    host.addController(this);
  }

  /**
   * The tile's frame for `key` (its document or URL): the current one while
   * the key is the same, else a new one made from `spec()` (the old one is
   * released).
   */
  frame(key: string, spec: () => FrameSpec): HTMLIFrameElement {
    const frame = this.#slot.get(key, () => createTileFrame(spec()));
    this.#setFrame(frame);
    return frame;
  }

  /** The tile has no frame (nothing to show). */
  clear(): void {
    this.#slot.clear();
    this.#setFrame(undefined);
  }

  /** The frame element changed (new document): everything restarts but the data already delivered. */
  #setFrame(frame: HTMLIFrameElement | undefined): void {
    if (frame === this.#frame) return;
    this.#frame = frame;
    this.#ready = false;
    this.#metadataSent = undefined;
    this.#themeSent = undefined;
    this.#seen = new Set();
  }

  /** The frame's document is ready for messages (SDK `ready`, or `load` for iframe tiles). */
  markReady(): void {
    if (!this.#ready) {
      // tiles written for the Cognigy workspace reveal their "forward to reply box" button on this
      this.post({ type: 'toggleButton', show: true });
    }
    this.#ready = true;
    this.#flush();
  }

  /**
   * The workspace's theme for the tile's document (extension, docs/PROTOCOL.md
   * §8.2): posted once the tile is ready and again whenever it changes; the SDK
   * applies it (`color-scheme` and the `--acw-*` tokens on the root element).
   * The element calls this after each render: `read` gives the theme, and is
   * called once the tile can take it (not before its document is ready, so a
   * tile's first render forces no style pass) and then once per call.
   */
  setTheme(read: () => TileTheme): void {
    this.#readTheme = read;
    this.#flush();
  }

  setMetadata(metadata: unknown): void {
    this.#metadata = metadata;
    this.#flush();
  }

  setData(data: readonly unknown[]): void {
    this.#data = data;
    if (this.#delivered > data.length) this.#delivered = data.length; // a shorter list: bounded buffer rolled
    this.#flush();
  }

  /** Posts a raw message to the tile. */
  post(message: unknown): boolean {
    return postToTile(this.#frame?.contentWindow, message, this.#targetOrigin());
  }

  /** the page's light/dark preference: an `auto` theme follows its changes into the tile */
  readonly #darkScheme = window.matchMedia('(prefers-color-scheme: dark)');
  readonly #schemeChanged = (): void => this.#host.requestUpdate();

  hostConnected(): void {
    this.#darkScheme.addEventListener('change', this.#schemeChanged);
    this.#off = listenToTile(
      window,
      () => this.#frame?.contentWindow,
      (r) => this.#onRequest(r),
    );
    // back in the page (moved): a moved iframe reloads anyway; draw a fresh one with its document
    if (this.#host.hasUpdated) this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    // (the same MediaQueryList: a listener comes off only the list it was added to)
    this.#darkScheme.removeEventListener('change', this.#schemeChanged);
    this.#off?.();
    this.#off = undefined;
    this.clear(); // releases the frame's blob: document
  }

  /**
   * Delivers what the tile has not had yet. `null` and `undefined` (metadata
   * or `sendTileData`) are never posted: they carry nothing, and tiles written
   * for the Cognigy workspace read `event.data.type` without a check.
   */
  #flush(): void {
    if (!this.#ready) return;
    if (this.#readTheme) {
      const theme = this.#readTheme();
      const key = JSON.stringify(theme);
      if (key === this.#themeSent || this.post(envelope('theme', theme))) {
        this.#themeSent = key;
        this.#readTheme = undefined;
      }
    }
    if (this.#metadata !== undefined && this.#metadata !== null) {
      let key: string | undefined;
      try {
        key = JSON.stringify(this.#metadata);
      } catch {
        key = undefined;
      }
      if (key === undefined || key !== this.#metadataSent) {
        if (this.post(this.#metadata)) this.#metadataSent = key;
      }
    }
    while (this.#delivered < this.#data.length) {
      const data = this.#data[this.#delivered];
      if (data !== null && data !== undefined) this.post(data);
      this.#delivered += 1;
    }
  }

  #onRequest(r: TileRequest): void {
    switch (r.kind) {
      case 'lifecycle':
        if (r.type === 'ready') this.markReady();
        return;
      case 'postback': {
        if (r.requestId !== undefined) {
          if (this.#seen.has(r.requestId)) return;
          this.#seen.add(r.requestId);
        }
        const frame = this.#frame;
        const respond = (result: PostbackResult) => {
          if (frame !== this.#frame) return; // the tile was re-rendered meanwhile
          this.post(
            result.ok
              ? envelope('postback-accepted', undefined, r.requestId)
              : // the tile's SDK rejects with the reason in the agent's language
                envelope(
                  'postback-rejected',
                  { reason: problemWithServer(result.problem) },
                  r.requestId,
                ),
          );
        };
        this.#host.dispatchEvent(new AcwPostbackEvent(this.#tileId(), 'frame', r.payload, respond));
        return;
      }
      case 'sendMessage':
        if (!this.#requests.take('')) return this.#host.noteInsert?.('too-many');
        this.#host.dispatchEvent(new AcwMessageSentEvent(r.text, this.#tileId()));
        return;
      case 'replyBoxContent': {
        // the tile hears where its text went (extension, docs/PROTOCOL.md §8.2): a tile that
        // says "Added to the reply box" can say what really happened
        const frame = this.#frame;
        const answer = (where: InsertTarget | 'too-many') => {
          this.#host.noteInsert?.(where);
          if (frame === this.#frame)
            this.post(envelope('insert-result', { where, message: insertNote(where) }));
        };
        if (!this.#requests.take('')) return answer('too-many');
        this.#host.dispatchEvent(
          new AcwInsertTextRequestedEvent(r.content, this.#tileId(), answer),
        );
        return;
      }
      default: {
        const never: never = r;
        return never;
      }
    }
  }
}
