/**
 * The demo Copilot Flow's answers to postbacks (what a real flow does with
 * `input.data._cognigy._agentAssist`): a knowledge search answers by
 * `sendTileData`; the refund card's submit changes the conversation.
 */
import { randomBytes } from 'node:crypto';
import type { PostbackPayload } from '../src/transport/protocol.js';
import type { Session } from './session.js';
import { nextActionTile, refundDoneCard, searchKnowledge } from './tiles.js';

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
    session.addMessage(
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
    return null;
  }
  return null;
}
