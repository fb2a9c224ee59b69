import { type PropertyValues, css, html, nothing, svg } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { MessageSource, TranscriptMessage } from '../transport/protocol.js';
import type { ReplyView } from '../state/reduce.js';
import { REDACTION_LABELS, segmentText } from '../state/redaction.js';
import { Transcript } from '../state/transcript.js';
import { FollowBottomController } from '../controllers/follow-bottom-controller.js';
import { defineElement } from './define.js';
import { AcwMessageSentEvent, AcwReplyRetryEvent, type AcwSubmitEvent } from './events.js';
import { AcwTileElement } from './tile-element.js';
import { tileTitle } from './tile-title.js';
import './acw-chat-input.js';

const SPEAKER: Record<MessageSource, string> = { user: 'Customer', bot: 'Bot', agent: 'Agent' };

/** One row of the log: a transcript message or a local reply not yet echoed. */
type Row =
  | {
      key: string;
      source: MessageSource;
      text: string;
      at: Date | undefined;
      reply?: undefined;
      msg: TranscriptMessage;
    }
  | { key: string; source: 'agent'; text: string; at: Date; reply: ReplyView; msg?: undefined };

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

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
 * @tagname acw-transcript-tile
 */
export class AcwTranscriptTile extends AcwTileElement {
  static override styles = [
    ...AcwTileElement.styles,
    css`
      .body {
        padding: 0;
        overflow: hidden;
        display: flex;
        flex-direction: column;
      }
      .scroller {
        flex: 1;
        min-block-size: 0;
        overflow: auto;
        padding-inline: 12px;
      }
      .log {
        display: flex;
        flex-direction: column;
        gap: 2px;
        padding-block: 8px 12px;
      }
      .msg {
        display: flex;
        flex-direction: column;
        align-items: flex-start;
        max-inline-size: 100%;
        /* long transcripts: rows off screen skip layout and paint ... */
        content-visibility: auto;
        contain-intrinsic-size: auto 44px;
      }
      /* ... but never the newest rows, where messages arrive and the agent reads: a row
         that has not rendered yet would count as 44px and leave the log short of the bottom */
      .msg:nth-last-child(-n + 20) {
        content-visibility: visible;
      }
      .msg.out {
        align-items: flex-end;
      }
      .msg.first {
        margin-block-start: 10px;
      }
      .meta {
        display: flex;
        gap: 6px;
        align-items: baseline;
        font-size: 12px;
        color: var(--acw-color-text-muted, #57606a);
        margin-block-end: 2px;
      }
      .meta time {
        font-variant-numeric: tabular-nums;
      }
      .badge {
        font-size: 11px;
        padding-inline: 5px;
        border-radius: 4px;
        border: 1px solid var(--acw-color-border, #d0d7de);
      }
      .bubble {
        max-inline-size: min(85%, 60ch);
        padding-block: 6px;
        padding-inline: 10px;
        border-radius: 10px;
        background: var(--acw-color-surface-muted, #f0f2f5);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .agent .bubble {
        background: var(--acw-color-accent, #0b5cad);
        color: var(--acw-color-on-accent, #fff);
      }
      .bot .bubble {
        border: 1px solid var(--acw-color-border, #d0d7de);
        background: var(--acw-color-surface, #fff);
      }
      .agent.failed .bubble {
        background: var(--acw-color-danger-surface, #fde8e7);
        color: var(--acw-color-text, #1b1f24);
        border: 1px solid var(--acw-color-danger, #b42318);
      }
      .cut {
        display: block;
        margin-block-start: 4px;
        font-size: 12px;
        font-style: italic;
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: 3px;
        padding-inline: 6px;
        border-radius: 999px;
        font-size: 12px;
        line-height: 1.5;
        vertical-align: baseline;
        background: var(--acw-color-chip, #e4e7ec);
        color: var(--acw-color-on-chip, #303740);
        border: 1px dashed currentColor;
        white-space: nowrap;
      }
      .state {
        display: flex;
        align-items: center;
        gap: 4px;
        font-size: 12px;
        color: var(--acw-color-text-muted, #57606a);
        margin-block-start: 2px;
      }
      .state.failed {
        color: var(--acw-color-danger, #b42318);
      }
      .state button {
        font-size: 12px;
        padding-block: 0;
        padding-inline: 8px;
      }
      .empty {
        margin: auto;
        text-align: center;
        color: var(--acw-color-text-muted, #57606a);
      }
      .wrap {
        position: relative;
        flex: 1;
        min-block-size: 0;
        display: flex;
        flex-direction: column;
      }
      .new {
        position: absolute;
        inset-block-end: 10px;
        inset-inline-start: 50%;
        translate: -50% 0;
        border-radius: 999px;
        box-shadow: 0 1px 4px rgb(0 0 0 / 0.2);
      }
    `,
  ];

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

  readonly #follow = new FollowBottomController(
    this,
    () => this.renderRoot.querySelector<HTMLElement>('.scroller'),
    () => this.renderRoot.querySelector('.log'),
  );

  constructor() {
    super();
    this.tileId = 'transcript';
  }

  protected override get displayTitle(): string {
    return this.chatInput ? 'Chat' : 'Transcript';
  }

  protected override renderBody() {
    const rows = this.#rows();
    const unseen = this.#follow.unseen;
    return html`<div class="wrap">
        <div class="scroller" part="log" role="log" aria-labelledby="title" tabindex="0">
          ${
            rows.length === 0
              ? html`<p class="empty">No messages yet.</p>`
              : html`<div class="log">
                  ${repeat(
                    rows,
                    (r) => r.key,
                    (r, i) => this.#renderRow(r, rows[i - 1]),
                  )}
                </div>`
          }
        </div>
        ${
          unseen > 0
            ? html`<button class="new primary" @click=${this.scrollToLatest}>
                ${unseen === 1 ? '1 new message' : `${unseen} new messages`}
              </button>`
            : nothing
        }
      </div>
      ${this.chatInput ? html`<acw-chat-input @acw-submit=${this.#onSubmit}></acw-chat-input>` : nothing}`;
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

  /** Scrolls to the newest message and resumes following. */
  scrollToLatest(): void {
    this.#follow.follow();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('transcript') || changed.has('replies')) {
      this.#follow.itemsChanged(this.transcript.length + this.replies.length);
    }
  }

  #onSubmit(e: AcwSubmitEvent): void {
    e.stopPropagation();
    // keep following: the agent wants to see their own reply
    this.#follow.follow();
    this.dispatchEvent(new AcwMessageSentEvent(e.text));
  }

  #rows(): Row[] {
    const rows: Row[] = this.transcript.items.map((m) => ({
      key: `m:${m._id}`,
      source: m.source,
      text: messageText(m),
      at: toDate(m.createdAt),
      msg: m,
    }));
    for (const r of this.replies) {
      rows.push({
        key: `r:${r.clientMessageId}`,
        source: 'agent',
        text: r.text,
        at: new Date(r.createdAt),
        reply: r,
      });
    }
    return rows;
  }

  #renderRow(r: Row, prev: Row | undefined) {
    const first = !prev || prev.source !== r.source || this.#byTile(r) !== this.#byTile(prev);
    const out = r.source !== 'user';
    const speaker = SPEAKER[r.source];
    const failed = r.reply?.state === 'failed';
    const byTile = this.#byTile(r);
    return html`<div
      part="message"
      class="msg ${r.source} ${out ? 'out' : 'in'} ${first ? 'first' : ''} ${failed ? 'failed' : ''}"
    >
      <div class="meta ${first ? '' : 'sr-only'}">
        <span class="who">${speaker}</span>
        ${r.source === 'bot' ? html`<span class="badge" aria-hidden="true">automated</span>` : nothing}
        ${byTile !== undefined ? html`<span class="badge">sent by the ${tileTitle(byTile)} tile</span>` : nothing}
        ${r.at ? html`<time datetime=${r.at.toISOString()}>${timeFormat.format(r.at)}</time>` : nothing}
      </div>
      <div class="bubble">
        ${renderText(r.text)}${
          r.msg?.truncated
            ? html`<span class="cut"
                >… ${r.msg.truncated.toLocaleString()} more characters not shown</span
              >`
            : nothing
        }
      </div>
      ${r.source === 'agent' ? this.#renderState(r) : nothing}
    </div>`;
  }

  #byTile(r: Row): string | undefined {
    const id = r.reply?.clientMessageId ?? r.msg?.clientMessageId;
    return id === undefined ? undefined : this.tileReplies.get(id);
  }

  #renderState(r: Row) {
    const reply = r.reply;
    if (!reply || reply.state === 'sent') {
      return html`<div class="state">${tickIcon}<span>Sent</span></div>`;
    }
    if (reply.state === 'pending') {
      return html`<div class="state">
        ${clockIcon}<span
          >${this.paused ? 'Pending, will be sent when the connection is back' : 'Sending…'}</span
        >
      </div>`;
    }
    if (reply.state === 'retrying') {
      return html`<div class="state">
        ${clockIcon}<span>Not sent: too many messages, retrying</span>
      </div>`;
    }
    return html`<div class="state failed">
      <span>Not sent${reply.error ? `: ${reply.error}` : ''}</span>
      <button
        type="button"
        @click=${() => this.dispatchEvent(new AcwReplyRetryEvent(reply.clientMessageId))}
      >
        Retry
      </button>
    </div>`;
  }
}

/** The text of a message; attachments without text are described, never dumped as JSON. */
function messageText(m: TranscriptMessage): string {
  if (m.text !== undefined && m.text !== '') return m.text;
  const attachments = m.attachments ?? [];
  if (attachments.length > 0) {
    return attachments.map((a) => `[${a.type} attachment${a.name ? `: ${a.name}` : ''}]`).join(' ');
  }
  return '(message without text)';
}

function renderText(text: string) {
  return segmentText(text).map((s) =>
    s.kind === 'text'
      ? s.text
      : html`<span
          class="chip"
          part="chip"
          role="img"
          aria-label="${REDACTION_LABELS[s.entity]} hidden"
          >${lockIcon}${REDACTION_LABELS[s.entity]}</span
        >`,
  );
}

defineElement('acw-transcript-tile', AcwTranscriptTile);

declare global {
  interface HTMLElementTagNameMap {
    'acw-transcript-tile': AcwTranscriptTile;
  }
}
