import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { baseStyles, tileStyles } from '../styles/tokens.js';
import { defineElement } from './define.js';
import { tileHeader } from './tile-header.js';

/**
 * A neutral tile: names the tile id, version and type it stands in for, or
 * says the tile is waiting for content.
 *
 * @summary Stand-in for tiles with no renderer (yet).
 * @tagname acw-placeholder-tile
 */
export class AcwPlaceholderTile extends LitElement {
  static override styles = [
    baseStyles,
    tileStyles,
    css`
      .body {
        display: flex;
        flex-direction: column;
        justify-content: center;
        gap: 4px;
      }
      p {
        margin: 0;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 2px 8px;
        margin: 0;
        font-size: 12px;
      }
      dt {
        color: var(--acw-color-text-muted, #57606a);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** Title shown in the tile header. */
  @property() heading = '';
  @property({ attribute: 'tile-id' }) tileId = '';
  /** The tile type; empty while the tile has no content yet. */
  @property({ attribute: 'tile-type' }) tileType = '';
  @property({ type: Number }) version: number | undefined;
  /** What the agent should know, in one line. */
  @property() message = '';

  /** The tile shows its header only. */
  @property({ type: Boolean, reflect: true }) collapsed = false;

  #toggle = () => {
    this.collapsed = !this.collapsed;
  };

  override render() {
    return html`<section class="tile ${this.collapsed ? 'collapsed' : ''}" aria-labelledby="title">
      ${tileHeader(this.heading || this.tileId, this.collapsed, this.#toggle)}
      <div class="body" id="body">
        <p class="muted">${this.message}</p>
        ${
          this.tileType
            ? html`<dl>
                <dt>Tile</dt>
                <dd>${this.tileId}</dd>
                <dt>Version</dt>
                <dd>${this.version ?? '–'}</dd>
                <dt>Type</dt>
                <dd>${this.tileType}</dd>
              </dl>`
            : ''
        }
      </div>
    </section>`;
  }
}

defineElement('acw-placeholder-tile', AcwPlaceholderTile);

declare global {
  interface HTMLElementTagNameMap {
    'acw-placeholder-tile': AcwPlaceholderTile;
  }
}
