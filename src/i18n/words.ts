/**
 * Codes and values into words, in the agent's language: what the transport
 * and the state report (problems, refusals, parameter problems, speakers,
 * redacted entities) as the components show it. A code's message is named
 * after it: problem `connect-refused` is `problemConnectRefused`, entity
 * `CREDIT_CARD_NUMBER` is `chipCreditCardNumber` (the type check fails when a
 * code has no message).
 */
import type { Problem } from '../transport/copilot-connection.js';
import type { AttachmentType, MessageSource } from '../transport/protocol.js';
import type { ParamProblem } from '../transport/session-params.js';
import type { TileProblem } from '../transport/url.js';
import { MAX_PARAM_LENGTH } from '../transport/session-params.js';
import type { RedactionEntity } from '../state/redaction.js';
import { fill } from './catalog.js';
import { type CountId, type CoreMessageId, counts, messages as m } from './messages.js';
import { formatNumber, localePlurals, pluralCategory } from './locale.js';

/** `connect-refused` → `ConnectRefused`, `CREDIT_CARD_NUMBER` → `CreditCardNumber`. */
type Pascal<S extends string> = S extends `${infer A}-${infer B}`
  ? `${Capitalize<Lowercase<A>>}${Pascal<B>}`
  : S extends `${infer A}_${infer B}`
    ? `${Capitalize<Lowercase<A>>}${Pascal<B>}`
    : Capitalize<Lowercase<S>>;

/** The ids of the messages that take no argument. */
type PlainId = {
  [Id in keyof typeof m]: (typeof m)[Id] extends () => string ? Id : never;
}[keyof typeof m];

/**
 * The words for `code`: the message `prefix` + the code in Pascal case. The
 * type check fails when a code of `C` has no such message (it asks for a
 * third argument no caller gives). A value outside the type (untyped page
 * script) shows as itself rather than throwing.
 */
function named<P extends string, C extends string>(
  prefix: P,
  code: C,
  ..._noMessage: `${P}${Pascal<C>}` extends PlainId ? [] : [never]
): string {
  const id =
    prefix + code.toLowerCase().replace(/(?:^|[-_])(\w)/g, (_, c: string) => c.toUpperCase());
  const say = (m as unknown as Record<string, (() => string) | undefined>)[id];
  return say ? say() : code;
}

/** A problem in words (without the server's own text, which is shown apart, as the server's). */
export const problemText = (p: Problem): string => named('problem', p.code);

/**
 * A problem for a tile or a reply state: the server's text as given when it
 * gave one ("The copilot said: …"), else the code in words.
 */
export function problemWithServer(p: Problem): string {
  return p.server === undefined ? problemText(p) : m.serverSaidText(p.server);
}

export const tileProblemText = (p: TileProblem): string =>
  p.code === 'url-not-http' ? m.tileUrlNotHttp(p.scheme) : named('tile', p.code);

export const paramProblemText = (p: ParamProblem): string =>
  p.problem === 'too-long' ? count('paramTooLong', MAX_PARAM_LENGTH) : named('param', p.problem);

export const speaker = (source: MessageSource): string => named('speaker', source);

export const redactionLabel = (entity: RedactionEntity): string => named('chip', entity);

export const attachmentLabel = (type: AttachmentType): string => named('attachment', type);

/** "N new messages", in the locale's plural. */
export const newMessages = (n: number): string => count('newMessages', n);

/** Where a tile's text went (the tile header's note, and the answer a tile gets). */
export type InsertPlace = 'page' | 'genesys' | 'host' | 'reply-box' | 'none' | 'too-many' | 'sent';

/** Where a tile's text went, in words. */
export const insertNote = (where: InsertPlace): string => named('inserted', where);

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
    const form = localePlurals().forms?.[id]?.[category];
    if (form !== undefined) return fill(form, [number]);
  }
  return catalog(category === 'one' ? forms.one : forms.other, number);
}

/** A catalog message with one argument. */
const catalog = (id: CoreMessageId, arg: string): string =>
  (m[id] as (...args: string[]) => string)(arg);
