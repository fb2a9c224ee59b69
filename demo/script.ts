/**
 * The scripted demo conversation: a customer disputing a card charge. A bot
 * greets the customer, verifies them and learns why they came, then hands
 * them over warm to the agent with a brief (docs/PROTOCOL.md §5.9) citing
 * its messages. Steps play one after another on a timer; the step reached is
 * journaled, so a restarted endpoint resumes where it stopped instead of
 * replaying.
 */
import { randomUUID } from 'node:crypto';
import type { LayoutConfig } from '../src/transport/protocol.js';
import type { Session, StoredTile } from './session.js';
import { StoreUnavailable } from './store.js';
import { type ScriptRef, scriptedMessageId, sendHandoffBrief } from './brief.js';

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

type Speaker = 'user' | 'bot' | 'agent';

/**
 * One step: a message, a tile update, a layout, (voice) an utterance that
 * streams as interim words and ends as a final message, or the bot's handoff
 * brief (built from the messages stored by then); `pause` is in units of the
 * step interval, counted from the end of an utterance. `ref` names a message
 * the brief cites: its `_id` is then {@link scriptedMessageId}.
 */
export type ScriptStep = { pause?: number } & (
  | { source: 'user' | 'bot'; text: string; ref?: ScriptRef }
  | { tile: StoredTile }
  | { layout: LayoutConfig }
  | { speech: { source: Speaker; text: string }; ref?: ScriptRef }
  | { handoff: 'brief' }
);

/** The customer, verified by the bot, goes to the agent: marked verified, and the brief. */
const HANDOFF: readonly ScriptStep[] = [
  {
    tile: { id: 'identity', version: 1, type: 'sendTileData', data: { verified: true } },
    pause: 0,
  },
  { handoff: 'brief', pause: 0 },
];

export const CARD_DISPUTE_SCRIPT: readonly ScriptStep[] = [
  { layout: DEMO_LAYOUT, pause: 0 },
  { tile: identityTile(), pause: 0 },
  // the bot part: greeting, the reason, verification, the warm handoff
  {
    source: 'bot',
    text: 'Hi, I’m the Acme Bank assistant. How can I help you today?',
    ref: 'greet',
    pause: 0,
  },
  {
    source: 'user',
    text: 'Hi. There is a charge of $249.99 from “TechGear Online” on my card yesterday. I never bought anything there.',
    ref: 'reason',
  },
  {
    source: 'bot',
    text: 'I’m sorry to hear that. First I need to check it’s you: what is your date of birth?',
    ref: 'ask-dob',
  },
  { source: 'user', text: '14 March 1985.', ref: 'dob' },
  {
    source: 'bot',
    text: 'Thank you. And the last 4 digits of the card the charge was made on?',
    ref: 'ask-last4',
  },
  {
    source: 'user',
    text: 'It ends in 1111. I still have the card with me, so someone must have copied it. I’m worried they’ll use it again.',
    ref: 'last4',
  },
  {
    source: 'bot',
    text: 'Thank you, Jane, you’re verified. Disputing a charge needs one of our agents: I’m connecting you with the disputes team now and passing on what you told me.',
    ref: 'handoff',
  },
  ...HANDOFF,
  // the agent's part
  {
    tile: nextActionTile(
      1,
      'Greet after the handoff',
      'Hi Jane, I’m from the disputes team. I’ve read what you told our assistant and I’ll help you with the $249.99 charge from TechGear Online.',
    ),
    pause: 0,
  },
  { tile: knowledgeTile(), pause: 0 },
  {
    source: 'user',
    text: 'Thanks. My card number is 4111 1111 1111 1111, and you can reach me at jane.doe@example.com or +1 415 555 0134.',
    pause: 1.5,
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
  // the voice bot's part: greeting, the reason, verification, the warm transfer
  {
    speech: {
      source: 'bot',
      text: 'Welcome to Acme Bank, I am the virtual assistant. How can I help you today?',
    },
    ref: 'greet',
    pause: 0.3,
  },
  {
    speech: {
      source: 'user',
      text: 'Hi. There is a charge of 249 dollars from TechGear Online on my card and I never bought anything there.',
    },
    ref: 'reason',
    pause: 0.3,
  },
  {
    speech: {
      source: 'bot',
      text: 'I am sorry to hear that. First I need to check it is you. What is your date of birth?',
    },
    ref: 'ask-dob',
    pause: 0.3,
  },
  { speech: { source: 'user', text: 'The fourteenth of March 1985.' }, ref: 'dob', pause: 0.3 },
  {
    speech: { source: 'bot', text: 'Thank you. And the last four digits of the card?' },
    ref: 'ask-last4',
    pause: 0.3,
  },
  {
    speech: {
      source: 'user',
      text: 'One one one one. I still have the card, so someone must have copied it. I am worried they will use it again.',
    },
    ref: 'last4',
    pause: 0.3,
  },
  {
    speech: {
      source: 'bot',
      text: 'Thank you Jane, you are verified. Disputes need one of our agents, so I am transferring you to the disputes team now.',
    },
    ref: 'handoff',
    pause: 0.3,
  },
  ...HANDOFF,
  // the agent takes the call
  {
    speech: {
      source: 'agent',
      text: 'Hi Jane, my name is Sam from the disputes team. I can see what you told our assistant.',
    },
    pause: 0.3,
  },
  {
    tile: nextActionTile(
      1,
      'Confirm the card',
      'I’m sorry about that charge. To dispute it, could you confirm the full card number for me?',
    ),
    pause: 0,
  },
  { tile: knowledgeTile(), pause: 0 },
  {
    speech: {
      source: 'agent',
      text: 'I am sorry about that charge. To dispute it, could you confirm the full card number for me?',
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
    const _id =
      'ref' in step && step.ref ? scriptedMessageId(this.#session.key, step.ref) : undefined;
    if ('text' in step) this.#session.addMessage(step.source, step.text, _id ? { _id } : {});
    else if ('tile' in step) this.#session.setTile(step.tile);
    else if ('speech' in step) this.#speak(step.speech, atOnce, _id);
    else if ('handoff' in step) {
      // the brief cites what was said: utterances under way end first (their final text goes out)
      for (const u of [...this.#speaking.values()]) u.finish();
      sendHandoffBrief(this.#session, 'inline');
    } else this.#session.setLayout(step.layout);
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
  #speak(speech: { source: Speaker; text: string }, atOnce: boolean, id?: string): void {
    const _id = id ?? randomUUID();
    const words = speech.text.split(' ');
    const finish = () => {
      clearTimeout(entry.timer);
      whenStored(
        () => {
          this.#session.addMessage(speech.source, speech.text, { _id, final: true });
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
