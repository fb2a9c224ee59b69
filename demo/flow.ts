/**
 * The demo Copilot Flow's answers to postbacks (what a real flow does with
 * `input.data._cognigy._agentAssist`): a knowledge search answers by
 * `sendTileData`; the refund card's submit changes the conversation and
 * drafts the wrap-up; the agent's Wrap up asks for a draft, made from the
 * transcript (docs/PROTOCOL.md §5.10).
 */
import { randomBytes } from 'node:crypto';
import type { PostbackPayload, WrapUpDraft } from '../src/transport/protocol.js';
import { scriptedMessageId } from './brief.js';
import type { Session } from './session.js';
import { nextActionTile, refundDoneCard, searchKnowledge } from './tiles.js';
import {
  WRAP_UP_TILE_ID,
  closingDraft,
  draftFromTranscript,
  wrapUpPostback,
  wrapUpTile,
} from './wrap-up.js';

const REASONS: Record<string, string> = {
  unrecognised: 'Not recognised by the customer',
  duplicate: 'Charged twice',
  'not-received': 'Goods not received',
};

/** Returns an error text for a postback the flow refuses, or null. */
export function onPostback(session: Session, payload: PostbackPayload): string | null {
  const action = (payload.action ?? {}) as Record<string, unknown>;
  // the suggestion ledger's facts: the session folds them (demo/ledger.ts); nothing to answer
  if (action.type === 'ledger') return null;
  // the wrap-up: a submission is kept by the session (demo/wrap-up.ts); a request is answered
  const wrapUp = wrapUpPostback(payload);
  if (wrapUp.kind === 'request') {
    sendDraft(session, draftFromTranscript(session.messages));
    return null;
  }
  if (wrapUp.kind !== 'none') return null;
  if (action.type === 'knowledge-search') {
    const query = typeof action.query === 'string' ? action.query : '';
    const version = session.tiles.get('knowledge')?.version ?? 1;
    session.setTile({
      id: 'knowledge',
      version,
      type: 'sendTileData',
      data: searchKnowledge(query),
    });
    return null;
  }
  if (payload.id === 'refund' && action.action === 'refund') {
    const reason = typeof action.reason === 'string' ? action.reason : '';
    if (!REASONS[reason]) return 'Choose a reason for the refund.';
    const current = session.tiles.get('refund');
    if (current && current.version > 1) return 'This refund was already issued.';
    const reference = `RF-${randomBytes(3).toString('hex').toUpperCase()}`;
    const blocked = action.blockCard !== 'false';
    session.setTile(
      refundDoneCard((current?.version ?? 1) + 1, reference, REASONS[reason] ?? reason),
    );
    const done = session.addMessage(
      'bot',
      `Refund of $249.99 issued (reference ${reference}).${blocked ? ' The card ending 1111 is blocked and a new one is on its way.' : ''}`,
    );
    session.setTile(
      nextActionTile(
        (session.tiles.get('next-action')?.version ?? 2) + 1,
        'Close the conversation',
        `Your refund of $249.99 is on its way (reference ${reference}). Is there anything else I can help you with?`,
      ),
    );
    // the conversation is over: the wrap-up draft, citing what it comes from
    const stored = new Set(session.messages.map((m) => m._id));
    const id = (ref: 'reason' | 'dob' | 'last4') => {
      const i = scriptedMessageId(session.key, ref);
      return stored.has(i) ? i : undefined;
    };
    const reasonId = id('reason');
    sendDraft(
      session,
      closingDraft(
        {
          ...(reasonId ? { reason: reasonId } : {}),
          verified: [id('dob'), id('last4')].filter((x): x is string => x !== undefined),
          refund: done._id,
        },
        reference,
        REASONS[reason] ?? reason,
        blocked,
      ),
    );
    return null;
  }
  return null;
}

/**
 * Sends a wrap-up draft as a new version of the `wrap-up` tile; the same
 * draft as the latest is not stored again, only sent (a request answered
 * twice gets the same tile).
 */
function sendDraft(session: Session, draft: WrapUpDraft): void {
  const latest = session.tiles.get(WRAP_UP_TILE_ID);
  const latestDraft = (latest?.data as { wrapUp?: unknown } | undefined)?.wrapUp;
  if (latest && JSON.stringify(latestDraft) === JSON.stringify(draft)) {
    session.rebroadcast(WRAP_UP_TILE_ID);
    return;
  }
  session.setTile(wrapUpTile((latest?.version ?? 0) + 1, draft));
}
