import { LitElement, type PropertyValues, css, html, nothing } from 'lit';
import { ContextProvider } from '@lit/context';
import { property, query } from 'lit/decorators.js';
import {
  CopilotConnection,
  type CopilotConnectionLike,
  type CopilotConnectionOptions,
  type PostbackRequest,
} from '../transport/copilot-connection.js';
import { isHttpUrl } from '../transport/url.js';
import { messages as m } from '../i18n/messages.js';
import { directionOf, pickLocale, useLocale } from '../i18n/locale.js';
import { malformed, paramProblemText } from '../i18n/words.js';
import { updateWhenLocaleChanges } from '@lit/localize';
import { type SessionParams, readSessionParams } from '../transport/session-params.js';
import { workspaceContext } from '../state/context.js';
import { type Action, type WorkspaceState, insertTarget, unknownTileIds } from '../state/reduce.js';
import { WorkspaceController } from '../state/workspace-controller.js';
import {
  HostBridgeController,
  type WorkspaceCommand,
} from '../controllers/host-bridge-controller.js';
import { baseStyles, themeTokens } from '../styles/tokens.js';
import { defineElement } from './define.js';
import {
  AcwDiagnosticEvent,
  AcwInsertTextRequestedEvent,
  type AcwMessageSentEvent,
  type InsertTarget,
  type AcwPostbackEvent,
  type AcwReplyRetryEvent,
} from './events.js';
import type { AcwGrid } from './acw-grid.js';
import { AcwTileElement } from './tile-element.js';
import { RateLimit } from '../state/rate-limit.js';
import './acw-grid.js';

/** The next task: whatever the network has already queued runs first. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}

/** The next animation frame, or 100 ms when the page draws none (hidden). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The server's own words, marked as the server's (never translated: shown as given). */
function serverSaid(text: string | undefined) {
  return text === undefined
    ? nothing
    : html`<p class="server">${m.serverSaid()} <q>${text}</q></p>`;
}

/** How many replies a tile may send on its own (with `tile-send`), in what time. */
export const TILE_SENDS = { max: 2, windowMs: 10_000 } as const;

export type ConnectionFactory = (options: CopilotConnectionOptions) => CopilotConnectionLike;

const defaultFactory: ConnectionFactory = (o) => new CopilotConnection(o);

const TRANSPORTS = ['websocket', 'polling', 'webtransport'] as const;
type TransportName = (typeof TRANSPORTS)[number];

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
 * @cssprop --acw-color-accent - the accent (agent messages, primary actions)
 * @cssprop --acw-color-background - behind the tiles
 * @cssprop --acw-color-surface - tile surface
 * @cssprop --acw-color-text - body text
 * @cssprop --acw-font-family - font stack
 * @csspart status - the status screen shown instead of the grid
 * @csspart banner - the non-blocking reconnecting banner
 * @tagname acw-workspace
 */
export class AcwWorkspace extends LitElement {
  static override styles = [
    themeTokens,
    baseStyles,
    css`
      :host {
        position: relative;
        block-size: 100%;
        min-block-size: 240px;
        background: var(--acw-color-background, #f3f4f6);
        display: flex;
        flex-direction: column;
        overflow: hidden;
      }
      acw-grid {
        flex: 1;
        min-block-size: 0;
      }
      .status {
        margin: auto;
        max-inline-size: 46ch;
        padding: 24px;
        text-align: center;
      }
      .status h2 {
        font-size: 16px;
        margin-block: 0 8px;
      }
      .status p,
      .status ul {
        margin-block: 0 12px;
        color: var(--acw-color-text-muted, #57606a);
      }
      .status ul {
        text-align: start;
        padding-inline-start: 20px;
      }
      .status.error h2 {
        color: var(--acw-color-danger, #b42318);
      }
      .status code {
        font-family: ui-monospace, monospace;
        color: var(--acw-color-text, #1b1f24);
      }
      .status[aria-busy='true'] h2::before {
        content: '';
        display: inline-block;
        inline-size: 8px;
        block-size: 8px;
        margin-inline-end: 8px;
        border-radius: 50%;
        background: var(--acw-color-accent, #0b5cad);
        vertical-align: middle;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
        align-items: center;
        padding-block: 4px;
        padding-inline: 12px;
        font-size: 12px;
      }
      .banner {
        background: var(--acw-color-warning-surface, #fff4d6);
        color: var(--acw-color-on-warning, #5c3d00);
        border-block-end: 1px solid var(--acw-color-border, #d0d7de);
      }
      .notes {
        color: var(--acw-color-text-muted, #57606a);
        border-block-start: 1px solid var(--acw-color-border, #d0d7de);
        background: var(--acw-color-surface, #fff);
      }
      .notes code {
        font-family: ui-monospace, monospace;
        color: var(--acw-color-text, #1b1f24);
      }
    `,
  ];

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
  #started = false;
  /** the locale the host asked for (`set-locale`) */
  #hostLocale: string | undefined;
  /** the `lang` the page gave the element, before the workspace set its own */
  #pageLang: string | null | undefined;
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
    // once: on a later connect (the element moved) `lang` is the one the workspace set itself
    if (this.#pageLang === undefined) this.#pageLang = this.getAttribute('lang');
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
   * Bursts are coalesced into one render per animation frame: a voice call
   * can stream hundreds of updates a second, each its own socket.io frame,
   * and the state takes each at once while the screen is drawn once a frame:
   * the first update of a frame renders after the frames already queued, a
   * later one with the next frame.
   * A hidden page has no frames; a timer stands in for them there.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (this.hasUpdated) {
      // the frames already queued join this render; a second render in one frame waits for the next
      await (this.#renderedInFrame ? nextFrame() : nextTask());
      if (!this.#renderedInFrame) {
        this.#renderedInFrame = true;
        requestAnimationFrame(() => (this.#renderedInFrame = false));
      }
    }
    super.scheduleUpdate();
  }

  #renderedInFrame = false;

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
        this.#hostLocale = c.locale;
        this.#chooseLocale();
        return;
      default: {
        const never: never = c;
        return never;
      }
    }
  }

  /**
   * A tile asked to put text into the agent's reply box: the page may take it
   * (a listener that cancels the public event); else a host that said it
   * takes `insert-text`; else the chat tile's own reply box. The tile is told
   * where it went.
   */
  #onInsertText(e: AcwInsertTextRequestedEvent): void {
    e.stopPropagation();
    e.respond(this.#insert(e.text, e.tileId));
  }

  #insert(text: string, tileId: string): InsertTarget {
    if (!this.dispatchEvent(new AcwInsertTextRequestedEvent(text, tileId))) return 'page';
    const target = insertTarget(this.#controller.state);
    if (target === 'host') this.#host.insertText(text, tileId);
    else if (target === 'reply-box' && !this.grid?.insertIntoReply(text)) return 'none';
    return target;
  }

  /** per tile, how many replies it may send on its own (with `tile-send`) */
  readonly #tileSends = new RateLimit(TILE_SENDS.max, TILE_SENDS.windowMs);

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
    if (!this.hasUpdated || changed.has('locale') || changed.has('search')) this.#chooseLocale();
    // the tiles see the newest state once per render (a burst is one render)
    this.#provider.setValue(this.#controller.state);
  }

  /** The agent's language, in the documented order (see {@link locale}); applied to the whole page. */
  #chooseLocale(): void {
    const query = new URLSearchParams(this.search ?? window.location.search);
    const locale = pickLocale([
      this.locale,
      this.#pageLang,
      query.get('locale'),
      query.get('pcLangTag'),
      this.#hostLocale,
      ...navigator.languages,
    ]);
    this.lang = locale;
    this.dir = directionOf(locale);
    void useLocale(locale);
  }

  /** (Re)starts the session from the current configuration. */
  #start(): void {
    this.#started = true;
    const parsed = readSessionParams(this.search ?? window.location.search);
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
    this.#host.stateChanged(state);
  }

  /**
   * A reply to send. The agent's goes out. A tile's (`SDK.sendMessage`) never
   * speaks for the agent on its own: it becomes a draft in the reply box (the
   * insert path), unless the deployment set `tile-send`; then it goes out,
   * limited per tile, and the transcript marks it as sent by that tile.
   */
  #onMessageSent(e: AcwMessageSentEvent): void {
    const connection = this.#controller.connection;
    if (e.tileId === undefined) {
      connection?.sendMessage(e.text);
      return;
    }
    e.stopPropagation(); // not the agent's: the page hears of it as an insert request, or not at all
    const tile = e.composedPath()[0];
    const note = (where: Parameters<AcwTileElement['noteInsert']>[0]) => {
      if (tile instanceof AcwTileElement) tile.noteInsert(where);
    };
    if (this.tileSend && connection && this.#tileSends.take(e.tileId)) {
      const clientMessageId = connection.sendMessage(e.text);
      this.#controller.dispatch({ type: 'tile-reply', clientMessageId, tileId: e.tileId });
      note('sent');
      return;
    }
    note(this.#insert(e.text, e.tileId));
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

  #onReplyRetry(e: AcwReplyRetryEvent): void {
    e.stopPropagation();
    this.#controller.connection?.resend(e.clientMessageId);
  }

  #retry = (): void => {
    this.#controller.connection?.retry();
  };

  override render() {
    const s = this.#controller.state;
    const c = s.connection;
    switch (c.phase) {
      case 'invalid-params':
        return html`<section class="status error" part="status" role="alert">
          <h2>${m.linkIncomplete()}</h2>
          <p>${m.checkParams()}</p>
          <ul>
            ${(c.problems ?? []).map((p) => html`<li><code>${p.param}</code>: ${paramProblemText(p)}</li>`)}
          </ul>
        </section>`;
      case 'unconfigured':
        return html`<section class="status error" part="status" role="alert">
          <h2>${m.notSetUp()}</h2>
          <p>
            ${c.code === 'endpoint-not-http' ? m.endpointNotHttp() : m.noEndpoint()}
            ${m.setEndpoint()}
          </p>
        </section>`;
      case 'connecting':
      case 'joining':
        return html`<section class="status" part="status" role="status" aria-busy="true">
          <h2>${c.phase === 'connecting' ? m.connecting() : m.joining()}</h2>
        </section>`;
      case 'join-refused':
        if (c.code === 'token-expired')
          return html`<section class="status error" part="status" role="alert">
            <h2>${m.linkExpired()}</h2>
            <p>${m.linkExpiredHelp()}</p>
            ${serverSaid(c.server)}
          </section>`;
        if (c.code === 'copilot-whisper' || c.code === 'copilot-off')
          return html`<section class="status" part="status" role="alert">
            <h2>${c.code === 'copilot-whisper' ? m.whisperTitle() : m.offTitle()}</h2>
            <p>${c.code === 'copilot-whisper' ? m.whisperHelp() : m.offHelp()}</p>
            ${serverSaid(c.server)}
          </section>`;
        return html`<section class="status error" part="status" role="alert">
          <h2>${m.refusedTitle()}</h2>
          ${c.code === 'no-answer' ? html`<p>${m.problemNoAnswer()}</p>` : serverSaid(c.server)}
          <p>${m.refusedHelp()}</p>
          <button class="primary" @click=${this.#retry}>${m.tryAgain()}</button>
        </section>`;
      case 'failed':
        return html`<section class="status error" part="status" role="alert">
          <h2>${m.cannotConnect()}</h2>
          <p>
            ${c.code === 'connect-refused' ? m.problemConnectRefused() : m.problemUnreachable()}
            ${m.keepsTrying()}
          </p>
          ${serverSaid(c.server)}
          <button class="primary" @click=${this.#retry}>${m.retryNow()}</button>
        </section>`;
      case 'closed':
        return html`<section class="status" part="status" role="status">
          <h2>${m.disconnected()}</h2>
        </section>`;
      case 'live':
      case 'reconnecting':
        return this.#renderWorkspace(s);
      default: {
        const never: never = c.phase;
        return never;
      }
    }
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
              @acw-message-sent=${this.#onMessageSent}
              @acw-reply-retry=${this.#onReplyRetry}
              @acw-postback=${this.#onPostback}
              @acw-insert-text-requested=${this.#onInsertText}
            ></acw-grid>`
      }
      ${
        unknown.length > 0 || s.diagnostics.dropped > 0
          ? html`<div class="bar notes">
              ${
                unknown.length > 0
                  ? html`<span
                      >${m.unknownTiles()}
                      ${unknown.map((id, i) => html`${i ? ', ' : ''}<code>${id}</code>`)}</span
                    >`
                  : nothing
              }
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
