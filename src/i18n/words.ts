/**
 * Codes and values into words, in the agent's language: what the transport
 * and the state report (problems, refusals, parameter problems, speakers,
 * redacted entities) as the components show it.
 */
import type { Problem } from '../transport/copilot-connection.js';
import type { AttachmentType, MessageSource } from '../transport/protocol.js';
import type { ParamProblem } from '../transport/session-params.js';
import type { TileProblem } from '../transport/url.js';
import { MAX_PARAM_LENGTH } from '../transport/session-params.js';
import type { RedactionEntity } from '../state/redaction.js';
import type { StrResult } from '@lit/localize';
import { type CountId, type CoreMessageId, counts, messages as m } from './messages.js';
import { formatNumber, localePlurals, pluralCategory } from './locale.js';

/** A problem in words (without the server's own text, which is shown apart, as the server's). */
export function problemText(p: Problem): string {
  switch (p.code) {
    case 'unreachable':
      return m.problemUnreachable();
    case 'connect-refused':
      return m.problemConnectRefused();
    case 'no-answer':
      return m.problemNoAnswer();
    case 'refused':
      return m.problemRefused();
    case 'closed':
      return m.problemClosed();
    case 'down':
      return m.problemDown();
    case 'dropped':
      return m.problemDropped();
    case 'rate-limited':
      return m.problemRateLimited();
    case 'store-unavailable':
      return m.problemStoreUnavailable();
    default: {
      const never: never = p.code;
      return never;
    }
  }
}

/**
 * A problem for a tile or a reply state: the server's text as given when it
 * gave one ("The copilot said: …"), else the code in words.
 */
export function problemWithServer(p: Problem): string {
  return p.server === undefined ? problemText(p) : m.serverSaidText(p.server);
}

export function tileProblemText(p: TileProblem): string {
  switch (p.code) {
    case 'html-not-text':
      return m.tileHtmlNotText();
    case 'url-not-text':
      return m.tileUrlNotText();
    case 'url-empty':
      return m.tileUrlEmpty();
    case 'url-invalid':
      return m.tileUrlInvalid();
    case 'url-not-http':
      return m.tileUrlNotHttp(p.scheme);
    case 'not-a-card':
      return m.tileNotACard();
    case 'brief-invalid':
      return m.tileBriefInvalid();
    case 'wrap-up-invalid':
      return m.tileWrapUpInvalid();
    default: {
      const never: never = p;
      return never;
    }
  }
}

export function paramProblemText(p: ParamProblem): string {
  switch (p.problem) {
    case 'missing':
      return m.paramMissing();
    case 'empty':
      return m.paramEmpty();
    case 'repeated':
      return m.paramRepeated();
    case 'too-long':
      return count('paramTooLong', MAX_PARAM_LENGTH);
    case 'malformed':
      return m.paramMalformed();
    default: {
      const never: never = p.problem;
      return never;
    }
  }
}

export function speaker(source: MessageSource): string {
  return source === 'user' ? m.speakerUser() : source === 'bot' ? m.speakerBot() : m.speakerAgent();
}

export function redactionLabel(entity: RedactionEntity): string {
  switch (entity) {
    case 'CREDIT_CARD_NUMBER':
      return m.chipCardNumber();
    case 'EMAIL_ADDRESS':
      return m.chipEmail();
    case 'PHONE_NUMBER':
      return m.chipPhone();
    case 'IBAN':
      return m.chipIban();
    case 'US_SSN':
      return m.chipSsn();
    default: {
      const never: never = entity;
      return never;
    }
  }
}

export function attachmentLabel(type: AttachmentType): string {
  switch (type) {
    case 'image':
      return m.attachmentImage();
    case 'audio':
      return m.attachmentAudio();
    case 'video':
      return m.attachmentVideo();
    default:
      return m.attachmentFile();
  }
}

/** "N new messages", in the locale's plural. */
export const newMessages = (n: number): string => count('newMessages', n);

/** Where a tile's text went, in words (the tile header's note, and the answer a tile gets). */
export function insertNote(
  where: 'page' | 'genesys' | 'host' | 'reply-box' | 'none' | 'too-many' | 'sent',
): string {
  switch (where) {
    case 'page':
      return m.insertedPage();
    case 'genesys':
      return m.insertedGenesys();
    case 'host':
      return m.insertedHost();
    case 'reply-box':
      return m.insertedReplyBox();
    case 'none':
      return m.insertedNowhere();
    case 'too-many':
      return m.tooManyRequests();
    case 'sent':
      return m.sentByThisTile();
    default: {
      const never: never = where;
      return never;
    }
  }
}

/** "Updates for N tiles not in the layout were kept, not shown.", in the locale's plural (no ids: agents never see them). */
export const unknownTiles = (n: number): string => count('unknownTiles', n);

/** "N malformed updates were ignored.", in the locale's plural. */
export const malformed = (n: number): string => count('malformed', n);

/** "… N more characters not shown" (a message cut short), in the locale's plural. */
export const moreCharacters = (n: number): string => count('moreCharacters', n);

/**
 * A count message for `n`, in the form for its plural category in the
 * locale: `one` and `other` from the catalog, any other category (Arabic
 * zero, two, few, many; Polish few, many) from the locale's `plurals`, else `other`.
 */
export function count(id: CountId, n: number): string {
  const category = pluralCategory(n);
  const number = formatNumber(n);
  const forms = counts[id];
  if (category !== 'one' && category !== 'other') {
    const plurals = localePlurals();
    const form = plurals.forms?.[id]?.[category];
    if (form !== undefined) return fill(form, [number]);
  }
  return catalog(category === 'one' ? forms.one : forms.other, number);
}

/** A catalog message with one argument. */
const catalog = (id: CoreMessageId, arg: string): string =>
  (m[id] as (...args: string[]) => string)(arg);

/** A translation template with its placeholders (`${0}`, `${1}`) filled. */
function fill(template: string | StrResult, args: readonly string[]): string {
  if (typeof template === 'string') return template;
  return template.strings.reduce(
    (out, piece, i) =>
      out + piece + (i < template.values.length ? (args[template.values[i] as number] ?? '') : ''),
    '',
  );
}
