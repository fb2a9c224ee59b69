import { type PropertyValues, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { AcwDiagnosticEvent } from '../events/events.js';
import { tileFrameHtml } from '../transport/tile-bridge.js';
import { tileDocument } from '../transport/tile-sdk.js';
import { frameTileStyles } from '../styles/tokens.js';
import { defineElement } from './internal/define.js';
import { TileFrameController, tileThemeOf } from '../controllers/tile-frame-controller.js';
import { tileFrameUrl } from '../controllers/tile-frame.js';
import { AcwTileElement } from './tile-element.js';
import { messages as m } from '../i18n/messages.js';

/**
 * An `html` tile (docs/PROTOCOL.md §5, §8): the tile's HTML runs in a sandboxed frame
 * (`allow-scripts allow-forms allow-popups`, never `allow-same-origin`), with
 * the tile SDK installed before the author's scripts. With `tile-frame` set,
 * the frame loads that document (served with its own CSP) and receives the
 * HTML by postMessage; otherwise the HTML is loaded from a `blob:` URL (never
 * `srcdoc`, whose base URL would be the workspace URL with its tokens), which
 * inherits the page's CSP. The document is rebuilt only when the HTML changes.
 *
 * @summary Sandboxed HTML tile with the tile SDK.
 * @fires acw-postback - the tile called `SDK.postback(value)`
 * @fires acw-insert-text-requested - the tile posted `replyBoxContent`, or the agent chose Insert
 * @fires acw-message-sent - the tile called `SDK.sendMessage(text)`
 * @csspart frame - the tile iframe
 * @csspart tile - the tile card
 * @csspart header - the tile header
 * @csspart body - the tile body
 * @cssprop --acw-color-accent - agent messages, primary actions
 * @cssprop --acw-color-border - hairlines
 * @cssprop --acw-color-danger - errors, failed replies
 * @cssprop --acw-color-focus - focus rings
 * @cssprop --acw-color-on-accent - text on the accent
 * @cssprop --acw-color-surface - tile surface
 * @cssprop --acw-color-text - body text
 * @cssprop --acw-color-text-muted - meta text (speaker, time)
 * @cssprop --acw-font-family - all text
 * @cssprop --acw-font-size - base size
 * @cssprop --acw-line-height - base line height
 * @cssprop --acw-radius - tile corners
 * @cssprop --acw-space - gaps inside tiles
 * @tagname acw-html-tile
 */
export class AcwHtmlTile extends AcwTileElement {
  static override styles = [
    ...AcwTileElement.styles,
    frameTileStyles,
    css`
      .blocked {
        margin: 0;
        padding-block: 8px;
        padding-inline: 12px;
        font-size: 12px;
        color: var(--acw-color-danger, #b42318);
      }
    `,
  ];

  /** The tile's HTML document (body or whole document). */
  @property({ attribute: false }) html = '';
  /** Posted raw into the tile after it loads and whenever it changes. */
  @property({ attribute: false }) metadata: unknown;
  /** `sendTileData` payloads for this tile, oldest first. */
  @property({ attribute: false }) tileData: readonly unknown[] = [];
  /**
   * URL (template) of the tile-frame document; `{tile}` is replaced by a
   * per-tile DNS label, so tiles on hosts that are separate sites also run in
   * separate processes (a tile that loops cannot freeze the others). Empty:
   * a `blob:` document.
   */
  @property({ attribute: 'tile-frame' }) tileFrame = '';
  /** The workspace theme (`light`, `dark`, `auto`): the tile's document gets it (color-scheme, tokens). */
  @property() theme = 'auto';

  /** the page's CSP blocked this tile's `blob:` document (the frame stays grey): said on screen */
  @state() private cspBlocked = false;

  /**
   * A `blob:` tile document is the page's own: a page whose CSP does not allow
   * `frame-src blob:` (the README snippet on a strict page) gets grey frames.
   * The tile says what the integrator must add, and the workspace hears a
   * diagnostic once per tile.
   */
  readonly #onViolation = (e: SecurityPolicyViolationEvent): void => {
    if (this.tileFrame || this.cspBlocked) return;
    if (!e.blockedURI.startsWith('blob')) return;
    if (!/^(frame-src|child-src|default-src)$/.test(e.effectiveDirective)) return;
    this.cspBlocked = true;
    this.dispatchEvent(
      new AcwDiagnosticEvent({
        kind: 'csp-blocked',
        event: 'tile-frame',
        problem:
          "the page's Content-Security-Policy blocks blob: frames: add frame-src blob: or set the tile-frame attribute",
        dropped: 0,
      }),
    );
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.ownerDocument.addEventListener('securitypolicyviolation', this.#onViolation);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ownerDocument.removeEventListener('securitypolicyviolation', this.#onViolation);
  }

  readonly #frames = new TileFrameController(
    this,
    () => this.tileId,
    () => '*', // the frame has an opaque origin, which cannot be named
  );

  protected override renderBody() {
    if (!this.html) {
      this.#frames.clear();
      return nothing;
    }
    // a new document only when the HTML (or the frame mode) changes
    const src = this.tileFrame ? tileFrameUrl(this.tileFrame, this.tileId) : '';
    const frame = this.#frames.frame(`${src}\u0000${this.html}`, () => ({
      title: '',
      sandbox: 'allow-scripts allow-forms allow-popups',
      allow: 'clipboard-write',
      referrerPolicy: 'origin',
      ...(src
        ? { src, onLoad: (e: Event) => this.#onFrameLoad(e) }
        : { document: tileDocument(this.html) }),
    }));
    frame.title = m.tileFrameTitle(this.displayTitle);
    return this.cspBlocked
      ? html`<p class="blocked" role="alert">${m.tileFrameBlocked()}</p>
          ${frame}`
      : frame;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // the theme first, so a tile paints its data in the workspace's colours
    this.#frames.setTheme(() => tileThemeOf(this, this.theme));
    if (changed.has('metadata')) this.#frames.setMetadata(this.metadata);
    if (changed.has('tileData')) this.#frames.setData(this.tileData);
  }

  /** frames that already got their HTML: writing it fires `load` again, which must not re-send */
  #handedOff = new WeakSet<HTMLIFrameElement>();

  /** tile-frame mode: the frame document is up; hand it the HTML, once per frame. */
  #onFrameLoad(e: Event): void {
    const frame = e.currentTarget as HTMLIFrameElement;
    if (this.#handedOff.has(frame)) return;
    this.#handedOff.add(frame);
    this.#frames.post(tileFrameHtml(this.html));
  }
}

defineElement('acw-html-tile', AcwHtmlTile);

declare global {
  interface HTMLElementTagNameMap {
    'acw-html-tile': AcwHtmlTile;
  }
}
