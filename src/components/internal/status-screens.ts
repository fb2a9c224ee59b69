/**
 * The status screens of the workspace (docs/PROTOCOL.md §10): what the agent
 * sees instead of the grid while there is no live session, in the agent's
 * language; the server's own words shown as given, marked as the server's.
 */
import { type TemplateResult, html, nothing } from 'lit';
import type { ConnectionState } from '../../state/reduce.js';
import { messages as m } from '../../i18n/messages.js';
import { paramProblemText } from '../../i18n/words.js';

/** The server's own words, marked as the server's (never translated: shown as given). */
function serverSaid(text: string | undefined) {
  return text === undefined
    ? nothing
    : html`<p class="server">${around(m.serverSaidText, html`<q>${text}</q>`)}</p>`;
}

/** Where a catalog template's argument goes: a mark no translation contains. */
const MARK = '\u{E000}';

/**
 * A one-argument catalog template around markup (the argument shown as
 * `inner`): the words and punctuation before and after it are the locale's.
 */
function around(template: (arg: string) => string, inner: unknown) {
  const [before = '', after = ''] = template(MARK).split(MARK);
  return html`${before}${inner}${after}`;
}

/** One screen: a title, its lines, and a button when the agent can act. */
interface Screen {
  title: string;
  lines?: readonly unknown[];
  /** an error (styled as one); otherwise a state the agent waits in or is told of */
  error?: boolean;
  /** `status` for a wait or a state (announced politely); `alert` otherwise */
  role?: 'alert' | 'status';
  busy?: boolean;
  action?: { label: string; run: () => void };
}

function screen({ title, lines = [], error = false, role = 'alert', busy, action }: Screen) {
  return html`<section
    class=${error ? 'status error' : 'status'}
    part="status"
    role=${role}
    aria-busy=${busy ? 'true' : 'false'}
  >
    <h2>${title}</h2>
    ${lines}
    ${action ? html`<button class="primary" @click=${action.run}>${action.label}</button>` : nothing}
  </section>`;
}

/** A paragraph of sentences, a space between them. */
const p = (...sentences: unknown[]) =>
  html`<p>${sentences.flatMap((sentence, i) => (i ? [' ', sentence] : [sentence]))}</p>`;

/**
 * The screen for a connection that is not live (undefined when it is live or
 * reconnecting: the grid stays). `retry` is the "Try again" / "Retry now" button's action.
 */
export function statusScreen(c: ConnectionState, retry: () => void): TemplateResult | undefined {
  switch (c.phase) {
    case 'invalid-params':
      return screen({
        title: m.linkIncomplete(),
        error: true,
        lines: [
          p(m.checkParams()),
          html`<ul>
            ${(c.problems ?? []).map(
              (problem) =>
                html`<li>
                  ${around(
                    (param) => m.paramProblem(param, paramProblemText(problem)),
                    html`<code>${problem.param}</code>`,
                  )}
                </li>`,
            )}
          </ul>`,
        ],
      });
    case 'unconfigured':
      return screen({
        title: m.notSetUp(),
        error: true,
        lines: [
          p(c.code === 'endpoint-not-http' ? m.endpointNotHttp() : m.noEndpoint(), m.setEndpoint()),
        ],
      });
    case 'connecting':
    case 'joining':
      return screen({
        title: c.phase === 'connecting' ? m.connecting() : m.joining(),
        role: 'status',
        busy: true,
      });
    case 'join-refused':
      if (c.code === 'token-expired')
        return screen({
          title: m.linkExpired(),
          lines: [p(m.linkExpiredHelp()), serverSaid(c.server)],
          error: true,
        });
      if (c.code === 'copilot-whisper' || c.code === 'copilot-off') {
        const whisper = c.code === 'copilot-whisper';
        return screen({
          title: whisper ? m.whisperTitle() : m.offTitle(),
          lines: [p(whisper ? m.whisperHelp() : m.offHelp()), serverSaid(c.server)],
        });
      }
      return screen({
        title: m.refusedTitle(),
        error: true,
        lines: [
          c.code === 'no-answer' ? p(m.problemNoAnswer()) : serverSaid(c.server),
          p(m.refusedHelp()),
        ],
        action: { label: m.tryAgain(), run: retry },
      });
    case 'failed':
      return screen({
        title: m.cannotConnect(),
        error: true,
        lines: [
          p(
            c.code === 'connect-refused' ? m.problemConnectRefused() : m.problemUnreachable(),
            m.keepsTrying(),
          ),
          serverSaid(c.server),
        ],
        action: { label: m.retryNow(), run: retry },
      });
    case 'closed':
      return screen({ title: m.disconnected(), role: 'status' });
    case 'live':
    case 'reconnecting':
      return undefined;
    default: {
      const never: never = c.phase;
      return never;
    }
  }
}
