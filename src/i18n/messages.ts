/**
 * The message catalog: every string the workspace shows, in English, each
 * under an id. Components call `messages.<id>(…)`; nothing else in `src/`
 * writes words an agent reads.
 *
 * The catalog is data: English here, each other language in
 * `locales/<tag>.json` (the same ids, the same placeholders). A text's
 * placeholders are `{0}`, `{1}`: the message function's arguments, in order;
 * its type takes as many arguments as the English text has placeholders.
 * `@lit/localize` (runtime mode) picks the agent's language; a locale's text
 * for an id replaces the English one. A server's own text is never in here:
 * it is shown as given, marked as the server's. The strings only the
 * optional renderers show (the card tile, the brief, the wrap-up pane) are in
 * `renderer-messages.ts`, which only they import: a build without them does
 * not carry their words.
 */
import { catalog } from './catalog.js';
import type { rendererEnglish } from './renderer-messages.js';

/** The core's English. */
export const english = {
  // ------------------------------------------------------------ status screens
  linkIncomplete: 'This workspace link is incomplete',
  checkParams: 'Ask your administrator to check these URL parameters:',
  paramMissing: 'missing',
  paramEmpty: 'empty',
  paramRepeated: 'given more than once',
  paramTooLong: 'longer than {0} characters',
  paramTooLongOne: 'longer than {0} character',
  paramProblem: '{0}: {1}',
  paramMalformed: 'not well-formed',
  notSetUp: 'The workspace is not set up',
  noEndpoint: 'No copilot endpoint is configured for this workspace.',
  endpointNotHttp: 'The configured copilot endpoint is not an http(s) URL.',
  setEndpoint: 'Ask your administrator to set the endpoint attribute.',
  connecting: 'Connecting to the copilot…',
  joining: 'Joining the conversation…',
  linkExpired: 'This workspace link has expired',
  linkExpiredHelp:
    'Open the workspace again from the conversation to get a fresh link. The workspace continues by itself when the agent desktop sends one.',
  serverSaidText: 'The copilot said: {0}',
  whisperTitle: 'This conversation’s copilot speaks in your agent desktop (whisper mode)',
  whisperHelp: 'Its suggestions appear in the conversation itself, not in this workspace.',
  offTitle: 'No copilot is configured for this endpoint',
  offHelp: 'Ask your administrator to turn Agent Copilot on for this endpoint.',
  refusedTitle: 'The copilot did not let this workspace join the session',
  refusedHelp: 'If the session has just started, try again. Otherwise ask your administrator.',
  tryAgain: 'Try again',
  cannotConnect: 'Cannot connect to the copilot',
  keepsTrying: 'The workspace keeps trying in the background.',
  retryNow: 'Retry now',
  disconnected: 'Disconnected',
  banner:
    'Connection lost. Updates are paused; your replies will be sent when the connection is back.',
  connected: 'Connected',
  waitingFirstTiles: 'Waiting for the copilot flow to send the first tiles.',
  unknownTilesOne: 'Updates for {0} tile not in the layout were kept, not shown.',
  unknownTilesOther: 'Updates for {0} tiles not in the layout were kept, not shown.',
  malformedOne: '{0} malformed update was ignored.',
  malformedOther: '{0} malformed updates were ignored.',

  // ------------------------------------------------------------ problems (transport codes)
  problemUnreachable: 'The copilot endpoint cannot be reached.',
  problemConnectRefused: 'The copilot endpoint refused the connection.',
  problemNoAnswer: 'The copilot did not confirm it in time.',
  problemRefused: 'The copilot refused it.',
  problemClosed: 'The workspace is closed.',
  problemDown: 'The connection to the copilot is down. Try again when it is back.',
  problemDropped:
    'The connection dropped before the copilot confirmed it; it may not have arrived.',
  problemRateLimited: 'Too many messages at once; it is sent again by itself.',
  problemStoreUnavailable: 'The copilot cannot save it right now; it is sent again by itself.',

  // ------------------------------------------------------------ transcript
  speakerUser: 'Customer',
  speakerBot: 'Bot',
  speakerAgent: 'Agent',
  titleChat: 'Chat',
  titleTranscript: 'Transcript',
  noMessages: 'No messages yet.',
  newMessagesOne: '{0} new message',
  newMessagesOther: '{0} new messages',
  announce: '{0}: {1}',
  announceNext: '{0}. {1}',
  automated: 'automated',
  sentByTile: 'sent by the {0} tile',
  moreCharacters: '… {0} more characters not shown',
  moreCharactersOne: '… {0} more character not shown',
  stillRecognised: '(still being recognised)',
  replySent: 'Sent',
  replyPendingPaused: 'Pending, will be sent when the connection is back',
  sending: 'Sending…',
  replyRetrying: 'Not sent: too many messages, retrying',
  notSent: 'Not sent',
  notSentBecause: 'Not sent: {0}',
  retry: 'Retry',
  attachmentImage: 'image attachment',
  attachmentAudio: 'audio attachment',
  attachmentVideo: 'video attachment',
  attachmentFile: 'file attachment',
  attachmentUnnamed: '[{0}]',
  attachmentNamed: '[{0}: {1}]',
  noText: '(message without text)',
  chipCreditCardNumber: 'card number',
  chipEmailAddress: 'e-mail',
  chipPhoneNumber: 'phone',
  chipIban: 'IBAN',
  chipUsSsn: 'SSN',
  chipHidden: '{0} hidden',
  logHint: 'Arrow keys read message by message; Home and End go to the first and the newest.',

  // ------------------------------------------------------------ reply box
  replyPlaceholder: 'Type a reply…',
  replyLabel: 'Reply to customer',
  send: 'Send',

  // ------------------------------------------------------------ tile shell
  copy: 'Copy',
  copied: 'Copied',
  copyBlocked: 'Copying is blocked here: press Ctrl+C',
  insert: 'Insert into reply',
  suggestionToCopy: 'Suggestion to copy',
  expandTile: 'Expand {0}',
  collapseTile: 'Collapse {0}',
  tileFrameTitle: '{0} tile',
  tileFrameBlocked:
    "This page's Content-Security-Policy blocks the tile. Ask the integrator to allow frame-src blob: or to set tile-frame.",
  insertedPage: 'Inserted into your reply',
  insertedHost: 'Inserted in the agent desktop',

  // the Genesys client-app SDK does not confirm: the text was proposed, never "inserted"
  insertedGenesys: 'Proposed to the Genesys reply box',
  insertedReplyBox: 'Added to the reply box',
  insertedNone: 'No reply box: use Copy',
  insertedTooMany: 'Too many requests from this tile',

  // ------------------------------------------------------------ handoff brief (§5.9)
  backToBrief: 'Back to the brief',
  tileBriefInvalid: 'its brief does not match the brief format',

  // ------------------------------------------------------------ wrap-up pane (§5.10)
  wrapUp: 'Wrap up',
  tileWrapUpInvalid: 'its wrap-up draft does not match the format',
  insertedSent: 'Sent to the customer by this tile',
  feedbackGroup: 'Feedback on this suggestion',
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  whatWasWrong: 'What was wrong? (optional)',
  reasonNotRelevant: 'Not relevant',
  reasonWrongInformation: 'Wrong information',
  reasonWrongTone: 'Wrong tone',
  reasonOther: 'Other',
  skip: 'Skip',
  dismiss: 'Dismiss',
  dismissed: 'Suggestion dismissed',
  restore: 'Restore',
  feedbackSent: 'Thanks, your feedback was sent',

  // ------------------------------------------------------------ grid and placeholders
  waitingContent: 'Waiting for this tile’s content.',
  noContent: 'No content yet.',
  noCardRenderer: 'This build of the workspace does not include the Adaptive Card renderer.',
  cannotShowTile: 'This tile cannot be shown: {0}.',
  unknownType: 'This workspace cannot show tiles of type “{0}”.',
  tileHtmlNotText: 'its HTML is not text',
  tileUrlNotText: 'its URL is not text',
  tileUrlEmpty: 'it has no URL',
  tileUrlInvalid: 'its URL is not a valid address',
  tileUrlNotHttp: 'its URL uses “{0}”; only http and https pages are shown',
  tileNotACard: 'it is not an Adaptive Card',
  fieldTile: 'Tile',
  fieldVersion: 'Version',
  fieldType: 'Type',
} as const;

export const messages = catalog(english);

/** The core's ids. */
export type CoreMessageId = keyof typeof english;

/** Every id: the core's and the optional renderers' (renderer-messages.ts). */
export type MessageId = CoreMessageId | keyof typeof rendererEnglish;

/**
 * The messages with a count, each as its catalog forms: `one` and `other`
 * (ids every locale translates). A language with more plural categories
 * (`Intl.PluralRules(locale).resolvedOptions().pluralCategories`: Arabic has
 * zero, one, two, few, many and other; Polish one, few, many and other) gives
 * the others in its file's `plurals`; a category with no form reads
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
 * A locale file's `plurals` (optional: English, German, Dutch and
 * Japanese need none). `forms`: a count message's text for a category, its
 * number as `{0}`. `asOther`: categories that read as `other` in every
 * message (French, Spanish, Portuguese and Italian `many`, which CLDR gives
 * to millions: with digits, "1 000 000 caractères" is the `other` form).
 */
export interface LocalePlurals {
  /** for translators: how the language counts */
  readonly note?: string;
  readonly asOther?: readonly ExtraPluralCategory[];
  readonly forms?: {
    readonly [id in CountId]?: { readonly [c in ExtraPluralCategory]?: string };
  };
}
