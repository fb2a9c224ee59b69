// A CopilotConnectionLike the tests drive by hand.
import type {
  PostbackRequest,
  PostbackResult,
  ConnectionEventMap,
  CopilotConnectionLike,
  CopilotConnectionOptions,
  Listener,
} from '../../src/transport/copilot-connection.js';

export class FakeConnection implements CopilotConnectionLike {
  readonly listeners = new Map<string, Set<Listener<never>>>();
  readonly sent: string[] = [];
  readonly resent: string[] = [];
  connects = 0;
  retries = 0;
  disposed = false;
  #n = 0;

  constructor(readonly options?: CopilotConnectionOptions) {}

  connect() {
    this.connects += 1;
  }
  retry() {
    this.retries += 1;
  }
  sendMessage(text: string) {
    this.sent.push(text);
    const id = `c-${++this.#n}`;
    this.emit('reply', { clientMessageId: id, text, state: 'pending' });
    return id;
  }
  resend(id: string) {
    this.resent.push(id);
  }
  readonly postbacks: { request: PostbackRequest; settle: (r: PostbackResult) => void }[] = [];
  sendPostback(request: PostbackRequest) {
    return new Promise<PostbackResult>((settle) => this.postbacks.push({ request, settle }));
  }
  on<K extends keyof ConnectionEventMap>(type: K, l: Listener<ConnectionEventMap[K]>) {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(l as Listener<never>);
    return () => set.delete(l as Listener<never>);
  }
  dispose() {
    this.disposed = true;
    this.listeners.clear();
  }
  emit<K extends keyof ConnectionEventMap>(type: K, value: ConnectionEventMap[K]) {
    for (const l of this.listeners.get(type) ?? []) (l as Listener<ConnectionEventMap[K]>)(value);
  }
  /** connect + join in one go */
  goLive() {
    this.emit('status', { type: 'connecting' });
    this.emit('status', { type: 'joining' });
    this.emit('status', { type: 'joined' });
  }
}
