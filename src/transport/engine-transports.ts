/**
 * The engine.io transports a connection asks for, handed to socket.io as
 * implementations (engine.io's `transportImplementations`), so that the
 * script carries only what is used. WebSocket, the default, is in the
 * script; long-polling and WebTransport, which only a `transports` attribute
 * asks for (docs/PROTOCOL.md §2), are loaded the first time one is asked
 * for: in the single script from its sibling file `acw-transports.js`, in
 * the ES build as a chunk. (The single script's build leaves engine.io's own
 * name → transport table empty: see vite.config.ts.)
 */
import { WebSocket, type ManagerOptions } from 'socket.io-client';
import type { TransportName } from './types.js';
import { SINGLE_SCRIPT, importSibling } from './sibling.js';

/** A transport implementation, as engine.io takes it. */
export type TransportImplementation = NonNullable<
  ManagerOptions['transportImplementations']
>[number];

type Extra = typeof import('./engine-transports-extra.js');

let extra: Promise<Extra> | undefined;

function loadExtra(): Promise<Extra> {
  extra ??= (
    SINGLE_SCRIPT
      ? importSibling<Extra>('acw-transports.js')
      : import('./engine-transports-extra.js')
  ).catch((e: unknown) => {
    extra = undefined; // a later connection tries again
    throw e;
  });
  return extra;
}

/**
 * The implementations of `names`, in their order: at once (no promise) when
 * only WebSocket is asked for, else once the other transports are loaded.
 */
export function transportImplementations(
  names: readonly TransportName[],
): TransportImplementation[] | Promise<TransportImplementation[]> {
  const pick = (x: Partial<Extra>): TransportImplementation[] =>
    names.map(
      (n) =>
        (n === 'polling' ? x.XHR : n === 'webtransport' ? x.WebTransport : WebSocket) ?? WebSocket,
    );
  if (names.every((n) => n === 'websocket')) return pick({});
  return loadExtra().then(pick);
}
