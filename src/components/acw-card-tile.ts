import { cardStyles } from './acw-card-tile.styles.js';
import { messages as m } from '../i18n/renderer-messages.js';
import { problemWithServer } from '../i18n/words.js';
import type { Problem } from '../transport/copilot-connection.js';
import { type PropertyValues, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { PostbackResult } from '../transport/copilot-connection.js';
import type { AdaptiveCard } from 'adaptivecards/lib/card-elements.js';
import type { CardAction, MenuEntry } from './internal/card-sdk.js';

type CardSdk = typeof import('./internal/card-sdk.js');
let cardSdk: Promise<CardSdk> | undefined;
/**
 * The Adaptive Cards SDK, loaded and evaluated once, when the first card needs
 * it: a chunk of the ES modules, the sibling file `acw-card-sdk.js` of the
 * single script. A load that fails is tried again by the next card.
 */
const loadCardSdk = (): Promise<CardSdk> =>
  (cardSdk ??= (
    SINGLE_SCRIPT ? importSibling<CardSdk>('acw-card-sdk.js') : import('./internal/card-sdk.js')
  ).catch((e: unknown) => {
    cardSdk = undefined;
    throw e;
  }));
import { httpUrl } from '../transport/url.js';
import { SINGLE_SCRIPT, importSibling } from '../transport/sibling.js';
import { defineElement } from './internal/define.js';
import { AcwTileElement } from './tile-element.js';
import type { AdaptiveCardJson } from '../transport/protocol.js';
import { AcwPostbackEvent } from '../events/events.js';

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

/** The overflow menu ("…") that is open: its actions and the button it belongs to. */
interface OpenMenu {
  entries: readonly MenuEntry[];
  button: HTMLElement;
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
 * links in a new tab with `noopener`. Secondary actions (and any beyond the
 * fifth) are in the tile's own overflow menu at the "…" button: in the top
 * layer (never clipped by the tile, never moving the page), placed at its
 * button by script. Buttons wrap onto more lines rather than squeeze, and a
 * long title wraps inside its button.
 *
 * @summary Adaptive Card tile.
 * @fires acw-postback - the card was submitted: its form values
 * @csspart card - the rendered card
 * @csspart tile - the tile card
 * @csspart header - the tile header
 * @csspart body - the tile body
 * @cssprop --acw-color-accent - primary actions, links and outlined buttons (made readable)
 * @cssprop --acw-color-border - hairlines, inputs, separators
 * @cssprop --acw-color-danger - destructive actions, attention, invalid inputs
 * @cssprop --acw-color-danger-surface - attention containers
 * @cssprop --acw-color-focus - focus rings
 * @cssprop --acw-color-on-accent - text on the accent
 * @cssprop --acw-color-on-warning - warning text
 * @cssprop --acw-color-success - good text; washed into good containers
 * @cssprop --acw-color-surface - card surface; accent and good containers are washed into it
 * @cssprop --acw-color-surface-muted - emphasis containers, disabled buttons
 * @cssprop --acw-color-text - body text
 * @cssprop --acw-color-text-muted - subtle text, notes
 * @cssprop --acw-color-warning-surface - warning containers
 * @cssprop --acw-font-family - all text
 * @cssprop --acw-font-size - base size
 * @cssprop --acw-line-height - base line height
 * @cssprop --acw-radius - tile corners
 * @cssprop --acw-space - gaps inside tiles
 * @tagname acw-card-tile
 */
export class AcwCardTile extends AcwTileElement {
  static override styles = [...AcwTileElement.styles, cardStyles];

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

  /**
   * Image addresses of the card that cannot load here (not web addresses,
   * such as `symbol:` or `icon:` references): left out, and said once.
   */
  @state() unloadable: readonly string[] = [];

  /** the overflow menu ("…") that is open */
  @state() private menu: OpenMenu | undefined;
  @query('.menu') private menuElement!: HTMLElement | null;
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
    this.#closeMenu(false);
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
        (this.unrecognised.length > 0 || this.unloadable.length > 0) && !this.error
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
      </p>
      ${this.#renderMenu()}`;
  }

  #renderMenu() {
    const open = this.menu;
    if (!open) return nothing;
    return html`<div
      class="menu"
      id="overflow-menu"
      role="menu"
      popover="manual"
      aria-label=${m.cardMoreActions()}
      dir=${getComputedStyle(open.button).direction === 'rtl' ? 'rtl' : 'ltr'}
      @keydown=${this.#onMenuKey}
      @focusout=${this.#onMenuFocusOut}
    >
      ${open.entries.map(
        (entry) =>
          html`<button
            type="button"
            role="menuitem"
            tabindex="-1"
            title=${entry.tooltip ?? ''}
            aria-disabled=${entry.enabled ? 'false' : 'true'}
            @click=${() => this.#pick(entry)}
          >
            ${entry.iconUrl ? html`<img src=${entry.iconUrl} alt="" />` : nothing}<span
              >${entry.title || entry.tooltip}</span
            >
          </button>`,
      )}
    </div>`;
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
    this.#closeMenu(false);
    container.replaceChildren();
    this.error = '';
    this.unrecognised = [];
    this.unloadable = [];
    this.submit = { state: 'idle' };
    const card = this.card;
    if (!card) {
      this.error = m.cardEmpty();
      return;
    }
    // the SDK is evaluated when the first card needs it, not when the script loads
    this.#pendingCard = loadCardSdk().then(
      ({ renderCard }) => {
        if (this.card !== card || !this.isConnected) return; // a newer card is on its way
        try {
          const r = renderCard(card, this, {
            onAction: (action) => this.#onAction(action),
            onOverflow: (entries, button) => void this.#openMenu(entries, button),
            moreActions: () => m.cardMoreActions(),
          });
          this.unrecognised = r.unrecognised;
          this.unloadable = r.unloadable;
          if (!r.element) {
            this.error = m.cardFailed();
            return;
          }
          this.#renderer = r.renderer;
          container.style.setProperty('--_card-accent', r.accentText);
          container.append(r.element);
        } catch (e) {
          this.#failed(e);
        }
      },
      (e: unknown) => {
        // the renderer did not load (a sibling file not served next to the script, a CSP)
        if (this.card === card && this.isConnected) this.#failed(e);
      },
    );
  }

  /** The card cannot be shown: the SDK's or the browser's own words (technical, English), after ours. */
  #failed(e: unknown): void {
    this.error = e instanceof Error && e.message ? m.cardFailedBecause(e.message) : m.cardFailed();
  }

  /** Links inside card text (markdown) open outside, http(s) only. */
  #onClick(e: MouseEvent): void {
    const a = (e.composedPath().find((n) => n instanceof HTMLAnchorElement) ??
      null) as HTMLAnchorElement | null;
    if (!a) return;
    e.preventDefault();
    // a disabled action's link (a TextRun's selectAction) is inert: the SDK leaves its click to us
    if (a.getAttribute('aria-disabled') === 'true') return;
    openExternal(a.getAttribute('href') ?? undefined);
  }

  // ------------------------------------------------------------ overflow menu

  /** frame loop that keeps the menu at its button while open (the tile may scroll) */
  #follow = 0;
  #placedAt = '';

  async #openMenu(entries: MenuEntry[], button: HTMLElement): Promise<void> {
    // the button toggles its menu
    if (this.menu?.button === button) {
      this.#closeMenu(true);
      return;
    }
    this.#closeMenu(false);
    this.menu = { entries, button };
    button.setAttribute('aria-haspopup', 'menu');
    button.setAttribute('aria-controls', 'overflow-menu');
    button.setAttribute('aria-expanded', 'true');
    await this.updateComplete;
    const menu = this.menuElement;
    if (this.menu?.button !== button || !menu) return;
    // the top layer: above the grid, unclipped by the tile, out of the page's flow
    menu.showPopover?.();
    this.#placedAt = '';
    this.#place();
    this.#items()[0]?.focus({ preventScroll: true });
    window.addEventListener('pointerdown', this.#onOutside, true);
    window.addEventListener('resize', this.#dismiss);
    window.addEventListener('blur', this.#dismiss);
    const follow = () => {
      this.#place();
      if (this.menu) this.#follow = requestAnimationFrame(follow);
    };
    this.#follow = requestAnimationFrame(follow);
  }

  #closeMenu(focusButton: boolean): void {
    const open = this.menu;
    if (!open) return;
    this.menu = undefined;
    cancelAnimationFrame(this.#follow);
    window.removeEventListener('pointerdown', this.#onOutside, true);
    window.removeEventListener('resize', this.#dismiss);
    window.removeEventListener('blur', this.#dismiss);
    const menu = this.menuElement;
    if (menu?.matches(':popover-open')) menu.hidePopover();
    open.button.setAttribute('aria-expanded', 'false');
    if (focusButton) open.button.focus({ preventScroll: true });
  }

  /** Below its button (above when there is no room), its start edge at the button's start edge. */
  #place(): void {
    const open = this.menu;
    const menu = this.menuElement;
    if (!open || !menu) return;
    if (!open.button.isConnected) {
      this.#closeMenu(false);
      return;
    }
    const b = open.button.getBoundingClientRect();
    const at = `${b.left},${b.top},${b.width},${b.height}`;
    if (at === this.#placedAt) return;
    this.#placedAt = at;
    const viewW = window.innerWidth;
    const viewH = window.innerHeight;
    // its button scrolled out of sight (the tile or the page): the menu goes with it
    if (b.bottom < 0 || b.top > viewH || b.right < 0 || b.left > viewW) {
      this.#closeMenu(false);
      return;
    }
    const m = menu.getBoundingClientRect();
    const rtl = menu.getAttribute('dir') === 'rtl';
    const left = Math.max(4, Math.min(rtl ? b.right - m.width : b.left, viewW - m.width - 4));
    const below = b.bottom + 4;
    const above = b.top - 4 - m.height;
    const top = below + m.height <= viewH - 4 || above < 4 ? below : above;
    menu.style.setProperty('left', `${left}px`);
    menu.style.setProperty('top', `${Math.max(4, Math.min(top, viewH - m.height - 4))}px`);
  }

  #items(): HTMLElement[] {
    return [...(this.menuElement?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  }

  #onMenuKey = (e: KeyboardEvent): void => {
    const items = this.#items();
    const at = items.indexOf(this.shadowRoot?.activeElement as HTMLElement);
    const go = (i: number) => {
      e.preventDefault();
      items[(i + items.length) % items.length]?.focus({ preventScroll: true });
    };
    switch (e.key) {
      case 'ArrowDown':
        go(at + 1);
        break;
      case 'ArrowUp':
        go(at < 0 ? -1 : at - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(-1);
        break;
      case 'Escape':
        e.preventDefault();
        e.stopPropagation();
        this.#closeMenu(true);
        break;
      case 'Tab':
        // back to the button: Tab then moves on from there
        this.#closeMenu(true);
        break;
    }
  };

  /** focus left the menu for something else on the page */
  #onMenuFocusOut = (e: FocusEvent): void => {
    const to = e.relatedTarget as Node | null;
    if (to && !this.menuElement?.contains(to)) this.#closeMenu(false);
  };

  /** a press anywhere but the menu closes it; on its button, the button's click does */
  #onOutside = (e: Event): void => {
    const path = e.composedPath();
    const open = this.menu;
    if (!open || path.includes(open.button)) return;
    if (this.menuElement && path.includes(this.menuElement)) return;
    this.#closeMenu(false);
  };

  /** the window resized, or lost focus (to another tile's frame, another window) */
  #dismiss = (): void => this.#closeMenu(false);

  #pick(entry: MenuEntry): void {
    if (!entry.enabled) return; // a disabled action is inert, as its button would be
    this.#closeMenu(true);
    entry.execute();
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
