import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { AcwCardTile, openExternal } from '../../src/components/acw-card-tile.js';
import { AcwPostbackEvent } from '../../src/components/events.js';

const until = (fn: () => boolean, what: string) =>
  waitUntil(fn, what, { timeout: 8000, interval: 20 });

const form = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Refund', weight: 'Bolder' },
    { type: 'Input.Text', id: 'note', label: 'Note', value: 'hello' },
    {
      type: 'Input.ChoiceSet',
      id: 'reason',
      label: 'Reason',
      isRequired: true,
      errorMessage: 'Choose a reason',
      choices: [
        { title: 'Charged twice', value: 'duplicate' },
        { title: 'Not recognised', value: 'unrecognised' },
      ],
    },
    { type: 'TextBlock', id: 'secret', text: 'hidden details', isVisible: false },
  ],
  actions: [
    { type: 'Action.Submit', title: 'Confirm', data: { action: 'refund' } },
    { type: 'Action.ToggleVisibility', title: 'Details', targetElements: ['secret'] },
    {
      type: 'Action.ShowCard',
      title: 'More',
      card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Inline card' }] },
    },
    { type: 'Action.OpenUrl', title: 'Policy', url: 'https://example.com/policy' },
  ],
};

async function tile(card: unknown, id = 'refund') {
  return fixture<AcwCardTile>(
    html`<acw-card-tile tile-id=${id} heading="Refund" .card=${card}></acw-card-tile>`,
  );
}
const root = (el: AcwCardTile) => el.shadowRoot as ShadowRoot;
const button = (el: AcwCardTile, title: string) =>
  [...root(el).querySelectorAll('button')].find(
    (b) => b.textContent?.trim() === title,
  ) as HTMLButtonElement;
const statusText = (el: AcwCardTile) =>
  root(el).querySelector('.status')?.textContent?.trim() ?? '';

function choose(el: AcwCardTile, value: string) {
  const select = root(el).querySelector('select');
  if (select) {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    select.dispatchEvent(new Event('input', { bubbles: true }));
    return;
  }
  const radio = root(el).querySelector(`input[value="${value}"]`) as HTMLInputElement;
  radio.click();
}

describe('<acw-card-tile>', () => {
  it('is defined', () => {
    expect(customElements.get('acw-card-tile')).to.equal(AcwCardTile);
  });

  it('renders the card with its own renderer instance, and is accessible', async () => {
    const a = await tile(form, 'a');
    const b = await tile(form, 'b');
    expect(root(a).textContent).to.include('Refund');
    expect(a.renderer).to.exist;
    expect(a.renderer).to.not.equal(b.renderer);
    await expect(a).to.be.accessible();
  });

  it('submits the form values with the tile id, once for a double click, and shows the outcome', async () => {
    const el = await tile(form);
    const events: AcwPostbackEvent[] = [];
    el.addEventListener(AcwPostbackEvent.eventName, (e) => events.push(e as AcwPostbackEvent));
    choose(el, 'duplicate');
    button(el, 'Confirm').click();
    button(el, 'Confirm').click();
    await el.updateComplete;
    expect(events).to.have.length(1);
    expect(events[0]?.tileId).to.equal('refund');
    expect(events[0]?.kind).to.equal('card');
    expect(events[0]?.action).to.deep.equal({
      action: 'refund',
      note: 'hello',
      reason: 'duplicate',
    });
    expect(statusText(el)).to.equal('Sending…');
    events[0]?.respond({ ok: true });
    await el.updateComplete;
    expect(statusText(el)).to.equal('Sent to the copilot.');
  });

  it('shows a refused submit with its reason, and allows another try', async () => {
    const el = await tile(form);
    const events: AcwPostbackEvent[] = [];
    el.addEventListener(AcwPostbackEvent.eventName, (e) => events.push(e as AcwPostbackEvent));
    choose(el, 'unrecognised');
    button(el, 'Confirm').click();
    events[0]?.respond({ ok: false, problem: { code: 'refused', server: 'No refunds today' } });
    await el.updateComplete;
    expect(statusText(el), 'the server’s words, marked as its own').to.equal(
      'Not sent: The copilot said: No refunds today',
    );
    button(el, 'Confirm').click();
    expect(events).to.have.length(2);
  });

  it('does not submit while a required input is empty (validation as the SDK defines)', async () => {
    const el = await tile(form);
    let submits = 0;
    el.addEventListener(AcwPostbackEvent.eventName, () => (submits += 1));
    button(el, 'Confirm').click();
    await el.updateComplete;
    expect(submits).to.equal(0);
    expect(root(el).textContent).to.include('Choose a reason');
  });

  it('keeps submits of two card tiles apart', async () => {
    const a = await tile(form, 'card-a');
    const b = await tile(form, 'card-b');
    const ids: string[] = [];
    const listen = (e: Event) => ids.push((e as AcwPostbackEvent).tileId);
    a.addEventListener(AcwPostbackEvent.eventName, listen);
    b.addEventListener(AcwPostbackEvent.eventName, listen);
    choose(b, 'duplicate');
    button(b, 'Confirm').click();
    choose(a, 'unrecognised');
    button(a, 'Confirm').click();
    expect(ids).to.deep.equal(['card-b', 'card-a']);
  });

  it('runs Action.ToggleVisibility and Action.ShowCard inside the card', async () => {
    const el = await tile(form);
    expect(root(el).textContent).to.not.include('Inline card');
    button(el, 'More').click();
    await until(() => (root(el).textContent ?? '').includes('Inline card'), 'show card');
    const secret = [...root(el).querySelectorAll('.ac-textBlock')].find((n) =>
      n.textContent?.includes('hidden details'),
    ) as HTMLElement;
    expect(secret.style.display).to.equal('none');
    button(el, 'Details').click();
    expect(secret.style.display).to.not.equal('none');
  });

  describe('links', () => {
    let opened: [string | URL | undefined, string | undefined, string | undefined][] = [];
    const realOpen = window.open;
    beforeEach(() => {
      opened = [];
      window.open = (url?: string | URL, target?: string, features?: string) => {
        opened.push([url, target, features]);
        return null;
      };
    });
    afterEach(() => {
      window.open = realOpen;
    });

    it('opens Action.OpenUrl http(s) links in a new tab with noopener', async () => {
      const el = await tile(form);
      button(el, 'Policy').click();
      expect(opened).to.deep.equal([
        ['https://example.com/policy', '_blank', 'noopener,noreferrer'],
      ]);
    });

    it('refuses anything but http and https', () => {
      expect(openExternal('javascript:alert(1)')).to.equal(false);
      expect(openExternal('data:text/html,x')).to.equal(false);
      expect(openExternal('https://ok.example/')).to.equal(true);
      expect(opened).to.have.length(1);
    });

    it('renders markdown inert: no raw HTML, no script, no javascript: links', async () => {
      const el = await tile({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
          {
            type: 'TextBlock',
            wrap: true,
            text: 'Hello <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> **bold** [bad](javascript:alert(1)) [good](https://example.com/a)',
          },
        ],
      });
      const card = root(el).querySelector('[part="card"]') as HTMLElement;
      expect(card.querySelector('img, script, iframe')).to.equal(null);
      expect(card.querySelector('strong, b')?.textContent).to.equal('bold');
      const hrefs = [...card.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
      expect(hrefs.some((h) => /^javascript:/i.test(h))).to.equal(false);
      expect(hrefs).to.include('https://example.com/a');
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
      const good = [...card.querySelectorAll('a')].find(
        (a) => a.getAttribute('href') === 'https://example.com/a',
      ) as HTMLAnchorElement;
      good.click();
      expect(opened).to.deep.equal([['https://example.com/a', '_blank', 'noopener,noreferrer']]);
    });
  });

  it('says so when the card cannot be shown', async () => {
    const el = await tile(null);
    expect(root(el).querySelector('[role="alert"]')?.textContent).to.include('no content');
  });

  for (const set of ['v1.5', 'v1.5-elements', 'v1.6']) {
    it(`renders every official sample card in ${set} without errors`, async () => {
      const cards = (await executeServerCommand('fixtures', { set })) as {
        name: string;
        json: unknown;
      }[];
      expect(cards.length).to.be.greaterThan(0);
      const failures: string[] = [];
      for (const { name, json } of cards) {
        const el = await tile(json, name);
        const error = root(el).querySelector('.error')?.textContent;
        const rendered = root(el).querySelector('[part="card"]')?.childElementCount ?? 0;
        if (error || rendered === 0) failures.push(`${name}: ${error ?? 'nothing rendered'}`);
        el.remove();
      }
      expect(failures).to.deep.equal([]);
    });
  }
});

describe('<acw-card-tile> theming', () => {
  it('renders the card again with the dark tokens when the workspace theme changes', async () => {
    const { AcwWorkspace } = await import('../../src/components/acw-workspace.js');
    expect(customElements.get('acw-workspace')).to.equal(AcwWorkspace);
    // a themed container like <acw-workspace> provides the tokens the host config reads
    const host = await fixture<HTMLElement>(
      html`<div style="--acw-color-text: rgb(1, 2, 3)">
        <acw-card-tile
          tile-id="t"
          theme="light"
          .card=${{ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Themed' }] }}
        ></acw-card-tile>
      </div>`,
    );
    const el = host.querySelector('acw-card-tile') as AcwCardTile;
    const textColor = () =>
      getComputedStyle(root(el).querySelector('.ac-textBlock') as HTMLElement).color;
    expect(textColor()).to.equal('rgb(1, 2, 3)');
    const before = el.renderer;
    host.style.setProperty('--acw-color-text', 'rgb(200, 201, 202)');
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.renderer).to.not.equal(before);
    expect(textColor()).to.equal('rgb(200, 201, 202)');
  });
});
