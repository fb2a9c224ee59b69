/**
 * The host bridge (docs/PROTOCOL.md §9, extension): typed messages between the
 * workspace and the page that embeds it in an iframe (a Genesys Script, an
 * agent desktop). Outgoing messages go to `window.parent` only, and only to
 * the configured parent origins (never `'*'`); incoming ones are accepted only
 * from `window.parent` at an allow-listed origin.
 */
import * as z from 'zod/mini';
import type { Disposer } from './copilot-connection.js';

export const HOST_PROTOCOL = 'acw';
export const HOST_VERSION = 1;

/** What the workspace accepts from a host, said in its `ready`. */
export const HOST_COMMANDS = ['hello', 'get-state', 'set-theme', 'set-auth', 'set-locale'] as const;

/** workspace → host */
export type HostMessage =
  | { type: 'ready'; accepts: readonly string[] }
  /** `code`: why, as a code (e.g. `token-expired`); `server`: the server's own words */
  | { type: 'connection-changed'; phase: string; code?: string; server?: string }
  | { type: 'insert-text'; text: string; tileId?: string }
  | { type: 'unread'; count: number }
  /** the agent submitted the wrap-up (docs/PROTOCOL.md §9.1), to hosts whose hello accepts it */
  | { type: 'wrap-up'; summary: string; code?: string; label?: string };

/** host → workspace */
export const HostCommand = z.discriminatedUnion('type', [
  z.object({
    protocol: z.literal(HOST_PROTOCOL),
    version: z.literal(HOST_VERSION),
    type: z.literal('set-theme'),
    theme: z.enum(['light', 'dark', 'auto']),
  }),
  z.object({
    protocol: z.literal(HOST_PROTOCOL),
    version: z.literal(HOST_VERSION),
    type: z.literal('get-state'),
  }),
  /** a fresh signed link token (JWT) for the same session: the workspace joins again with it */
  z.object({
    protocol: z.literal(HOST_PROTOCOL),
    version: z.literal(HOST_VERSION),
    type: z.literal('set-auth'),
    auth: z.string().check(z.minLength(1), z.maxLength(8192)),
  }),
  /** the agent's language (a BCP 47 tag; the workspace picks the nearest it has) */
  z.object({
    protocol: z.literal(HOST_PROTOCOL),
    version: z.literal(HOST_VERSION),
    type: z.literal('set-locale'),
    locale: z.string().check(z.minLength(1), z.maxLength(35)),
  }),
  /** the host speaks this bridge, and takes these messages (e.g. `insert-text`) */
  z.object({
    protocol: z.literal(HOST_PROTOCOL),
    version: z.literal(HOST_VERSION),
    type: z.literal('hello'),
    accepts: z.array(z.string().check(z.maxLength(64))).check(z.maxLength(32)),
  }),
]);
export type HostCommand = z.infer<typeof HostCommand>;

export interface HostBridgeOptions {
  /** the workspace's window (its `parent` is the host) */
  window: Window;
  /** exact origins the host page may have */
  parentOrigins: readonly string[];
  onCommand: (command: HostCommand) => void;
}

export class HostBridge {
  readonly #win: Window;
  readonly #origins: readonly string[];
  readonly #off: Disposer;

  constructor(options: HostBridgeOptions) {
    this.#win = options.window;
    this.#origins = options.parentOrigins;
    const listener = (e: MessageEvent) => {
      if (e.source !== this.#win.parent || this.#win.parent === this.#win) return;
      if (!this.#origins.includes(e.origin)) return;
      const r = HostCommand.safeParse(e.data);
      if (r.success) options.onCommand(r.data);
    };
    this.#win.addEventListener('message', listener);
    this.#off = () => this.#win.removeEventListener('message', listener);
  }

  /** Is there a parent page to talk to? */
  get framed(): boolean {
    return this.#win.parent !== this.#win;
  }

  /**
   * Where the parent is, when the browser says (`location.ancestorOrigins`,
   * else the referrer): that origin if it is allowed, else nowhere. When the
   * browser cannot say, every allowed origin: postMessage then delivers only
   * where the parent's actual origin matches, so nothing reaches another page.
   */
  #targets(): readonly string[] {
    const known = this.#win.location.ancestorOrigins?.[0];
    if (known && known !== 'null') return this.#origins.includes(known) ? [known] : [];
    try {
      const referrer = new URL(this.#win.document.referrer).origin;
      if (this.#origins.includes(referrer)) return [referrer];
    } catch {
      /* no referrer */
    }
    return this.#origins;
  }

  /** Posts to the parent page, at allowed origins only (never `'*'`). */
  post(message: HostMessage): void {
    if (!this.framed) return;
    const data = { protocol: HOST_PROTOCOL, version: HOST_VERSION, ...message };
    for (const origin of this.#targets()) {
      try {
        this.#win.parent.postMessage(data, origin);
      } catch {
        /* a malformed origin never gets here (parseOrigins), but never throw into the caller */
      }
    }
  }

  dispose(): void {
    this.#off();
  }
}
