import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  ConnectionEventMap,
  CopilotConnectionLike,
  Disposer,
} from '../transport/copilot-connection.js';
import { type Action, type WorkspaceState, initialState, reduce } from './reduce.js';
import { TileVersions } from '../transport/tile-versions.js';

/**
 * Feeds transport events through the reducer. The host owns exactly one
 * controller; the controller owns at most one connection at a time and
 * releases it (listeners and socket) on disconnect or on {@link attach}.
 */
export class WorkspaceController implements ReactiveController {
  #state: WorkspaceState = initialState;
  #connection: CopilotConnectionLike | undefined;
  #disposers: Disposer[] = [];
  readonly #host: ReactiveControllerHost;
  readonly #onChange: (state: WorkspaceState, action: Action, previous: WorkspaceState) => void;

  constructor(
    host: ReactiveControllerHost,
    onChange: (state: WorkspaceState, action: Action, previous: WorkspaceState) => void = () => {},
  ) {
    this.#host = host;
    this.#onChange = onChange;
    host.addController(this);
  }

  get state(): WorkspaceState {
    return this.#state;
  }

  get connection(): CopilotConnectionLike | undefined {
    return this.#connection;
  }

  dispatch(action: Action): void {
    const previous = this.#state;
    const next = reduce(previous, action);
    if (next === previous) return;
    this.#state = next;
    this.#onChange(next, action, previous);
    this.#host.requestUpdate();
  }

  /** Starts a fresh session on `connection` (the previous one is released). */
  attach(connection: CopilotConnectionLike): void {
    this.detach();
    this.#state = this.#fresh();
    this.#connection = connection;
    const forward = <K extends keyof ConnectionEventMap>(
      type: K,
      toAction: (v: ConnectionEventMap[K]) => Action,
    ) => this.#disposers.push(connection.on(type, (v) => this.dispatch(toAction(v))));
    forward('status', (status) => ({ type: 'status', status }));
    forward('config', (layout) => ({ type: 'config', layout }));
    // where tile frames enter the state: each becomes a complete version, parsed once
    // (any connection: the workspace's own, or an integrator's connectionFactory)
    const versions = new TileVersions();
    forward('tileUpdate', (update) => ({ type: 'tileUpdate', update: versions.deliver(update) }));
    forward('reply', (reply) => ({ type: 'reply', reply, at: Date.now() }));
    forward('diagnostic', (diagnostic) => ({ type: 'diagnostic', diagnostic }));
    connection.connect();
  }

  /** Releases the connection; the state is kept so the screen does not flash. */
  detach(): void {
    for (const d of this.#disposers.splice(0)) d();
    this.#connection?.dispose();
    this.#connection = undefined;
  }

  /** Resets to a state that needs no connection (invalid URL, no endpoint). */
  reset(action: Action): void {
    this.detach();
    this.#state = this.#fresh();
    this.dispatch(action);
  }

  /** A new session's state; the page (visible or not, its host) is not the session's to forget. */
  #fresh(): WorkspaceState {
    const { visible, hostAccepts, genesysWidget } = this.#state;
    return { ...initialState, visible, hostAccepts, genesysWidget };
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.detach();
  }
}
