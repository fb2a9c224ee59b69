import { LitElement, type PropertyValues, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { tileFrameHtml } from '../transport/tile-bridge.js';
import { tileDocument } from '../transport/tile-sdk.js';
import { baseStyles, frameTileStyles, tileStyles } from '../styles/tokens.js';
import { defineElement } from './define.js';
import { tileHeader } from './tile-header.js';
import { TileFrameController } from './tile-frame-controller.js';
import { type CopyMethod, copyText } from './clipboard.js';
import { AcwInsertTextRequestedEvent } from './events.js';
import { FrameSlot, createTileFrame, tileFrameUrl } from './tile-frame.js';

/**
 * An `html` tile (PROTOCOL §5, §6): the tile's HTML runs in a sandboxed frame
 * (`allow-scripts allow-forms allow-popups`, never `allow-same-origin`), with
 * the tile SDK installed before the author's scripts. With `tile-frame` set,
 * the frame loads that document (served with its own CSP) and receives the
 * HTML by postMessage; otherwise the HTML is loaded from a `blob:` URL (never
 * `srcdoc`, whose base URL would be the workspace URL with its tokens), which
 * inherits the page's CSP. The document is rebuilt only when the HTML changes.
 *
 * @summary Sandboxed HTML tile with the tile SDK.
 * @fires acw-postback - the tile called `SDK.postback(value)`
 * @fires acw-insert-text-requested - the tile posted `replyBoxContent`
 * @fires acw-message-sent - the tile called `SDK.sendMessage(text)`
 * @csspart frame - the tile iframe
 * @tagname acw-html-tile
 */
export class AcwHtmlTile extends LitElement {
  static override styles = [
    baseStyles,
    tileStyles,
    frameTileStyles,
    css`
      .action {
        font-size: 12px;
        padding-block: 1px;
        padding-inline: 8px;
      }
      .copied {
        font-size: 12px;
        color: var(--acw-color-text-muted, #57606a);
      }
      .manual-copy {
        margin: 8px;
        font: inherit;
        min-block-size: 3em;
      }
    `,
  ];

  @property({ attribute: 'tile-id' }) tileId = '';
  @property() heading = '';
  /** The tile's HTML document (body or whole document). */
  @property({ attribute: false }) html = '';
  /** Posted raw into the tile after it loads and whenever it changes. */
  @property({ attribute: false }) metadata: unknown;
  /** A suggested reply: the header then offers Copy and Insert into reply. */
  @property({ attribute: false }) suggestion: string | undefined;
  /** `sendTileData` payloads for this tile, oldest first. */
  @property({ attribute: false }) tileData: readonly unknown[] = [];
  /**
   * URL (template) of the tile-frame document; `{tile}` is replaced by a
   * per-tile DNS label, so tiles on hosts that are separate sites also run in
   * separate processes (a tile that loops cannot freeze the others). Empty:
   * a `blob:` document.
   */
  @property({ attribute: 'tile-frame' }) tileFrame = '';

  readonly #bridge = new TileFrameController(
    this,
    () => this.tileId,
    () => '*', // the frame has an opaque origin, which cannot be named
  );

  readonly #slot = new FrameSlot();

  /** The tile shows its header only (the tile document stays loaded). */
  @property({ type: Boolean, reflect: true }) collapsed = false;

  #toggle = () => {
    this.collapsed = !this.collapsed;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    // moved in the DOM: a moved iframe reloads anyway; give it a fresh frame with its document
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#slot.clear(); // releases the frame's blob: document
  }

  override render() {
    const heading = this.heading || this.tileId;
    let frame: HTMLIFrameElement | undefined;
    if (this.html) {
      // a new document only when the HTML (or the frame mode) changes
      const src = this.tileFrame ? tileFrameUrl(this.tileFrame, this.tileId) : '';
      frame = this.#slot.get(`${src}\u0000${this.html}`, () =>
        createTileFrame({
          title: '',
          sandbox: 'allow-scripts allow-forms allow-popups',
          allow: 'clipboard-write',
          referrerPolicy: 'origin',
          ...(this.tileFrame
            ? { src, onLoad: (e: Event) => this.#onFrameLoad(e) }
            : { document: tileDocument(this.html) }),
        }),
      );
      frame.title = `${heading} tile`;
    } else {
      this.#slot.clear();
    }
    return html`<section class="tile ${this.collapsed ? 'collapsed' : ''}" aria-labelledby="title">
      ${tileHeader(
        heading,
        this.collapsed,
        this.#toggle,
        this.suggestion
          ? html`<span class="copied" role="status">${this.copyNote}</span>
              <button type="button" class="action" @click=${this.#copy}>Copy</button>
              <button type="button" class="action" @click=${this.#insert}>
                Insert into reply
              </button>`
          : nothing,
      )}
      ${
        this.suggestion
          ? html`<textarea
              class="manual-copy"
              aria-label="Suggestion to copy"
              readonly
              ?hidden=${!this.manualCopy}
            ></textarea>`
          : nothing
      }
      <div class="body" id="body">${frame ?? nothing}</div>
    </section>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.#bridge.setFrame(this.#slot.frame);
    if (changed.has('metadata')) this.#bridge.setMetadata(this.metadata);
    if (changed.has('tileData')) this.#bridge.setData(this.tileData);
  }

  /** what the last copy did, for the agent */
  @state() private copyNote = '';
  @state() private manualCopy = false;
  @query('textarea.manual-copy') private manualArea!: HTMLTextAreaElement | null;

  /** How the last copy went (for tests and diagnostics). */
  lastCopy: CopyMethod | undefined;

  async #copy(): Promise<void> {
    const text = this.suggestion ?? '';
    const method = await copyText(
      text,
      this.renderRoot as ShadowRoot,
      this.manualArea ?? undefined,
    );
    this.lastCopy = method;
    this.manualCopy = method === 'manual';
    this.copyNote = method === 'manual' ? 'Copying is blocked here: press Ctrl+C' : 'Copied';
  }

  #insert(): void {
    if (this.suggestion)
      this.dispatchEvent(new AcwInsertTextRequestedEvent(this.suggestion, this.tileId));
  }

  /** frames that already got their HTML: writing it fires `load` again, which must not re-send */
  #handedOff = new WeakSet<HTMLIFrameElement>();

  /** tile-frame mode: the frame document is up; hand it the HTML, once per frame. */
  #onFrameLoad(e: Event): void {
    const frame = e.currentTarget as HTMLIFrameElement;
    if (this.#handedOff.has(frame)) return;
    this.#handedOff.add(frame);
    this.#bridge.post(tileFrameHtml(this.html));
  }
}

defineElement('acw-html-tile', AcwHtmlTile);

declare global {
  interface HTMLElementTagNameMap {
    'acw-html-tile': AcwHtmlTile;
  }
}
