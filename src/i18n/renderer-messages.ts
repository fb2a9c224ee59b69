/**
 * The catalog's strings that only the optional renderers show: the card tile,
 * the handoff brief and the wrap-up pane (messages.ts says how the catalog
 * works). Only those renderers import this module, so a build without them
 * (the core) does not carry these words; their ids are in `MessageId` all the
 * same, and every locale module translates them.
 */
import { msg, str } from '@lit/localize';
import { messages as core } from './messages.js';

export const rendererOnly = {
  // ------------------------------------------------------------ handoff brief (§5.9)
  briefTitle: () => msg('Handoff brief', { id: 'briefTitle' }),
  briefCite: (n: string) => msg(str`Go to source ${n} in the transcript`, { id: 'briefCite' }),
  briefLoading: () => msg('Loading the brief…', { id: 'briefLoading' }),
  briefFailed: (reason: string) =>
    msg(str`The brief could not be loaded: ${reason}.`, { id: 'briefFailed' }),
  briefUrlRefused: () => msg('its address is not allowed', { id: 'briefUrlRefused' }),
  briefUrlTimeout: () => msg('no answer in time', { id: 'briefUrlTimeout' }),
  briefUrlFailed: () => msg('the request failed', { id: 'briefUrlFailed' }),
  briefUrlInvalid: () => msg('the answer is not a brief', { id: 'briefUrlInvalid' }),

  // ------------------------------------------------------------ wrap-up pane (§5.10)
  wrapUpTitle: () => msg('Wrap-up', { id: 'wrapUpTitle' }),
  wrapUpWaiting: () => msg('Asking the copilot for a draft…', { id: 'wrapUpWaiting' }),
  wrapUpNoDraft: () =>
    msg('No draft came in time. Write the summary yourself.', { id: 'wrapUpNoDraft' }),
  wrapUpSummary: () => msg('Summary', { id: 'wrapUpSummary' }),
  wrapUpCode: () => msg('Wrap-up code', { id: 'wrapUpCode' }),
  wrapUpCodeOption: (label: string, confidence: string) =>
    msg(str`${label} (${confidence})`, { id: 'wrapUpCodeOption' }),
  wrapUpSubmit: () => msg('Submit', { id: 'wrapUpSubmit' }),
  wrapUpSubmitting: () => msg('Submitting…', { id: 'wrapUpSubmitting' }),
  wrapUpSubmitted: () => msg('Wrap-up submitted', { id: 'wrapUpSubmitted' }),
  wrapUpRetrying: () => msg('Not submitted yet: trying again', { id: 'wrapUpRetrying' }),
  wrapUpRefused: (reason: string) => msg(str`Not submitted: ${reason}`, { id: 'wrapUpRefused' }),
  wrapUpNewDraft: () => msg('The copilot sent a new draft.', { id: 'wrapUpNewDraft' }),
  wrapUpUseNewDraft: () => msg('Use the new draft', { id: 'wrapUpUseNewDraft' }),
  wrapUpDemoDraft: () => msg('Demo draft, written without a model', { id: 'wrapUpDemoDraft' }),
  wrapUpSources: () => msg('Sources', { id: 'wrapUpSources' }),

  // ------------------------------------------------------------ card tile
  cardPartial: () =>
    msg('Part of this card cannot be shown in this workspace.', { id: 'cardPartial' }),
  cardSent: () => msg('Sent to the copilot.', { id: 'cardSent' }),
  cardEmpty: () => msg('This card has no content.', { id: 'cardEmpty' }),
  cardFailed: () => msg('This card could not be shown.', { id: 'cardFailed' }),
  cardFailedBecause: (why: string) =>
    msg(str`This card could not be shown: ${why}`, { id: 'cardFailedBecause' }),
  cardMoreActions: () => msg('More actions', { id: 'cardMoreActions' }),
} as const;

/** The whole catalog, for the renderers: the core's strings and their own. */
export const messages = { ...core, ...rendererOnly };
