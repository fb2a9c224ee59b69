/**
 * The reference endpoint's side of the wrap-up pane (docs/PROTOCOL.md §5.10):
 * which postbacks are wrap-up requests and submissions, the submissions a
 * session keeps (the first of each `submissionId`, folded from the journaled
 * postbacks, so it holds across drops and restarts), and the drafts the demo
 * flow sends: a deterministic one built from the transcript (no model) when
 * the agent asks, and the scripted conversation's own after the refund.
 */
import { z } from 'zod';
import {
  type BriefSentence,
  MAX_WRAP_UP_SUMMARY,
  type Message,
  type WrapUpDraft,
} from '../src/transport/protocol.js';
import { escapeHtml } from './html.js';
import type { StoredTile } from './session.js';

/** The id of the tile the demo flow's drafts go out as. */
export const WRAP_UP_TILE_ID = 'wrap-up';

/** The top code is preselected for the agent only at or above this confidence. */
export const WRAP_UP_PRESELECT_ABOVE = 0.7;

/** At most this many wrap-ups (distinct submission ids) per session; more are refused. */
export const MAX_WRAP_UPS = 100;

/**
 * The wrap-up codes the demo flow predicts, each with the fixed confidence a
 * keyword match gives it (no model: the same transcript, the same codes).
 */
export const WRAP_UP_CODES = {
  refund: { label: 'Refund or reversal', confidence: 0.82, keywords: /\brefund/i },
  fraud: {
    label: 'Disputed charge or fraud',
    confidence: 0.64,
    keywords:
      /\b(fraud|dispute|never (bought|made|ordered)|not recogni[sz]ed|unauthori[sz]ed|stolen|copied)/i,
  },
  general: { label: 'General enquiry', confidence: 0.3, keywords: /(?:)/ },
} as const;
type CodeName = keyof typeof WRAP_UP_CODES;

/** A submission (client → server) as the workspace sends it: strict, bounded. */
export const WrapUpAction = z.strictObject({
  type: z.literal('wrap-up'),
  submissionId: z.string().min(1).max(128),
  summary: z.string().min(1).max(MAX_WRAP_UP_SUMMARY),
  code: z.string().min(1).max(64).optional(),
  edited: z.boolean(),
  draftVersion: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .optional(),
});
export type WrapUpAction = z.infer<typeof WrapUpAction>;

/** A wrap-up the endpoint kept (the first of its submission id). */
export interface StoredWrapUp {
  submissionId: string;
  summary: string;
  code?: string;
  /** the code's label, from the draft the agent saw (or the demo's codes) */
  label?: string;
  edited: boolean;
  draftVersion?: number;
  /** the tile the pane stood for (the draft's, or `wrap-up`) */
  tileId?: string;
  /** when it was received (ISO) */
  at: string;
}

export const WRAP_UP_MALFORMED = 'The wrap-up is malformed';
export const WRAP_UP_NOT_WORKSPACE =
  'Only the workspace submits a wrap-up (sender workspace, no id).';
export const WRAP_UP_TOO_MANY = 'This conversation holds as many wrap-ups as the endpoint keeps.';

/**
 * What a postback is to the wrap-up: none of it, the agent asking for a draft
 * (`request`, from the workspace only), a submission, or one to refuse (it
 * claims to be a submission but does not match {@link WrapUpAction}, or a
 * tile sent it).
 */
export type WrapUpPostback =
  | { kind: 'none' }
  | { kind: 'request' }
  | { kind: 'submit'; action: WrapUpAction; tileId: string | undefined }
  | { kind: 'refused'; reason: string };

export function wrapUpPostback(payload: unknown): WrapUpPostback {
  if (!isObject(payload) || !isObject(payload.action)) return { kind: 'none' };
  const { action } = payload;
  const fromWorkspace = payload.sender === 'workspace' && payload.id === undefined;
  if (action.type === 'wrap-up-request')
    return fromWorkspace ? { kind: 'request' } : { kind: 'none' };
  if (action.type !== 'wrap-up') return { kind: 'none' };
  if (!fromWorkspace) return { kind: 'refused', reason: WRAP_UP_NOT_WORKSPACE };
  const r = WrapUpAction.safeParse(action);
  if (!r.success) {
    const issues = r.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || 'action'}: ${i.message}`)
      .join('; ');
    return { kind: 'refused', reason: `${WRAP_UP_MALFORMED} (${issues}).`.slice(0, 400) };
  }
  const tileId = typeof payload.tileId === 'string' ? payload.tileId : undefined;
  return { kind: 'submit', action: r.data, tileId };
}

/** The wrap-up to keep for a submission; `draft`: the draft tile it answered, if known. */
export function storedWrapUp(
  action: WrapUpAction,
  tileId: string | undefined,
  at: string,
  draft: WrapUpDraft | undefined,
): StoredWrapUp {
  const w: StoredWrapUp = {
    submissionId: action.submissionId,
    summary: action.summary,
    edited: action.edited,
    at,
  };
  if (action.code !== undefined) {
    w.code = action.code;
    const label =
      draft?.codes?.find((c) => c.code === action.code)?.label ??
      (action.code in WRAP_UP_CODES ? WRAP_UP_CODES[action.code as CodeName].label : undefined);
    if (label !== undefined) w.label = label;
  }
  if (action.draftVersion !== undefined) w.draftVersion = action.draftVersion;
  if (tileId !== undefined) w.tileId = tileId;
  return w;
}

// ---------------------------------------------------------------- drafts

/** Redaction placeholders (demo/redact.ts) in words, for a draft's text. */
const PLACEHOLDERS: Record<string, string> = {
  CREDIT_CARD_NUMBER: '[card number]',
  EMAIL_ADDRESS: '[e-mail]',
  PHONE_NUMBER: '[phone]',
  IBAN: '[IBAN]',
  US_SSN: '[SSN]',
};

/** A message's text for a quote: placeholders in words, one line, at most `max` characters. */
function quote(text: string, max = 300): string {
  const clean = text
    .replace(
      /\b(CREDIT_CARD_NUMBER|EMAIL_ADDRESS|PHONE_NUMBER|IBAN|US_SSN)\b/g,
      (w) => PLACEHOLDERS[w] ?? w,
    )
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

const messagesCount = (n: number) => (n === 1 ? '1 message' : `${n} messages`);

/** The codes the keywords in `text` call for, most confident first (general always). */
export function codesFor(text: string): NonNullable<WrapUpDraft['codes']> {
  return (Object.entries(WRAP_UP_CODES) as [CodeName, (typeof WRAP_UP_CODES)[CodeName]][])
    .filter(([, c]) => c.keywords.test(text))
    .map(([code, c]) => ({ code, label: c.label, confidence: c.confidence }))
    .sort((a, b) => b.confidence - a.confidence);
}

/**
 * A draft from the transcript alone (no model; `demo: true`): the first
 * customer message as the reason, how many messages there were, the agent's
 * last reply, each citing its message; codes by keyword. The same messages
 * always give the same draft.
 */
export function draftFromTranscript(messages: readonly Message[]): WrapUpDraft {
  const finals = messages.filter((m) => m.final !== false);
  const said = (m: Message) => Boolean(m.text?.trim());
  const first = finals.find((m) => m.source === 'user' && said(m));
  const lastAgent = finals.findLast((m) => m.source === 'agent' && said(m));
  const count = (source: Message['source']) => finals.filter((m) => m.source === source).length;
  const sentences: BriefSentence[] = [
    first
      ? {
          text: `The customer came about: “${quote(first.text ?? '')}”`,
          cites: [first._id],
          topic: 'reason',
        }
      : { text: 'The customer has not written yet.', topic: 'reason' },
    {
      text: `The conversation has ${messagesCount(finals.length)}: ${count('user')} from the customer, ${count('bot')} from the bot, ${count('agent')} from the agent.`,
      topic: 'done',
    },
    lastAgent
      ? {
          text: `The agent’s last reply: “${quote(lastAgent.text ?? '')}”`,
          cites: [lastAgent._id],
          topic: 'done',
        }
      : { text: 'The agent has not replied yet.', topic: 'open' },
  ];
  return {
    sentences,
    codes: codesFor(finals.map((m) => m.text ?? '').join('\n')),
    preselectAbove: WRAP_UP_PRESELECT_ABOVE,
    demo: true,
  };
}

/**
 * The scripted conversation's draft once the refund is issued: what the
 * customer came for, how the bot verified them, what the agent did, each
 * citing its messages (those the transcript has); the refund code first.
 */
export function closingDraft(
  cites: { reason?: string; verified?: string[]; refund: string },
  reference: string,
  reasonLabel: string,
  blocked: boolean,
): WrapUpDraft {
  const sentences: BriefSentence[] = [
    {
      text: 'Jane Doe disputed a $249.99 charge from TechGear Online she never made.',
      ...(cites.reason ? { cites: [cites.reason] } : {}),
      topic: 'reason',
    },
    {
      text: 'The assistant verified her with her date of birth and the last 4 digits of the card.',
      ...(cites.verified?.length ? { cites: cites.verified } : {}),
      topic: 'verified',
    },
    {
      text: `Refunded $249.99 (${reasonLabel.toLowerCase()}, reference ${reference})${blocked ? '; the card ending 1111 is blocked and a new one is on its way' : ''}.`,
      cites: [cites.refund],
      topic: 'done',
    },
  ];
  const codes = (['refund', 'fraud', 'general'] as const).map((code) => ({
    code,
    label: WRAP_UP_CODES[code].label,
    confidence: WRAP_UP_CODES[code].confidence,
  }));
  return { sentences, codes, preselectAbove: WRAP_UP_PRESELECT_ABOVE };
}

/** A draft as the `wrap-up` tile (its html: what a workspace without the pane shows). */
export function wrapUpTile(version: number, draft: WrapUpDraft): StoredTile {
  const text = draft.summary ?? (draft.sentences ?? []).map((s) => s.text).join(' ');
  const codes = (draft.codes ?? [])
    .map((c) => `<li>${escapeHtml(c.label)} (${Math.round(c.confidence * 100)} %)</li>`)
    .join('');
  const html = `<div style="font:13px system-ui;margin:8px"><h3 style="font-size:13px;margin:0 0 6px">Wrap-up draft</h3><p style="margin:0 0 6px">${escapeHtml(text)}</p>${codes ? `<ul style="margin:0">${codes}</ul>` : ''}</div>`;
  return { id: WRAP_UP_TILE_ID, version, type: 'html', data: { html, wrapUp: draft } };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
