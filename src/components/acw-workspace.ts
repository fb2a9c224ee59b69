import { LitElement, type PropertyValues, html, nothing } from 'lit';
import { ContextProvider } from '@lit/context';
import { property, query } from 'lit/decorators.js';
import { updateWhenLocaleChanges } from '@lit/localize';
import {
  CopilotConnection,
  type CopilotConnectionLike,
  type CopilotConnectionOptions,
  type PostbackRequest,
  type TransportName,
} from '../transport/copilot-connection.js';
import { isHttpUrl } from '../transport/url.js';
import { type SessionParams, readSessionParams } from '../transport/session-params.js';
import { type GenesysWidget, loadGenesysWidget, widgetKey } from '../transport/genesys-widget.js';
import { messages as m } from '../i18n/messages.js';
import { malformed, unknownTiles } from '../i18n/words.js';
import { workspaceContext } from '../state/context.js';
import { type Action, type WorkspaceState, unknownTileIds } from '../state/reduce.js';
import { WorkspaceController } from '../state/workspace-controller.js';
import {
  HostBridgeController,
  type WorkspaceCommand,
} from '../controllers/host-bridge-controller.js';
import { InsertController } from '../controllers/insert-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { LedgerController } from '../controllers/ledger-controller.js';
import { LEDGER_SEND_WINDOW_MS } from '../state/ledger.js';
import { RenderCoalescer } from '../controllers/render-coalescer.js';
import {
  AcwDiagnosticEvent,
  type AcwPostbackEvent,
  type AcwReplyRetryEvent,
  type AcwWrapUpSubmittedEvent,
} from '../events/events.js';
import { defineElement } from './internal/define.js';
import { statusScreen } from './internal/status-screens.js';
import { workspaceStyles } from './acw-workspace.styles.js';
import type { AcwGrid } from './acw-grid.js';
import './acw-grid.js';

export { TILE_SENDS } from '../controllers/insert-controller.js';

export type ConnectionFactory = (options: CopilotConnectionOptions) => CopilotConnectionLike;

const defaultFactory: ConnectionFactory = (o) => new CopilotConnection(o);

const TRANSPORTS: readonly TransportName[] = ['websocket', 'polling', 'webtransport'];

/**
 * The copilot workspace. Reads `userId`, `sessionId`, `URLToken` (and
 * optionally `auth`) from the page URL, connects to the copilot endpoint named
 * by the `endpoint` attribute, and renders the live tile grid.
 *
 * @summary Agent copilot workspace (root element).
 * @fires acw-connection-changed - the connection phase changed: `phase`, `reason`
 * @fires acw-diagnostic - a malformed frame was dropped: `diagnostic`
 * @fires acw-message-sent - the agent sent a reply: `text`
 * @fires acw-insert-text-requested - a tile asked to put `text` into the agent's reply box
 * @fires acw-ready - the workspace is up
 * @fires acw-unread-changed - customer messages that arrived while hidden: `count`
 * @fires acw-wrap-up-submitted - the agent's wrap-up was acknowledged: `summary`, `code`, `label`
 * @csspart status - the status screen shown instead of the grid
 * @csspart banner - the non-blocking reconnecting banner
 * @cssprop --acw-color-accent - agent messages, primary actions
 * @cssprop --acw-color-background - behind the tiles
 * @cssprop --acw-color-border - hairlines
 * @cssprop --acw-color-chip - redaction chip
 * @cssprop --acw-color-danger - errors, failed replies
 * @cssprop --acw-color-danger-surface - failed reply bubble
 * @cssprop --acw-color-focus - focus rings
 * @cssprop --acw-color-on-accent - text on the accent
 * @cssprop --acw-color-on-chip - redaction chip text
 * @cssprop --acw-color-on-warning - text on the banner
 * @cssprop --acw-color-success - success status
 * @cssprop --acw-color-surface - tile surface
 * @cssprop --acw-color-surface-muted - customer message bubbles
 * @cssprop --acw-color-text - body text
 * @cssprop --acw-color-text-muted - meta text (speaker, time)
 * @cssprop --acw-color-warning-surface - reconnecting banner
 * @cssprop --acw-font-family - all text
 * @cssprop --acw-font-size - base size
 * @cssprop --acw-line-height - base line height
 * @cssprop --acw-radius - tile corners
 * @cssprop --acw-space - gaps inside tiles
 * @tagname acw-workspace
 */
export class AcwWorkspace extends LitElement {
  static override styles = workspaceStyles;

  /** Base URL of the copilot endpoint (deployment configuration, never from the page URL). */
  @property() endpoint = '';

  /** `light` or `dark` to override `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;

  /**
   * The agent's language (a BCP 47 tag: `de`, `pt-BR`, `ar`…; the nearest
   * locale the workspace has). Chosen in this order: this attribute (or a
   * `lang` attribute the page put on the element), the `locale` and then the
   * `pcLangTag` parameter of the URL, the host's `set-locale`, the browser's
   * languages, English. Changing it re-renders without reconnecting. The
   * element then carries the `lang` and `dir` it renders in.
   */
  @property() locale: string | undefined;

  /** Comma-separated engine.io transports; `websocket` by default. */
  @property() transports = 'websocket';

  /**
   * URL of the tile-frame document html tiles load (served with a
   * tile-appropriate CSP); empty: tiles load a `blob:` document, which
   * inherits this page's CSP (it then needs `frame-src blob:`).
   */
  @property({ attribute: 'tile-frame' }) tileFrame = '';

  /**
   * Space-separated exact origins of the page that may embed this workspace
   * (docs/PROTOCOL.md §9): host-bridge messages go to these only, and only messages
   * from `window.parent` at one of them are accepted.
   */
  @property({ attribute: 'host-origins' }) hostOrigins = '';

  /**
   * Lets tiles send replies to the customer themselves (`SDK.sendMessage`).
   * Off by default: tile HTML is third-party content rendered from flow
   * output, so a tile's message becomes a draft in the reply box and the agent
   * presses Send. On, a tile may send at most 2 replies in 10 s (more become
   * drafts), and the transcript marks each as sent by that tile.
   */
  @property({ type: Boolean, attribute: 'tile-send' }) tileSend = false;

  /** Optional backend access token for the socket handshake (configured by the host page). */
  @property({ attribute: false }) accessToken: string | undefined;

  /** The query string to read the session from; defaults to this page's URL. */
  @property({ attribute: false }) search: string | undefined;

  /**
   * How long after an Insert the agent's replies are checked for the inserted
   * text (the suggestion ledger, docs/PROTOCOL.md §5.8), ms.
   */
  @property({ attribute: false }) ledgerSendWindowMs = LEDGER_SEND_WINDOW_MS;

  /** Creates the connection; tests and demos may inject their own. */
  @property({ attribute: false }) connectionFactory: ConnectionFactory = defaultFactory;

  constructor() {
    super();
    updateWhenLocaleChanges(this); // the agent's language changed: render again, nothing else
  }

  readonly #controller = new WorkspaceController(this, (s, a) => this.#onStateChange(s, a));
  readonly #provider = new ContextProvider(this, {
    context: workspaceContext,
    initialValue: this.#controller.state,
  });
  readonly #host = new HostBridgeController(this, {
    origins: () => this.hostOrigins,
    state: () => this.#controller.state,
    dispatch: (a) => this.#controller.dispatch(a),
    onCommand: (c) => this.#onHostCommand(c),
  });
  readonly #locale = new LocaleController(this, {
    locale: () => this.locale,
    search: () => this.search ?? window.location.search,
  });
  readonly #inserts = new InsertController(this, {
    state: () => this.#controller.state,
    connection: () => this.#controller.connection,
    dispatch: (a) => this.#controller.dispatch(a),
    toGenesys: (text) => this.#proposeToGenesys(text),
    toHost: (text, tileId) => this.#host.insertText(text, tileId),
    toReplyBox: (text) => this.grid?.insertIntoReply(text) ?? false,
    tileSend: () => this.tileSend,
  });
  readonly #ledger = new LedgerController(this, {
    connection: () => this.#controller.connection,
    sendWindowMs: () => this.ledgerSendWindowMs,
  });
  readonly #renders = new RenderCoalescer();
  #started = false;
  /** the Interaction Widget parameters the SDK was (or is being) loaded for; '' when off */
  #widgetFor = '';
  #widget: GenesysWidget | undefined;
  /** a fresh link token the host sent (`set-auth`); it replaces the URL's `auth` */
  #auth: string | undefined;

  /** Customer messages that arrived while the workspace was hidden. */
  get unread(): number {
    return this.#controller.state.unread;
  }

  /** The current snapshot (read-only). */
  get state(): WorkspaceState {
    return this.#controller.state;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#start(); // re-attached to the document
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#started = false; // the controller released the connection
  }

  protected override firstUpdated(): void {
    this.#host.announceReady();
  }

  /**
   * The first paint waits for the agent's language (a sibling file, loaded
   * once; bounded); later, bursts render once a frame (see {@link RenderCoalescer}).
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (this.hasUpdated) await this.#renders.beforeUpdate();
    else {
      this.#locale.choose();
      await this.#locale.ready();
    }
    super.scheduleUpdate();
  }

  #onHostCommand(c: WorkspaceCommand): void {
    switch (c.type) {
      case 'set-theme':
        this.theme = c.theme === 'auto' ? undefined : c.theme;
        return;
      case 'set-auth':
        // a fresh token for the same session: join again with it, no reload
        this.#auth = c.auth;
        this.#start();
        return;
      case 'set-locale':
        this.#locale.setHostLocale(c.locale);
        return;
      default: {
        const never: never = c;
        return never;
      }
    }
  }

  @query('acw-grid') private grid!: AcwGrid | null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const relevant = [
      'endpoint',
      'search',
      'transports',
      'accessToken',
      'connectionFactory',
    ] as const;
    if (!this.#started || relevant.some((k) => changed.has(k))) this.#start();
    if (this.hasUpdated && (changed.has('locale') || changed.has('search'))) this.#locale.choose();
    // the tiles see the newest state once per render (a burst is one render)
    this.#provider.setValue(this.#controller.state);
  }

  /**
   * Genesys Interaction Widget mode (docs/PROTOCOL.md §9.4), from the URL: the SDK loads
   * once per host origin and environment, before any click (the proposal must be made
   * inside the agent's click); until it is there, or when it cannot start (one
   * `genesys-widget` diagnostic), inserts go where they would go without it.
   */
  #startWidget(search: string): void {
    const key = widgetKey(search);
    if (key === this.#widgetFor) return;
    this.#widgetFor = key;
    this.#widget = undefined;
    this.#controller.dispatch({ type: 'genesys-widget', ready: false });
    if (!key) return;
    loadGenesysWidget(search).then(
      (widget) => {
        if (this.#widgetFor !== key) return;
        this.#widget = widget;
        this.#controller.dispatch({ type: 'genesys-widget', ready: true });
      },
      (e: unknown) => {
        if (this.#widgetFor === key) this.#widgetProblem(e);
      },
    );
  }

  #widgetProblem(e: unknown): void {
    this.dispatchEvent(
      new AcwDiagnosticEvent({
        kind: 'genesys-widget',
        event: 'genesys-widget',
        problem: `Genesys Interaction Widget mode is off: ${e instanceof Error ? e.message : String(e)}`,
        dropped: this.#controller.state.diagnostics.dropped,
      }),
    );
  }

  #proposeToGenesys(text: string): boolean {
    try {
      this.#widget?.propose(text);
      return this.#widget !== undefined;
    } catch (e) {
      this.#widgetProblem(e);
      return false;
    }
  }

  /** (Re)starts the session from the current configuration. */
  #start(): void {
    this.#started = true;
    const search = this.search ?? window.location.search;
    this.#startWidget(search);
    const parsed = readSessionParams(search);
    if (!parsed.ok) {
      this.#controller.reset({ type: 'params-invalid', problems: parsed.problems });
      return;
    }
    if (!this.endpoint || !isHttpUrl(this.endpoint)) {
      this.#controller.reset({
        type: 'unconfigured',
        code: this.endpoint ? 'endpoint-not-http' : 'no-endpoint',
      });
      return;
    }
    const params =
      this.#auth === undefined ? parsed.params : { ...parsed.params, auth: this.#auth };
    this.#controller.attach(this.connectionFactory(this.#options(params)));
  }

  #options(params: SessionParams): CopilotConnectionOptions {
    const transports = this.transports
      .split(',')
      .map((t) => t.trim())
      .filter((t): t is TransportName => (TRANSPORTS as readonly string[]).includes(t));
    const options: CopilotConnectionOptions = {
      endpoint: this.endpoint,
      params,
      transports: transports.length ? transports : ['websocket'],
    };
    if (this.accessToken) options.accessToken = this.accessToken;
    return options;
  }

  #onStateChange(state: WorkspaceState, action: Action): void {
    if (action.type === 'diagnostic') this.dispatchEvent(new AcwDiagnosticEvent(action.diagnostic));
    if (action.type === 'tileUpdate') this.#ledger.tileUpdate(action.update);
    this.#host.stateChanged(state);
  }

  #onPostback(e: AcwPostbackEvent): void {
    e.stopPropagation();
    const connection = this.#controller.connection;
    if (!connection) {
      e.respond({ ok: false, problem: { code: 'closed' } });
      return;
    }
    // stamped with the tile the event came from (never the tile's own claim) and who sent it
    const sender = e.kind === 'workspace' ? 'workspace' : 'tile';
    const request: PostbackRequest =
      e.kind === 'card'
        ? { id: e.tileId, action: e.action, tileId: e.tileId, sender }
        : { action: e.action, tileId: e.tileId, sender };
    void connection.sendPostback(request).then(e.respond);
  }

  /** The wrap-up went out: a host that takes it hears of it (the event goes on to the page). */
  #onWrapUpSubmitted = (e: AcwWrapUpSubmittedEvent): void => {
    const message: { summary: string; code?: string; label?: string } = { summary: e.summary };
    if (e.code !== undefined) message.code = e.code;
    if (e.label !== undefined) message.label = e.label;
    this.#host.wrapUp(message);
  };

  #onReplyRetry(e: AcwReplyRetryEvent): void {
    e.stopPropagation();
    this.#controller.connection?.resend(e.clientMessageId);
  }

  #retry = (): void => {
    this.#controller.connection?.retry();
  };

  override render() {
    const s = this.#controller.state;
    return statusScreen(s.connection, this.#retry) ?? this.#renderWorkspace(s);
  }

  #renderWorkspace(s: WorkspaceState) {
    const paused = s.connection.phase === 'reconnecting';
    const unknown = unknownTileIds(s);
    const empty = !s.layoutFromServer && s.transcripts.size === 0;
    return html`<div
        role="status"
        class=${paused ? 'bar banner' : 'sr-only'}
        part=${paused ? 'banner' : ''}
      >
        ${paused ? m.banner() : m.connected()}
      </div>
      ${
        empty
          ? html`<section class="status" part="status">
              <h2>${m.connected()}</h2>
              <p>${m.waitingFirstTiles()}</p>
            </section>`
          : html`<acw-grid
              tile-frame=${this.tileFrame}
              theme=${this.theme ?? 'auto'}
              @acw-message-sent=${this.#inserts.onMessageSent}
              @acw-reply-retry=${this.#onReplyRetry}
              @acw-postback=${this.#onPostback}
              @acw-insert-text-requested=${this.#inserts.onInsertText}
              @acw-ledger=${this.#ledger.onFact}
              @acw-wrap-up-submitted=${this.#onWrapUpSubmitted}
            ></acw-grid>`
      }
      ${
        unknown.length > 0 || s.diagnostics.dropped > 0
          ? html`<div class="bar notes">
              ${unknown.length > 0 ? html`<span>${unknownTiles(unknown.length)}</span>` : nothing}
              ${
                s.diagnostics.dropped > 0
                  ? html`<span>${malformed(s.diagnostics.dropped)}</span>`
                  : nothing
              }
            </div>`
          : nothing
      }`;
  }
}

defineElement('acw-workspace', AcwWorkspace);

declare global {
  interface HTMLElementTagNameMap {
    'acw-workspace': AcwWorkspace;
  }
}
