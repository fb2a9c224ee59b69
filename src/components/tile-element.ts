import { LitElement, type TemplateResult, html, nothing, svg } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { baseStyles, tileStyles } from '../styles/tokens.js';
import { type CopyMethod, copyText } from './internal/clipboard.js';
import type { PropertyValues } from 'lit';
import {
  AcwInsertTextRequestedEvent,
  AcwLedgerEvent,
  AcwPostbackEvent,
  type InsertTarget,
} from '../events/events.js';
import { SeenController } from '../controllers/seen-controller.js';
import type { InsertedWhere } from '../state/ledger.js';
import { updateWhenLocaleChanges } from '@lit/localize';
import { messages as m } from '../i18n/messages.js';
import { insertNote } from '../i18n/words.js';

/** A judgement of a suggestion (extension, docs/PROTOCOL.md §5.7): sent once per version. */
export type FeedbackValue = 'up' | 'down' | 'dismiss';

/** What the agent can say was wrong with a suggestion (sent as `reason`). */
export const FEEDBACK_REASONS = [
  'not-relevant',
  'wrong-information',
  'wrong-tone',
  'other',
] as const;
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];
const REASON_LABELS: Record<FeedbackReason, () => string> = {
  'not-relevant': m.reasonNotRelevant,
  'wrong-information': m.reasonWrongInformation,
  'wrong-tone': m.reasonWrongTone,
  other: m.reasonOther,
};

/** thumbs up; the thumbs-down button turns it over in CSS (no style attribute: CSP) */
const thumb = svg`<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false"><path fill="currentColor" d="M2 7h2.5v7H2zM6 14h5.6a1.5 1.5 0 0 0 1.46-1.15l1-4.2A1.5 1.5 0 0 0 12.6 6.8H9.5l.5-2.6A1.4 1.4 0 0 0 8.6 2.5L6 6.6z"/></svg>`;

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

  constructor() {
    super();
    updateWhenLocaleChanges(this); // the agent's language changed: render again, nothing else
    // the ledger (docs/PROTOCOL.md §5.8): when this version's suggestion was in view
    new SeenController(this, () => ({
      tileId: this.tileId,
      version: this.version,
      showing: Boolean(this.suggestion) && !this.dismissed && !this.collapsed,
    }));
  }

  /** The tile id from the layout. */
  @property({ attribute: 'tile-id' }) tileId = '';

  /** Title shown in the header (the tile id when empty). */
  @property() heading = '';

  /** The tile shows its header only (its body, a tile document included, stays alive). */
  @property({ type: Boolean, reflect: true }) collapsed = false;

  /** A suggested reply (extension): the header then offers Copy, and Insert into reply. */
  @property({ attribute: false }) suggestion: string | undefined;

  /** The version of the tile's content: a suggestion's judgement belongs to one version. */
  @property({ type: Number }) version: number | undefined;

  /** There is a reply box to insert into (the host's or a chat tile's): Insert is offered. */
  @property({ type: Boolean, attribute: 'can-insert' }) canInsert = false;

  /** What the last copy or insert did, for the agent (words looked up when shown). */
  @state() private copyNote: (() => string) | undefined;
  @state() private manualCopy = false;
  @query('textarea.manual-copy') private manualArea!: HTMLTextAreaElement | null;

  /** The agent's judgement of this version's suggestion (sent once), and the reason picker. */
  @state() private judged: FeedbackValue | undefined;
  @state() private askingReason = false;
  /** a dismissed suggestion shows as one line until restored (a new version restores it) */
  @state() private dismissed = false;

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

  protected override willUpdate(changed: PropertyValues<this>): void {
    // a new version is a new suggestion: judged afresh
    if (changed.has('version') && changed.get('version') !== undefined) {
      this.judged = undefined;
      this.askingReason = false;
      this.dismissed = false;
    }
    // a dismissed suggestion is a one-line bar in the grid, as a collapsed tile is
    this.toggleAttribute('dismissed', Boolean(this.suggestion) && this.dismissed);
  }

  override render(): TemplateResult {
    const title = this.displayTitle;
    if (this.suggestion && this.dismissed) {
      return html`<section class="tile dismissed" part="tile" aria-labelledby="title">
        <div class="head" part="header">
          <h2 id="title" dir="auto">${title}</h2>
          <span class="note">${m.dismissed()}</span>
          <button type="button" class="action" @click=${this.#restore}>${m.restore()}</button>
        </div>
      </section>`;
    }
    return html`<section
      class="tile ${this.collapsed ? 'collapsed' : ''}"
      part="tile"
      aria-labelledby="title"
    >
      <div class="head" part="header">
        <h2 id="title" dir="auto">${title}</h2>
        ${this.renderActions()}${this.#suggestionActions()}
        <button
          type="button"
          class="collapse ${this.collapsed ? 'is-collapsed' : ''}"
          part="collapse"
          aria-expanded=${this.collapsed ? 'false' : 'true'}
          aria-controls="body"
          @click=${this.#toggle}
        >
          ${chevron}<span class="sr-only"
            >${this.collapsed ? m.expandTile(title) : m.collapseTile(title)}</span
          >
        </button>
      </div>
      ${
        this.suggestion
          ? html`<textarea
              class="manual-copy"
              aria-label=${m.suggestionToCopy()}
              readonly
              ?hidden=${!this.manualCopy}
            ></textarea>`
          : nothing
      }
      <div class="body" id="body" part="body">${this.renderBody()}</div>
      ${this.suggestion && !this.collapsed ? this.#feedbackBar() : nothing}
    </section>`;
  }

  /** Thumbs up, thumbs down (with an optional reason) and Dismiss, under a suggestion. */
  #feedbackBar() {
    const judged = this.judged;
    const thanks = judged === 'up' || judged === 'down' ? m.feedbackSent() : '';
    return html`<div class="feedback" part="feedback" role="group" aria-label=${m.feedbackGroup()}>
      <button
        type="button"
        class="icon"
        aria-pressed=${judged === 'up' ? 'true' : 'false'}
        ?disabled=${judged !== undefined && judged !== 'up'}
        aria-label=${m.helpful()}
        title=${m.helpful()}
        @click=${() => this.#judge('up')}
      >
        ${thumb}
      </button>
      <button
        type="button"
        class="icon down"
        aria-pressed=${judged === 'down' || this.askingReason ? 'true' : 'false'}
        ?disabled=${judged !== undefined && judged !== 'down'}
        aria-label=${m.notHelpful()}
        title=${m.notHelpful()}
        @click=${this.#askReason}
      >
        ${thumb}
      </button>
      ${
        this.askingReason
          ? html`<span class="reasons" role="group" aria-label=${m.whatWasWrong()}>
              ${FEEDBACK_REASONS.map(
                (r) =>
                  html`<button
                    type="button"
                    class="chip-button"
                    @click=${() => this.#judge('down', r)}
                  >
                    ${REASON_LABELS[r]()}
                  </button>`,
              )}
              <button type="button" class="chip-button" @click=${() => this.#judge('down')}>
                ${m.skip()}
              </button>
            </span>`
          : nothing
      }
      <span class="note" role="status">${thanks}</span>
      <button type="button" class="action dismiss" @click=${() => this.#judge('dismiss')}>
        ${m.dismiss()}
      </button>
    </div>`;
  }

  #askReason = (): void => {
    if (this.judged !== undefined) return;
    this.askingReason = true;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>('.reasons button')?.focus(),
    );
  };

  /** A judgement is sent once per version; dismissing after one only hides the tile. */
  #judge(value: FeedbackValue, reason?: FeedbackReason): void {
    this.askingReason = false;
    if (value === 'dismiss') this.dismissed = true;
    if (this.judged !== undefined) return;
    this.judged = value;
    this.#report(reason === undefined ? { value } : { value, reason });
  }

  #restore = (): void => {
    this.dismissed = false;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>('.feedback .dismiss')?.focus(),
    );
  };

  /**
   * Tells the Copilot Flow (a postback, extension): a judgement, or that the
   * suggestion was used; and the ledger (§5.8) the same fact.
   */
  #report(
    what: { value: FeedbackValue; reason?: FeedbackReason } | { used: 'copy' | 'insert' },
    where?: InsertedWhere,
  ): void {
    const action = { type: 'feedback', ...what, tileId: this.tileId, version: this.version };
    this.dispatchEvent(new AcwPostbackEvent(this.tileId, 'workspace', action, () => {}));
    const id = { tileId: this.tileId, version: this.version ?? 0, at: Date.now() };
    this.dispatchEvent(
      new AcwLedgerEvent(
        'used' in what
          ? what.used === 'copy'
            ? { ...id, kind: 'copied' }
            : { ...id, kind: 'inserted', where: where ?? 'reply-box' }
          : what.value === 'dismiss'
            ? { ...id, kind: 'dismissed' }
            : { ...id, kind: 'judged', value: what.value },
        'used' in what && what.used === 'insert' ? this.suggestion : undefined,
      ),
    );
  }

  #toggle = () => {
    this.collapsed = !this.collapsed;
  };

  #suggestionActions() {
    if (!this.suggestion) return nothing;
    const note = this.copyNote?.() ?? '';
    return html`<span class="copied ${note ? 'has-note' : ''}" role="status">${note}</span>
      <button type="button" class="action" @click=${this.#copy}>${m.copy()}</button>
      ${
        this.canInsert
          ? html`<button type="button" class="action" @click=${this.#insert}>${m.insert()}</button>`
          : nothing
      }`;
  }

  /** Shows the agent where inserted text went (the tile's own requests included). */
  noteInsert(where: InsertTarget | 'too-many' | 'sent'): void {
    this.copyNote = () => insertNote(where);
  }

  async #copy(): Promise<void> {
    const method = await copyText(
      this.suggestion ?? '',
      this.renderRoot as ShadowRoot,
      this.manualArea ?? undefined,
    );
    this.lastCopy = method;
    this.manualCopy = method === 'manual';
    if (method !== 'manual') this.#report({ used: 'copy' });
    this.copyNote = method === 'manual' ? m.copyBlocked : m.copied;
  }

  #insert(): void {
    if (!this.suggestion) return;
    this.dispatchEvent(
      new AcwInsertTextRequestedEvent(this.suggestion, this.tileId, (where) => {
        this.noteInsert(where);
        if (where !== 'none') this.#report({ used: 'insert' }, where);
      }),
    );
  }
}
