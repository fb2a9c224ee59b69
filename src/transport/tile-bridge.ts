/**
 * postMessage between a tile frame and the workspace (PROTOCOL §6). A message
 * is accepted only when `event.source` is that tile's own window, and only in
 * one of the known shapes; everything else is ignored.
 */
import * as z from 'zod/mini';
import { ENVELOPE_FLAG, TILE_FRAME_FLAG } from './tile-sdk.js';
import type { Disposer } from './copilot-connection.js';

const Envelope = z.object({
  [ENVELOPE_FLAG]: z.literal(true),
  workspaceEvent: z.looseObject({
    type: z.string().check(z.maxLength(64)),
    payload: z.optional(z.unknown()),
    requestId: z.optional(z.string().check(z.maxLength(128))),
  }),
});

/** Plain messages that tiles written for the Cognigy workspace post. */
const ReplyBoxContent = z.looseObject({ type: z.literal('replyBoxContent'), content: z.string() });

export type TileRequest =
  | { kind: 'lifecycle'; type: 'sdk-loaded' | 'ready' | 'frame-loaded' }
  | { kind: 'postback'; payload: unknown; requestId: string | undefined }
  | { kind: 'sendMessage'; text: string }
  | { kind: 'replyBoxContent'; content: string };

const MAX_TEXT = 10_000;

/** Reads one message a tile posted; `undefined` for anything that is not a tile request. */
export function parseTileMessage(data: unknown): TileRequest | undefined {
  const env = Envelope.safeParse(data);
  if (env.success) {
    const { type, payload, requestId } = env.data.workspaceEvent;
    switch (type) {
      case 'sdk-loaded':
      case 'ready':
      case 'frame-loaded':
        return { kind: 'lifecycle', type };
      case 'postback':
        return { kind: 'postback', payload, requestId };
      case 'sendMessage': {
        const text = (payload as { text?: unknown } | undefined)?.text;
        return typeof text === 'string' && text.trim()
          ? { kind: 'sendMessage', text: text.slice(0, MAX_TEXT) }
          : undefined;
      }
      case 'replyBoxContent': {
        const content = (payload as { content?: unknown } | undefined)?.content ?? payload;
        return typeof content === 'string'
          ? { kind: 'replyBoxContent', content: content.slice(0, MAX_TEXT) }
          : undefined;
      }
      default:
        return undefined;
    }
  }
  const plain = ReplyBoxContent.safeParse(data);
  if (plain.success)
    return { kind: 'replyBoxContent', content: plain.data.content.slice(0, MAX_TEXT) };
  return undefined;
}

/**
 * Listens for requests from ONE tile frame: `frame()` names the tile's
 * current window; messages from any other source are ignored.
 */
export function listenToTile(
  host: Window,
  frame: () => Window | null | undefined,
  onRequest: (request: TileRequest) => void,
): Disposer {
  const listener = (event: MessageEvent) => {
    const source = frame();
    if (!source || event.source !== source) return;
    const request = parseTileMessage(event.data);
    if (request) onRequest(request);
  };
  host.addEventListener('message', listener);
  return () => host.removeEventListener('message', listener);
}

/** Workspace → tile: an envelope (postback answers). */
export function envelope(type: string, payload?: unknown, requestId?: string): object {
  const workspaceEvent: Record<string, unknown> = { type };
  if (payload !== undefined) workspaceEvent.payload = payload;
  if (requestId !== undefined) workspaceEvent.requestId = requestId;
  return { [ENVELOPE_FLAG]: true, workspaceEvent };
}

/** Workspace → tile-frame document: the tile HTML to write. */
export function tileFrameHtml(html: string): object {
  return { [TILE_FRAME_FLAG]: 1, html };
}

/**
 * Posts to a tile window. Sandboxed html tiles have an opaque origin that
 * cannot be named, so they get `'*'` (the window reference itself is the
 * address); iframe tiles get their URL's origin.
 */
export function postToTile(
  target: Window | null | undefined,
  message: unknown,
  targetOrigin = '*',
): boolean {
  if (!target) return false;
  try {
    target.postMessage(message, targetOrigin);
    return true;
  } catch {
    return false; // e.g. a structured-clone error on odd metadata
  }
}
