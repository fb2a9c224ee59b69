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

/**
 * The screen for a connection that is not live (undefined when it is live or
 * reconnecting: the grid stays). `retry` is the "Try again" / "Retry now" button's action.
 */
export function statusScreen(c: ConnectionState, retry: () => void): TemplateResult | undefined {
  switch (c.phase) {
    case 'invalid-params':
      return html`<section class="status error" part="status" role="alert">
        <h2>${m.linkIncomplete()}</h2>
        <p>${m.checkParams()}</p>
        <ul>
          ${(c.problems ?? []).map(
            (p) =>
              html`<li>
                ${around((param) => m.paramProblem(param, paramProblemText(p)), html`<code>${p.param}</code>`)}
              </li>`,
          )}
        </ul>
      </section>`;
    case 'unconfigured':
      return html`<section class="status error" part="status" role="alert">
        <h2>${m.notSetUp()}</h2>
        <p>
          ${c.code === 'endpoint-not-http' ? m.endpointNotHttp() : m.noEndpoint()}
          ${m.setEndpoint()}
        </p>
      </section>`;
    case 'connecting':
    case 'joining':
      return html`<section class="status" part="status" role="status" aria-busy="true">
        <h2>${c.phase === 'connecting' ? m.connecting() : m.joining()}</h2>
      </section>`;
    case 'join-refused':
      if (c.code === 'token-expired')
        return html`<section class="status error" part="status" role="alert">
          <h2>${m.linkExpired()}</h2>
          <p>${m.linkExpiredHelp()}</p>
          ${serverSaid(c.server)}
        </section>`;
      if (c.code === 'copilot-whisper' || c.code === 'copilot-off')
        return html`<section class="status" part="status" role="alert">
          <h2>${c.code === 'copilot-whisper' ? m.whisperTitle() : m.offTitle()}</h2>
          <p>${c.code === 'copilot-whisper' ? m.whisperHelp() : m.offHelp()}</p>
          ${serverSaid(c.server)}
        </section>`;
      return html`<section class="status error" part="status" role="alert">
        <h2>${m.refusedTitle()}</h2>
        ${c.code === 'no-answer' ? html`<p>${m.problemNoAnswer()}</p>` : serverSaid(c.server)}
        <p>${m.refusedHelp()}</p>
        <button class="primary" @click=${retry}>${m.tryAgain()}</button>
      </section>`;
    case 'failed':
      return html`<section class="status error" part="status" role="alert">
        <h2>${m.cannotConnect()}</h2>
        <p>
          ${c.code === 'connect-refused' ? m.problemConnectRefused() : m.problemUnreachable()}
          ${m.keepsTrying()}
        </p>
        ${serverSaid(c.server)}
        <button class="primary" @click=${retry}>${m.retryNow()}</button>
      </section>`;
    case 'closed':
      return html`<section class="status" part="status" role="status">
        <h2>${m.disconnected()}</h2>
      </section>`;
    case 'live':
    case 'reconnecting':
      return undefined;
    default: {
      const never: never = c.phase;
      return never;
    }
  }
}
