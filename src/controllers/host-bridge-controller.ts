import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  HOST_COMMANDS,
  type HostCommand,
  HostBridge,
  type HostMessage,
} from '../transport/host-bridge.js';
import { parseOrigins } from '../transport/url.js';
import type { Action, WorkspaceState } from '../state/reduce.js';
import {
  AcwConnectionChangedEvent,
  AcwReadyEvent,
  AcwUnreadChangedEvent,
} from '../events/events.js';

type Host = ReactiveControllerHost & HTMLElement;

/** The host commands the bridge controller does not answer itself: the workspace's to carry out. */
export type WorkspaceCommand = Exclude<HostCommand, { type: 'hello' | 'get-state' }>;

const READY: HostMessage = { type: 'ready', accepts: HOST_COMMANDS };

export interface HostBridgeControllerOptions {
  /** the allowed parent origins, as the `host-origins` attribute has them */
  origins: () => string;
  /** the current snapshot */
  state: () => WorkspaceState;
  /** feeds the reducer (visibility changes) */
  dispatch: (action: Action) => void;
  /** a command the host page sent that is not about the bridge itself */
  onCommand: (command: WorkspaceCommand) => void;
  /** the workspace's window (tests pass a frame's); default: this window */
  window?: Window;
}

/**
 * The workspace's side of its embedding (docs/PROTOCOL.md §9), for as long as it is
 * in the page: the host bridge to the parent page, and the same facts as DOM
 * events on the element (`acw-ready`, `acw-connection-changed`,
 * `acw-unread-changed`). It tells the reducer when the page is hidden or
 * shown (the unread count lives in the state) and reports what changed.
 */
export class HostBridgeController implements ReactiveController {
  readonly #host: Host;
  readonly #o: HostBridgeControllerOptions;
  #bridge: HostBridge | undefined;
  #origins: string | undefined;
  #phase: string | undefined;
  #unread = 0;
  readonly #onVisibility = () =>
    this.#o.dispatch({ type: 'visibility', visible: document.visibilityState === 'visible' });

  constructor(host: Host, options: HostBridgeControllerOptions) {
    this.#host = host;
    this.#o = options;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#onVisibility();
    this.#open();
  }

  hostUpdate(): void {
    if (this.#o.origins() !== this.#origins) this.#open(); // host-origins changed
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#bridge?.dispose();
    this.#bridge = undefined;
    this.#origins = undefined;
  }

  /** The workspace is up: tells the host page and the element's listeners. */
  announceReady(): void {
    this.#post(READY);
    this.#host.dispatchEvent(new AcwReadyEvent());
  }

  /** Reports what a new snapshot changed: the connection phase and the unread count. */
  stateChanged(state: WorkspaceState): void {
    const { phase, code, server } = state.connection;
    if (phase !== this.#phase) {
      this.#phase = phase;
      this.#postConnection(state);
      this.#host.dispatchEvent(new AcwConnectionChangedEvent(phase, code, server));
    }
    if (state.unread !== this.#unread) {
      this.#unread = state.unread;
      this.#post({ type: 'unread', count: state.unread });
      this.#host.dispatchEvent(new AcwUnreadChangedEvent(state.unread));
    }
  }

  /** The agent asked to put `text` into the host's reply box. */
  insertText(text: string, tileId: string): void {
    this.#post({ type: 'insert-text', text, tileId });
  }

  /** The agent submitted the wrap-up: to a host that said it takes `wrap-up`. */
  wrapUp(message: { summary: string; code?: string; label?: string }): void {
    if (this.#o.state().hostAccepts.includes('wrap-up'))
      this.#post({ type: 'wrap-up', ...message });
  }

  #open(): void {
    this.#bridge?.dispose();
    this.#origins = this.#o.origins();
    this.#bridge = new HostBridge({
      window: this.#o.window ?? window,
      parentOrigins: parseOrigins(this.#origins),
      onCommand: (c) => this.#onCommand(c),
    });
  }

  #onCommand(c: HostCommand): void {
    switch (c.type) {
      case 'hello':
        // a host that speaks the bridge: from now on it gets what it said it takes
        this.#o.dispatch({ type: 'host-hello', accepts: c.accepts });
        this.#post(READY);
        return;
      case 'get-state': {
        const state = this.#o.state();
        this.#post(READY);
        this.#postConnection(state);
        this.#post({ type: 'unread', count: state.unread });
        return;
      }
      default:
        this.#o.onCommand(c);
    }
  }

  #postConnection(state: WorkspaceState): void {
    const { phase, code, server } = state.connection;
    const message: HostMessage & { type: 'connection-changed' } = {
      type: 'connection-changed',
      phase,
    };
    if (code !== undefined) message.code = code;
    if (server !== undefined) message.server = server;
    this.#post(message);
  }

  #post(message: HostMessage): void {
    this.#bridge?.post(message);
  }
}
