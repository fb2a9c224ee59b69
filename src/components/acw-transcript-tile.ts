import { transcriptStyles } from './acw-transcript-tile.styles.js';
import { type PropertyValues, html, nothing, svg } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { virtualize, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import { LogLayout } from './internal/log-layout.js';
import { placeInOnePass } from './internal/virtualizer-patch.js';
import type { MessageSource, TranscriptMessage } from '../transport/protocol.js';
import type { ReplyView } from '../state/reduce.js';
import { segmentText } from '../state/redaction.js';
import { messages as m } from '../i18n/messages.js';
import { formatList, formatTime, getLocale } from '../i18n/locale.js';
import {
  attachmentLabel,
  moreCharacters,
  newMessages,
  problemWithServer,
  redactionLabel,
  speaker as speakerOf,
} from '../i18n/words.js';
import { Transcript } from '../state/transcript.js';
import { FollowBottomController } from '../controllers/follow-bottom-controller.js';
import { ScrollChainController } from '../controllers/scroll-chain-controller.js';
import { defineElement } from './internal/define.js';
import { AcwMessageSentEvent, AcwReplyRetryEvent, type AcwSubmitEvent } from '../events/events.js';
import { AcwTileElement } from './tile-element.js';
import { tileTitle } from './internal/tile-title.js';
import './acw-chat-input.js';

/** The part of a virtualizer the log uses (`@lit-labs/virtualizer`). */
interface VirtualizerLike {
  element(index: number): { scrollIntoView(options?: ScrollIntoViewOptions): void } | undefined;
}

/** A local reply not yet echoed, as an item of the log. */
class ReplyItem {
  constructor(readonly reply: ReplyView) {}
}

/** What the log holds: the transcript's messages, then the local replies not yet echoed. */
type Item = TranscriptMessage | ReplyItem;

const sourceOf = (item: Item): MessageSource => (item instanceof ReplyItem ? 'agent' : item.source);

const keyOf = (item: Item): string =>
  item instanceof ReplyItem ? `r:${item.reply.clientMessageId}` : `m:${item._id}`;

/** One row of the log: a transcript message or a local reply not yet echoed. */
type Row =
  | {
      source: MessageSource;
      text: string;
      at: Date | undefined;
      reply?: undefined;
      msg: TranscriptMessage;
    }
  | { source: 'agent'; text: string; at: Date; reply: ReplyView; msg?: undefined };

function toDate(v: string | number | undefined): Date | undefined {
  if (v === undefined) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const lockIcon = svg`<svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1Zm2 0h4V5a2 2 0 1 0-4 0v2Z"/></svg>`;
const clockIcon = svg`<svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" stroke-width="1.5"/></svg>`;
const tickIcon = svg`<svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false"><path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" stroke-width="1.8"/></svg>`;

/**
 * The conversation transcript with the agent's reply box.
 *
 * @summary Transcript / chat tile.
 * @fires acw-message-sent - the agent sent a reply (bubbles, composed)
 * @fires acw-reply-retry - the agent asked to re-send a failed reply (bubbles, composed)
 * @csspart log - the scrolling message log
 * @csspart message - one message
 * @csspart chip - a redaction chip
 * @csspart tile - the tile card
 * @csspart header - the tile header
 * @csspart body - the tile body
 * @cssprop --acw-color-accent - agent messages, primary actions
 * @cssprop --acw-color-border - hairlines
 * @cssprop --acw-color-chip - redaction chip
 * @cssprop --acw-color-danger - errors, failed replies
 * @cssprop --acw-color-danger-surface - failed reply bubble
 * @cssprop --acw-color-focus - focus rings
 * @cssprop --acw-color-on-accent - text on the accent
 * @cssprop --acw-color-on-chip - redaction chip text
 * @cssprop --acw-color-surface - tile surface
 * @cssprop --acw-color-surface-muted - customer message bubbles
 * @cssprop --acw-color-text - body text
 * @cssprop --acw-color-text-muted - meta text (speaker, time)
 * @cssprop --acw-font-family - all text
 * @cssprop --acw-font-size - base size
 * @cssprop --acw-line-height - base line height
 * @cssprop --acw-radius - tile corners
 * @cssprop --acw-space - gaps inside tiles
 * @tagname acw-transcript-tile
 */
export class AcwTranscriptTile extends AcwTileElement {
  static override styles = [...AcwTileElement.styles, transcriptStyles];

  /** The conversation, in order, already deduped. */
  @property({ attribute: false }) transcript: Transcript = Transcript.empty;

  /** Local agent replies not yet echoed by the server. */
  @property({ attribute: false }) replies: readonly ReplyView[] = [];

  /** Show the reply box (header "Chat") or not (header "Transcript"). */
  @property({ type: Boolean, attribute: 'chat-input' }) chatInput = false;

  /** True while the connection is down: pending replies say they will go out later. */
  @property({ type: Boolean }) paused = false;

  /** Replies a tile sent on its own: clientMessageId → tile id (they are marked). */
  @property({ attribute: false }) tileReplies: ReadonlyMap<string, string> = new Map();

  /** the log's items: rebuilt only when the transcript or the replies change */
  #items: Item[] = [];
  /** the message a brief's citation jumped to (highlighted), and where "Back" returns */
  @state() private cited: { index: number; back: HTMLElement | undefined } | undefined;
  /** what the log announces to screen readers: new messages only, never a replay */
  #announcement = '';

  readonly #follow = new FollowBottomController(
    this,
    () => this.#scroller(),
    () => null,
    { pinned: true },
  );
  constructor() {
    super();
    this.tileId = 'transcript';
    // in a scrolling column (a narrow panel), the wheel goes on past the log's end
    new ScrollChainController(this, () => this.#scroller());
  }

  protected override get displayTitle(): string {
    return this.chatInput ? m.titleChat() : m.titleTranscript();
  }

  /** Wrap up (docs/PROTOCOL.md §5.10): opens the wrap-up pane above the grid. */
  protected override renderActions() {
    // (only where the wrap-up pane is part of the build: src/index.ts)
    if (!customElements.get('acw-wrap-up-pane')) return nothing;
    return html`<button
      type="button"
      class="action"
      @click=${() =>
        this.dispatchEvent(new Event('acw-wrap-up-open', { bubbles: true, composed: true }))}
    >
      ${m.wrapUp()}
    </button>`;
  }

  #scroller(): (HTMLElement & { [virtualizerRef]?: VirtualizerLike }) | null {
    return this.renderRoot.querySelector('.scroller');
  }

  protected override renderBody() {
    const items = this.#items;
    const unseen = this.#follow.unseen;
    // following: the virtualizer keeps the newest item at the bottom while rows settle
    const layout =
      this.#follow.following && items.length > 0
        ? { type: LogLayout, pin: { index: items.length - 1, block: 'end' as const } }
        : { type: LogLayout };
    return html`<div class="wrap">
        <div
          class="scroller"
          part="log"
          role="log"
          aria-live="off"
          aria-labelledby="title"
          aria-describedby="log-hint"
          tabindex="0"
          @unpinned=${this.#onUnpinned}
          @keydown=${this.#onKeydown}
        >
          ${
            items.length === 0
              ? html`<p class="empty">${m.noMessages()}</p>`
              : virtualize({
                  scroller: true,
                  items,
                  keyFunction: keyOf,
                  renderItem: (item: Item, i: number) => this.#renderItem(item, i),
                  layout,
                })
          }
        </div>
        <div class="sr-only" id="log-hint">${m.logHint()}</div>
        ${
          this.cited?.back
            ? html`<button class="back primary" @click=${this.#back}>${m.backToBrief()}</button>`
            : nothing
        }
        <div class="sr-only" role="status">${this.#announcement}</div>
        ${
          unseen > 0
            ? html`<button class="new primary" @click=${this.scrollToLatest}>
                ${newMessages(unseen)}
              </button>`
            : nothing
        }
      </div>
      ${this.chatInput ? html`<acw-chat-input @acw-submit=${this.#onSubmit}></acw-chat-input>` : nothing}`;
  }

  #onUnpinned = (): void => this.#follow.release();

  /**
   * Reading older messages by keyboard (the log is virtualized: only what is
   * near the view is in the DOM): from a message, Up and Down move to the one
   * before or after, Home and End to the first and the newest; the log
   * scrolls them into view first.
   */
  #onKeydown = (e: KeyboardEvent): void => {
    const row = (e.target as Element | null)?.closest?.('[data-index]');
    const scroller = this.#scroller();
    if (!scroller) return;
    const last = this.#items.length - 1;
    // from the log itself, an arrow key enters it at the newest message
    const from = row
      ? Number(row.getAttribute('data-index'))
      : e.key === 'ArrowUp' || e.key === 'ArrowDown'
        ? last + (e.key === 'ArrowUp' ? 1 : -1)
        : -1;
    const to =
      e.key === 'ArrowUp'
        ? from - 1
        : e.key === 'ArrowDown'
          ? from + 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : undefined;
    if (to === undefined || to < 0 || to > last) return;
    e.preventDefault();
    if (to < last) this.#follow.release();
    void this.#focusRow(scroller, to);
  };

  async #focusRow(scroller: HTMLElement & { [virtualizerRef]?: VirtualizerLike }, index: number) {
    const v = scroller[virtualizerRef];
    v?.element(index)?.scrollIntoView({ block: 'nearest' });
    // the row exists once the virtualizer has laid it out (a few frames at most; its
    // layoutComplete never settles when nothing had to move, so frames are counted instead)
    for (let i = 0; i < 60; i++) {
      const el = scroller.querySelector<HTMLElement>(`[data-index="${index}"]`);
      el?.focus();
      if (el && this.shadowRoot?.activeElement === el) return;
      await new Promise((r) => requestAnimationFrame(r));
    }
  }

  /**
   * Puts `text` into the reply box (at the cursor, after what the agent typed
   * or selected, never replacing it) and focuses it; false without a reply box.
   */
  insertIntoReply(text: string): boolean {
    const input = this.renderRoot.querySelector('acw-chat-input');
    if (!this.chatInput || !input) return false;
    input.insert(text);
    return true;
  }

  /**
   * Shows the message `_id` (a brief's citation, docs/PROTOCOL.md §5.9): scrolls
   * the log to it (rendered or not: the log is virtualized), highlights it and
   * moves focus there; "Back to the brief" then returns focus to `back`.
   * False when the transcript does not have it.
   */
  showMessage(id: string, back?: HTMLElement): boolean {
    const index = this.transcript.indexOf(id);
    const scroller = this.#scroller();
    if (index < 0 || !scroller) return false;
    this.#follow.release();
    this.cited = { index, back };
    void this.#focusRow(scroller, index);
    return true;
  }

  #back = (): void => {
    const back = this.cited?.back;
    this.cited = undefined;
    back?.focus();
  };

  /** Scrolls to the newest message and resumes following. */
  scrollToLatest(): void {
    this.#follow.follow();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('transcript') || changed.has('replies')) {
      const before = this.#items.length;
      const items: Item[] = this.transcript.items.slice();
      for (const reply of this.replies) items.push(new ReplyItem(reply));
      this.#items = items;
      this.#announce(changed.get('transcript') as Transcript | undefined);
      this.#follow.itemsChanged(items.length);
      if (before === 0 && items.length > 0) this.#follow.follow();
    }
  }

  protected override updated(): void {
    const v = this.#scroller()?.[virtualizerRef];
    if (v) placeInOnePass(v);
  }

  /** New customer, bot and agent messages (not a replay, not the first load) are announced. */
  #announce(previous: Transcript | undefined): void {
    if (!previous || previous.length === 0 || !this.hasUpdated) return;
    // the agent's own replies are not announced back to them; speech still being
    // recognised is announced once, when final
    const added = [
      ...this.transcript.finalizedSince(previous),
      ...this.transcript.slice(previous.length).filter((m) => m.final !== false),
    ].filter((m) => m.source !== 'agent');
    if (added.length === 0 || added.length > 3) {
      if (added.length > 3) this.#announcement = newMessages(added.length);
      return;
    }
    const text = added
      .map((x) => m.announce(speakerOf(x.source), spokenText(messageText(x))))
      .reduce((before, next) => m.announceNext(before, next));
    // the same words as the last announcement are still news (a customer saying "yes" twice):
    // a status region speaks a change only, so the repeat differs by an invisible mark
    this.#announcement = text === this.#announcement ? `${text}\u2060` : text;
  }

  #onSubmit(e: AcwSubmitEvent): void {
    e.stopPropagation();
    // keep following: the agent wants to see their own reply
    this.#follow.follow();
    this.dispatchEvent(new AcwMessageSentEvent(e.text));
  }

  #row(item: Item): Row {
    if (item instanceof ReplyItem) {
      const r = item.reply;
      return {
        source: 'agent',
        text: r.text,
        at: new Date(r.createdAt),
        reply: r,
      };
    }
    return {
      source: item.source,
      text: messageText(item),
      at: toDate(item.createdAt),
      msg: item,
    };
  }

  /**
   * A row is rendered again only when what it shows changed: its message (or
   * reply state), whether it starts a speaker's group, its index, the tile
   * marks, the paused state or the language. The virtualizer asks for every
   * row in its range whenever the range moves (each new message while
   * following), so the rows already there cost nothing.
   */
  #renderItem(item: Item, index: number) {
    const prev = this.#items[index - 1];
    const byTile = this.#byTile(item);
    const first = !prev || sourceOf(prev) !== sourceOf(item) || this.#byTile(prev) !== byTile;
    const value = item instanceof ReplyItem ? item.reply : item;
    const cited = this.cited?.index === index;
    return html`${guard([value, first, index, byTile, this.paused, getLocale(), cited], () =>
      this.#renderRow(this.#row(item), first, byTile, index, cited),
    )}`;
  }

  #renderRow(r: Row, first: boolean, byTile: string | undefined, index: number, cited: boolean) {
    const out = r.source !== 'user';
    const speaker = speakerOf(r.source);
    const failed = r.reply?.state === 'failed';
    // (voice: a message with `final` was spoken, not sent: it has no reply state)
    const interim = r.msg?.final === false;
    const cut = r.msg?.truncated
      ? html`<span class="cut">${moreCharacters(r.msg.truncated)}</span>`
      : nothing;
    // the bubble keeps white space as written (pre-wrap): nothing but the text goes inside it
    const speaking = interim
      ? html`<span class="speaking" aria-hidden="true"></span
          ><span class="sr-only"> ${m.stillRecognised()}</span>`
      : nothing;
    const bubble = html`${renderText(r.text)}${cut}${speaking}`;
    // an article of the log, numbered (the set grows while the call lasts: its size is unknown)
    return html`<div
      part="message"
      role="article"
      aria-posinset=${index + 1}
      aria-setsize="-1"
      tabindex="-1"
      data-index=${index}
      class="msg ${r.source} ${out ? 'out' : 'in'} ${first ? 'first' : ''} ${failed ? 'failed' : ''} ${interim ? 'interim' : ''} ${cited ? 'cited' : ''}"
    >
      <div class="meta ${first ? '' : 'sr-only'}">
        <span class="who">${speaker}</span>
        ${r.source === 'bot' ? html`<span class="badge" aria-hidden="true">${m.automated()}</span>` : nothing}
        ${byTile !== undefined ? html`<span class="badge">${m.sentByTile(tileTitle(byTile))}</span>` : nothing}
        ${r.at ? html`<time datetime=${r.at.toISOString()}>${formatTime(r.at)}</time>` : nothing}
      </div>
      <div class="bubble" dir="auto">${bubble}</div>
      ${r.source === 'agent' && r.msg?.final === undefined ? this.#renderState(r) : nothing}
    </div>`;
  }

  /** The tile that sent this reply on its own, if one did. */
  #byTile(item: Item): string | undefined {
    const id = item instanceof ReplyItem ? item.reply.clientMessageId : item.clientMessageId;
    return id === undefined ? undefined : this.tileReplies.get(id);
  }

  #renderState(r: Row) {
    const reply = r.reply;
    if (!reply || reply.state === 'sent') {
      return html`<div class="state">${tickIcon}<span>${m.replySent()}</span></div>`;
    }
    if (reply.state === 'pending') {
      return html`<div class="state">
        ${clockIcon}<span>${this.paused ? m.replyPendingPaused() : m.sending()}</span>
      </div>`;
    }
    if (reply.state === 'retrying') {
      return html`<div class="state">${clockIcon}<span>${m.replyRetrying()}</span></div>`;
    }
    return html`<div class="state failed">
      <span>${reply.error ? m.notSentBecause(problemWithServer(reply.error)) : m.notSent()}</span>
      <button
        type="button"
        @click=${() => this.dispatchEvent(new AcwReplyRetryEvent(reply.clientMessageId))}
      >
        ${m.retry()}
      </button>
    </div>`;
  }
}

/** The text of a message; attachments without text are described, never dumped as JSON. */
function messageText(message: TranscriptMessage): string {
  if (message.text !== undefined && message.text !== '') return message.text;
  const attachments = message.attachments ?? [];
  if (attachments.length > 0) {
    return formatList(
      attachments.map((a) =>
        a.name
          ? m.attachmentNamed(attachmentLabel(a.type), a.name)
          : m.attachmentUnnamed(attachmentLabel(a.type)),
      ),
    );
  }
  return m.noText();
}

/** Text as a screen reader should speak it: redaction placeholders as their chip's words. */
function spokenText(text: string): string {
  return segmentText(text)
    .map((s) => (s.kind === 'text' ? s.text : m.chipHidden(redactionLabel(s.entity))))
    .join('');
}

function renderText(text: string) {
  return segmentText(text).map((s) =>
    s.kind === 'text'
      ? s.text
      : html`<span
          class="chip"
          part="chip"
          role="img"
          aria-label=${m.chipHidden(redactionLabel(s.entity))}
          >${lockIcon}${redactionLabel(s.entity)}</span
        >`,
  );
}

defineElement('acw-transcript-tile', AcwTranscriptTile);

declare global {
  interface HTMLElementTagNameMap {
    'acw-transcript-tile': AcwTranscriptTile;
  }
}
