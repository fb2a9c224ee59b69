/**
 * The socket handlers of the reference endpoint (PROTOCOL §3): `join` (with
 * authentication), `sendMessage` and `sendPostbackAction`, each validated and
 * acknowledged.
 */
import type { Server, Socket } from 'socket.io';
import { JoinPayload, PostbackPayload, SendMessagePayload } from '../../src/transport/protocol.js';
import { onPostback } from '../flow.js';
import type { Session } from '../session.js';
import { type SessionKey, keyString } from '../store.js';
import { authenticate } from './auth.js';
import type { Registry } from './registry.js';

export function roomOf(key: SessionKey): string {
  return `s:${keyString(key)}`;
}

type Ack = (...args: unknown[]) => void;
const ackOf = (ack: unknown): Ack => (typeof ack === 'function' ? (ack as Ack) : () => {});

export function attachSocketHandlers(
  io: Server,
  registry: Registry,
  log: (line: string) => void,
): void {
  io.on('connection', (socket: Socket) => {
    let joined: { key: SessionKey; session: Session } | undefined;

    socket.on('join', async (raw: unknown, ack: unknown) => {
      const reply = ackOf(ack);
      const p = JoinPayload.safeParse(raw);
      if (!p.success)
        return reply(
          'The join request is malformed (URLToken, sessionId and userId are required).',
        );
      const { URLToken, userId, sessionId } = p.data;
      const endpoint = registry.endpoint(URLToken);
      if (!endpoint)
        return reply('Unknown endpoint: this URLToken is not configured on the copilot endpoint.');
      if (endpoint.settings.copilotType === 'none')
        return reply('Agent Copilot is not enabled on this endpoint.');
      const key = { URLToken, userId, sessionId };
      const auth = await authenticate(endpoint, key, p.data.auth);
      if (!auth.ok) return reply(auth.reason);
      const session = registry.session(key);
      if (!session) return reply('Unknown endpoint.');
      if (joined) void socket.leave(roomOf(joined.key));
      joined = { key, session };
      void socket.join(roomOf(key));
      reply(null);
      for (const f of session.replayFrames()) socket.emit(f.event, f.payload);
      registry.runner(key)?.play();
      log(`join: session with ${session.messages.length} messages`);
    });

    socket.on('sendMessage', (raw: unknown, ack: unknown) => {
      const reply = ackOf(ack);
      if (!joined) return reply('Join a session first.');
      const p = SendMessagePayload.safeParse(raw);
      if (!p.success) return reply('The reply is malformed.');
      if (!joined.session.settings.enableTranscriptTileChatInput) {
        return reply('Replying from the workspace is disabled on this endpoint.');
      }
      const { duplicate } = joined.session.agentReply(p.data.text, p.data.clientMessageId);
      reply(null);
      if (!duplicate) registry.runner(joined.key)?.onAgentReply();
    });

    socket.on('sendPostbackAction', (raw: unknown, ack: unknown) => {
      const reply = ackOf(ack);
      if (!joined) return reply('Join a session first.');
      const p = PostbackPayload.safeParse(raw);
      if (!p.success) return reply('The postback is malformed.');
      const { URLToken, userId, sessionId } = p.data;
      if (keyString({ URLToken, userId, sessionId }) !== keyString(joined.key)) {
        return reply('The postback names another session.');
      }
      joined.session.recordPostback(p.data);
      const endpoint = registry.endpoint(joined.key.URLToken);
      reply(endpoint?.demoScript ? onPostback(joined.session, p.data) : null);
    });
  });
}
