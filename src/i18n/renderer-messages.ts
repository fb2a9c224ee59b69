/**
 * The catalog's strings that only the optional renderers show: the card tile,
 * the handoff brief and the wrap-up pane (messages.ts says how the catalog
 * works). Only those renderers import this module, so a build without them
 * (the core) does not carry these words; their ids are in `MessageId` all the
 * same, and every locale file translates them.
 */
import { catalog } from './catalog.js';
import { messages as core } from './messages.js';

/** The renderers' own English. */
export const rendererEnglish = {
  // ------------------------------------------------------------ handoff brief (§5.9)
  briefTitle: 'Handoff brief',
  briefCite: 'Go to source {0} in the transcript',
  briefLoading: 'Loading the brief…',
  briefFailed: 'The brief could not be loaded: {0}.',
  briefUrlRefused: 'its address is not allowed',
  briefUrlTimeout: 'no answer in time',
  briefUrlFailed: 'the request failed',
  briefUrlInvalid: 'the answer is not a brief',

  // ------------------------------------------------------------ wrap-up pane (§5.10)
  wrapUpTitle: 'Wrap-up',
  wrapUpWaiting: 'Asking the copilot for a draft…',
  wrapUpNoDraft: 'No draft came in time. Write the summary yourself.',
  wrapUpSummary: 'Summary',
  wrapUpCode: 'Wrap-up code',
  wrapUpCodeOption: '{0} ({1})',
  wrapUpSubmit: 'Submit',
  wrapUpSubmitting: 'Submitting…',
  wrapUpSubmitted: 'Wrap-up submitted',
  wrapUpRetrying: 'Not submitted yet: trying again',
  wrapUpRefused: 'Not submitted: {0}',
  wrapUpNewDraft: 'The copilot sent a new draft.',
  wrapUpUseNewDraft: 'Use the new draft',
  wrapUpDemoDraft: 'Demo draft, written without a model',
  wrapUpSources: 'Sources',

  // ------------------------------------------------------------ card tile
  cardPartial: 'Part of this card cannot be shown in this workspace.',
  cardSent: 'Sent to the copilot.',
  cardEmpty: 'This card has no content.',
  cardFailed: 'This card could not be shown.',
  cardFailedBecause: 'This card could not be shown: {0}',
  cardMoreActions: 'More actions',
} as const;

/** The whole catalog, for the renderers: the core's message functions and their own. */
export const messages = { ...core, ...catalog(rendererEnglish) };
