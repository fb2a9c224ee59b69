/**
 * postMessage between a tile frame and the workspace (docs/PROTOCOL.md §8). A message
 * is accepted only when `event.source` is that tile's own window, and only in
 * one of the known shapes; everything else is ignored.
 */
import * as z from 'zod/mini';
import { ENVELOPE_FLAG, TILE_FRAME_FLAG } from './tile-sdk.js';
import type { Disposer } from './copilot-connection.js';

const MAX_TEXT = 10_000;
const text = z.string().check(z.maxLength(1_000_000));

/** The envelope every SDK message travels in. */
const Envelope = z.object({
  [ENVELOPE_FLAG]: z.literal(true),
  workspaceEvent: z.looseObject({
    type: z.string().check(z.maxLength(64)),
    payload: z.optional(z.unknown()),
    requestId: z.optional(z.string().check(z.maxLength(128))),
  }),
});

/** What a tile may ask for inside the envelope, by `type` (anything else is ignored). */
const TileEvent = z.discriminatedUnion('type', [
  z.looseObject({ type: z.enum(['sdk-loaded', 'ready', 'frame-loaded']) }),
  z.looseObject({
    type: z.literal('postback'),
    payload: z.optional(z.unknown()),
    requestId: z.optional(z.string()),
  }),
  z.looseObject({ type: z.literal('sendMessage'), payload: z.looseObject({ text }) }),
  z.looseObject({
    type: z.literal('replyBoxContent'),
    payload: z.union([text, z.looseObject({ content: text })]),
  }),
]);

/** Plain (unwrapped) messages that tiles written for the Cognigy workspace post. */
const ReplyBoxContent = z.looseObject({ type: z.literal('replyBoxContent'), content: text });

export type TileRequest =
  | { kind: 'lifecycle'; type: 'sdk-loaded' | 'ready' | 'frame-loaded' }
  | { kind: 'postback'; payload: unknown; requestId: string | undefined }
  | { kind: 'sendMessage'; text: string }
  | { kind: 'replyBoxContent'; content: string };

/** Reads one message a tile posted; `undefined` for anything that is not a tile request. */
export function parseTileMessage(data: unknown): TileRequest | undefined {
  const env = Envelope.safeParse(data);
  if (!env.success) {
    const plain = ReplyBoxContent.safeParse(data);
    return plain.success
      ? { kind: 'replyBoxContent', content: plain.data.content.slice(0, MAX_TEXT) }
      : undefined;
  }
  const e = TileEvent.safeParse(env.data.workspaceEvent);
  if (!e.success) return undefined;
  const event = e.data;
  switch (event.type) {
    case 'postback':
      return { kind: 'postback', payload: event.payload, requestId: event.requestId };
    case 'sendMessage': {
      const t = event.payload.text;
      return t.trim() ? { kind: 'sendMessage', text: t.slice(0, MAX_TEXT) } : undefined;
    }
    case 'replyBoxContent': {
      const content = typeof event.payload === 'string' ? event.payload : event.payload.content;
      return { kind: 'replyBoxContent', content: content.slice(0, MAX_TEXT) };
    }
    default:
      return { kind: 'lifecycle', type: event.type };
  }
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
