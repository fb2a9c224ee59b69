import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { AcwWorkspace } from '../../src/components/acw-workspace.js';
import { ratio } from '../support/contrast.js';
import '../../src/components/acw-card-tile.js'; // the optional card renderer, as the bundle includes it
import type { AcwTranscriptTile } from '../../src/components/acw-transcript-tile.js';
import type { AcwGrid } from '../../src/components/acw-grid.js';
import {
  AcwConnectionChangedEvent,
  AcwDiagnosticEvent,
  type AcwInsertTextRequestedEvent,
  AcwUnreadChangedEvent,
} from '../../src/events/events.js';
import type { CopilotConnectionOptions } from '../../src/transport/copilot-connection.js';
import { nextEvent } from '../support/events.js';
import { FakeConnection } from '../support/fake-connection.js';
import { TestServer } from '../support/sio.js';

const SEARCH = '?userId=u1&sessionId=s1&URLToken=t1';

async function mount(search = SEARCH, endpoint = 'http://127.0.0.1:9') {
  const made: FakeConnection[] = [];
  const factory = (o: CopilotConnectionOptions) => {
    const c = new FakeConnection(o);
    made.push(c);
    return c;
  };
  const el = await fixture<AcwWorkspace>(
    html`<acw-workspace
      style="block-size: 480px"
      endpoint=${endpoint}
      .search=${search}
      .connectionFactory=${factory}
    ></acw-workspace>`,
  );
  return { el, made, conn: () => made.at(-1) as FakeConnection };
}

const shadow = (el: Element) => el.shadowRoot as ShadowRoot;
const grid = (el: AcwWorkspace) => shadow(el).querySelector('acw-grid') as AcwGrid | null;
const transcript = (el: AcwWorkspace) =>
  grid(el)?.shadowRoot?.querySelector('acw-transcript-tile') as AcwTranscriptTile | null;
const statusText = (el: AcwWorkspace) =>
  shadow(el).querySelector('[part="status"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function settle(el: AcwWorkspace) {
  await el.updateComplete;
  const g = grid(el);
  if (g) await g.updateComplete;
  const t = transcript(el);
  if (t) await t.updateComplete;
}

const transcriptUpdate = (messages: unknown[], chat = true) => ({
  id: 'transcript',
  version: 1,
  type: 'transcript' as const,
  data: { messages: messages as never[], chatInput: { enabled: chat } },
});

// the transcript's virtualizer may finish a ResizeObserver frame late: benign
setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

describe('<acw-workspace>', () => {
  it('is defined', () => {
    expect(customElements.get('acw-workspace')).to.equal(AcwWorkspace);
  });

  it('names each missing URL parameter and opens no connection', async () => {
    const { el, made } = await mount('?sessionId=s1');
    const alert = shadow(el).querySelector('[role="alert"]');
    expect(alert?.textContent)
      .to.include('userId')
      .and.include('URLToken')
      .and.not.include('sessionId:');
    expect(made).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('says when no endpoint is configured, and opens no connection', async () => {
    const { el, made } = await mount(SEARCH, '');
    expect(statusText(el)).to.include('No copilot endpoint is configured');
    expect(made).to.have.length(0);
  });

  it('refuses an endpoint that is not http(s)', async () => {
    const { el, made } = await mount(SEARCH, 'javascript:alert(1)');
    expect(statusText(el)).to.include('not an http(s) URL');
    expect(made).to.have.length(0);
  });

  it('connects with the session parameters from the URL', async () => {
    const { conn } = await mount('?userId=u1&sessionId=s1&URLToken=t1&auth=a.b.c');
    expect(conn().connects).to.equal(1);
    expect(conn().options?.params).to.deep.equal({
      userId: 'u1',
      sessionId: 's1',
      URLToken: 't1',
      auth: 'a.b.c',
    });
    expect(conn().options?.transports).to.deep.equal(['websocket']);
  });

  it('shows a progress state while connecting and joining', async () => {
    const { el, conn } = await mount();
    conn().emit('status', { type: 'connecting' });
    await settle(el);
    expect(statusText(el)).to.include('Connecting');
    expect(shadow(el).querySelector('[role="status"]')).to.exist;
    conn().emit('status', { type: 'joining' });
    await settle(el);
    expect(statusText(el)).to.include('Joining');
    await expect(el).to.be.accessible();
  });

  it('shows the reason of a refused join and retries only on request', async () => {
    const { el, conn } = await mount();
    conn().emit('status', { type: 'join-refused', server: 'Session not found' });
    await settle(el);
    expect(shadow(el).querySelector('[role="alert"]')?.textContent).to.include('Session not found');
    expect(statusText(el)).to.not.match(/reload/i);
    await expect(el).to.be.accessible();
    (shadow(el).querySelector('button') as HTMLButtonElement).click();
    expect(conn().retries).to.equal(1);
  });

  it('shows a failed first connect with a retry button', async () => {
    const { el, conn } = await mount();
    conn().emit('status', { type: 'connect-failed', code: 'unreachable' });
    await settle(el);
    const button = shadow(el).querySelector('button') as HTMLButtonElement;
    expect(button.textContent?.trim()).to.equal('Retry now');
    expect(statusText(el)).to.not.match(/reload/i);
    button.focus();
    await sendKeys({ press: 'Enter' });
    expect(conn().retries).to.equal(1);
  });

  it('shows an empty state when connected and no tiles came yet', async () => {
    const { el, conn } = await mount();
    conn().goLive();
    await settle(el);
    expect(statusText(el)).to.include('Waiting for the copilot flow');
    expect(grid(el)).to.equal(null);
  });

  it('renders the transcript in the default layout before any config', async () => {
    const { el, conn } = await mount();
    conn().goLive();
    conn().emit('tileUpdate', transcriptUpdate([{ _id: 'm1', source: 'user', text: 'Hello' }]));
    await settle(el);
    const t = transcript(el);
    expect(t?.transcript.items.map((m) => m._id)).to.deep.equal(['m1']);
    await expect(el).to.be.accessible();
  });

  it('lays tiles out from config, with gap and placement, and counts tiles not in the layout without naming them', async () => {
    const { el, conn } = await mount();
    conn().goLive();
    conn().emit('config', {
      grid: { columns: 3, rows: 4, gap: 6 },
      tiles: new Map([
        ['transcript', { x: 1, y: 1, columns: 1, rows: 4 }],
        ['next-action', { x: 2, y: 1, columns: 2, rows: 2 }],
      ]),
    });
    conn().emit('tileUpdate', transcriptUpdate([]));
    conn().emit('tileUpdate', {
      id: 'next-action',
      version: 2,
      type: 'mystery',
      data: { html: '<p>x</p>' },
    });
    conn().emit('tileUpdate', { id: 'stray', version: 1, type: 'html', data: {} });
    await settle(el);
    const g = grid(el) as AcwGrid;
    const container = g.shadowRoot?.querySelector('[part="grid"]') as HTMLElement;
    const cs = getComputedStyle(container);
    expect(cs.gridTemplateColumns.split(' ')).to.have.length(3);
    expect(cs.rowGap).to.equal('6px');
    const placeholder = g.shadowRoot?.querySelector('acw-placeholder-tile') as HTMLElement;
    expect(getComputedStyle(placeholder).gridColumnStart).to.equal('2');
    expect(getComputedStyle(placeholder).gridColumnEnd).to.equal('span 2');
    expect(placeholder.shadowRoot?.textContent)
      .to.include('next-action')
      .and.include('mystery')
      .and.include('2');
    // the agent reads how many, never an id (ids are data, for integrators: state.tiles)
    expect(shadow(el).textContent).to.include(
      'Updates for 1 tile not in the layout were kept, not shown.',
    );
    expect(shadow(el).textContent).to.not.include('stray');
    conn().emit('tileUpdate', { id: 'constructor', version: 1, type: 'html', data: {} });
    await settle(el);
    expect(shadow(el).textContent).to.include('Updates for 2 tiles not in the layout');
    await expect(el).to.be.accessible();
  });

  for (const theme of ['light', 'dark'] as const)
    it(`the reply box's outline is at least 3:1 against its surface (${theme})`, async () => {
      const { el, conn } = await mount();
      el.theme = theme;
      conn().goLive();
      conn().emit('tileUpdate', transcriptUpdate([]));
      await settle(el);
      const box = transcript(el)
        ?.shadowRoot?.querySelector('acw-chat-input')
        ?.shadowRoot?.querySelector('textarea') as HTMLTextAreaElement;
      const cs = getComputedStyle(box);
      expect(ratio(cs.borderTopColor, cs.backgroundColor)).to.be.at.least(3);
    });

  it('keeps the grid while reconnecting, with a banner that goes away when live again', async () => {
    const { el, conn } = await mount();
    conn().goLive();
    conn().emit('tileUpdate', transcriptUpdate([{ _id: 'm1', source: 'user', text: 'Hello' }]));
    conn().emit('status', { type: 'disconnected', reason: 'transport close' });
    await settle(el);
    expect(grid(el)).to.exist;
    const banner = shadow(el).querySelector('[part="banner"]');
    expect(banner?.getAttribute('role')).to.equal('status');
    expect(banner?.textContent).to.include('replies will be sent when the connection is back');
    await expect(el).to.be.accessible();
    conn().emit('status', { type: 'joining' });
    conn().emit('status', { type: 'joined' });
    await settle(el);
    expect(shadow(el).querySelector('[part="banner"]')).to.equal(null);
  });

  it('sends a typed reply through the connection and shows it pending', async () => {
    const { el, conn } = await mount();
    conn().goLive();
    conn().emit('tileUpdate', transcriptUpdate([]));
    await settle(el);
    const input = transcript(el)?.shadowRoot?.querySelector('acw-chat-input') as HTMLElement;
    input.focus();
    await sendKeys({ type: 'We are on it' });
    await sendKeys({ press: 'Enter' });
    expect(conn().sent).to.deep.equal(['We are on it']);
    await settle(el);
    expect(transcript(el)?.replies.map((r) => [r.text, r.state])).to.deep.equal([
      ['We are on it', 'pending'],
    ]);
  });

  it('Retry on a failed reply goes through the workspace to the connection, with its id', async () => {
    const { el, conn } = await mount();
    conn().goLive();
    conn().emit('tileUpdate', transcriptUpdate([]));
    conn().emit('reply', {
      clientMessageId: 'c-9',
      text: 'Did not go',
      state: 'failed',
      error: { code: 'refused' },
    });
    await settle(el);
    const retryButton = () =>
      [...(transcript(el)?.shadowRoot?.querySelectorAll('button') ?? [])].find(
        (b) => b.textContent?.trim() === 'Retry',
      );
    await waitUntil(() => !!retryButton(), 'the failed reply is laid out');
    const retry = retryButton() as HTMLButtonElement;
    retry.focus();
    await sendKeys({ press: 'Enter' });
    expect(conn().resent).to.deep.equal(['c-9']);
  });

  const refusals: [string, string | undefined, string][] = [
    [
      'copilot-whisper',
      'whisper',
      'This conversation’s copilot speaks in your agent desktop (whisper mode)',
    ],
    ['copilot-off', 'none', 'No copilot is configured for this endpoint'],
    ['token-expired', 'an expired link', 'This workspace link has expired'],
    ['other', 'any other refusal', 'The copilot did not let this workspace join the session'],
  ];
  for (const [code, what, headline] of refusals) {
    it(`says plainly why it cannot join: ${what ?? code}`, async () => {
      const { el, conn } = await mount();
      conn().emit('status', {
        type: 'join-refused',
        server: 'Server words.',
        ...(code === 'other' ? {} : { code }),
      });
      await settle(el);
      const alert = shadow(el).querySelector('[role="alert"]');
      expect(alert?.querySelector('h2')?.textContent?.trim()).to.equal(headline);
      expect(alert?.textContent).to.include('The copilot said: Server words.');
      await expect(el).to.be.accessible();
    });
  }

  it('fires acw-connection-changed and acw-diagnostic on the element', async () => {
    const { el, conn } = await mount();
    const phases: string[] = [];
    el.addEventListener(AcwConnectionChangedEvent.eventName, (e) =>
      phases.push((e as AcwConnectionChangedEvent).phase),
    );
    conn().emit('status', { type: 'joining' });
    conn().emit('status', { type: 'joined' });
    conn().emit('status', { type: 'joined' }); // no change: no event
    conn().emit('status', { type: 'join-refused', server: 'Session over' });
    expect(phases).to.deep.equal(['joining', 'live', 'join-refused']);
    conn().goLive();
    const diag = nextEvent<AcwDiagnosticEvent>(el, AcwDiagnosticEvent.eventName);
    conn().emit('diagnostic', {
      kind: 'invalid-frame',
      event: 'config',
      problem: 'grid: required',
      dropped: 1,
    });
    expect((await diag).diagnostic.problem).to.equal('grid: required');
    conn().emit('tileUpdate', transcriptUpdate([]));
    await settle(el);
    expect(shadow(el).textContent?.replace(/\s+/g, ' ')).to.include(
      '1 malformed update was ignored',
    );
  });

  it('counts customer messages that arrive while hidden as unread, and clears them when visible', async () => {
    const { el, conn } = await mount();
    const counts: number[] = [];
    el.addEventListener(AcwUnreadChangedEvent.eventName, (e) =>
      counts.push((e as AcwUnreadChangedEvent).count),
    );
    conn().goLive();
    conn().emit(
      'tileUpdate',
      transcriptUpdate([{ _id: 'seen', source: 'user', text: 'while visible' }]),
    );
    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState');
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    try {
      conn().emit('tileUpdate', transcriptUpdate([{ _id: 'u1', source: 'user', text: 'one' }]));
      conn().emit(
        'tileUpdate',
        transcriptUpdate([{ _id: 'b1', source: 'bot', text: 'a bot line is not unread' }]),
      );
      conn().emit(
        'tileUpdate',
        transcriptUpdate([
          { _id: 'u2', source: 'user', text: 'two' },
          { _id: 'u1', source: 'user', text: 'one' },
        ]),
      );
      expect(el.unread).to.equal(2);
    } finally {
      delete (document as unknown as Record<string, unknown>).visibilityState;
      if (visibility) expect(document.visibilityState).to.equal('visible');
    }
    document.dispatchEvent(new Event('visibilitychange'));
    expect(el.unread).to.equal(0);
    expect(counts).to.deep.equal([1, 2, 0]);
  });

  it('an update of one tile re-renders that tile only: a half-filled card keeps its input', async () => {
    const { el, conn } = await mount();
    conn().goLive();
    conn().emit('config', {
      grid: { columns: 3, rows: 1 },
      tiles: new Map([
        ['transcript', { x: 1, y: 1 }],
        ['refund', { x: 2, y: 1 }],
        ['other', { x: 3, y: 1 }],
      ]),
    });
    conn().emit('tileUpdate', transcriptUpdate([{ _id: 'm1', source: 'user', text: 'hi' }], false));
    conn().emit('tileUpdate', {
      id: 'refund',
      version: 1,
      type: 'card',
      data: {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'Input.Text', id: 'note', label: 'Note' }],
      },
    });
    await settle(el);
    const card = grid(el)?.shadowRoot?.querySelector('acw-card-tile');
    await card?.updateComplete;
    const input = card?.shadowRoot?.querySelector('input') as HTMLInputElement;
    input.value = 'half typed';
    const renderer = card?.renderer;
    const t = transcript(el) as AcwTranscriptTile;
    let transcriptRenders = 0;
    const render = t.render.bind(t);
    t.render = () => {
      transcriptRenders += 1;
      return render();
    };
    for (let v = 1; v <= 3; v++) {
      conn().emit('tileUpdate', {
        id: 'other',
        version: v,
        type: 'html',
        data: { html: `<p>${v}</p>` },
      });
      await settle(el);
      await card?.updateComplete;
    }
    expect(card?.renderer, 'the card was not rendered again').to.equal(renderer);
    expect((card?.shadowRoot?.querySelector('input') as HTMLInputElement).value).to.equal(
      'half typed',
    );
    expect(transcriptRenders, 'the transcript was not rendered again').to.equal(0);
  });

  it('coalesces a burst of updates, each its own task, into one render per animation frame', async () => {
    const { el, conn } = await mount();
    conn().goLive();
    conn().emit('tileUpdate', transcriptUpdate([{ _id: 'm0', source: 'user', text: 'first' }]));
    await settle(el);
    const t = transcript(el) as AcwTranscriptTile;
    let renders = 0;
    const render = t.render.bind(t);
    t.render = () => {
      renders += 1;
      return render();
    };
    let frames = 0;
    let counting = true;
    const tick = () => {
      frames += 1;
      if (counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    // 60 socket frames, each arriving as a task of its own (as socket.io delivers them)
    const channel = new MessageChannel();
    let sent = 0;
    await new Promise<void>((done) => {
      channel.port1.onmessage = () => {
        sent += 1;
        conn().emit(
          'tileUpdate',
          transcriptUpdate([{ _id: `b${sent}`, source: 'user', text: `burst ${sent}` }]),
        );
        if (sent < 60) channel.port2.postMessage(0);
        else done();
      };
      channel.port2.postMessage(0);
    });
    await settle(el);
    counting = false;
    channel.port1.close();
    expect(el.state.transcripts.get('transcript')?.length).to.equal(61);
    expect(t.transcript.length, 'every update reached the tile').to.equal(61);
    expect(renders, `${renders} renders in ${frames} frames`).to.be.at.most(frames + 1);
    expect(renders).to.be.below(60);
  });

  it('releases its connection when removed from the page', async () => {
    const { el, conn } = await mount();
    el.remove();
    expect(conn().disposed).to.equal(true);
  });

  it('starts a new session when the query changes, releasing the old one', async () => {
    const { el, made } = await mount();
    el.search = '?userId=u2&sessionId=s2&URLToken=t2';
    await el.updateComplete;
    expect(made).to.have.length(2);
    expect(made[0]?.disposed).to.equal(true);
    expect(made[1]?.options?.params.userId).to.equal('u2');
  });

  describe('themes', () => {
    afterEach(() => emulateMedia({ colorScheme: 'light' }));
    const accent = (el: Element) =>
      getComputedStyle(el).getPropertyValue('--acw-color-surface').trim();

    it('follows prefers-color-scheme and can be forced by the theme attribute', async () => {
      const { el } = await mount();
      await emulateMedia({ colorScheme: 'light' });
      const light = accent(el);
      await emulateMedia({ colorScheme: 'dark' });
      const dark = accent(el);
      expect(dark).to.not.equal(light);
      el.theme = 'light';
      await el.updateComplete;
      expect(accent(el)).to.equal(light);
      await emulateMedia({ colorScheme: 'light' });
      el.theme = 'dark';
      await el.updateComplete;
      expect(accent(el)).to.equal(dark);
    });

    it('is accessible in dark mode too', async () => {
      const { el, conn } = await mount();
      el.theme = 'dark';
      conn().goLive();
      conn().emit(
        'tileUpdate',
        transcriptUpdate([
          { _id: 'm1', source: 'user', text: 'card CREDIT_CARD_NUMBER' },
          { _id: 'm2', source: 'agent', text: 'ok' },
        ]),
      );
      await settle(el);
      await expect(el).to.be.accessible();
    });
  });
});

describe('<acw-workspace> against a real socket.io server', () => {
  let server: TestServer;
  afterEach(() => server?.stop());

  it('joins, shows the replayed transcript, and sends a reply that becomes sent', async () => {
    server = await TestServer.start({
      replay: [
        { event: 'config', payload: { grid: { columns: 1, rows: 1 }, tiles: { transcript: {} } } },
        {
          event: 'tileUpdate',
          payload: transcriptUpdate([{ _id: 'm1', source: 'user', text: 'Is anyone there?' }]),
        },
      ],
    });
    const el = await fixture<AcwWorkspace>(
      html`<acw-workspace
        style="block-size: 480px"
        endpoint=${server.url}
        .search=${SEARCH}
      ></acw-workspace>`,
    );
    await waitUntil(() => transcript(el)?.transcript.length === 1, 'transcript replayed', {
      timeout: 8000,
    });
    const input = transcript(el)?.shadowRoot?.querySelector('acw-chat-input') as HTMLElement;
    input.focus();
    await sendKeys({ type: 'Yes, I am here.' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => transcript(el)?.replies[0]?.state === 'sent', 'sent', { timeout: 8000 });
    const sent = await server.received('sendMessage');
    expect(sent.map((s) => (s.payload as { text: string }).text)).to.deep.equal([
      'Yes, I am here.',
    ]);
    el.remove();
    await waitUntil(
      async () => (await server.clients()).connected === 0,
      'socket closed on removal',
      { timeout: 8000 },
    );
  });
});

describe('<acw-workspace> tiles against a real socket.io server', () => {
  let server: TestServer;
  afterEach(() => server?.stop());

  const layout = {
    grid: { columns: 2, rows: 1 },
    tiles: { refund: { x: 1, y: 1 }, search: { x: 2, y: 1 } },
  };
  const card = {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'Input.Text', id: 'note', label: 'Note', value: 'from the card' }],
    actions: [{ type: 'Action.Submit', title: 'Confirm', data: { action: 'refund' } }],
  };
  // its second postback claims to be the agent's feedback on another tile (#21 item 9)
  const sdkTile = `<script>
    window.SDK.postback({ type: 'search', query: 'chargeback' }).then(function () {
      return window.SDK.postback({ type: 'feedback', value: 'up', tileId: 'refund', version: 3 });
    }).then(function () {
      window.SDK.sendMessage('postback accepted');
    });
  </script>`;

  async function mount() {
    server = await TestServer.start({
      replay: [
        { event: 'config', payload: layout },
        { event: 'tileUpdate', payload: { id: 'refund', version: 1, type: 'card', data: card } },
        {
          event: 'tileUpdate',
          payload: { id: 'search', version: 1, type: 'html', data: { html: sdkTile } },
        },
      ],
    });
    const el = await fixture<AcwWorkspace>(
      html`<acw-workspace
        style="block-size: 480px"
        endpoint=${server.url}
        tile-frame="/tile-frame.html"
        tile-send
        .search=${SEARCH}
      ></acw-workspace>`,
    );
    return el;
  }

  it('an SDK postback goes out as sendPostbackAction stamped with its own tile (never its claim) and sender tile', async () => {
    await mount();
    await waitUntil(
      async () => (await server.received('sendMessage')).length === 1,
      'tile saw the ack',
      {
        timeout: 8000,
      },
    );
    expect((await server.received('sendPostbackAction')).map((r) => r.payload)).to.deep.equal([
      {
        userId: 'u1',
        sessionId: 's1',
        URLToken: 't1',
        action: { type: 'search', query: 'chargeback' },
        tileId: 'search',
        sender: 'tile',
      },
      {
        userId: 'u1',
        sessionId: 's1',
        URLToken: 't1',
        // what the tile wrote is its data; who sent it is the workspace's stamp
        action: { type: 'feedback', value: 'up', tileId: 'refund', version: 3 },
        tileId: 'search',
        sender: 'tile',
      },
    ]);
    expect(
      (await server.received('sendMessage')).map((r) => (r.payload as { text: string }).text),
    ).to.deep.equal(['postback accepted']);
  });

  it('a card submit, clicked twice, reaches the server once with the tile id and form values', async () => {
    const el = await mount();
    await waitUntil(() => !!grid(el)?.shadowRoot?.querySelector('acw-card-tile'), 'card tile', {
      timeout: 8000,
    });
    const cardTile = grid(el)?.shadowRoot?.querySelector('acw-card-tile') as HTMLElement;
    const confirm = [...(cardTile.shadowRoot?.querySelectorAll('button') ?? [])].find(
      (b) => b.textContent?.trim() === 'Confirm',
    ) as HTMLButtonElement;
    confirm.click();
    confirm.click();
    await waitUntil(
      () => cardTile.shadowRoot?.textContent?.includes('Sent to the copilot.') ?? false,
      'sent',
      {
        timeout: 8000,
      },
    );
    const cardPostbacks = (await server.received('sendPostbackAction')).filter(
      (r) => (r.payload as { id?: string }).id === 'refund',
    );
    expect(cardPostbacks.map((r) => r.payload)).to.deep.equal([
      {
        userId: 'u1',
        sessionId: 's1',
        URLToken: 't1',
        id: 'refund',
        action: { action: 'refund', note: 'from the card' },
        tileId: 'refund',
        sender: 'tile',
      },
    ]);
  });
});

/** A live workspace with the transcript (its reply box on or off) and a tile `next` beside it. */
async function besideTranscript(chat: boolean) {
  const m = await mount();
  m.conn().goLive();
  m.conn().emit('config', {
    grid: { columns: 2, rows: 1 },
    tiles: new Map([
      ['transcript', { x: 1, y: 1 }],
      ['next', { x: 2, y: 1 }],
    ]),
  });
  m.conn().emit('tileUpdate', transcriptUpdate([], chat));
  return m;
}

describe('<acw-workspace> Genesys Interaction Widget mode (docs/PROTOCOL.md §9.4)', () => {
  async function problemFor(search: string): Promise<AcwDiagnosticEvent> {
    const el = document.createElement('acw-workspace');
    el.endpoint = 'http://127.0.0.1:9';
    el.search = search;
    el.connectionFactory = (o) => new FakeConnection(o);
    const heard = nextEvent<AcwDiagnosticEvent>(el, AcwDiagnosticEvent.eventName);
    document.body.append(el);
    try {
      return await heard;
    } finally {
      el.remove();
    }
  }

  it('bad widget parameters: one genesys-widget diagnostic, and inserts go where they would go', async () => {
    const e = await problemFor(
      `${SEARCH}&gcHostOrigin=http://apps.mypurecloud.com&gcTargetEnv=prod`,
    );
    expect(e.diagnostic.kind).to.equal('genesys-widget');
    expect(e.diagnostic.problem).to.match(
      /Interaction Widget mode is off: gcHostOrigin is not an https origin/,
    );
  });

  it('a workspace that is not framed does not start the widget mode, and says why', async () => {
    const e = await problemFor(
      `${SEARCH}&gcHostOrigin=https://apps.mypurecloud.com&gcTargetEnv=prod`,
    );
    expect(e.diagnostic.problem).to.match(/not framed/);
  });
});

describe('<acw-workspace> Insert into reply (no host that speaks the bridge)', () => {
  async function withSuggestion(chat: boolean) {
    const m = await besideTranscript(chat);
    m.conn().emit('tileUpdate', {
      id: 'next',
      version: 1,
      type: 'html',
      data: { html: '<p>x</p>', suggestion: 'I can refund that.' },
    });
    await settle(m.el);
    const tile = grid(m.el)?.shadowRoot?.querySelector('acw-html-tile') as HTMLElement;
    const buttons = () =>
      [...(tile.shadowRoot?.querySelectorAll<HTMLButtonElement>('.head button') ?? [])].filter(
        (b) => !b.classList.contains('collapse'),
      );
    const button = (name: string) => buttons().find((b) => b.textContent?.trim() === name);
    const replyBox = () =>
      transcript(m.el)
        ?.shadowRoot?.querySelector('acw-chat-input')
        ?.shadowRoot?.querySelector('textarea') as HTMLTextAreaElement | null;
    const note = () => tile.shadowRoot?.querySelector('.copied')?.textContent ?? '';
    return { ...m, tile, buttons, button, replyBox, note };
  }

  for (const chat of [true, false])
    it(`a tile's own insert request hears where its text really went (${chat ? 'a reply box' : 'no reply box'})`, async () => {
      const m = await besideTranscript(chat);
      // the tile reports what it was told by posting it back
      const html = `<script>
        window.addEventListener('load', function () {
          window.SDK.insertIntoReply('  <p>Thanks&nbsp;Jane</p>  ').then(function (r) {
            window.SDK.postback({ told: r });
          });
        });
      </script>`;
      m.conn().emit('tileUpdate', { id: 'next', version: 1, type: 'html', data: { html } });
      await settle(m.el);
      await waitUntil(() => m.conn().postbacks.length === 1, 'the tile heard back', {
        timeout: 8000,
      });
      const told = (m.conn().postbacks[0]?.request.action as { told: unknown }).told;
      expect(told).to.deep.equal(
        chat
          ? { where: 'reply-box', message: 'Added to the reply box' }
          : { where: 'none', message: 'No reply box: use Copy' },
      );
      if (chat) {
        const box = transcript(m.el)
          ?.shadowRoot?.querySelector('acw-chat-input')
          ?.shadowRoot?.querySelector('textarea') as HTMLTextAreaElement;
        expect(box.value, 'markup and spacing normalised').to.equal('Thanks Jane');
      }
    });

  it("appends the suggestion to the chat tile's reply box, focuses it, and says where it went", async () => {
    const t = await withSuggestion(true);
    const box = t.replyBox() as HTMLTextAreaElement;
    box.focus();
    await sendKeys({ type: 'Hi Jane.' });
    const heard: string[] = [];
    t.el.addEventListener('acw-insert-text-requested', (e) =>
      heard.push((e as AcwInsertTextRequestedEvent).text),
    );
    t.button('Insert into reply')?.click();
    await settle(t.el);
    expect(box.value).to.equal('Hi Jane. I can refund that.');
    expect(transcript(t.el)?.shadowRoot?.activeElement?.tagName).to.equal('ACW-CHAT-INPUT');
    expect(heard, 'the page heard of it').to.deep.equal(['I can refund that.']);
    await (t.tile as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(t.note()).to.equal('Added to the reply box');
    // one status, whole, on a line of its own even in a narrow tile (it was cut off)
    t.el.style.inlineSize = '420px';
    await (t.tile as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const noteEl = t.tile.shadowRoot?.querySelector('.copied') as HTMLElement;
    const title = t.tile.shadowRoot?.querySelector('.head h2') as HTMLElement;
    expect(noteEl.scrollWidth, 'not cut').to.be.at.most(noteEl.clientWidth + 1);
    expect(noteEl.getBoundingClientRect().top).to.be.at.least(title.getBoundingClientRect().bottom);
    const saying = [...(t.tile.shadowRoot?.querySelectorAll('[role="status"]') ?? [])].filter((n) =>
      n.textContent?.trim(),
    );
    expect(saying.length, 'one status says something').to.equal(1);
  });

  it('a page that takes the text itself (preventDefault) gets it, and the reply box stays as it is', async () => {
    const t = await withSuggestion(true);
    t.el.addEventListener('acw-insert-text-requested', (e) => e.preventDefault());
    t.button('Insert into reply')?.click();
    await settle(t.el);
    expect(t.replyBox()?.value).to.equal('');
    await (t.tile as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(t.note()).to.equal('Inserted into your reply');
  });

  it('without a reply box anywhere, Insert is not offered; Copy is', async () => {
    const t = await withSuggestion(false);
    expect(t.buttons().map((b) => b.textContent?.trim())).to.deep.equal(['Copy']);
    await expect(t.tile).to.be.accessible();
  });
});

describe('<acw-workspace> suggestions the agent can judge (feedback extension)', () => {
  async function judged() {
    const m = await besideTranscript(true);
    const version = async (v: number, suggestion = `Suggestion ${v}`) => {
      m.conn().emit('tileUpdate', {
        id: 'next',
        version: v,
        type: 'html',
        data: { html: '<p>x</p>', suggestion },
      });
      await settle(m.el);
      await tile().updateComplete;
    };
    const tile = () =>
      grid(m.el)?.shadowRoot?.querySelector('acw-html-tile') as HTMLElement & {
        updateComplete: Promise<unknown>;
      };
    const inTile = (sel: string) => tile().shadowRoot?.querySelector<HTMLElement>(sel) ?? null;
    const byLabel = (label: string) =>
      [...(tile().shadowRoot?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find(
        (b) => b.getAttribute('aria-label') === label || b.textContent?.trim() === label,
      );
    // (the feedback postbacks; the ledger's batches have tests of their own below)
    const sent = () =>
      m
        .conn()
        .postbacks.map((p) => p.request)
        .filter((r) => (r.action as { type?: string }).type === 'feedback');
    const click = async (label: string) => {
      byLabel(label)?.click();
      await tile().updateComplete;
    };
    await version(1);
    return { ...m, tile, inTile, byLabel, sent, click, version };
  }

  it('thumbs up is sent once as a feedback postback naming the tile and its version', async () => {
    const t = await judged();
    await t.click('Helpful');
    await t.click('Helpful');
    expect(t.sent()).to.deep.equal([
      {
        action: { type: 'feedback', value: 'up', tileId: 'next', version: 1 },
        tileId: 'next',
        sender: 'workspace',
      },
    ]);
    expect(t.byLabel('Helpful')?.getAttribute('aria-pressed')).to.equal('true');
    expect(t.byLabel('Not helpful')?.disabled, 'one judgement per version').to.equal(true);
    expect(t.inTile('.feedback [role="status"]')?.textContent).to.contain('feedback was sent');
    await expect(t.tile()).to.be.accessible();
  });

  it('thumbs down asks for an optional reason, by keyboard, and sends it with the judgement', async () => {
    const t = await judged();
    t.byLabel('Not helpful')?.focus();
    await sendKeys({ press: 'Enter' });
    await t.tile().updateComplete;
    await t.tile().updateComplete;
    expect(t.sent(), 'nothing sent before the reason').to.deep.equal([]);
    const focused = t.tile().shadowRoot?.activeElement;
    expect(focused?.textContent?.trim(), 'the first reason has focus').to.equal('Not relevant');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await t.tile().updateComplete;
    expect(t.sent()).to.deep.equal([
      {
        action: {
          type: 'feedback',
          value: 'down',
          reason: 'wrong-information',
          tileId: 'next',
          version: 1,
        },
        tileId: 'next',
        sender: 'workspace',
      },
    ]);
  });

  it('Dismiss collapses the tile to a one-line bar that Restore brings back; a new version is judged afresh', async () => {
    const t = await judged();
    const fullHeight = t.tile().getBoundingClientRect().height;
    await t.click('Dismiss');
    expect(t.inTile('.tile.dismissed')?.textContent).to.contain('Suggestion dismissed');
    expect(t.inTile('.body'), 'the body is gone').to.equal(null);
    // a bar, not a full-height empty tile
    const barHeight = t.tile().getBoundingClientRect().height;
    expect(barHeight, `${barHeight} px of ${fullHeight}`).to.be.below(Math.min(80, fullHeight / 2));
    await expect(t.tile()).to.be.accessible();
    await t.click('Restore');
    expect(t.inTile('.body')).to.not.equal(null);
    expect(t.tile().getBoundingClientRect().height).to.equal(fullHeight);
    expect(t.tile().shadowRoot?.activeElement?.textContent?.trim()).to.equal('Dismiss');
    await t.click('Dismiss'); // hidden again, not sent again
    await t.version(2);
    expect(t.inTile('.body'), 'version 2 is shown').to.not.equal(null);
    await t.click('Helpful');
    expect(t.sent().map((r) => r.action)).to.deep.equal([
      { type: 'feedback', value: 'dismiss', tileId: 'next', version: 1 },
      { type: 'feedback', value: 'up', tileId: 'next', version: 2 },
    ]);
  });

  it('Copy and Insert are reported as used, so acceptance can be measured', async () => {
    const t = await judged();
    await t.click('Insert into reply');
    await settle(t.el);
    expect(t.sent().map((r) => r.action)).to.deep.equal([
      { type: 'feedback', used: 'insert', tileId: 'next', version: 1 },
    ]);
  });
});

describe('<acw-workspace> the suggestion ledger (docs/PROTOCOL.md §5.8)', () => {
  it('a suggestion in view is seen; Insert, then the agent’s reply with its text, is sent as is', async () => {
    const m = await besideTranscript(true);
    const text = 'I can refund the charge today.';
    m.conn().emit('tileUpdate', {
      id: 'next',
      version: 4,
      type: 'html',
      data: { html: '<p>x</p>', suggestion: text },
    });
    await settle(m.el);
    const facts: { kind: string; tileId: string; version: number; [k: string]: unknown }[] = [];
    /** acks the ledger's batches as they come, and collects their facts */
    const collect = () => {
      for (const p of m.conn().postbacks.splice(0)) {
        const action = p.request.action as { type: string; events?: typeof facts };
        if (action.type === 'ledger') facts.push(...(action.events ?? []));
        p.settle({ ok: true });
      }
      return facts;
    };
    await waitUntil(() => collect().some((f) => f.kind === 'seen'), 'seen, then sent', {
      timeout: 5000,
    });
    expect(facts[0]).to.include({ kind: 'seen', tileId: 'next', version: 4 });
    const tile = grid(m.el)?.shadowRoot?.querySelector('acw-html-tile') as HTMLElement;
    [...(tile.shadowRoot?.querySelectorAll<HTMLButtonElement>('.head button') ?? [])]
      .find((b) => b.textContent?.trim() === 'Insert into reply')
      ?.click();
    // the agent sends it; the echo reaches the transcript
    m.conn().emit('tileUpdate', transcriptUpdate([{ _id: 'a1', source: 'agent', text }]));
    await waitUntil(() => collect().some((f) => f.kind === 'sent'), 'sent', { timeout: 5000 });
    expect(facts.find((f) => f.kind === 'inserted')).to.include({
      tileId: 'next',
      version: 4,
      where: 'reply-box',
    });
    expect(facts.find((f) => f.kind === 'sent')).to.include({ how: 'as-is', similarity: 1 });
    expect(JSON.stringify(facts)).not.to.contain('refund', 'never the text');
  });

  it('a suggestion tile outside the visible grid is never seen', async () => {
    const m = await besideTranscript(true);
    m.el.style.blockSize = '0px';
    m.el.style.overflow = 'hidden';
    m.el.style.display = 'block';
    m.conn().emit('tileUpdate', {
      id: 'next',
      version: 1,
      type: 'html',
      data: { html: '<p>x</p>', suggestion: 'Hidden' },
    });
    await settle(m.el);
    // a copy is a fact of its own; by the time its batch goes, a 'seen' would have gone too
    const tile = grid(m.el)?.shadowRoot?.querySelector('acw-html-tile') as HTMLElement;
    await new Promise((r) => requestAnimationFrame(r));
    [...(tile.shadowRoot?.querySelectorAll<HTMLButtonElement>('.feedback button') ?? [])]
      .find((b) => b.getAttribute('aria-label') === 'Helpful')
      ?.click();
    const batches = () =>
      m
        .conn()
        .postbacks.map((p) => p.request.action as { type: string; events?: { kind: string }[] })
        .filter((a) => a.type === 'ledger');
    await waitUntil(() => batches().length > 0, 'the judgement’s batch', { timeout: 5000 });
    expect(batches()[0]?.events?.map((e) => e.kind)).to.deep.equal(['judged']);
  });
});

describe('<acw-workspace> a tile never speaks for the agent on its own', () => {
  /** a tile that calls SDK.sendMessage 500 times, then posts back to say it is done */
  const FLOOD = `<script>
    for (var i = 0; i < 500; i++) window.SDK.sendMessage('Refund approved #' + i);
    window.SDK.postback('done');
  </script>`;

  async function flooded(tileSend: boolean) {
    const made: FakeConnection[] = [];
    const el = await fixture<AcwWorkspace>(
      html`<acw-workspace
        style="block-size: 480px"
        endpoint="http://127.0.0.1:9"
        tile-frame="/tile-frame.html"
        ?tile-send=${tileSend}
        .search=${SEARCH}
        .connectionFactory=${(o: CopilotConnectionOptions) => {
          const c = new FakeConnection(o);
          made.push(c);
          return c;
        }}
      ></acw-workspace>`,
    );
    const conn = made.at(-1) as FakeConnection;
    conn.goLive();
    conn.emit('config', {
      grid: { columns: 2, rows: 1 },
      tiles: new Map([
        ['transcript', { x: 1, y: 1 }],
        ['next', { x: 2, y: 1 }],
      ]),
    });
    conn.emit('tileUpdate', transcriptUpdate([]));
    conn.emit('tileUpdate', { id: 'next', version: 1, type: 'html', data: { html: FLOOD } });
    // messages from one window arrive in order: once "done" is in, every send was handled
    await waitUntil(() => conn.postbacks.length === 1, 'the tile is done', { timeout: 8000 });
    await settle(el);
    const box = transcript(el)
      ?.shadowRoot?.querySelector('acw-chat-input')
      ?.shadowRoot?.querySelector('textarea') as HTMLTextAreaElement;
    const drafts = box.value.match(/Refund approved #\d+/g) ?? [];
    return { el, conn, drafts };
  }

  it('by default its messages become a draft the agent sends, at most 5 in 10 s', async () => {
    const { conn, drafts } = await flooded(false);
    expect(conn.sent, 'nothing went to the customer').to.deep.equal([]);
    expect(drafts).to.deep.equal([0, 1, 2, 3, 4].map((i) => `Refund approved #${i}`));
  });

  it("with tile-send, it sends at most 2 in 10 s (the rest are drafts), each marked as the tile's", async () => {
    const { el, conn, drafts } = await flooded(true);
    expect(conn.sent).to.deep.equal(['Refund approved #0', 'Refund approved #1']);
    expect(drafts).to.deep.equal([2, 3, 4].map((i) => `Refund approved #${i}`));
    await settle(el);
    const badges = () =>
      [...(transcript(el)?.shadowRoot?.querySelectorAll('.badge') ?? [])].map((b) =>
        b.textContent?.trim(),
      );
    await waitUntil(() => badges().includes('sent by the Next tile'), 'the marked reply');
  });
});
