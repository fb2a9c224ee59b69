// Browser-side handle on the real socket.io servers of socket-server-plugin.mjs.
import { executeServerCommand } from '@web/test-runner-commands';

export interface Behavior {
  joinError?: string | null | { code: string; reason: string };
  joinAck?: 'answer' | 'never';
  /** `hold`: replies are acknowledged only when the test calls {@link TestServer.release} */
  messageAck?: 'ok' | 'never' | 'hold' | string;
  /** refuse this many replies first, as too many (code rate-limited) */
  rateLimited?: number;
  postbackAck?: 'ok' | 'never' | string;
  replay?: { event: string; payload: unknown }[];
}

export interface Received {
  event: string;
  payload: unknown;
}

export class TestServer {
  private constructor(
    readonly id: number,
    readonly url: string,
  ) {}

  static async start(behavior: Behavior = {}): Promise<TestServer> {
    const r = (await executeServerCommand('sio', { op: 'start', behavior })) as {
      id: number;
      url: string;
    };
    return new TestServer(r.id, r.url);
  }

  #op(op: string, extra: Record<string, unknown> = {}): Promise<unknown> {
    return executeServerCommand('sio', { op, id: this.id, ...extra });
  }

  behave(behavior: Behavior) {
    return this.#op('behave', { behavior });
  }
  emit(event: string, payload: unknown) {
    return this.#op('emit', { event, payload });
  }
  /** emits many frames in order, as fast as the server can */
  emitMany(frames: { event: string; payload: unknown }[]) {
    return this.#op('emit-many', { frames: JSON.stringify(frames) });
  }
  async received(event?: string): Promise<Received[]> {
    const all = (await this.#op('received')) as Received[];
    return event ? all.filter((r) => r.event === event) : all;
  }
  /** acknowledges the replies held back (`messageAck: 'hold'`) so far, oldest first */
  release() {
    return this.#op('release');
  }
  clients() {
    return this.#op('clients') as Promise<{
      connected: number;
      connections: number;
      transports: string[];
    }>;
  }
  /** closes every client transport; clients reconnect by themselves */
  drop() {
    return this.#op('drop');
  }
  /** stops listening (as a crashed endpoint) */
  down() {
    return this.#op('down');
  }
  /** listens again on the same port */
  up() {
    return this.#op('up');
  }
  stop() {
    return this.#op('stop');
  }
}
