import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { defineElement } from './internal/define.js';
import { AcwTileElement } from './tile-element.js';
import { messages as m } from '../i18n/messages.js';

/**
 * A neutral tile: names the tile id, version and type it stands in for, or
 * says the tile is waiting for content.
 *
 * @summary Stand-in for tiles with no renderer (yet).
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
 * @tagname acw-placeholder-tile
 */
export class AcwPlaceholderTile extends AcwTileElement {
  static override styles = [
    ...AcwTileElement.styles,
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

  /** The tile type; empty while the tile has no content yet. */
  @property({ attribute: 'tile-type' }) tileType = '';
  /** What the agent should know, in one line. */
  @property() message = '';

  protected override renderBody() {
    return html`<p class="muted">${this.message}</p>
      ${
        this.tileType
          ? html`<dl>
              <dt>${m.fieldTile()}</dt>
              <dd>${this.tileId}</dd>
              <dt>${m.fieldVersion()}</dt>
              <dd>${this.version ?? '–'}</dd>
              <dt>${m.fieldType()}</dt>
              <dd>${this.tileType}</dd>
            </dl>`
          : ''
      }`;
  }
}

defineElement('acw-placeholder-tile', AcwPlaceholderTile);

declare global {
  interface HTMLElementTagNameMap {
    'acw-placeholder-tile': AcwPlaceholderTile;
  }
}
