/**
 * The scripted demo conversation: a customer disputing a card charge. Steps
 * play one after another on a timer; the step reached is journaled, so a
 * restarted endpoint resumes where it stopped instead of replaying.
 */
import type { LayoutConfig } from '../src/transport/protocol.js';
import type { Session, StoredTile } from './session.js';
import { DEMO_LAYOUT, identityTile, knowledgeTile, nextActionTile, refundCard } from './tiles.js';

/** One step: a message, a tile update or a layout; `pause` is in units of the step interval. */
export type ScriptStep = { pause?: number } & (
  { source: 'user' | 'bot'; text: string } | { tile: StoredTile } | { layout: LayoutConfig }
);

export const CARD_DISPUTE_SCRIPT: readonly ScriptStep[] = [
  { layout: DEMO_LAYOUT, pause: 0 },
  { tile: identityTile(), pause: 0 },
  { source: 'bot', text: 'Hi, I’m the Acme Bank assistant. How can I help you today?', pause: 0 },
  {
    source: 'user',
    text: 'Hi. There is a charge of $249.99 from “TechGear Online” on my card yesterday. I never bought anything there.',
  },
  {
    tile: nextActionTile(
      1,
      'Acknowledge and verify',
      'I’m sorry about that charge, Jane. I can help you dispute it. Could you confirm the card it was made on?',
    ),
    pause: 0,
  },
  { tile: knowledgeTile(), pause: 0 },
  {
    source: 'bot',
    text: 'I’m sorry to hear that. I’m connecting you with an agent from our disputes team now.',
  },
  {
    source: 'user',
    text: 'Thanks. My card number is 4111 1111 1111 1111, and you can reach me at jane.doe@example.com or +1 415 555 0134.',
    pause: 1.5,
  },
  {
    tile: { id: 'identity', version: 1, type: 'sendTileData', data: { verified: true } },
    pause: 0,
  },
  { tile: refundCard(), pause: 0 },
  {
    tile: nextActionTile(
      2,
      'Offer the refund',
      'Thank you, Jane. I can see the $249.99 charge from TechGear Online. I’ll block the card and refund the amount now.',
    ),
    pause: 0,
  },
  { source: 'user', text: 'Can you reverse the charge and block the card please?' },
];

/** What the customer says after the agent's first reply. */
export const CUSTOMER_FOLLOW_UP =
  'Thank you! For the refund, my account is DE89 3704 0044 0532 0130 00, and my social security number is 078-05-1120.';

export class ScriptRunner {
  readonly #session: Session;
  readonly #steps: readonly ScriptStep[];
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #followUp: NodeJS.Timeout | undefined;

  constructor(
    session: Session,
    intervalMs: number,
    steps: readonly ScriptStep[] = CARD_DISPUTE_SCRIPT,
  ) {
    this.#session = session;
    this.#intervalMs = intervalMs;
    this.#steps = steps;
  }

  get done(): boolean {
    return this.#session.scriptStep >= this.#steps.length;
  }

  get running(): boolean {
    return this.#timer !== undefined;
  }

  /** Plays the remaining steps on the timer (and a follow-up that was due when the endpoint stopped). */
  play(): void {
    if (this.#session.scriptStep === this.#steps.length + 1) this.#scheduleFollowUp();
    if (this.running || this.done) return;
    this.#schedule();
  }

  pause(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    clearTimeout(this.#followUp);
    this.#followUp = undefined;
  }

  /** Plays the next step now; false when the script is over. */
  step(): boolean {
    const step = this.#steps[this.#session.scriptStep];
    if (!step) return false;
    this.#session.setScriptStep(this.#session.scriptStep + 1);
    if ('text' in step) this.#session.addMessage(step.source, step.text);
    else if ('tile' in step) this.#session.setTile(step.tile);
    else this.#session.setLayout(step.layout);
    return true;
  }

  /** Plays every remaining step at once. */
  playAll(): void {
    this.pause();
    while (this.step()) {
      /* next */
    }
  }

  /**
   * The customer answers the agent's first reply, once the script is over.
   * Journaled in two steps, so a restart in between neither loses nor
   * repeats it: "due" (steps + 1) when the agent replied, "done" (steps + 2)
   * when the answer is in the transcript. A runner that finds it due (after a
   * restart) schedules it again ({@link play}).
   */
  onAgentReply(): void {
    if (this.#session.scriptStep !== this.#steps.length) return;
    this.#session.setScriptStep(this.#steps.length + 1);
    this.#scheduleFollowUp();
  }

  #scheduleFollowUp(): void {
    if (this.#followUp) return;
    this.#followUp = setTimeout(() => {
      this.#followUp = undefined;
      if (this.#session.scriptStep !== this.#steps.length + 1) return;
      this.#session.addMessage('user', CUSTOMER_FOLLOW_UP);
      this.#session.setScriptStep(this.#steps.length + 2);
    }, this.#intervalMs);
    this.#followUp.unref();
  }

  #schedule(): void {
    const next = this.#steps[this.#session.scriptStep];
    if (!next) {
      this.#timer = undefined;
      return;
    }
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.step();
        this.#schedule();
      },
      this.#intervalMs * (next.pause ?? 1),
    );
    this.#timer.unref();
  }
}
