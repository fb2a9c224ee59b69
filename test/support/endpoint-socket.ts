// A socket.io client of the reference endpoint, as the node tests use one:
// websocket only, no reconnection, acks awaited with a timeout.
import assert from 'node:assert/strict';
import { io, type Socket } from 'socket.io-client';

/** Emits `event` and resolves its ack (5 s at most). */
export function emitAck(socket: Socket, event: string, payload: unknown): Promise<unknown> {
  return socket.timeout(5000).emitWithAck(event, payload);
}

/** A socket joined to the session `key` (the join acknowledged with `null`), and every frame it hears. */
export async function joinedSocket(
  url: string,
  key: object,
): Promise<{ socket: Socket; frames: { event: string; payload: unknown }[] }> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  const frames: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => frames.push({ event, payload }));
  assert.equal(await emitAck(socket, 'join', key), null);
  return { socket, frames };
}
