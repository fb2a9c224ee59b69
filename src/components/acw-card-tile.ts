import { messages as m } from '../i18n/messages.js';
import { problemWithServer } from '../i18n/words.js';
import type { Problem } from '../transport/copilot-connection.js';
import { type PropertyValues, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { PostbackResult } from '../transport/copilot-connection.js';
import type { AdaptiveCard } from 'adaptivecards/lib/card-elements.js';
import type { CardAction } from './card-sdk.js';

let cardSdk: Promise<typeof import('./card-sdk.js')> | undefined;
/** The Adaptive Cards SDK, evaluated once, when the first card needs it. */
const loadCardSdk = () => (cardSdk ??= import('./card-sdk.js'));
import { httpUrl } from '../transport/url.js';
import { defineElement } from './define.js';
import { AcwTileElement } from './tile-element.js';
import type { AdaptiveCardJson } from '../transport/protocol.js';
import { AcwPostbackEvent } from './events.js';

/** Opens http(s) URLs in a new tab without opener or referrer; anything else is refused. */
export function openExternal(href: string | undefined): boolean {
  const url = href ? httpUrl(href, window.location.href) : undefined;
  if (!url) return false;
  window.open(url.href, '_blank', 'noopener,noreferrer');
  return true;
}

/**
 * The card's own direction: its \`rtl\` when it says (schema 1.5), else from
 * its text (a card in English stays left to right in an Arabic workspace).
 */
function cardDirection(card: unknown): 'rtl' | 'ltr' | 'auto' {
  const rtl = (card as { rtl?: unknown } | undefined)?.rtl;
  return rtl === true ? 'rtl' : rtl === false ? 'ltr' : 'auto';
}

type SubmitState =
  | { state: 'idle' }
  | { state: 'sending' }
  | { state: 'sent' }
  | { state: 'failed'; problem: Problem };

/**
 * A `card` tile: an Adaptive Card (schema ≤ 1.6) rendered by the official
 * SDK, one renderer instance per tile. Action.Submit / Action.Execute post
 * back the form values once per click (a second click while sending is
 * ignored) and show whether they were accepted; Action.OpenUrl opens http(s)
 * links in a new tab with `noopener`.
 *
 * @summary Adaptive Card tile.
 * @fires acw-postback - the card was submitted: its form values
 * @csspart card - the rendered card
 * @csspart tile - the tile card
 * @csspart header - the tile header
 * @csspart body - the tile body
 * @tagname acw-card-tile
 */
export class AcwCardTile extends AcwTileElement {
  static override styles = [
    ...AcwTileElement.styles,
    css`
      .body {
        padding: 0;
      }
      .card {
        color: var(--acw-color-text, #1b1f24);
      }
      .card :is(input, select, textarea) {
        font: inherit;
        color: inherit;
        background: var(--acw-color-surface, #fff);
        border: 1px solid var(--acw-color-border, #d0d7de);
        border-radius: 6px;
        padding-block: 4px;
        padding-inline: 8px;
      }
      .card input[type='radio'],
      .card input[type='checkbox'] {
        padding: 0;
      }
      .card .ac-input-validation-failed {
        border-color: var(--acw-color-danger, #b42318);
      }
      .card .ac-pushButton {
        font: inherit;
        font-weight: 600;
        cursor: pointer;
        border-radius: 6px;
        border: 1px solid var(--acw-color-accent, #0b5cad);
        background: var(--acw-color-surface, #fff);
        color: var(--acw-color-accent, #0b5cad);
        padding-block: 4px;
        padding-inline: 12px;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .card .ac-pushButton.style-positive,
      .card .ac-pushButton.primary {
        background: var(--acw-color-accent, #0b5cad);
        color: var(--acw-color-on-accent, #fff);
      }
      .card .ac-pushButton.style-destructive {
        border-color: var(--acw-color-danger, #b42318);
        color: var(--acw-color-danger, #b42318);
      }
      .card .ac-pushButton.expanded {
        background: var(--acw-color-surface-muted, #f0f2f5);
      }
      .card .ac-pushButton:disabled,
      .card .ac-pushButton[aria-disabled='true'] {
        opacity: 0.55;
        cursor: not-allowed;
      }
      .card a {
        color: var(--acw-color-accent, #0b5cad);
      }
      .card :focus-visible {
        outline: 2px solid var(--acw-color-focus, #0b5cad);
        outline-offset: 2px;
      }
      .status:empty {
        display: none;
      }
      .status,
      .note,
      .error {
        margin-block: 0 8px;
        margin-inline: 12px;
      }
      .status,
      .note {
        font-size: 12px;
        color: var(--acw-color-text-muted, #57606a);
      }
      .status.failed,
      .error {
        color: var(--acw-color-danger, #b42318);
      }
      .sending {
        opacity: 0.7;
      }
    `,
  ];

  /**
   * The workspace theme: when it changes, the card is rendered again with a
   * host config from the new theme tokens.
   */
  @property() theme = 'auto';

  /** The Adaptive Card JSON (already checked to be an AdaptiveCard). */
  @property({ attribute: false }) card: AdaptiveCardJson | undefined;

  @state() private submit: SubmitState = { state: 'idle' };

  /**
   * What the renderer did not recognise in the card (unknown or disallowed
   * element and action types, in the SDK's words): such parts are left out,
   * or replaced by their `fallback`, and the tile says so.
   */
  @state() unrecognised: readonly string[] = [];
  @state() private error = '';
  @query('.card') private container!: HTMLElement;

  /** This tile's own renderer: never shared, so submits cannot cross tiles. */
  #renderer: AdaptiveCard | undefined;

  /** the card being rendered (the SDK may still be loading) */
  #pendingCard: Promise<void> = Promise.resolve();

  /** Complete once the card is rendered too, not only the tile around it. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this.#pendingCard;
    return done;
  }

  /** The live renderer instance (one per tile). */
  get renderer(): AdaptiveCard | undefined {
    return this.#renderer;
  }
  #scheme = window.matchMedia('(prefers-color-scheme: dark)');
  #onScheme = () => this.#renderCard();

  override connectedCallback(): void {
    super.connectedCallback();
    this.#scheme.addEventListener('change', this.#onScheme);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#scheme.removeEventListener('change', this.#onScheme);
  }

  protected override renderBody() {
    const s = this.submit;
    return html`<div
        class="card ${s.state === 'sending' ? 'sending' : ''}"
        part="card"
        dir=${cardDirection(this.card)}
        aria-busy=${s.state === 'sending' ? 'true' : 'false'}
      ></div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.unrecognised.length > 0 && !this.error
          ? html`<p class="note">${m.cardPartial()}</p>`
          : nothing
      }
      <p class="status ${s.state === 'failed' ? 'failed' : ''}" role="status">
        ${
          s.state === 'sending'
            ? m.sending()
            : s.state === 'sent'
              ? m.cardSent()
              : s.state === 'failed'
                ? m.notSentBecause(problemWithServer(s.problem))
                : ''
        }
      </p>`;
  }

  protected override firstUpdated(): void {
    // delegation for links inside card text (keyboard activation of a link is a click too)
    this.container.addEventListener('click', (e) => this.#onClick(e));
  }

  protected override updated(changed: PropertyValues<this>): void {
    const themeChanged = changed.has('theme') && changed.get('theme') !== undefined;
    if (changed.has('card') || themeChanged) this.#renderCard();
  }

  #renderCard(): void {
    const container = this.container;
    container.replaceChildren();
    this.error = '';
    this.unrecognised = [];
    this.submit = { state: 'idle' };
    const card = this.card;
    if (!card) {
      this.error = m.cardEmpty();
      return;
    }
    // the SDK is evaluated when the first card needs it, not when the script loads
    this.#pendingCard = loadCardSdk().then(({ renderCard }) => {
      if (this.card !== card || !this.isConnected) return; // a newer card is on its way
      try {
        const r = renderCard(card, this, (action) => this.#onAction(action));
        this.unrecognised = r.unrecognised;
        if (!r.element) {
          this.error = m.cardFailed();
          return;
        }
        this.#renderer = r.renderer;
        container.append(r.element);
      } catch (e) {
        // the SDK's own words about the card (technical, English), after ours
        this.error =
          e instanceof Error && e.message ? m.cardFailedBecause(e.message) : m.cardFailed();
      }
    });
  }

  /** Links inside card text (markdown) open outside, http(s) only. */
  #onClick(e: MouseEvent): void {
    const a = (e.composedPath().find((n) => n instanceof HTMLAnchorElement) ??
      null) as HTMLAnchorElement | null;
    if (!a) return;
    e.preventDefault();
    openExternal(a.getAttribute('href') ?? undefined);
  }

  #onAction(action: CardAction): void {
    if (action.kind === 'open') {
      openExternal(action.url);
      return;
    }
    if (action.kind === 'submit') {
      if (this.submit.state === 'sending') return; // a double click submits once
      this.submit = { state: 'sending' };
      const respond = (result: PostbackResult) => {
        this.submit = result.ok ? { state: 'sent' } : { state: 'failed', problem: result.problem };
      };
      this.dispatchEvent(new AcwPostbackEvent(this.tileId, 'card', action.payload, respond));
    }
  }
}

defineElement('acw-card-tile', AcwCardTile);

declare global {
  interface HTMLElementTagNameMap {
    'acw-card-tile': AcwCardTile;
  }
}
