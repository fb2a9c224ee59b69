import { type PropertyValues, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { frameTileStyles } from '../styles/tokens.js';
import { tileUrl } from '../transport/url.js';
import { defineElement } from './internal/define.js';
import { TileFrameController } from '../controllers/tile-frame-controller.js';
import { AcwTileElement } from './tile-element.js';
import { messages as m } from '../i18n/messages.js';
import { tileProblemText } from '../i18n/words.js';

/**
 * An `iframe` tile: a web page (http/https only) in a frame with no referrer;
 * metadata and `sendTileData` are posted to that page's origin after it loads.
 * The page may include the tile SDK and post back through the same envelope.
 *
 * @summary IFrame tile.
 * @fires acw-postback - the page posted back through the SDK envelope
 * @fires acw-insert-text-requested - the page posted `replyBoxContent`
 * @csspart frame - the iframe
 * @csspart tile - the tile card
 * @csspart header - the tile header
 * @csspart body - the tile body
 * @cssprop --acw-color-accent - agent messages, primary actions
 * @cssprop --acw-color-border - hairlines
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
 * @tagname acw-iframe-tile
 */
export class AcwIframeTile extends AcwTileElement {
  static override styles = [
    ...AcwTileElement.styles,
    frameTileStyles,
    css`
      .message {
        padding: 12px;
        margin: 0;
      }
    `,
  ];

  @property() url = '';
  @property({ attribute: false }) metadata: unknown;
  @property({ attribute: false }) tileData: readonly unknown[] = [];

  readonly #frames = new TileFrameController(
    this,
    () => this.tileId,
    () => {
      const u = tileUrl(this.url);
      // a same-origin page is sandboxed to an opaque origin, which cannot be named
      return u.ok && u.url.origin !== window.location.origin ? u.url.origin : '*';
    },
  );

  protected override renderBody() {
    const u = tileUrl(this.url);
    if (!u.ok) {
      this.#frames.clear();
      return html`<p class="message muted">${m.cannotShowTile(tileProblemText(u.problem))}</p>`;
    }
    // A page of the workspace's own origin must not get allow-same-origin
    // together with allow-scripts: it could lift its own sandbox.
    const sameOrigin = u.url.origin === window.location.origin;
    const frame = this.#frames.frame(u.url.href, () => ({
      title: '',
      sandbox: `allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox${sameOrigin ? '' : ' allow-same-origin'}`,
      allow: 'clipboard-write',
      referrerPolicy: 'no-referrer',
      src: u.url.href,
      onLoad: () => this.#frames.markReady(),
    }));
    frame.title = m.tileFrameTitle(this.displayTitle);
    return frame;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('metadata')) this.#frames.setMetadata(this.metadata);
    if (changed.has('tileData')) this.#frames.setData(this.tileData);
  }
}

defineElement('acw-iframe-tile', AcwIframeTile);

declare global {
  interface HTMLElementTagNameMap {
    'acw-iframe-tile': AcwIframeTile;
  }
}
