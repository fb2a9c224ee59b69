import { expect, fixture, html as fixtureHtml, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { HostBridgeController } from '../../src/controllers/host-bridge-controller.js';
import { type Action, type WorkspaceState, initialState, reduce } from '../../src/state/reduce.js';
import type { HostCommand } from '../../src/transport/host-bridge.js';

/**
 * The controller on a bare element whose "workspace window" is a same-origin
 * frame of this page: this page is then its parent, the host.
 */
class BridgeTestHost extends LitElement {
  state: WorkspaceState = initialState;
  readonly actions: Action[] = [];
  readonly commands: HostCommand[] = [];
  origins = location.origin;
  frame!: Window;
  bridge!: HostBridgeController;
  init(frame: Window) {
    this.frame = frame;
    this.bridge = new HostBridgeController(this, {
      origins: () => this.origins,
      state: () => this.state,
      dispatch: (a) => {
        this.actions.push(a);
        this.state = reduce(this.state, a);
      },
      onCommand: (c) => this.commands.push(c),
      window: frame,
    });
  }
}
customElements.define('bridge-test-host', BridgeTestHost);

async function setup() {
  const iframe = await fixture<HTMLIFrameElement>(fixtureHtml`<iframe title="workspace"></iframe>`);
  const frame = iframe.contentWindow as Window;
  const el = document.createElement('bridge-test-host') as BridgeTestHost;
  el.init(frame);
  const heard: Record<string, unknown>[] = [];
  // (posted by code of this realm, so the browser names this window as the source, not the frame)
  const listen = (e: MessageEvent) => {
    const data = e.data as Record<string, unknown> | null;
    if (data?.protocol === 'acw') heard.push(data);
  };
  window.addEventListener('message', listen);
  document.body.append(el);
  await el.updateComplete;
  return {
    el,
    frame,
    heard,
    types: () => heard.map((m) => m.type),
    done: () => {
      window.removeEventListener('message', listen);
      el.remove();
      iframe.remove();
    },
  };
}

/** Posts to this page and waits for it, so everything posted before has been delivered. */
async function flush() {
  const token = Math.random().toString(36);
  await new Promise<void>((resolve) => {
    const on = (e: MessageEvent) => {
      if (e.data === token) {
        window.removeEventListener('message', on);
        resolve();
      }
    };
    window.addEventListener('message', on);
    window.postMessage(token, '*');
  });
}

describe('HostBridgeController', () => {
  it('announces ready to the host page and as an acw-ready event', async () => {
    const t = await setup();
    const events: string[] = [];
    t.el.addEventListener('acw-ready', (e) => events.push(e.type));
    t.el.bridge.announceReady();
    await waitUntil(() => t.types().includes('ready'), 'ready posted');
    expect(t.heard[0]).to.deep.include({ protocol: 'acw', version: 1, type: 'ready' });
    expect(events).to.deep.equal(['acw-ready']);
    t.done();
  });

  it('reports a connection phase once per change, and the unread count, as messages and events', async () => {
    const t = await setup();
    const events: string[] = [];
    for (const name of ['acw-connection-changed', 'acw-unread-changed'])
      t.el.addEventListener(name, (e) => events.push(e.type));
    const live = reduce(initialState, { type: 'status', status: { type: 'joined' } });
    t.el.bridge.stateChanged(live);
    t.el.bridge.stateChanged(live); // no change: nothing new
    t.el.bridge.stateChanged({ ...live, unread: 3 });
    await flush();
    expect(t.heard.map((m) => [m.type, m.phase ?? m.count])).to.deep.equal([
      ['connection-changed', 'live'],
      ['unread', 3],
    ]);
    expect(events).to.deep.equal(['acw-connection-changed', 'acw-unread-changed']);
    t.done();
  });

  it('tells a host of the wrap-up only once its hello accepts wrap-up (docs/PROTOCOL.md §9.1)', async () => {
    const t = await setup();
    t.el.bridge.wrapUp({ summary: 'Refunded.', code: 'refund', label: 'Refund issued' });
    t.frame.postMessage({ protocol: 'acw', version: 1, type: 'hello', accepts: ['wrap-up'] }, '*');
    await waitUntil(() => t.types().includes('ready'), 'hello answered');
    t.el.bridge.wrapUp({ summary: 'Refunded.', code: 'refund', label: 'Refund issued' });
    await flush();
    expect(t.heard.filter((m) => m.type === 'wrap-up')).to.deep.equal([
      {
        protocol: 'acw',
        version: 1,
        type: 'wrap-up',
        summary: 'Refunded.',
        code: 'refund',
        label: 'Refund issued',
      },
    ]);
    t.done();
  });

  it('answers get-state, and hands other commands on; only from its parent at an allowed origin', async () => {
    const t = await setup();
    t.frame.postMessage({ protocol: 'acw', version: 1, type: 'get-state' }, location.origin);
    t.frame.postMessage({ protocol: 'acw', version: 1, type: 'set-theme', theme: 'dark' }, '*');
    await waitUntil(() => t.el.commands.length === 1, 'set-theme handed on');
    await flush();
    expect(t.types()).to.deep.equal(['ready', 'connection-changed', 'unread']);
    expect(t.el.commands).to.deep.equal([
      { protocol: 'acw', version: 1, type: 'set-theme', theme: 'dark' },
    ]);
    // a host origin that is not allowed is not listened to
    t.el.origins = 'https://agent.example.com';
    t.el.requestUpdate();
    await t.el.updateComplete;
    t.frame.postMessage({ protocol: 'acw', version: 1, type: 'set-theme', theme: 'light' }, '*');
    await flush();
    expect(t.el.commands).to.have.length(1);
    t.done();
  });

  it('ignores a command at an allowed origin from a window that is not its parent', async () => {
    const t = await setup();
    // a sibling frame of the workspace: same origin as the host page, but not the parent
    const other = await fixture<HTMLIFrameElement>(fixtureHtml`<iframe title="other"></iframe>`);
    const sibling = other.contentWindow as Window;
    const command = (theme: string) => ({ protocol: 'acw', version: 1, type: 'set-theme', theme });
    // posted by code of the sibling's realm, so the browser names the sibling as the source
    const post = new (sibling as Window & typeof globalThis).Function(
      'target',
      'data',
      'target.postMessage(data, "*")',
    ) as (target: Window, data: unknown) => void;
    post(t.frame, command('dark'));
    // and a message event made with an allowed origin and another window as its source
    t.frame.dispatchEvent(
      new MessageEvent('message', {
        data: command('light'),
        origin: location.origin,
        source: sibling,
      }),
    );
    t.frame.dispatchEvent(
      new MessageEvent('message', {
        data: command('light'),
        origin: location.origin,
        source: t.frame,
      }),
    );
    // the same command from the parent is taken: everything posted before it has been delivered
    t.frame.postMessage(command('auto'), location.origin);
    await waitUntil(() => t.el.commands.length > 0, 'the parent’s command handed on');
    await flush();
    expect(t.el.commands.map((c) => (c as { theme?: string }).theme)).to.deep.equal(['auto']);
    other.remove();
    t.done();
  });

  it('tells the state when the page is hidden or shown', async () => {
    const t = await setup();
    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState');
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
    } finally {
      delete (document as unknown as Record<string, unknown>).visibilityState;
      if (visibility) expect(document.visibilityState).to.equal('visible');
    }
    document.dispatchEvent(new Event('visibilitychange'));
    expect(t.el.actions.filter((a) => a.type === 'visibility')).to.deep.equal([
      { type: 'visibility', visible: true }, // on connect
      { type: 'visibility', visible: false },
      { type: 'visibility', visible: true },
    ]);
    t.done();
  });

  it('stops talking and listening when its element leaves the page', async () => {
    const t = await setup();
    t.el.remove();
    t.el.bridge.announceReady();
    t.frame.postMessage({ protocol: 'acw', version: 1, type: 'set-theme', theme: 'dark' }, '*');
    document.dispatchEvent(new Event('visibilitychange'));
    await flush();
    expect(t.heard).to.deep.equal([]);
    expect(t.el.commands).to.deep.equal([]);
    expect(t.el.actions).to.have.length(1);
    t.done();
  });
});
