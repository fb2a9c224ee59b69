import { css, html, nothing } from 'lit';
import { messages as m } from '../../i18n/renderer-messages.js';
import { formatNumber } from '../../i18n/locale.js';
import { AcwCiteEvent } from '../../events/events.js';
import type { BriefSentence } from '../../transport/protocol.js';

/**
 * Sentences that cite transcript messages (a brief's, a wrap-up draft's;
 * docs/PROTOCOL.md §5.9): a list, each sentence as text followed by one
 * numbered button per cited message the transcript has (numbered in the order
 * first cited), which dispatches `acw-cite` from `host`. Cited ids the
 * transcript lacks get no button.
 */
export function citedSentences(
  host: HTMLElement,
  sentences: readonly BriefSentence[],
  known: (id: string) => boolean,
) {
  const numbers = new Map<string, number>();
  for (const s of sentences)
    for (const id of s.cites ?? [])
      if (known(id) && !numbers.has(id)) numbers.set(id, numbers.size + 1);
  return html`<ul class="cited">
    ${sentences.map(
      (s) =>
        html`<li dir="auto" data-topic=${s.topic ?? nothing}>
          ${s.text}${[...new Set(s.cites ?? [])].map((id) => {
            const n = numbers.get(id);
            return n === undefined
              ? nothing
              : html`<button
                  type="button"
                  class="cite"
                  aria-label=${m.briefCite(formatNumber(n))}
                  @click=${(e: Event) =>
                    host.dispatchEvent(new AcwCiteEvent(id, e.currentTarget as HTMLElement))}
                >
                  ${formatNumber(n)}
                </button>`;
          })}
        </li>`,
    )}
  </ul>`;
}

/** How many cited ids the transcript lacks. */
export const missingCites = (sentences: readonly BriefSentence[], known: (id: string) => boolean) =>
  sentences.flatMap((s) => s.cites ?? []).filter((id) => !known(id)).length;

export const citedStyles = css`
  /* no list markers: each sentence may run in its own direction (dir=auto), a marker would
     sit on the wrong side of it in a right-to-left workspace */
  .cited {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: 6px;
  }
  .cite {
    margin-inline-start: 4px;
    padding: 0 5px;
    min-inline-size: 1.6em;
    border-radius: 999px;
    font-size: 0.8em;
    vertical-align: 0.15em;
  }
`;
