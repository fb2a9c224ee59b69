import { messages as m } from '../i18n/messages.js';
import { problemWithServer } from '../i18n/words.js';
import type { Problem } from '../transport/copilot-connection.js';
import { type PropertyValues, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  type Action,
  AdaptiveCard,
  ExecuteAction,
  GlobalRegistry,
  HostConfig,
  OpenUrlAction,
  SerializationContext,
  SubmitAction,
  Table,
  ValidationEvent,
  Versions,
} from 'adaptivecards';
import { micromark } from 'micromark';
import type { PostbackResult } from '../transport/copilot-connection.js';
import { httpUrl } from '../transport/url.js';
import { defineElement } from './define.js';
import { AcwTileElement } from './tile-element.js';
import type { AdaptiveCardJson } from '../transport/protocol.js';
import { AcwPostbackEvent } from './events.js';

/**
 * `adaptivecards` declares `"sideEffects": false`, yet its table module
 * registers `Table` at its top level: a bundler that believes the flag drops
 * it, and cards with tables lose their tables. So it is registered here,
 * where the bundler sees it used. `Carousel` (1.6) is left out on purpose: it
 * brings the swiper library (about 34 KiB gzip, a third of the script); a
 * carousel renders its `fallback`, and the tile says that part cannot be
 * shown, so it never vanishes silently.
 */
GlobalRegistry.defaultElements.register('Table', Table, Versions.v1_5);
GlobalRegistry.defaultElements.unregister('Carousel');

/** What the SDK reports while parsing when it meets something it cannot render. */
const UNRECOGNISED = new Set<ValidationEvent>([
  ValidationEvent.UnknownElementType,
  ValidationEvent.UnknownActionType,
  ValidationEvent.ElementTypeNotAllowed,
  ValidationEvent.ActionTypeNotAllowed,
]);

/**
 * Markdown in TextBlocks: micromark keeps raw HTML as text and drops
 * dangerous link protocols (javascript:, data:, …) by default, so card text
 * never becomes live HTML. The hook is static on our own bundled copy of the
 * SDK; every card renderer instance is still separate.
 */
AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = micromark(text);
  result.didProcess = true;
};

/** Opens http(s) URLs in a new tab without opener or referrer; anything else is refused. */
export function openExternal(href: string | undefined): boolean {
  const url = href ? httpUrl(href, window.location.href) : undefined;
  if (!url) return false;
  window.open(url.href, '_blank', 'noopener,noreferrer');
  return true;
}

const token = (style: CSSStyleDeclaration, name: string, fallback: string) =>
  style.getPropertyValue(name).trim() || fallback;

/** A host config that follows the workspace theme tokens (light or dark). */
function hostConfigFrom(el: Element): HostConfig {
  const s = getComputedStyle(el);
  const text = token(s, '--acw-color-text', '#1b1f24');
  const muted = token(s, '--acw-color-text-muted', '#57606a');
  const accent = token(s, '--acw-color-accent', '#0b5cad');
  const danger = token(s, '--acw-color-danger', '#b42318');
  const success = token(s, '--acw-color-success', '#1a7f37');
  const warning = token(s, '--acw-color-on-warning', '#5c3d00');
  const fg = {
    default: { default: text, subtle: muted },
    dark: { default: text, subtle: muted },
    light: { default: muted, subtle: muted },
    accent: { default: accent, subtle: accent },
    good: { default: success, subtle: success },
    warning: { default: warning, subtle: warning },
    attention: { default: danger, subtle: danger },
  };
  const surface = token(s, '--acw-color-surface', '#ffffff');
  const muted2 = token(s, '--acw-color-surface-muted', '#f0f2f5');
  return new HostConfig({
    fontFamily: token(s, '--acw-font-family', 'system-ui, sans-serif'),
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 16, large: 24, extraLarge: 32, padding: 12 },
    separator: { lineThickness: 1, lineColor: token(s, '--acw-color-border', '#d0d7de') },
    fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 22 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    imageSizes: { small: 40, medium: 80, large: 160 },
    containerStyles: {
      default: { backgroundColor: surface, foregroundColors: fg },
      emphasis: { backgroundColor: muted2, foregroundColors: fg },
      accent: { backgroundColor: muted2, foregroundColors: fg },
      good: { backgroundColor: muted2, foregroundColors: fg },
      attention: {
        backgroundColor: token(s, '--acw-color-danger-surface', '#fde8e7'),
        foregroundColors: fg,
      },
      warning: {
        backgroundColor: token(s, '--acw-color-warning-surface', '#fff4d6'),
        foregroundColors: fg,
      },
    },
    actions: {
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 12 },
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
    },
  });
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
    if (!this.card) {
      this.error = m.cardEmpty();
      return;
    }
    try {
      const renderer = new AdaptiveCard();
      renderer.hostConfig = hostConfigFrom(this);
      renderer.onExecuteAction = (action) => this.#onAction(action);
      const context = new SerializationContext();
      renderer.parse(this.card, context);
      const unrecognised: string[] = [];
      for (let i = 0; i < context.eventCount; i++) {
        const e = context.getEventAt(i);
        if (UNRECOGNISED.has(e.event)) unrecognised.push(e.message);
      }
      this.unrecognised = unrecognised;
      const el = renderer.render();
      if (!el) {
        this.error = m.cardFailed();
        return;
      }
      this.#renderer = renderer;
      container.append(el);
    } catch (e) {
      // the SDK's own words about the card (technical, English), after ours
      this.error =
        e instanceof Error && e.message ? m.cardFailedBecause(e.message) : m.cardFailed();
    }
  }

  /** Links inside card text (markdown) open outside, http(s) only. */
  #onClick(e: MouseEvent): void {
    const a = (e.composedPath().find((n) => n instanceof HTMLAnchorElement) ??
      null) as HTMLAnchorElement | null;
    if (!a) return;
    e.preventDefault();
    openExternal(a.getAttribute('href') ?? undefined);
  }

  #onAction(action: Action): void {
    if (action instanceof OpenUrlAction) {
      openExternal(action.url);
      return;
    }
    if (action instanceof SubmitAction || action instanceof ExecuteAction) {
      if (this.submit.state === 'sending') return; // a double click submits once
      this.submit = { state: 'sending' };
      const values = action.data ?? {};
      const payload =
        action instanceof ExecuteAction && action.verb
          ? { verb: action.verb, data: values }
          : values;
      const respond = (result: PostbackResult) => {
        this.submit = result.ok ? { state: 'sent' } : { state: 'failed', problem: result.problem };
      };
      this.dispatchEvent(new AcwPostbackEvent(this.tileId, 'card', payload, respond));
    }
  }
}

defineElement('acw-card-tile', AcwCardTile);

declare global {
  interface HTMLElementTagNameMap {
    'acw-card-tile': AcwCardTile;
  }
}
