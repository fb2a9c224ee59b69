/**
 * The scripted demo conversation: a customer disputing a card charge. Steps
 * play one after another on a timer; the step reached is journaled, so a
 * restarted endpoint resumes where it stopped instead of replaying.
 */
import { randomUUID } from 'node:crypto';
import type { LayoutConfig } from '../src/transport/protocol.js';
import type { Session, StoredTile } from './session.js';
import { StoreUnavailable } from './store.js';

/**
 * Runs a timer's work; when the store cannot write, tries it again after
 * `retryMs` (the scripted conversation waits for the disk; the process never
 * dies of it). Any other error is a bug and is thrown.
 */
function whenStored(work: () => void, retry: () => void): void {
  try {
    work();
  } catch (e) {
    if (!(e instanceof StoreUnavailable)) throw e;
    retry();
  }
}
import { DEMO_LAYOUT, identityTile, knowledgeTile, nextActionTile, refundCard } from './tiles.js';

/**
 * One step: a message, a tile update, a layout, or (voice) an utterance that
 * streams as interim words and ends as a final message; `pause` is in units
 * of the step interval, counted from the end of an utterance.
 */
export type ScriptStep = { pause?: number } & (
  | { source: 'user' | 'bot'; text: string }
  | { tile: StoredTile }
  | { layout: LayoutConfig }
  | { speech: { source: 'user' | 'agent'; text: string } }
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

/**
 * The same dispute on a voice call (the voice demo endpoint): both sides are
 * transcribed as they speak, interim words first, then the final text.
 */
export const VOICE_CALL_SCRIPT: readonly ScriptStep[] = [
  { layout: DEMO_LAYOUT, pause: 0 },
  { tile: identityTile(), pause: 0 },
  {
    speech: {
      source: 'agent',
      text: 'Thank you for calling Acme Bank, my name is Sam. How can I help you today?',
    },
    pause: 0.5,
  },
  {
    speech: {
      source: 'user',
      text: 'Hi Sam. There is a charge of 249 dollars from TechGear Online on my card and I never bought anything there.',
    },
    pause: 0.3,
  },
  {
    tile: nextActionTile(
      1,
      'Acknowledge and verify',
      'I’m sorry about that charge. I can help you dispute it. Could you confirm the card it was made on?',
    ),
    pause: 0,
  },
  { tile: knowledgeTile(), pause: 0 },
  {
    speech: {
      source: 'agent',
      text: 'I am sorry about that. I can help you dispute it. Could you confirm the card number for me?',
    },
    pause: 0.5,
  },
  {
    speech: {
      source: 'user',
      text: 'Sure, the card number is 4111 1111 1111 1111 and my email is jane.doe@example.com',
    },
    pause: 0.3,
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
      'Thank you, Jane. I can see the charge from TechGear Online. I’ll block the card and refund the amount now.',
    ),
    pause: 0,
  },
  {
    speech: {
      source: 'agent',
      text: 'Thank you Jane. I can see the charge. I will block the card and refund the amount now.',
    },
    pause: 0.5,
  },
  { speech: { source: 'user', text: 'That is great, thank you so much for your help.' } },
];

/** How long one word takes to say, at most (a step interval of 1.8 s: 200 ms, 5 words a second). */
const WORD_MS = 200;

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
    // an utterance under way is said to its end: its words are not lost
    for (const u of [...this.#speaking.values()]) u.finish();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    clearTimeout(this.#followUp);
    this.#followUp = undefined;
  }

  /** Plays the next step now (an utterance streams unless `at once`); false when the script is over. */
  step(atOnce = false): boolean {
    const step = this.#steps[this.#session.scriptStep];
    if (!step) return false;
    this.#session.setScriptStep(this.#session.scriptStep + 1);
    if ('text' in step) this.#session.addMessage(step.source, step.text);
    else if ('tile' in step) this.#session.setTile(step.tile);
    else if ('speech' in step) this.#speak(step.speech, atOnce);
    else this.#session.setLayout(step.layout);
    return true;
  }

  /** Plays every remaining step at once (utterances straight to their final text). */
  playAll(): void {
    this.pause();
    while (this.step(true)) {
      /* next */
    }
  }

  /** The utterances being spoken: their final text goes out when they end, or on pause. */
  readonly #speaking = new Map<string, { finish: () => void; timer?: NodeJS.Timeout }>();

  /** ms a word of an utterance takes at this runner's pace */
  get #wordMs(): number {
    return Math.max(5, Math.min(WORD_MS, this.#intervalMs / 9));
  }

  /** how long the utterances being spoken still take, ms */
  #speakingMs = 0;

  /**
   * An utterance: its words as interim messages, one more word at a time
   * (5 a second at the demo's pace), then the final text under the same id.
   */
  #speak(speech: { source: 'user' | 'agent'; text: string }, atOnce: boolean): void {
    const _id = randomUUID();
    const words = speech.text.split(' ');
    const finish = () => {
      clearTimeout(entry.timer);
      whenStored(
        () => {
          this.#session.addMessage(speech.source, speech.text, { _id });
          this.#speaking.delete(_id);
        },
        () => {
          entry.timer = setTimeout(finish, this.#intervalMs);
          entry.timer.unref();
        },
      );
    };
    const entry: { finish: () => void; timer?: NodeJS.Timeout } = { finish };
    if (atOnce) return finish();
    this.#speaking.set(_id, entry);
    let said = 0;
    const next = () => {
      said += 1;
      if (said >= words.length) return finish();
      this.#session.speakInterim(_id, speech.source, words.slice(0, said).join(' '));
      entry.timer = setTimeout(next, this.#wordMs);
      entry.timer.unref();
    };
    next();
    this.#speakingMs = words.length * this.#wordMs;
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
      whenStored(
        () => {
          this.#session.addMessage('user', CUSTOMER_FOLLOW_UP);
          this.#session.setScriptStep(this.#steps.length + 2);
        },
        () => this.#scheduleFollowUp(),
      );
    }, this.#intervalMs);
    this.#followUp.unref();
  }

  #schedule(): void {
    const next = this.#steps[this.#session.scriptStep];
    if (!next) {
      this.#timer = undefined;
      return;
    }
    const speaking = this.#speakingMs;
    this.#speakingMs = 0;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        whenStored(
          () => this.step(),
          () => undefined,
        );
        this.#schedule();
      },
      speaking + this.#intervalMs * (next.pause ?? 1),
    );
    this.#timer.unref();
  }
}
