import { LitElement, type TemplateResult, html, nothing, svg } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { baseStyles, tileStyles } from '../styles/tokens.js';
import { type CopyMethod, copyText } from './clipboard.js';
import { AcwInsertTextRequestedEvent, type InsertTarget } from './events.js';

const INSERT_NOTES: Record<InsertTarget | 'too-many' | 'sent', string> = {
  page: 'Inserted into your reply',
  host: 'Inserted in the agent desktop',
  'reply-box': 'Inserted into the reply below',
  none: 'No reply box: use Copy',
  'too-many': 'Too many requests from this tile',
  sent: 'Sent to the customer by this tile',
};

const chevron = svg`<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false"><path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" stroke-width="1.6"/></svg>`;

/**
 * The one shell every tile is built from: a labelled section with a header
 * (title, the tile's own actions, Copy and Insert for a suggestion, the
 * collapse button) and a body. A tile type only writes its body
 * ({@link renderBody}) and, if it has any, its actions ({@link renderActions}).
 *
 * Parts: `tile` (the card), `header`, `body`, `collapse`.
 */
export abstract class AcwTileElement extends LitElement {
  static override styles = [baseStyles, tileStyles];

  /** The tile id from the layout. */
  @property({ attribute: 'tile-id' }) tileId = '';

  /** Title shown in the header (the tile id when empty). */
  @property() heading = '';

  /** The tile shows its header only (its body, a tile document included, stays alive). */
  @property({ type: Boolean, reflect: true }) collapsed = false;

  /** A suggested reply (extension): the header then offers Copy, and Insert into reply. */
  @property({ attribute: false }) suggestion: string | undefined;

  /** There is a reply box to insert into (the host's or a chat tile's): Insert is offered. */
  @property({ type: Boolean, attribute: 'can-insert' }) canInsert = false;

  /** What the last copy did, for the agent. */
  @state() private copyNote = '';
  @state() private manualCopy = false;
  @query('textarea.manual-copy') private manualArea!: HTMLTextAreaElement | null;

  /** How the last copy went (for tests and diagnostics). */
  lastCopy: CopyMethod | undefined;

  /** The title the header shows and the section is labelled by. */
  protected get displayTitle(): string {
    return this.heading || this.tileId;
  }

  /** The tile's content. */
  protected abstract renderBody(): unknown;

  /** The tile's own header actions, before the shared ones. */
  protected renderActions(): unknown {
    return nothing;
  }

  override render(): TemplateResult {
    const title = this.displayTitle;
    return html`<section
      class="tile ${this.collapsed ? 'collapsed' : ''}"
      part="tile"
      aria-labelledby="title"
    >
      <div class="head" part="header">
        <h2 id="title">${title}</h2>
        ${this.renderActions()}${this.#suggestionActions()}
        <button
          type="button"
          class="collapse ${this.collapsed ? 'is-collapsed' : ''}"
          part="collapse"
          aria-expanded=${this.collapsed ? 'false' : 'true'}
          aria-controls="body"
          @click=${this.#toggle}
        >
          ${chevron}<span class="sr-only">${this.collapsed ? 'Expand' : 'Collapse'} ${title}</span>
        </button>
      </div>
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
      <div class="body" id="body" part="body">${this.renderBody()}</div>
    </section>`;
  }

  #toggle = () => {
    this.collapsed = !this.collapsed;
  };

  #suggestionActions() {
    if (!this.suggestion) return nothing;
    return html`<span class="copied" role="status">${this.copyNote}</span>
      <button type="button" class="action" @click=${this.#copy}>Copy</button>
      ${
        this.canInsert
          ? html`<button type="button" class="action" @click=${this.#insert}>
              Insert into reply
            </button>`
          : nothing
      }`;
  }

  /** Shows the agent where inserted text went (the tile's own requests included). */
  noteInsert(where: InsertTarget | 'too-many' | 'sent'): void {
    this.copyNote = INSERT_NOTES[where];
  }

  async #copy(): Promise<void> {
    const method = await copyText(
      this.suggestion ?? '',
      this.renderRoot as ShadowRoot,
      this.manualArea ?? undefined,
    );
    this.lastCopy = method;
    this.manualCopy = method === 'manual';
    this.copyNote = method === 'manual' ? 'Copying is blocked here: press Ctrl+C' : 'Copied';
  }

  #insert(): void {
    if (!this.suggestion) return;
    this.dispatchEvent(
      new AcwInsertTextRequestedEvent(this.suggestion, this.tileId, (where) =>
        this.noteInsert(where),
      ),
    );
  }
}
