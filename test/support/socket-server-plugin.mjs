// A web-test-runner plugin that gives browser tests real socket.io servers to
// talk to. Tests drive them with `executeServerCommand('sio', { op, ... })`.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const ECHO_PAGE = `<!doctype html><html lang="en"><title>echo</title><body>echo page<script>
  var loadId = Math.random().toString(36).slice(2);
  window.addEventListener('message', function (e) {
    if (e.source !== parent) return;
    if (e.data && e.data.type === 'toggleButton') return;
    parent.postMessage({ echo: e.data, loadId: loadId, origin: e.origin }, '*');
  });
  parent.postMessage({ hello: true, loadId: loadId, referrer: document.referrer }, '*');
  if (location.search === '?postback') {
    parent.postMessage({ __INTER_FRAME_SOCKET_MESSAGE: true, workspaceEvent: { type: 'postback', payload: 'from-page' } }, '*');
  }
</script></body></html>`;

/** @typedef {{ joinError?: string | null, joinAck?: 'answer' | 'never', messageAck?: 'ok' | 'never' | 'hold' | string, replay?: { event: string, payload: unknown }[] }} Behavior */

class FakeEndpoint {
  /** @param {Behavior} behavior */
  constructor(behavior = {}) {
    this.behavior = {
      joinError: null,
      joinAck: 'answer',
      messageAck: 'ok',
      replay: [],
      ...behavior,
    };
    this.received = [];
    /** acks of replies held back (messageAck 'hold'), oldest first */
    this.held = [];
    this.connections = 0;
    this.http = createServer((req, res) => {
      // a page on ANOTHER origin than the test page, for iframe tiles
      if (req.url?.startsWith('/echo.html')) {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(ECHO_PAGE);
      }
    });
    this.io = this.#attach();
  }

  #attach() {
    const io = new Server(this.http, { cors: { origin: true } });
    io.on('connection', (socket) => {
      this.connections += 1;
      socket.onAny((event, ...args) => {
        const ack = typeof args.at(-1) === 'function' ? args.pop() : undefined;
        this.received.push({ event, payload: args[0] ?? null });
        if (event === 'join') {
          if (this.behavior.joinAck === 'never') return;
          ack?.(this.behavior.joinError);
          if (!this.behavior.joinError)
            for (const f of this.behavior.replay) socket.emit(f.event, f.payload);
        } else if (event === 'sendMessage') {
          // the first `rateLimited` replies are refused as too many (the reference endpoint's code)
          if ((this.behavior.rateLimited ?? 0) > 0) {
            this.behavior.rateLimited -= 1;
            ack?.({ code: 'rate-limited', reason: 'Too many messages.', retryAfterMs: 20 });
            return;
          }
          const a = this.behavior.messageAck;
          if (a === 'never') return;
          // 'hold': the ack waits until the test releases it (op 'release')
          if (a === 'hold') return void (ack && this.held.push(ack));
          ack?.(a === 'ok' ? null : a);
        } else if (event === 'sendPostbackAction') {
          const a = this.behavior.postbackAck;
          if (a === 'never') return;
          ack?.(a === 'ok' ? null : a);
        } else {
          ack?.(null);
        }
      });
    });
    return io;
  }

  listen(port = 0) {
    return new Promise((resolve) =>
      this.http.listen(port, '127.0.0.1', () => resolve(this.http.address().port)),
    );
  }

  close() {
    return new Promise((resolve) => {
      this.io.close(() => resolve());
      this.http.closeAllConnections();
    });
  }
}

export function socketServerPlugin() {
  /** @type {Map<number, FakeEndpoint>} */
  const servers = new Map();
  let next = 1;
  return {
    name: 'acw-socket-server',
    async executeCommand({ command, payload }) {
      if (command !== 'sio') return undefined;
      const { op, id } = payload;
      const s = servers.get(id);
      switch (op) {
        case 'start': {
          const server = new FakeEndpoint(payload.behavior);
          const port = await server.listen();
          const sid = next++;
          server.port = port;
          servers.set(sid, server);
          return { id: sid, url: `http://127.0.0.1:${port}` };
        }
        case 'behave':
          Object.assign(s.behavior, payload.behavior);
          return true;
        case 'emit':
          s.io.emit(payload.event, payload.payload);
          return true;
        case 'emit-many':
          // frames as JSON text: own keys such as "__proto__" stay own keys
          for (const f of JSON.parse(payload.frames)) s.io.emit(f.event, f.payload);
          return true;
        case 'received':
          return s.received;
        case 'release':
          // acknowledges the replies held back so far, oldest first
          for (const ack of s.held.splice(0)) ack(null);
          return true;
        case 'clients':
          return {
            connected: s.io.sockets.sockets.size,
            connections: s.connections,
            // each connected socket's engine.io transport (polling, websocket, …)
            transports: [...s.io.sockets.sockets.values()].map((x) => x.conn.transport.name),
          };
        case 'drop':
          // close the transport: clients see "transport close" and reconnect by themselves
          for (const socket of s.io.sockets.sockets.values()) socket.conn.close();
          return true;
        case 'down':
          await s.close();
          return true;
        case 'up': {
          const server = new FakeEndpoint(s.behavior);
          server.received = s.received;
          server.connections = s.connections;
          await server.listen(s.port);
          server.port = s.port;
          servers.set(id, server);
          return true;
        }
        case 'stop':
          servers.delete(id);
          await s?.close();
          return true;
        default:
          throw new Error(`unknown sio op ${op}`);
      }
    },
    async serverStop() {
      await Promise.all([...servers.values()].map((s) => s.close()));
      servers.clear();
    },
  };
}
