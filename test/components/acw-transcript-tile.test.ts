import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { AcwTranscriptTile } from '../../src/components/acw-transcript-tile.js';
import {
  AcwMessageSentEvent,
  AcwReplyRetryEvent,
  AcwSubmitEvent,
} from '../../src/events/events.js';
import type { Message } from '../../src/transport/protocol.js';
import type { ReplyView } from '../../src/state/reduce.js';
import { Transcript } from '../../src/state/transcript.js';
import { nextEvent } from '../support/events.js';
import { withStyleReads } from '../support/style-reads.js';
import { virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import { positionsInOnePass } from '../../src/components/internal/virtualizer-patch.js';

const m = (
  id: string,
  source: Message['source'],
  text: string,
  createdAt = '2026-11-21T09:05:00Z',
): Message => ({
  _id: id,
  source,
  text,
  createdAt,
});

const conversation: Message[] = [
  m('1', 'bot', 'Hi, how can I help?'),
  m('2', 'user', 'My card CREDIT_CARD_NUMBER was charged twice, mail me at EMAIL_ADDRESS'),
  m('3', 'user', 'Phone PHONE_NUMBER, account IBAN, SSN US_SSN'),
  m('4', 'agent', 'Let me check that for you.'),
];

async function tile(
  messages: readonly Message[] = conversation,
  chatInput = true,
  replies: ReplyView[] = [],
) {
  const el = await fixture<AcwTranscriptTile>(
    html`<acw-transcript-tile
      style="block-size: 300px"
      .transcript=${Transcript.of(messages)}
      .replies=${replies}
      ?chat-input=${chatInput}
    ></acw-transcript-tile>`,
  );
  await shown(el, messages.length + replies.length);
  return el;
}
const root = (el: HTMLElement) => el.shadowRoot as ShadowRoot;
/** The log is virtualized: rows appear once the virtualizer has laid them out. */
const rows = (el: HTMLElement) => [...root(el).querySelectorAll<HTMLElement>('[part="message"]')];
async function shown(el: HTMLElement, atLeast: number) {
  if (atLeast > 0)
    await waitUntil(() => rows(el).length >= Math.min(atLeast, 5), 'rows laid out', {
      timeout: 4000,
    });
}
const log = (el: HTMLElement) => root(el).querySelector('[role="log"]') as HTMLElement;

/** A tile with 40 messages, more than it shows: its log scrolls. */
async function longLog() {
  const many = Array.from({ length: 40 }, (_, i) =>
    m(`m${i}`, i % 2 ? 'user' : 'agent', `message ${i}`),
  );
  const el = await tile(many);
  const scroller = log(el);
  const atBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= 2;
  return { many, el, scroller, atBottom };
}

describe('<acw-transcript-tile>', () => {
  // the virtualizer's ResizeObserver may finish a frame late: benign, and not a test failure
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

  it('is defined', () => {
    expect(customElements.get('acw-transcript-tile')).to.equal(AcwTranscriptTile);
  });

  it('is a log named "Chat" with the input, "Transcript" without', async () => {
    const chat = await tile(conversation, true);
    const labelled = root(chat).getElementById(log(chat).getAttribute('aria-labelledby') ?? '');
    expect(labelled?.textContent).to.equal('Chat');
    expect(root(chat).querySelector('acw-chat-input')).to.exist;

    const plain = await tile(conversation, false);
    expect(
      root(plain).getElementById(log(plain).getAttribute('aria-labelledby') ?? '')?.textContent,
    ).to.equal('Transcript');
    expect(root(plain).querySelector('acw-chat-input')).to.equal(null);
  });

  it('shows who spoke and when, for each message', async () => {
    const el = await tile();
    const msgs = [...root(el).querySelectorAll('[part="message"]')];
    expect(msgs).to.have.length(4);
    const who = msgs.map((x) => x.querySelector('.who')?.textContent);
    expect(who).to.deep.equal(['Bot', 'Customer', 'Customer', 'Agent']);
    const time = msgs[0]?.querySelector('time');
    expect(time?.getAttribute('datetime')).to.equal('2026-11-21T09:05:00.000Z');
    // hours and minutes as the agent's locale writes them (English here: 09:05 AM)
    const local = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' });
    expect(time?.textContent).to.equal(local.format(new Date('2026-11-21T09:05:00Z')));
  });

  it('renders every redaction placeholder as a labelled chip, never the bare word', async () => {
    const el = await tile();
    const chips = [...root(el).querySelectorAll('[part="chip"]')];
    expect(chips.map((c) => c.getAttribute('aria-label'))).to.deep.equal([
      'card number hidden',
      'e-mail hidden',
      'phone hidden',
      'IBAN hidden',
      'SSN hidden',
    ]);
    expect(chips.every((c) => c.getAttribute('role') === 'img')).to.equal(true);
    const text = log(el).textContent ?? '';
    for (const word of ['CREDIT_CARD_NUMBER', 'EMAIL_ADDRESS', 'PHONE_NUMBER', 'US_SSN']) {
      expect(text).to.not.include(word);
    }
  });

  it('renders message text as text, never as HTML', async () => {
    const el = await tile([m('x', 'user', '<img src=x onerror="window.__pwned=1"><b>bold</b>')]);
    expect(root(el).querySelector('img, b')).to.equal(null);
    // exactly the text: the bubble keeps white space as written, so nothing else goes in it
    expect(root(el).querySelector('.bubble')?.textContent).to.equal(
      '<img src=x onerror="window.__pwned=1"><b>bold</b>',
    );
    expect(log(el).textContent).to.include('<img src=x onerror="window.__pwned=1"><b>bold</b>');
  });

  it('says how much of a shortened message is not shown', async () => {
    const el = await tile([
      { ...m('long', 'user', 'Start of a long message'), truncated: 150_000 },
    ]);
    expect(log(el).textContent?.replace(/\s+/g, ' ')).to.include(
      'Start of a long message… 150,000 more characters not shown',
    );
  });

  it('describes attachments without dumping JSON', async () => {
    const el = await tile([
      {
        _id: 'a',
        source: 'user',
        data: {
          _cognigy: { _defaultPreview: { attachments: [{ type: 'image', name: 'receipt.png' }] } },
        },
        attachments: [{ type: 'image', name: 'receipt.png' }],
      },
      { _id: 'b', source: 'user', data: { some: 'json' } },
    ]);
    const text = log(el).textContent ?? '';
    expect(text).to.include('[image attachment: receipt.png]');
    expect(text).to.include('(message without text)');
    expect(text).to.not.include('{');
  });

  it('is accessible', async () => {
    const el = await tile(conversation, true, [
      {
        clientMessageId: 'c1',
        text: 'failed one',
        state: 'failed',
        error: { code: 'refused' },
        createdAt: Date.now(),
      },
    ]);
    await expect(el).to.be.accessible();
  });

  it('shows reply states: pending, sent, failed with a retry that fires an event', async () => {
    const now = Date.now();
    const el = await tile([], true, [
      { clientMessageId: 'p', text: 'pending one', state: 'pending', createdAt: now },
      { clientMessageId: 's', text: 'sent one', state: 'sent', createdAt: now },
      {
        clientMessageId: 'f',
        text: 'failed one',
        state: 'failed',
        error: { code: 'no-answer' },
        createdAt: now,
      },
    ]);
    const states = [...root(el).querySelectorAll('.state')].map((s) =>
      s.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(states).to.deep.equal([
      'Sending…',
      'Sent',
      'Not sent: The copilot did not confirm it in time. Retry',
    ]);
    el.paused = true;
    await el.updateComplete;
    expect(root(el).querySelector('.state')?.textContent).to.include(
      'will be sent when the connection is back',
    );
    const retry = root(el).querySelector('.state.failed button') as HTMLButtonElement;
    const event = nextEvent<AcwReplyRetryEvent>(el, AcwReplyRetryEvent.eventName);
    retry.click();
    expect((await event).clientMessageId).to.equal('f');
  });

  it('turns a submitted reply into acw-message-sent', async () => {
    const el = await tile();
    const input = root(el).querySelector('acw-chat-input') as HTMLElement;
    const event = nextEvent<AcwMessageSentEvent>(el, AcwMessageSentEvent.eventName);
    input.dispatchEvent(new AcwSubmitEvent('on my way'));
    const e = await event;
    expect(e.text).to.equal('on my way');
    expect(e.composed).to.equal(true);
  });

  it('follows new messages, pauses when scrolled up, and offers a "new messages" button', async () => {
    const { many, el, scroller, atBottom } = await longLog();
    await waitUntil(atBottom, 'starts at the newest message');

    el.transcript = Transcript.of([...many, m('n1', 'user', 'one more')]);
    await el.updateComplete;
    await waitUntil(
      () => atBottom() && rows(el).some((r) => r.textContent?.includes('one more')),
      'follows while at the bottom',
    );
    expect(root(el).querySelector('button.new')).to.equal(null);

    scroller.scrollTop = 0;
    scroller.dispatchEvent(new Event('scroll'));
    el.transcript = el.transcript.append([
      m('n2', 'user', 'two'),
      m('n3', 'user', 'three'),
    ]).transcript;
    await el.updateComplete;
    expect(scroller.scrollTop, 'stays where the agent reads').to.equal(0);
    const button = root(el).querySelector('button.new') as HTMLButtonElement;
    expect(button.textContent?.trim()).to.equal('2 new messages');

    button.click();
    await el.updateComplete;
    await waitUntil(
      () => atBottom() && rows(el).some((r) => r.textContent?.includes('three')),
      'at the newest message again',
    );
    expect(root(el).querySelector('button.new')).to.equal(null);
  });

  it('collapses to its header by keyboard, and expands again', async () => {
    const el = await tile();
    const toggle = root(el).querySelector('button.collapse') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(toggle.textContent?.trim()).to.equal('Collapse Chat');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.collapsed).to.equal(true);
    expect(el.hasAttribute('collapsed')).to.equal(true);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(getComputedStyle(root(el).getElementById('body') as HTMLElement).display).to.equal(
      'none',
    );
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.collapsed).to.equal(false);
    expect(getComputedStyle(log(el)).display).to.not.equal('none');
  });

  it('stays at the bottom while long rows settle their height after rendering', async () => {
    const long = 'A long customer message that wraps over several lines in a narrow tile. '.repeat(
      4,
    );
    const many = Array.from({ length: 60 }, (_, i) =>
      m(`l${i}`, i % 2 ? 'user' : 'bot', `${i}: ${long}`),
    );
    const el = await fixture<AcwTranscriptTile>(
      html`<acw-transcript-tile
        style="block-size: 300px; inline-size: 260px"
        .transcript=${Transcript.of(many)}
        chat-input
      ></acw-transcript-tile>`,
    );
    const scroller = log(el);
    const atBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= 2;
    await waitUntil(atBottom, 'at the bottom after the first render');
    el.replies = [{ clientMessageId: 'p', text: long, state: 'pending', createdAt: Date.now() }];
    el.paused = true;
    await waitUntil(
      () => !!root(el).querySelector('.state') && atBottom(),
      'at the bottom with the pending reply and its state line',
      { timeout: 3000 },
    );
    const state = root(el).querySelector('.state') as HTMLElement;
    expect(state.getBoundingClientRect().bottom).to.be.at.most(
      scroller.getBoundingClientRect().bottom + 1,
    );
  });

  it('makes the log reachable by keyboard', async () => {
    const el = await tile();
    expect(log(el).tabIndex).to.equal(0);
  });

  it('keeps the DOM bounded by what is on screen: 50,000 messages', async () => {
    const many = Array.from({ length: 50_000 }, (_, i) =>
      m(`b${i}`, i % 3 ? 'user' : 'agent', `message ${i} with a few words`),
    );
    const el = await tile(many);
    await waitUntil(() => rows(el).some((r) => r.textContent?.includes('message 49999')), 'newest');
    const nodes = root(el).querySelectorAll('*').length;
    expect(rows(el).length).to.be.below(100);
    expect(nodes).to.be.below(3000);
    el.transcript = el.transcript.append([m('b-new', 'user', 'the 50,001st')]).transcript;
    await waitUntil(
      () => rows(el).some((r) => r.textContent?.includes('the 50,001st')),
      'appended',
    );
    expect(root(el).querySelectorAll('*').length).to.be.below(3000);
  });

  it('a new message while following moves no row already shown and keeps their DOM: 10,000 messages', async () => {
    // rows of three heights, so the average row height moves as new rows are measured
    const long = 'a longer message that wraps over two or three lines in this tile. '.repeat(3);
    const many = Array.from({ length: 10_000 }, (_, i) =>
      m(`f${i}`, i % 3 ? 'user' : 'agent', `message ${i}${i % 7 ? '' : ` ${long}`}`),
    );
    const el = await tile(many);
    const scroller = log(el);
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    /** the newest row is shown at the bottom, and the scroll position held for 3 frames */
    async function settled(text: string) {
      let last = -1;
      let still = 0;
      await waitUntil(
        async () => {
          await frame();
          const top = scroller.scrollTop;
          still = top === last ? still + 1 : 0;
          last = top;
          const atBottom = scroller.scrollHeight - top - scroller.clientHeight <= 2;
          return still >= 3 && atBottom && rows(el).some((r) => r.textContent?.includes(text));
        },
        `settled with ${text} at the bottom`,
        { timeout: 5000 },
      );
    }
    await settled('message 9999');
    /** each row's place in the log's content (not on screen: the log scrolls as it follows) */
    const places = () =>
      new Map(
        rows(el).map((r) => [
          r.querySelector('.bubble')?.textContent ?? '',
          Math.round(
            r.getBoundingClientRect().top -
              scroller.getBoundingClientRect().top +
              scroller.scrollTop,
          ),
        ]),
      );
    const before = places();
    const kept = new Set(rows(el));
    let removed = 0;
    const watch = new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.removedNodes)
          if (n instanceof HTMLElement && n.matches('[part="message"]')) removed++;
    });
    watch.observe(scroller, { childList: true });
    for (let i = 0; i < 8; i++) {
      el.transcript = el.transcript.append([
        m(`new${i}`, i % 2 ? 'user' : 'agent', `new ${i}`),
      ]).transcript;
      await settled(`new ${i}`);
    }
    watch.disconnect();
    // the flow layout's own estimate moved every row by thousands of pixels, and at times
    // took every row out of the DOM and put it back
    const after = places();
    const moved = [...before].filter(
      ([text, top]) => after.has(text) && Math.abs((after.get(text) as number) - top) > 1,
    );
    expect(moved, 'rows that moved in the log').to.deep.equal([]);
    expect(removed, 'rows taken out of the DOM').to.be.at.most(8 * 3);
    expect(rows(el).filter((r) => kept.has(r)).length, 'rows kept').to.be.above(kept.size / 2);
  });

  it('the installed virtualizer places its rows in one walk (the patch applies to this version)', async () => {
    const { el, scroller } = await longLog();
    const v = (scroller as HTMLElement & { [virtualizerRef]?: object })[virtualizerRef];
    expect(v, 'the log is virtualized').to.exist;
    expect(positionsInOnePass(v as object)).to.equal(true);
    // and placed where the flow layout says, once measured: stacked in order, no gap, no overlap
    const stacked = () => {
      const boxes = rows(el).map((r) => r.getBoundingClientRect());
      return boxes.every((b, i) => i === 0 || Math.abs(b.top - (boxes[i - 1]?.bottom ?? 0)) <= 1);
    };
    await waitUntil(stacked, 'rows stacked without gaps or overlaps', { timeout: 3000 });
  });

  it('reads older messages by keyboard: End, then Up and Down move from message to message', async () => {
    const many = Array.from({ length: 200 }, (_, i) => m(`k${i}`, 'user', `line ${i}`));
    const el = await tile(many);
    log(el).focus();
    await sendKeys({ press: 'End' });
    // the focused message's own text (not a neighbour's: "line 1" is in "line 19" too)
    const focused = () => root(el).activeElement?.querySelector('.bubble')?.textContent ?? '';
    const slow = { timeout: 5000 }; // the virtualizer lays rows out over a few frames
    await waitUntil(() => focused() === 'line 199', 'the newest message focused', slow);
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => focused() === 'line 198', 'the one before', slow);
    await sendKeys({ press: 'Home' });
    await waitUntil(
      () => focused() === 'line 0',
      'the first message, far out of view before',
      slow,
    );
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => focused() === 'line 1', 'the one after', slow);
  });

  it('the log is a numbered set of messages, says how to read it, and an arrow key enters it at the newest', async () => {
    const many = Array.from({ length: 50 }, (_, i) => m(`n${i}`, 'user', `note ${i}`));
    const el = await tile(many);
    const logEl = log(el);
    const hint = root(el).getElementById(logEl.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).to.contain('Arrow keys read message by message');
    const row = rows(el).at(-1);
    expect(row?.getAttribute('role')).to.equal('article');
    expect(row?.getAttribute('aria-posinset')).to.equal(String(Number(row?.dataset.index) + 1));
    logEl.focus();
    await sendKeys({ press: 'ArrowUp' });
    const focused = () => root(el).activeElement?.querySelector('.bubble')?.textContent ?? '';
    await waitUntil(() => focused() === 'note 49', 'the newest message focused', { timeout: 5000 });
    expect(root(el).activeElement?.getAttribute('aria-posinset')).to.equal('50');
    await expect(el).to.be.accessible();
  });

  it('voice: revising interim words never moves the agent who reads back, and is no "new message"', async () => {
    const { el, scroller, atBottom } = await longLog();
    const say = async (text: string, final: boolean) => {
      el.transcript = el.transcript.append([
        { _id: 'spoken', source: 'user', text, final },
      ]).transcript;
      await el.updateComplete;
      await new Promise((r) => requestAnimationFrame(r));
    };
    await say('I', false);
    await waitUntil(
      () => atBottom() && rows(el).some((r) => r.classList.contains('interim')),
      'at the interim row',
    );
    // while following, revisions (taller and taller) keep the bottom in view
    await say(
      'I would like to cancel the card that I reported lost on Monday, and get a new one',
      false,
    );
    // (the newest row ends at the very bottom: the log's layout keeps the end where the
    // measured rows are; the flow layout alone left it about 12 px short)
    await waitUntil(() => {
      const last = rows(el).at(-1)?.getBoundingClientRect();
      return (
        !!last && atBottom() && Math.abs(last.bottom - scroller.getBoundingClientRect().bottom) <= 2
      );
    }, 'the newest row at the very bottom');
    // reading back: revisions and the final change nothing where the agent reads
    // (the agent scrolls up: the virtualizer lets go of the bottom on a scroll it did not make)
    let unpinned = false;
    scroller.addEventListener('unpinned', () => (unpinned = true), { once: true });
    for (let i = 0; i < 30 && !unpinned; i++) {
      scroller.scrollTop = 200;
      await new Promise((r) => requestAnimationFrame(r));
    }
    expect(unpinned, 'the agent’s scroll let go of the bottom').to.equal(true);
    scroller.scrollTop = 200;
    await new Promise((r) => requestAnimationFrame(r));
    for (const [text, final] of [
      ['I would like to cancel', false],
      ['I would like to cancel the card, please, today', false],
      ['I would like to cancel the card, please.', true],
    ] as const) {
      await say(text, final);
      expect(scroller.scrollTop, text).to.equal(200);
      expect(root(el).querySelector('button.new'), 'a revision is not a new message').to.equal(
        null,
      );
    }
    expect(el.transcript.length).to.equal(41);
  });

  it('a scroll that leaves the log within reach of its newest end (rows settling) keeps it following', async () => {
    const { el, scroller, atBottom } = await longLog();
    await waitUntil(atBottom, 'starts at the newest message');
    let unpinned = false;
    scroller.addEventListener('unpinned', () => (unpinned = true), { once: true });
    for (let i = 0; i < 30 && !unpinned; i++) {
      // a few pixels up, as the browser's clamping does when measured rows come out shorter
      scroller.scrollTop = scroller.scrollHeight - scroller.clientHeight - 10;
      await new Promise((r) => requestAnimationFrame(r));
    }
    expect(unpinned, 'the virtualizer let go').to.equal(true);
    el.transcript = el.transcript.append([m('n1', 'user', 'still followed')]).transcript;
    await el.updateComplete;
    await waitUntil(
      () => atBottom() && rows(el).some((r) => r.textContent?.includes('still followed')),
      'the new message at the bottom',
    );
    expect(root(el).querySelector('button.new'), 'no "new messages" button').to.equal(null);
  });

  it('right to left: the "new messages" button is centred in the log, and a collapsed tile\'s arrow points along the line', async () => {
    const many = Array.from({ length: 40 }, (_, i) => m(`q${i}`, 'user', `message ${i}`));
    const holder = await fixture<HTMLDivElement>(
      html`<div dir="rtl">
        <acw-transcript-tile
          style="block-size: 300px; inline-size: 420px"
          .transcript=${Transcript.of(many)}
        ></acw-transcript-tile>
      </div>`,
    );
    const el = holder.querySelector('acw-transcript-tile') as AcwTranscriptTile;
    await shown(el, 40);
    const scroller = log(el);
    // the agent reads back (scrolling until the log lets go of the newest message)
    let n = 0;
    await waitUntil(
      async () => {
        scroller.scrollTop = 0;
        scroller.dispatchEvent(new Event('scroll'));
        el.transcript = el.transcript.append([m(`q-new-${n++}`, 'user', 'new one')]).transcript;
        await el.updateComplete;
        return root(el).querySelector('button.new') !== null;
      },
      'the "new messages" button',
      { timeout: 5000 },
    );
    const button = root(el).querySelector('button.new') as HTMLButtonElement;
    const b = button.getBoundingClientRect();
    const l = scroller.getBoundingClientRect();
    expect(b.left, 'not clipped').to.be.at.least(l.left);
    expect(b.right, 'not clipped').to.be.at.most(l.right);
    expect(Math.abs((b.left + b.right) / 2 - (l.left + l.right) / 2), 'centred').to.be.below(2);
    el.collapsed = true;
    await el.updateComplete;
    const arrow = root(el).querySelector('button.collapse svg') as SVGElement;
    expect(getComputedStyle(arrow).rotate).to.equal('90deg');
  });

  it('announces new messages, not the first load', async () => {
    const el = await tile();
    const status = () => root(el).querySelector('.wrap > [role="status"]')?.textContent?.trim();
    expect(status()).to.equal('');
    el.transcript = el.transcript.append([m('a1', 'user', 'Are you there?')]).transcript;
    await el.updateComplete;
    expect(status()).to.equal('Customer: Are you there?');
  });

  it('announces hidden values in words, and a message that repeats the last one again', async () => {
    const el = await tile();
    const region = () => root(el).querySelector('.wrap > [role="status"]')?.textContent ?? '';
    el.transcript = el.transcript.append([
      m('r1', 'user', 'My card is CREDIT_CARD_NUMBER, mail EMAIL_ADDRESS'),
    ]).transcript;
    await el.updateComplete;
    expect(region().trim()).to.equal('Customer: My card is card number hidden, mail e-mail hidden');
    expect(region()).to.not.match(/CREDIT_CARD_NUMBER|EMAIL_ADDRESS/);
    const announced: string[] = [];
    for (const id of ['y1', 'y2', 'y3']) {
      el.transcript = el.transcript.append([m(id, 'user', 'Yes')]).transcript;
      await el.updateComplete;
      announced.push(region());
    }
    // each "Yes" changes the live region (a region speaks changes only), and reads "Yes"
    expect(announced.every((a) => a.replace(/\u2060/g, '').trim() === 'Customer: Yes')).to.equal(
      true,
    );
    expect(announced[1]).to.not.equal(announced[0]);
    expect(announced[2]).to.not.equal(announced[1]);
  });

  it('voice: interim words show in place as in progress, are replaced by the final, and only the final is announced', async () => {
    const el = await tile();
    const status = () => root(el).querySelector('.wrap > [role="status"]')?.textContent?.trim();
    const voice = (text: string, final: boolean) => {
      el.transcript = el.transcript.append([{ _id: 'v1', source: 'user', text, final }]).transcript;
      return el.updateComplete;
    };
    const row = () => rows(el).find((r) => r.textContent?.includes('I would'));
    await voice('I would', false);
    await waitUntil(() => row() !== undefined, 'the interim row');
    expect(row()?.classList.contains('interim')).to.equal(true);
    expect(row()?.textContent).to.contain('(still being recognised)');
    expect(status(), 'interim words are not announced').to.equal('');
    await voice('I would like to', false);
    expect(status()).to.equal('');
    await voice('I would like to cancel', true);
    await waitUntil(() => row()?.textContent?.includes('cancel') ?? false, 'the final text');
    expect(row()?.classList.contains('interim')).to.equal(false);
    expect(row()?.textContent).to.not.contain('still being recognised');
    expect(
      rows(el).filter((r) => r.textContent?.includes('I would')).length,
      'one row, never duplicated',
    ).to.equal(1);
    expect(el.transcript.length).to.equal(conversation.length + 1);
    expect(status()).to.equal('Customer: I would like to cancel');
    await expect(el).to.be.accessible();
    // the agent's own speech was spoken, not sent: no "Sent" under it
    el.transcript = el.transcript.append([
      { _id: 'v2', source: 'agent', text: 'One moment please', final: true },
    ]).transcript;
    await el.updateComplete;
    await waitUntil(() => rows(el).some((r) => r.textContent?.includes('One moment please')), 'v2');
    const spoken = rows(el).find((r) => r.textContent?.includes('One moment please'));
    expect(spoken?.querySelector('.state') === null, 'no reply state').to.equal(true);
  });

  it('live appends, one message per update as a call brings them, do not grow the log: nodes stay within 5 % of the count after load', async () => {
    const many = Array.from({ length: 200 }, (_, i) => m(`g${i}`, 'user', `line ${i}`));
    let t = Transcript.of(many);
    const el = await tile(many);
    const scroller = log(el);
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const nodes = () => {
      const walk = document.createTreeWalker(root(el), NodeFilter.SHOW_ALL);
      let n = 0;
      while (walk.nextNode()) n += 1;
      return n;
    };
    const append = async (i: number) => {
      t = t.append([m(`live${i}`, i % 2 ? 'user' : 'bot', `live ${i}`)]).transcript;
      el.transcript = t;
      await el.updateComplete;
      await frame();
    };
    for (let i = 0; i < 20; i++) await append(i); // settled: following, rows measured
    const loaded = { children: scroller.childNodes.length, nodes: nodes() };
    for (let i = 20; i < 520; i++) await append(i);
    for (let i = 0; i < 5; i++) await frame();
    const after = { children: scroller.childNodes.length, nodes: nodes() };
    expect(after.children, "the scroller's child nodes, comments included").to.be.at.most(
      Math.ceil(loaded.children * 1.05) + 5,
    );
    expect(after.nodes, "the tile's nodes").to.be.at.most(Math.ceil(loaded.nodes * 1.05) + 5);
    expect(rows(el).at(-1)?.textContent).to.contain('live 519');
  });

  it("a live append reads no ancestor's computed style (the scroll chain looks for its scrolling panel on layout changes only)", async () => {
    // in a scrolling column, as in a narrow Genesys Script
    const column = await fixture<HTMLDivElement>(
      html`<div style="block-size: 400px; overflow-y: auto">
        <acw-transcript-tile
          style="block-size: 300px"
          .transcript=${Transcript.of(conversation)}
          chat-input
        ></acw-transcript-tile>
        <div style="block-size: 600px"></div>
      </div>`,
    );
    const el = column.querySelector('acw-transcript-tile') as AcwTranscriptTile;
    await shown(el, conversation.length);
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    await frame();
    await frame();
    const read = await withStyleReads(async (read) => {
      let t = Transcript.of(conversation);
      for (let i = 0; i < 10; i++) {
        t = t.append([m(`a${i}`, 'user', `appended ${i}`)]).transcript;
        el.transcript = t;
        await el.updateComplete;
        await frame();
      }
      return read;
    });
    expect(
      read.filter((e) => e === column || e === el),
      'ancestors read',
    ).to.have.length(0);
    // and the chain is there: a wheel at the log's end moves the column
    const scroller = log(el);
    scroller.scrollTop = scroller.scrollHeight;
    const before = column.scrollTop;
    scroller.dispatchEvent(
      new WheelEvent('wheel', { deltaY: 200, cancelable: true, bubbles: true }),
    );
    expect(column.scrollTop).to.be.above(before);
  });
});
