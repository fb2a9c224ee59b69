import { LitElement, type PropertyValues, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { baseStyles, frameTileStyles, tileStyles } from '../styles/tokens.js';
import { defineElement } from './define.js';
import { tileHeader } from './tile-header.js';
import { TileFrameController } from './tile-frame-controller.js';
import { FrameSlot, createTileFrame } from './tile-frame.js';

/** The URL when it is http(s), else why not. */
export function tileUrl(value: unknown): { ok: true; url: URL } | { ok: false; reason: string } {
  if (typeof value !== 'string' || value.trim() === '')
    return { ok: false, reason: 'This tile has no URL.' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'This tile’s URL is not a valid address.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      reason: `This tile’s URL uses “${url.protocol}”; only http and https pages are shown.`,
    };
  }
  return { ok: true, url };
}

/**
 * An `iframe` tile: a web page (http/https only) in a frame with no referrer;
 * metadata and `sendTileData` are posted to that page's origin after it loads.
 * The page may include the tile SDK and post back through the same envelope.
 *
 * @summary IFrame tile.
 * @fires acw-postback - the page posted back through the SDK envelope
 * @fires acw-insert-text-requested - the page posted `replyBoxContent`
 * @csspart frame - the iframe
 * @tagname acw-iframe-tile
 */
export class AcwIframeTile extends LitElement {
  static override styles = [
    baseStyles,
    tileStyles,
    frameTileStyles,
    css`
      .body.message {
        padding: 12px;
      }
    `,
  ];

  @property({ attribute: 'tile-id' }) tileId = '';
  @property() heading = '';
  @property() url = '';
  @property({ attribute: false }) metadata: unknown;
  @property({ attribute: false }) tileData: readonly unknown[] = [];

  readonly #slot = new FrameSlot();

  readonly #bridge = new TileFrameController(
    this,
    () => this.tileId,
    () => {
      const u = tileUrl(this.url);
      // a same-origin page is sandboxed to an opaque origin, which cannot be named
      return u.ok && u.url.origin !== window.location.origin ? u.url.origin : '*';
    },
  );

  /** The tile shows its header only. */
  @property({ type: Boolean, reflect: true }) collapsed = false;

  #toggle = () => {
    this.collapsed = !this.collapsed;
  };

  override render() {
    const u = tileUrl(this.url);
    const title = this.heading || this.tileId;
    if (!u.ok) {
      this.#slot.clear();
      return html`<section
        class="tile ${this.collapsed ? 'collapsed' : ''}"
        aria-labelledby="title"
      >
        ${tileHeader(title, this.collapsed, this.#toggle)}
        <div class="body message" id="body"><p class="muted">${u.reason}</p></div>
      </section>`;
    }
    // A page of the workspace's own origin must not get allow-same-origin
    // together with allow-scripts: it could lift its own sandbox.
    const sameOrigin = u.url.origin === window.location.origin;
    const frame = this.#slot.get(u.url.href, () =>
      createTileFrame({
        title: '',
        sandbox: `allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox${sameOrigin ? '' : ' allow-same-origin'}`,
        allow: 'clipboard-write',
        referrerPolicy: 'no-referrer',
        src: u.url.href,
        onLoad: () => this.#bridge.markReady(),
      }),
    );
    frame.title = `${title} tile`;
    return html`<section class="tile ${this.collapsed ? 'collapsed' : ''}" aria-labelledby="title">
      ${tileHeader(title, this.collapsed, this.#toggle)}
      <div class="body" id="body">${frame}</div>
    </section>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.#bridge.setFrame(this.#slot.frame);
    if (changed.has('metadata')) this.#bridge.setMetadata(this.metadata);
    if (changed.has('tileData')) this.#bridge.setData(this.tileData);
  }
}

defineElement('acw-iframe-tile', AcwIframeTile);

declare global {
  interface HTMLElementTagNameMap {
    'acw-iframe-tile': AcwIframeTile;
  }
}
