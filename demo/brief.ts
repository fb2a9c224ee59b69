/**
 * The demo Copilot Flow's handoff brief (docs/PROTOCOL.md §5.9): when the bot
 * of the scripted conversation hands the customer over, a brief of what it
 * learnt, each sentence citing the bot part's messages by their real `_id`s.
 * The same brief is served at a context-summary URL of the endpoint
 * (`GET /context-summary/<id>`, the voice-agent API's `contextSummaryUrl`):
 * the id is random per session (never the URLToken or the session key),
 * journaled, and unknown ids are a 404.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { BriefDocument, BriefSentence } from '../src/transport/protocol.js';
import { escapeHtml } from './html.js';
import type { Session, StoredTile } from './session.js';
import { type SessionKey, keyString } from './store.js';

/** The brief's tile id (it has no place in the layout: the workspace pins it above the grid). */
export const HANDOFF_TILE_ID = 'handoff';

/** Where the endpoint serves context summaries: `<origin>/context-summary/<id>`. */
export const CONTEXT_SUMMARY_PATH = '/context-summary/';

/** A context-summary id: 22 characters of base64url (128 random bits). */
export const SUMMARY_ID = /^[A-Za-z0-9_-]{22}$/;

export function newSummaryId(): string {
  return randomBytes(16).toString('base64url');
}

/** How a brief goes out: its sentences in the tile, or only a url (one that answers, or a 404). */
export const BRIEF_MODES = ['inline', 'url', 'failing-url'] as const;
export type BriefMode = (typeof BRIEF_MODES)[number];

/**
 * The `_id` of a scripted message a brief cites (`ref` names it in the
 * script): the same for a session across restarts, different per session.
 */
export function scriptedMessageId(key: SessionKey, ref: string): string {
  const h = createHash('sha256').update(keyString(key)).digest('hex').slice(0, 12);
  return `${ref}-${h}`;
}

/** The names of the bot part's messages (chat and voice scripts alike). */
export type ScriptRef = 'greet' | 'reason' | 'ask-dob' | 'dob' | 'ask-last4' | 'last4' | 'handoff';

export const HANDOFF_TITLE = 'Handoff from the Acme Bank assistant';

/** What the bot learnt, one sentence per topic, with the messages each comes from. */
const HANDOFF_SENTENCES: readonly {
  text: string;
  topic: NonNullable<BriefSentence['topic']>;
  refs: readonly ScriptRef[];
}[] = [
  {
    topic: 'reason',
    text: 'Jane disputes a $249.99 charge from TechGear Online made yesterday: she says she never bought anything there.',
    refs: ['reason'],
  },
  {
    topic: 'verified',
    text: 'The assistant verified her: date of birth and the last 4 digits of the card (1111).',
    refs: ['dob', 'last4'],
  },
  {
    topic: 'done',
    text: 'The assistant took the reason and checked her identity; nothing has been refunded or blocked yet.',
    refs: ['ask-dob', 'ask-last4'],
  },
  {
    topic: 'escalation',
    text: 'Handed over because disputing a charge needs an agent.',
    refs: ['handoff'],
  },
  {
    topic: 'mood',
    text: 'Calm, but worried that the card was copied and will be used again.',
    refs: ['last4'],
  },
  {
    topic: 'open',
    text: 'Open: refund the charge, and block the card she still holds.',
    refs: ['reason', 'last4'],
  },
];

/**
 * The brief of a session's handoff: the sentences above, each citing the
 * messages of the bot part that the session has stored (their real `_id`s).
 */
export function handoffDocument(session: Session): BriefDocument {
  const stored = new Set(session.messages.map((m) => m._id));
  return {
    title: HANDOFF_TITLE,
    sentences: HANDOFF_SENTENCES.map(({ text, topic, refs }) => {
      const cites = refs
        .map((r) => scriptedMessageId(session.key, r))
        .filter((id) => stored.has(id));
      return cites.length ? { text, topic, cites } : { text, topic };
    }),
  };
}

/** What a workspace that does not know briefs shows: the sentences as plain HTML. */
function fallbackHtml(doc: BriefDocument | undefined): string {
  const items = (doc?.sentences ?? []).map((s) => `<li>${escapeHtml(s.text)}</li>`).join('');
  return `<h3 style="font:600 13px system-ui;margin:8px">${escapeHtml(HANDOFF_TITLE)}</h3>${
    items ? `<ul style="font:13px system-ui;margin:8px">${items}</ul>` : ''
  }`;
}

/**
 * Sends the session's handoff brief as a new version of the `handoff` tile:
 * `inline` (the sentences in the tile), `url` (only the session's
 * context-summary URL, under `origin`) or `failing-url` (a context-summary
 * URL nobody has: a 404). The session's context-summary id is made (and
 * journaled) the first time, whatever the mode, so its URL answers.
 */
export function sendHandoffBrief(
  session: Session,
  mode: BriefMode,
  origin?: string,
): { version: number; url?: string } {
  const id = session.ensureSummaryId();
  const version = (session.tiles.get(HANDOFF_TILE_ID)?.version ?? 0) + 1;
  if (mode === 'inline') {
    const doc = handoffDocument(session);
    session.setTile(briefTile(version, { html: fallbackHtml(doc), brief: doc }));
    return { version };
  }
  if (!origin) throw new Error('a url brief needs the endpoint’s origin');
  const url = `${origin}${CONTEXT_SUMMARY_PATH}${mode === 'url' ? id : newSummaryId()}`;
  session.setTile(
    briefTile(version, { html: fallbackHtml(undefined), brief: { title: HANDOFF_TITLE, url } }),
  );
  return { version, url };
}

function briefTile(version: number, data: { html: string; brief: unknown }): StoredTile {
  return { id: HANDOFF_TILE_ID, version, type: 'html', data };
}
