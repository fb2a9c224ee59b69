import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { AcwIframeTile } from '../../src/components/acw-iframe-tile.js';
import { tileUrl } from '../../src/transport/url.js';
import { AcwPostbackEvent } from '../../src/events/events.js';
import { collect } from '../support/frames.js';
import { TestServer } from '../support/sio.js';

const until = (fn: () => boolean, what: string) =>
  waitUntil(fn, what, { timeout: 8000, interval: 20 });
type Echo = { echo?: unknown; hello?: boolean; loadId: string; origin?: string; referrer?: string };
const pickEcho = (d: unknown) =>
  d && typeof d === 'object' && 'loadId' in d ? (d as Echo) : undefined;

describe('<acw-iframe-tile>', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start();
  });
  after(() => server.stop());

  const tile = (url: string, extra: { metadata?: unknown; tileData?: unknown[] } = {}) =>
    fixture<AcwIframeTile>(
      html`<acw-iframe-tile
        style="block-size: 200px"
        tile-id="crm"
        heading="CRM"
        url=${url}
        .metadata=${extra.metadata}
        .tileData=${extra.tileData ?? []}
      ></acw-iframe-tile>`,
    );
  const frameOf = (el: AcwIframeTile) => el.shadowRoot?.querySelector('iframe') ?? null;

  it('is defined', () => {
    expect(customElements.get('acw-iframe-tile')).to.equal(AcwIframeTile);
  });

  const refused: [string, string][] = [
    ['javascript:alert(1)', 'javascript:'],
    ['data:text/html,<b>x</b>', 'data:'],
    ['file:///etc/passwd', 'file:'],
    ['/relative/page', 'not a valid address'],
    ['', 'it has no URL'],
  ];
  for (const [url, why] of refused) {
    it(`shows why instead of loading “${url || '(empty)'}”`, async () => {
      const el = await tile(url);
      expect(frameOf(el)).to.equal(null);
      expect(el.shadowRoot?.textContent).to.include(why);
      await expect(el).to.be.accessible();
    });
  }

  it('accepts http and https only', () => {
    expect(tileUrl('https://crm.example.com/x').ok).to.equal(true);
    expect(tileUrl('http://127.0.0.1:9/x').ok).to.equal(true);
    expect(tileUrl('ftp://x').ok).to.equal(false);
  });

  it('loads the page with no referrer, a title and clipboard-write, and is accessible', async () => {
    const el = await tile(`${server.url}/echo.html`);
    const f = frameOf(el) as HTMLIFrameElement;
    expect(f.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(f.getAttribute('title')).to.equal('CRM tile');
    expect(f.getAttribute('allow')).to.equal('clipboard-write');
    expect(f.getAttribute('sandbox')).to.include('allow-same-origin'); // another origin keeps its own
    await expect(el).to.be.accessible();
  });

  it('never gives a page of the workspace origin allow-same-origin', async () => {
    const el = await tile(`${location.origin}/anything.html`);
    expect(frameOf(el)?.getAttribute('sandbox')).to.not.include('allow-same-origin');
  });

  it('posts metadata and sendTileData to the page origin after load, and on change without reload', async () => {
    const messages = collect(pickEcho);
    const el = await tile(`${server.url}/echo.html`, {
      metadata: { account: 42 },
      tileData: [{ note: 'a' }],
    });
    await until(() => messages.got.filter((m) => m.echo).length === 2, 'metadata and data');
    el.metadata = { account: 43 };
    await until(() => messages.got.filter((m) => m.echo).length === 3, 'changed metadata');
    messages.stop();
    const hello = messages.got.find((m) => m.hello);
    expect(hello?.referrer, 'no referrer').to.equal('');
    expect(messages.got.filter((m) => m.echo).map((m) => m.echo)).to.deep.equal([
      { account: 42 },
      { note: 'a' },
      { account: 43 },
    ]);
    expect(messages.got.filter((m) => m.echo).every((m) => m.origin === location.origin)).to.equal(
      true,
    );
    expect(new Set(messages.got.map((m) => m.loadId)).size, 'one document').to.equal(1);
  });

  it('accepts the SDK envelope from its own page only', async () => {
    const got: unknown[] = [];
    const onPostback = (e: Event) => got.push((e as AcwPostbackEvent).action);
    document.addEventListener(AcwPostbackEvent.eventName, onPostback);
    // a message from another window (here: the test page itself) is not from the tile
    window.postMessage(
      { __INTER_FRAME_SOCKET_MESSAGE: true, workspaceEvent: { type: 'postback', payload: 'fake' } },
      '*',
    );
    await tile(`${server.url}/echo.html?postback`);
    await until(() => got.length === 1, 'the page postback');
    document.removeEventListener(AcwPostbackEvent.eventName, onPostback);
    expect(got).to.deep.equal(['from-page']);
  });
});
