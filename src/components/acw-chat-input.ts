import { LitElement, css, html } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { baseStyles } from '../styles/tokens.js';
import { defineElement } from './internal/define.js';
import { AcwSubmitEvent } from '../events/events.js';
import { updateWhenLocaleChanges } from '@lit/localize';
import { messages as m } from '../i18n/messages.js';

/**
 * The agent's reply box: a growing textbox and a Send button. Enter sends,
 * Shift+Enter adds a line; whitespace-only text cannot be sent.
 *
 * @summary Reply box under the transcript.
 * @fires acw-submit - the agent sent `text` (bubbles; bound by the transcript tile)
 * @csspart textbox - the textarea
 * @csspart send - the send button
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
 * @cssprop --acw-space - gaps inside tiles
 * @tagname acw-chat-input
 */
export class AcwChatInput extends LitElement {
  static override styles = [
    baseStyles,
    css`
      form {
        display: flex;
        align-items: flex-end;
        gap: var(--acw-space, 8px);
        padding: 8px;
        border-block-start: 1px solid var(--acw-color-border, #d0d7de);
        background: var(--acw-color-surface, #fff);
      }
      textarea {
        flex: 1;
        min-inline-size: 0;
        resize: none;
        field-sizing: content;
        min-block-size: calc(1.4em + 14px);
        max-block-size: calc(6 * 1.4em + 14px);
        overflow-y: auto;
        font: inherit;
        line-height: 1.4;
        padding-block: 6px;
        padding-inline: 8px;
        border: 1px solid var(--acw-color-text-muted, #57606a); /* at least 3:1 against the surface */
        border-radius: 6px;
        background: var(--acw-color-surface, #fff);
        color: inherit;
      }
      textarea::placeholder {
        color: var(--acw-color-text-muted, #57606a);
      }
      button {
        block-size: calc(1.4em + 14px);
      }
    `,
  ];

  /** Hint shown in the empty box (the catalog's "Type a reply…" when not set). */
  @property() placeholder: string | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** The current draft. */
  @state() private value = '';

  @query('textarea') private textarea!: HTMLTextAreaElement;

  /** Moves focus into the textbox. */
  override focus(options?: FocusOptions): void {
    this.textarea.focus(options);
  }

  /**
   * Inserts `text` at the cursor (after a selection, never replacing it), with
   * a space where it would touch a word, and focuses the box with the cursor
   * after the inserted text.
   */
  insert(text: string): void {
    const box = this.textarea;
    const at = box.selectionEnd ?? box.value.length;
    const before = box.value.slice(0, at);
    const after = box.value.slice(at);
    const lead = before && !/\s$/.test(before) ? ' ' : '';
    const trail = after && !/^\s/.test(after) ? ' ' : '';
    box.value = `${before}${lead}${text}${trail}${after}`;
    this.value = box.value;
    const caret = before.length + lead.length + text.length;
    box.focus();
    box.setSelectionRange(caret, caret);
  }

  override render() {
    const empty = this.value.trim() === '';
    return html`<form @submit=${this.#onSubmit}>
      <textarea
        part="textbox"
        rows="1"
        aria-label=${m.replyLabel()}
        placeholder=${this.placeholder ?? m.replyPlaceholder()}
        .value=${this.value}
        @input=${this.#onInput}
        @keydown=${this.#onKeydown}
      ></textarea>
      <button part="send" class="primary" type="submit" ?disabled=${empty}>${m.send()}</button>
    </form>`;
  }

  #onInput(e: InputEvent): void {
    this.value = (e.target as HTMLTextAreaElement).value;
  }

  #onKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.altKey || e.ctrlKey || e.metaKey)
      return;
    e.preventDefault();
    this.#send();
  }

  #onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    this.#send();
  }

  #send(): void {
    const text = this.textarea.value;
    if (text.trim() === '') return;
    this.value = '';
    this.textarea.value = '';
    this.dispatchEvent(new AcwSubmitEvent(text.trim()));
  }
}

defineElement('acw-chat-input', AcwChatInput);

declare global {
  interface HTMLElementTagNameMap {
    'acw-chat-input': AcwChatInput;
  }
}
