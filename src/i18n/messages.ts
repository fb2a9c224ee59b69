/**
 * The message catalog: every string the workspace shows, in English, each
 * under an id (`msg` of `@lit/localize`, runtime mode). Components call these
 * functions; nothing else in `src/` writes words an agent reads.
 *
 * The locale modules (`locales/*.ts`) translate each id: their type is
 * `Record<MessageId, …>`, so a missing or unknown id fails the type check,
 * and with it the build. Placeholders are `${0}`, `${1}` in the order of the
 * function's arguments. A server's own text is never in here: it is shown as
 * given, marked as the server's. The strings only the optional renderers show
 * (the card tile, the brief, the wrap-up pane) are in `renderer-messages.ts`,
 * which only they import: a build without them does not carry their words.
 */
import { type StrResult, msg, str } from '@lit/localize';
import type { rendererOnly } from './renderer-messages.js';

export const messages = {
  // ------------------------------------------------------------ status screens
  linkIncomplete: () => msg('This workspace link is incomplete', { id: 'linkIncomplete' }),
  checkParams: () =>
    msg('Ask your administrator to check these URL parameters:', { id: 'checkParams' }),
  paramMissing: () => msg('missing', { id: 'paramMissing' }),
  paramEmpty: () => msg('empty', { id: 'paramEmpty' }),
  paramRepeated: () => msg('given more than once', { id: 'paramRepeated' }),
  paramTooLong: (max: string) => msg(str`longer than ${max} characters`, { id: 'paramTooLong' }),
  paramTooLongOne: (max: string) =>
    msg(str`longer than ${max} character`, { id: 'paramTooLongOne' }),
  paramProblem: (param: string, problem: string) =>
    msg(str`${param}: ${problem}`, { id: 'paramProblem' }),
  paramMalformed: () => msg('not well-formed', { id: 'paramMalformed' }),
  notSetUp: () => msg('The workspace is not set up', { id: 'notSetUp' }),
  noEndpoint: () =>
    msg('No copilot endpoint is configured for this workspace.', { id: 'noEndpoint' }),
  endpointNotHttp: () =>
    msg('The configured copilot endpoint is not an http(s) URL.', { id: 'endpointNotHttp' }),
  setEndpoint: () =>
    msg('Ask your administrator to set the endpoint attribute.', { id: 'setEndpoint' }),
  connecting: () => msg('Connecting to the copilot…', { id: 'connecting' }),
  joining: () => msg('Joining the conversation…', { id: 'joining' }),
  linkExpired: () => msg('This workspace link has expired', { id: 'linkExpired' }),
  linkExpiredHelp: () =>
    msg(
      'Open the workspace again from the conversation to get a fresh link. The workspace continues by itself when the agent desktop sends one.',
      { id: 'linkExpiredHelp' },
    ),
  serverSaidText: (text: string) => msg(str`The copilot said: ${text}`, { id: 'serverSaidText' }),
  whisperTitle: () =>
    msg('This conversation’s copilot speaks in your agent desktop (whisper mode)', {
      id: 'whisperTitle',
    }),
  whisperHelp: () =>
    msg('Its suggestions appear in the conversation itself, not in this workspace.', {
      id: 'whisperHelp',
    }),
  offTitle: () => msg('No copilot is configured for this endpoint', { id: 'offTitle' }),
  offHelp: () =>
    msg('Ask your administrator to turn Agent Copilot on for this endpoint.', { id: 'offHelp' }),
  refusedTitle: () =>
    msg('The copilot did not let this workspace join the session', { id: 'refusedTitle' }),
  refusedHelp: () =>
    msg('If the session has just started, try again. Otherwise ask your administrator.', {
      id: 'refusedHelp',
    }),
  tryAgain: () => msg('Try again', { id: 'tryAgain' }),
  cannotConnect: () => msg('Cannot connect to the copilot', { id: 'cannotConnect' }),
  keepsTrying: () => msg('The workspace keeps trying in the background.', { id: 'keepsTrying' }),
  retryNow: () => msg('Retry now', { id: 'retryNow' }),
  disconnected: () => msg('Disconnected', { id: 'disconnected' }),
  banner: () =>
    msg(
      'Connection lost. Updates are paused; your replies will be sent when the connection is back.',
      { id: 'banner' },
    ),
  connected: () => msg('Connected', { id: 'connected' }),
  waitingFirstTiles: () =>
    msg('Waiting for the copilot flow to send the first tiles.', { id: 'waitingFirstTiles' }),
  unknownTilesOne: (n: string) =>
    msg(str`Updates for ${n} tile not in the layout were kept, not shown.`, {
      id: 'unknownTilesOne',
    }),
  unknownTilesOther: (n: string) =>
    msg(str`Updates for ${n} tiles not in the layout were kept, not shown.`, {
      id: 'unknownTilesOther',
    }),
  malformedOne: (n: string) => msg(str`${n} malformed update was ignored.`, { id: 'malformedOne' }),
  malformedOther: (n: string) =>
    msg(str`${n} malformed updates were ignored.`, { id: 'malformedOther' }),

  // ------------------------------------------------------------ problems (transport codes)
  problemUnreachable: () =>
    msg('The copilot endpoint cannot be reached.', { id: 'problemUnreachable' }),
  problemConnectRefused: () =>
    msg('The copilot endpoint refused the connection.', { id: 'problemConnectRefused' }),
  problemNoAnswer: () => msg('The copilot did not confirm it in time.', { id: 'problemNoAnswer' }),
  problemRefused: () => msg('The copilot refused it.', { id: 'problemRefused' }),
  problemClosed: () => msg('The workspace is closed.', { id: 'problemClosed' }),
  problemDown: () =>
    msg('The connection to the copilot is down. Try again when it is back.', {
      id: 'problemDown',
    }),
  problemDropped: () =>
    msg('The connection dropped before the copilot confirmed it; it may not have arrived.', {
      id: 'problemDropped',
    }),
  problemRateLimited: () =>
    msg('Too many messages at once; it is sent again by itself.', { id: 'problemRateLimited' }),
  problemStoreUnavailable: () =>
    msg('The copilot cannot save it right now; it is sent again by itself.', {
      id: 'problemStoreUnavailable',
    }),

  // ------------------------------------------------------------ transcript
  speakerUser: () => msg('Customer', { id: 'speakerUser' }),
  speakerBot: () => msg('Bot', { id: 'speakerBot' }),
  speakerAgent: () => msg('Agent', { id: 'speakerAgent' }),
  titleChat: () => msg('Chat', { id: 'titleChat' }),
  titleTranscript: () => msg('Transcript', { id: 'titleTranscript' }),
  noMessages: () => msg('No messages yet.', { id: 'noMessages' }),
  newMessagesOne: (n: string) => msg(str`${n} new message`, { id: 'newMessagesOne' }),
  newMessagesOther: (n: string) => msg(str`${n} new messages`, { id: 'newMessagesOther' }),
  announce: (speaker: string, text: string) => msg(str`${speaker}: ${text}`, { id: 'announce' }),
  announceNext: (before: string, next: string) =>
    msg(str`${before}. ${next}`, { id: 'announceNext' }),
  automated: () => msg('automated', { id: 'automated' }),
  sentByTile: (tile: string) => msg(str`sent by the ${tile} tile`, { id: 'sentByTile' }),
  moreCharacters: (n: string) =>
    msg(str`… ${n} more characters not shown`, { id: 'moreCharacters' }),
  moreCharactersOne: (n: string) =>
    msg(str`… ${n} more character not shown`, { id: 'moreCharactersOne' }),
  stillRecognised: () => msg('(still being recognised)', { id: 'stillRecognised' }),
  replySent: () => msg('Sent', { id: 'replySent' }),
  replyPendingPaused: () =>
    msg('Pending, will be sent when the connection is back', { id: 'replyPendingPaused' }),
  sending: () => msg('Sending…', { id: 'sending' }),
  replyRetrying: () => msg('Not sent: too many messages, retrying', { id: 'replyRetrying' }),
  notSent: () => msg('Not sent', { id: 'notSent' }),
  notSentBecause: (why: string) => msg(str`Not sent: ${why}`, { id: 'notSentBecause' }),
  retry: () => msg('Retry', { id: 'retry' }),
  attachmentImage: () => msg('image attachment', { id: 'attachmentImage' }),
  attachmentAudio: () => msg('audio attachment', { id: 'attachmentAudio' }),
  attachmentVideo: () => msg('video attachment', { id: 'attachmentVideo' }),
  attachmentFile: () => msg('file attachment', { id: 'attachmentFile' }),
  attachmentUnnamed: (label: string) => msg(str`[${label}]`, { id: 'attachmentUnnamed' }),
  attachmentNamed: (label: string, name: string) =>
    msg(str`[${label}: ${name}]`, { id: 'attachmentNamed' }),
  noText: () => msg('(message without text)', { id: 'noText' }),
  chipCardNumber: () => msg('card number', { id: 'chipCardNumber' }),
  chipEmail: () => msg('e-mail', { id: 'chipEmail' }),
  chipPhone: () => msg('phone', { id: 'chipPhone' }),
  chipIban: () => msg('IBAN', { id: 'chipIban' }),
  chipSsn: () => msg('SSN', { id: 'chipSsn' }),
  chipHidden: (what: string) => msg(str`${what} hidden`, { id: 'chipHidden' }),
  logHint: () =>
    msg('Arrow keys read message by message; Home and End go to the first and the newest.', {
      id: 'logHint',
    }),

  // ------------------------------------------------------------ reply box
  replyPlaceholder: () => msg('Type a reply…', { id: 'replyPlaceholder' }),
  replyLabel: () => msg('Reply to customer', { id: 'replyLabel' }),
  send: () => msg('Send', { id: 'send' }),

  // ------------------------------------------------------------ tile shell
  copy: () => msg('Copy', { id: 'copy' }),
  copied: () => msg('Copied', { id: 'copied' }),
  copyBlocked: () => msg('Copying is blocked here: press Ctrl+C', { id: 'copyBlocked' }),
  insert: () => msg('Insert into reply', { id: 'insert' }),
  suggestionToCopy: () => msg('Suggestion to copy', { id: 'suggestionToCopy' }),
  expandTile: (title: string) => msg(str`Expand ${title}`, { id: 'expandTile' }),
  collapseTile: (title: string) => msg(str`Collapse ${title}`, { id: 'collapseTile' }),
  tileFrameTitle: (title: string) => msg(str`${title} tile`, { id: 'tileFrameTitle' }),
  tileFrameBlocked: () =>
    msg(
      "This page's Content-Security-Policy blocks the tile. Ask the integrator to allow frame-src blob: or to set tile-frame.",
      { id: 'tileFrameBlocked' },
    ),
  insertedPage: () => msg('Inserted into your reply', { id: 'insertedPage' }),
  insertedHost: () => msg('Inserted in the agent desktop', { id: 'insertedHost' }),
  // the Genesys client-app SDK does not confirm: the text was proposed, never "inserted"
  insertedGenesys: () => msg('Proposed to the Genesys reply box', { id: 'insertedGenesys' }),
  insertedReplyBox: () => msg('Added to the reply box', { id: 'insertedReplyBox' }),
  insertedNowhere: () => msg('No reply box: use Copy', { id: 'insertedNowhere' }),
  tooManyRequests: () => msg('Too many requests from this tile', { id: 'tooManyRequests' }),

  // ------------------------------------------------------------ handoff brief (§5.9)
  backToBrief: () => msg('Back to the brief', { id: 'backToBrief' }),
  tileBriefInvalid: () =>
    msg('its brief does not match the brief format', { id: 'tileBriefInvalid' }),

  // ------------------------------------------------------------ wrap-up pane (§5.10)
  wrapUp: () => msg('Wrap up', { id: 'wrapUp' }),
  tileWrapUpInvalid: () =>
    msg('its wrap-up draft does not match the format', { id: 'tileWrapUpInvalid' }),
  sentByThisTile: () => msg('Sent to the customer by this tile', { id: 'sentByThisTile' }),
  feedbackGroup: () => msg('Feedback on this suggestion', { id: 'feedbackGroup' }),
  helpful: () => msg('Helpful', { id: 'helpful' }),
  notHelpful: () => msg('Not helpful', { id: 'notHelpful' }),
  whatWasWrong: () => msg('What was wrong? (optional)', { id: 'whatWasWrong' }),
  reasonNotRelevant: () => msg('Not relevant', { id: 'reasonNotRelevant' }),
  reasonWrongInformation: () => msg('Wrong information', { id: 'reasonWrongInformation' }),
  reasonWrongTone: () => msg('Wrong tone', { id: 'reasonWrongTone' }),
  reasonOther: () => msg('Other', { id: 'reasonOther' }),
  skip: () => msg('Skip', { id: 'skip' }),
  dismiss: () => msg('Dismiss', { id: 'dismiss' }),
  dismissed: () => msg('Suggestion dismissed', { id: 'dismissed' }),
  restore: () => msg('Restore', { id: 'restore' }),
  feedbackSent: () => msg('Thanks, your feedback was sent', { id: 'feedbackSent' }),

  // ------------------------------------------------------------ grid and placeholders
  waitingContent: () => msg('Waiting for this tile’s content.', { id: 'waitingContent' }),
  noContent: () => msg('No content yet.', { id: 'noContent' }),
  noCardRenderer: () =>
    msg('This build of the workspace does not include the Adaptive Card renderer.', {
      id: 'noCardRenderer',
    }),
  cannotShowTile: (problem: string) =>
    msg(str`This tile cannot be shown: ${problem}.`, { id: 'cannotShowTile' }),
  unknownType: (type: string) =>
    msg(str`This workspace cannot show tiles of type “${type}”.`, { id: 'unknownType' }),
  tileHtmlNotText: () => msg('its HTML is not text', { id: 'tileHtmlNotText' }),
  tileUrlNotText: () => msg('its URL is not text', { id: 'tileUrlNotText' }),
  tileUrlEmpty: () => msg('it has no URL', { id: 'tileUrlEmpty' }),
  tileUrlInvalid: () => msg('its URL is not a valid address', { id: 'tileUrlInvalid' }),
  tileUrlNotHttp: (scheme: string) =>
    msg(str`its URL uses “${scheme}”; only http and https pages are shown`, {
      id: 'tileUrlNotHttp',
    }),
  tileNotACard: () => msg('it is not an Adaptive Card', { id: 'tileNotACard' }),
  fieldTile: () => msg('Tile', { id: 'fieldTile' }),
  fieldVersion: () => msg('Version', { id: 'fieldVersion' }),
  fieldType: () => msg('Type', { id: 'fieldType' }),
} as const;

/** The core's ids. */
export type CoreMessageId = keyof typeof messages;

/** Every id: the core's and the optional renderers' (renderer-messages.ts). */
export type MessageId = keyof typeof messages | keyof typeof rendererOnly;

/** A locale module's translations: every id, none more (a missing one fails the build). */
export type Translations = Record<MessageId, string | StrResult>;

/**
 * The messages with a count, each as its catalog forms: `one` and `other`
 * (ids every locale translates). A language with more plural categories
 * (`Intl.PluralRules(locale).resolvedOptions().pluralCategories`: Arabic has
 * zero, one, two, few, many and other; Polish one, few, many and other) gives
 * the others in its module's `plurals` export; a category with no form reads
 * as `other`.
 */
export const counts = {
  malformed: { one: 'malformedOne', other: 'malformedOther' },
  unknownTiles: { one: 'unknownTilesOne', other: 'unknownTilesOther' },
  newMessages: { one: 'newMessagesOne', other: 'newMessagesOther' },
  moreCharacters: { one: 'moreCharactersOne', other: 'moreCharacters' },
  paramTooLong: { one: 'paramTooLongOne', other: 'paramTooLong' },
} as const satisfies Record<string, { one: CoreMessageId; other: CoreMessageId }>;

export type CountId = keyof typeof counts;

/** The plural categories beyond the catalog's `one` and `other`. */
export type ExtraPluralCategory = Exclude<Intl.LDMLPluralRule, 'one' | 'other'>;

/**
 * A locale module's `plurals` export (optional: English, German, Dutch and
 * Japanese need none). `forms`: a count message's text for a category, its
 * number as `${0}`. `asOther`: categories that read as `other` in every
 * message (French, Spanish, Portuguese and Italian `many`, which CLDR gives
 * to millions: with digits, "1 000 000 caractères" is the `other` form).
 */
export interface LocalePlurals {
  readonly asOther?: readonly ExtraPluralCategory[];
  readonly forms?: {
    readonly [id in CountId]?: { readonly [c in ExtraPluralCategory]?: string | StrResult };
  };
}
