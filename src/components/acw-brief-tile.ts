import { type PropertyValues, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { messages as m } from '../i18n/renderer-messages.js';
import { AcwDiagnosticEvent } from '../events/events.js';
import { citedSentences, citedStyles, missingCites } from './internal/cited.js';
import type { Brief, BriefSentence } from '../transport/protocol.js';
import { type BriefFetchProblem, fetchBrief } from '../transport/brief-url.js';
import { defineElement } from './internal/define.js';
import { AcwTileElement } from './tile-element.js';

const PROBLEM_WORDS: Record<BriefFetchProblem, () => string> = {
  refused: m.briefUrlRefused,
  timeout: m.briefUrlTimeout,
  failed: m.briefUrlFailed,
  invalid: m.briefUrlInvalid,
};

type Fetched =
  | { state: 'loading' }
  | { state: 'done'; title?: string | undefined; sentences: readonly BriefSentence[] }
  | { state: 'failed'; problem: BriefFetchProblem };

/**
 * A handoff brief (extension, docs/PROTOCOL.md §5.9): why the customer came,
 * what the bot or the previous agent did and verified, why it escalated, the
 * mood, the open question. Each sentence cites the transcript messages it
 * comes from: activating a citation shows that message in the transcript
 * (focused, highlighted, with a way back). A citation the transcript does not
 * have is shown as text only (one `brief` diagnostic). Sentences come in the
 * tile data, or from the brief's `url` (fetched once: a clear message when it
 * fails, never an endless spinner). The grid pins it above the other tiles;
 * it is announced once.
 *
 * @summary Handoff brief tile.
 * @tagname acw-brief-tile
 */
export class AcwBriefTile extends AcwTileElement {
  static override styles = [
    ...AcwTileElement.styles,
    citedStyles,
    css`
      .title {
        margin: 0 0 4px;
        font-weight: 600;
      }
      .problem {
        margin: 4px 0 0;
        color: var(--acw-color-danger, #b42318);
      }
    `,
  ];

  /** The brief (parsed). */
  @property({ attribute: false }) brief: Brief | undefined;

  /** Is the message `_id` in the transcript? (Citations to others are text only.) */
  @property({ attribute: false }) known: (id: string) => boolean = () => false;

  @state() private fetched: Fetched | undefined;
  /** said once to a screen reader, per version */
  @state() private announcement = '';
  #announcedVersion: number | undefined;
  #reportedMissing = 0;

  protected override get displayTitle(): string {
    return this.heading || m.briefTitle();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('brief')) {
      const url = this.brief?.url;
      this.fetched = undefined;
      this.#reportedMissing = 0;
      if (url) this.#fetch(url);
    }
  }

  #fetch(url: string): void {
    const brief = this.brief;
    this.fetched = { state: 'loading' };
    void fetchBrief(url).then((r) => {
      if (this.brief !== brief) return; // a newer brief came meanwhile
      if (r.ok) {
        this.fetched = { state: 'done', title: r.doc.title, sentences: r.doc.sentences };
        return;
      }
      this.fetched = { state: 'failed', problem: r.problem };
      this.#diagnose(`the brief's url was not loaded (${r.problem})`);
    });
  }

  #diagnose(problem: string): void {
    this.dispatchEvent(
      new AcwDiagnosticEvent({ kind: 'brief', event: 'tileUpdate', problem, dropped: 0 }),
    );
  }

  #sentences(): readonly BriefSentence[] {
    const own = this.brief?.sentences ?? [];
    return this.fetched?.state === 'done' ? [...own, ...this.fetched.sentences] : own;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const sentences = this.#sentences();
    // announced once, when there is something to say
    if (sentences.length > 0 && this.#announcedVersion !== this.version) {
      this.#announcedVersion = this.version;
      const title = this.fetched?.state === 'done' ? this.fetched.title : this.brief?.title;
      // (joined as the locale joins announcements: the catalog's template)
      this.announcement = [this.displayTitle, title, sentences[0]?.text]
        .filter((x): x is string => Boolean(x))
        .reduce((before, next) => m.announceNext(before, next));
    }
    const missing = missingCites(sentences, this.known);
    if (missing > this.#reportedMissing) {
      this.#reportedMissing = missing;
      this.#diagnose(`${missing} cited messages of the brief are not in the transcript`);
    }
  }

  protected override renderBody() {
    const sentences = this.#sentences();
    const title =
      this.fetched?.state === 'done'
        ? (this.fetched.title ?? this.brief?.title)
        : this.brief?.title;
    const f = this.fetched;
    return html`${title ? html`<p class="title" dir="auto">${title}</p>` : nothing}
      ${sentences.length ? citedSentences(this, sentences, this.known) : nothing}
      ${f?.state === 'loading' ? html`<p class="muted">${m.briefLoading()}</p>` : nothing}
      ${
        f?.state === 'failed'
          ? html`<p class="problem" role="alert">${m.briefFailed(PROBLEM_WORDS[f.problem]())}</p>`
          : nothing
      }
      <div class="sr-only" role="status">${this.announcement}</div>`;
  }
}

defineElement('acw-brief-tile', AcwBriefTile);

declare global {
  interface HTMLElementTagNameMap {
    'acw-brief-tile': AcwBriefTile;
  }
}
