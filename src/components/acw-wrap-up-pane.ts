import { type PropertyValues, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { messages as m } from '../i18n/renderer-messages.js';
import { getLocale } from '../i18n/locale.js';
import { problemText } from '../i18n/words.js';
import { AcwPostbackEvent, AcwWrapUpSubmittedEvent } from '../events/events.js';
import type { PostbackResult } from '../transport/copilot-connection.js';
import type { BriefSentence, WrapUpDraft } from '../transport/protocol.js';
import { defineElement } from './internal/define.js';
import { citedSentences, citedStyles } from './internal/cited.js';
import { AcwTileElement } from './tile-element.js';

/** How long the pane waits for a draft after the agent pressed Wrap up, ms. */
export const WRAP_UP_DRAFT_WAIT_MS = 20_000;
/** How long a submission that did not go waits before it goes again, ms. */
export const WRAP_UP_RETRY_MS = 2000;

type Phase =
  'waiting' | 'no-draft' | 'editing' | 'submitting' | 'retrying' | 'refused' | 'submitted';

const textOf = (d: WrapUpDraft): string =>
  d.summary ?? (d.sentences ?? []).map((s: BriefSentence) => s.text).join(' ');

/** The code preselected: the top one, only at or above the draft's threshold (none without one). */
function preselected(d: WrapUpDraft): string {
  const top = [...(d.codes ?? [])].sort((a, b) => b.confidence - a.confidence)[0];
  return top && d.preselectAbove !== undefined && top.confidence >= d.preselectAbove
    ? top.code
    : '';
}

/**
 * The wrap-up pane (extension, docs/PROTOCOL.md §5.10), above the grid: the
 * after-call summary the agent checks (its sentences cite the transcript,
 * like a brief's), edits and submits, with a wrap-up code to choose (the top
 * prediction preselected only above the flow's threshold). It opens when a
 * draft arrives or when the agent presses Wrap up (a `wrap-up-request`
 * postback; no draft within {@link WRAP_UP_DRAFT_WAIT_MS}: the agent writes
 * one). A new draft never overwrites the agent's edits: it is offered beside
 * them. Submit sends one `wrap-up` postback with a submission id, again until
 * it is acknowledged (the backend keeps the first of an id: exactly once
 * across drops and endpoint restarts), then the pane says it was submitted.
 *
 * @summary Wrap-up pane.
 * @tagname acw-wrap-up-pane
 */
export class AcwWrapUpPane extends AcwTileElement {
  static override styles = [
    ...AcwTileElement.styles,
    citedStyles,
    css`
      .form {
        display: grid;
        gap: 8px;
      }
      label,
      legend {
        font-weight: 600;
      }
      textarea {
        inline-size: 100%;
        box-sizing: border-box;
        min-block-size: 6em;
        font: inherit;
        padding: 6px 8px;
        color: inherit;
        background: var(--acw-color-surface, #fff);
        border: 1px solid var(--acw-color-border, #d0d7de);
        border-radius: 6px;
      }
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px;
      }
      .offer {
        padding: 6px 8px;
        border-radius: 6px;
        background: var(--acw-color-warning-surface, #fff8c5);
        color: var(--acw-color-on-warning, #1f2328);
      }
      .problem {
        color: var(--acw-color-danger, #b42318);
      }
      .sources {
        font-size: 0.92em;
      }
    `,
  ];

  /** The newest draft, when one came; `version` is its tile version. */
  @property({ attribute: false }) draft: WrapUpDraft | undefined;

  /** The agent pressed Wrap up (and no draft is here yet: the pane waits for one). */
  @property({ type: Boolean }) requested = false;

  /** Is the message `_id` in the transcript? (Citations to others are text only.) */
  @property({ attribute: false }) known: (id: string) => boolean = () => false;

  /** How long to wait for a draft, ms. */
  @property({ attribute: false }) waitMs = WRAP_UP_DRAFT_WAIT_MS;

  @state() private phase: Phase = 'waiting';
  @state() private text = '';
  @state() private code = '';
  /** the agent changed the text: a new draft is offered, never put over it */
  @state() private edited = false;
  @state() private offer: WrapUpDraft | undefined;
  @state() private refusal = '';
  #shown: WrapUpDraft | undefined;
  #shownVersion: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #submissionId: string | undefined;

  protected override get displayTitle(): string {
    return m.wrapUpTitle();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('draft') && this.draft && this.draft !== this.#shown) {
      clearTimeout(this.#timer);
      if (this.phase === 'submitted' || this.phase === 'submitting' || this.phase === 'retrying') {
        return; // (a draft after the submission changes nothing)
      }
      if (this.edited && this.text.trim()) this.offer = this.draft;
      else this.#use(this.draft);
    } else if (!this.draft && this.phase === 'waiting' && this.#timer === undefined) {
      this.#timer = setTimeout(() => {
        if (this.phase === 'waiting') this.phase = 'no-draft';
      }, this.waitMs);
    }
  }

  #use(d: WrapUpDraft): void {
    this.#shown = d;
    this.#shownVersion = this.version;
    this.text = textOf(d);
    this.code = preselected(d);
    this.edited = false;
    this.offer = undefined;
    this.phase = 'editing';
  }

  #onInput = (e: Event): void => {
    this.text = (e.target as HTMLTextAreaElement).value;
    this.edited = true;
    if (this.phase === 'no-draft' || this.phase === 'waiting') this.phase = 'editing';
  };

  #submit = (e: Event): void => {
    e.preventDefault();
    if (!this.text.trim() || this.phase === 'submitting' || this.phase === 'submitted') return;
    if (this.phase === 'retrying') return;
    this.#submissionId ??= `wu-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    this.phase = 'submitting';
    this.#send();
  };

  #send(): void {
    const label = this.#shown?.codes?.find((c) => c.code === this.code)?.label;
    const action = {
      type: 'wrap-up',
      submissionId: this.#submissionId,
      summary: this.text.trim(),
      ...(this.code ? { code: this.code } : {}),
      edited: this.#shown === undefined || this.text !== textOf(this.#shown),
      ...(this.#shownVersion !== undefined ? { draftVersion: this.#shownVersion } : {}),
    };
    this.dispatchEvent(
      new AcwPostbackEvent(this.tileId, 'workspace', action, (r: PostbackResult) => {
        if (r.ok) {
          this.phase = 'submitted';
          this.dispatchEvent(
            new AcwWrapUpSubmittedEvent(action.summary, this.code || undefined, label),
          );
        } else if (r.problem.code === 'refused') {
          this.phase = 'refused';
          this.refusal = problemText(r.problem);
          this.#submissionId = undefined; // (refused as it was: the agent may change it and submit anew)
        } else {
          this.phase = 'retrying';
          this.#timer = setTimeout(() => this.#send(), WRAP_UP_RETRY_MS);
        }
      }),
    );
  }

  protected override renderBody() {
    const d = this.#shown;
    const done = this.phase === 'submitted';
    const busy = done || this.phase === 'submitting' || this.phase === 'retrying';
    const percent = new Intl.NumberFormat(getLocale(), { style: 'percent' });
    return html`<form class="form" @submit=${this.#submit}>
      ${d?.demo ? html`<p class="muted">${m.wrapUpDemoDraft()}</p>` : nothing}
      ${this.phase === 'waiting' ? html`<p class="muted" role="status">${m.wrapUpWaiting()}</p>` : nothing}
      ${this.phase === 'no-draft' ? html`<p role="status">${m.wrapUpNoDraft()}</p>` : nothing}
      ${
        this.offer
          ? html`<div class="offer row" role="status">
              <span>${m.wrapUpNewDraft()}</span>
              <button type="button" @click=${() => this.offer && this.#use(this.offer)}>
                ${m.wrapUpUseNewDraft()}
              </button>
            </div>`
          : nothing
      }
      <label for="summary">${m.wrapUpSummary()}</label>
      <textarea
        id="summary"
        dir="auto"
        .value=${this.text}
        ?readonly=${busy}
        @input=${this.#onInput}
      ></textarea>
      ${
        d?.sentences?.length
          ? html`<div class="sources">
              <span class="muted">${m.wrapUpSources()}</span>
              ${citedSentences(this, d.sentences, this.known)}
            </div>`
          : nothing
      }
      ${
        d?.codes?.length
          ? html`<fieldset ?disabled=${busy}>
              <legend>${m.wrapUpCode()}</legend>
              ${d.codes.map(
                (c) =>
                  html`<label
                    ><input
                      type="radio"
                      name="code"
                      .value=${c.code}
                      .checked=${this.code === c.code}
                      @change=${() => (this.code = c.code)}
                    />
                    ${m.wrapUpCodeOption(c.label, percent.format(c.confidence))}</label
                  >`,
              )}
            </fieldset>`
          : nothing
      }
      <div class="row">
        <button class="primary" type="submit" ?disabled=${busy || !this.text.trim()}>
          ${m.wrapUpSubmit()}
        </button>
        <span role="status" class=${this.phase === 'refused' ? 'problem' : ''}
          >${
            done
              ? m.wrapUpSubmitted()
              : this.phase === 'submitting'
                ? m.wrapUpSubmitting()
                : this.phase === 'retrying'
                  ? m.wrapUpRetrying()
                  : this.phase === 'refused'
                    ? m.wrapUpRefused(this.refusal)
                    : ''
          }</span
        >
      </div>
    </form>`;
  }
}

defineElement('acw-wrap-up-pane', AcwWrapUpPane);

declare global {
  interface HTMLElementTagNameMap {
    'acw-wrap-up-pane': AcwWrapUpPane;
  }
}
