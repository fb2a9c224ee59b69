import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import { css, LitElement } from 'lit';
import { AcwCardTile, openExternal } from '../../src/components/acw-card-tile.js';
import { backgroundOf, ratio } from '../support/contrast.js';
import { AcwPostbackEvent } from '../../src/events/events.js';
import { themeTokens } from '../../src/styles/tokens.js';

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

  for (const set of ['v1.5', 'v1.5-elements', 'v1.6', 'workspace']) {
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
    host.style.setProperty('--acw-color-surface', 'rgb(20, 22, 26)');
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.renderer).to.not.equal(before);
    expect(textColor()).to.equal('rgb(200, 201, 202)');
  });
});

// ---------------------------------------------------------------- issue #22

/** The workspace's theme tokens around a tile, as `<acw-workspace>` provides them. */
class TokenHost extends LitElement {
  static override styles = [
    themeTokens,
    css`
      :host {
        display: block;
        font-family: var(--acw-font-family);
      }
    `,
  ];
  override render() {
    return html`<slot></slot>`;
  }
}
customElements.define('test-token-host', TokenHost);

async function themedTile(card: unknown, theme: 'light' | 'dark', width = 600) {
  const host = await fixture<HTMLElement>(
    html`<test-token-host theme=${theme}
      ><acw-card-tile tile-id="styled" heading="Styled" theme=${theme} .card=${card}></acw-card-tile
    ></test-token-host>`,
  );
  host.style.setProperty('width', `${width}px`);
  const el = host.querySelector('acw-card-tile') as AcwCardTile;
  await el.updateComplete;
  return el;
}

/** The "…" button the SDK renders for secondary actions (its text, whatever its name). */
const overflowButton = (el: AcwCardTile, within: ParentNode = root(el)) =>
  [...within.querySelectorAll('.card button')].find(
    (b) => b.textContent?.trim() === '...',
  ) as HTMLButtonElement;
const menuOf = (el: AcwCardTile) => root(el).querySelector('[role="menu"]') as HTMLElement | null;
const menuItems = (el: AcwCardTile) => [
  ...(menuOf(el)?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []),
];
const focused = (el: AcwCardTile) => root(el).activeElement as HTMLElement | null;
const isOpen = (el: AcwCardTile) => !!menuOf(el)?.matches(':popover-open');

const withSecondary = (rtl?: boolean) => ({
  type: 'AdaptiveCard',
  version: '1.5',
  ...(rtl === undefined ? {} : { rtl }),
  body: [{ type: 'TextBlock', text: 'Refund of 249.99 requested', wrap: true }],
  actions: [
    { type: 'Action.Submit', title: 'Approve', data: { action: 'approve' } },
    {
      type: 'Action.Submit',
      title: 'Escalate',
      tooltip: 'Send to a team lead',
      data: { action: 'escalate' },
      mode: 'secondary',
    },
    {
      type: 'Action.OpenUrl',
      title: 'Open policy',
      url: 'https://example.com/policy',
      mode: 'secondary',
    },
    { type: 'Action.Submit', title: 'Archive', isEnabled: false, mode: 'secondary' },
  ],
});

describe('<acw-card-tile> secondary actions (#22 item 1)', () => {
  let sdkMenusBefore = 0;
  const sdkMenus = () =>
    document.body.querySelectorAll(
      ':scope > .ac-ctrl-overlay, :scope > .ac-ctrl-popup-container, :scope > [role="menu"]',
    ).length;
  beforeEach(() => {
    sdkMenusBefore = sdkMenus();
  });

  it('opens the overflow menu in the tile, at its button, styled, without moving the page', async () => {
    const el = await themedTile(withSecondary(), 'light', 420);
    // a page taller than the window: the SDK's own menu scrolled it
    const spacer = document.createElement('div');
    spacer.style.setProperty('height', '1600px');
    document.body.append(spacer);
    try {
      const scroll = [window.scrollX, window.scrollY];
      const button = overflowButton(el);
      button.click();
      await until(() => isOpen(el), 'the menu to open');
      expect(sdkMenus(), 'nothing added to document.body').to.equal(sdkMenusBefore);
      expect(menuItems(el).map((i) => i.textContent?.trim())).to.deep.equal([
        'Escalate',
        'Open policy',
        'Archive',
      ]);
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(button.getAttribute('aria-haspopup')).to.equal('menu');
      expect(focused(el)?.textContent?.trim(), 'the first item has focus').to.equal('Escalate');
      expect([window.scrollX, window.scrollY], 'the page did not move').to.deep.equal(scroll);
      const b = button.getBoundingClientRect();
      const m = (menuOf(el) as HTMLElement).getBoundingClientRect();
      expect(Math.abs(m.top - b.bottom), 'just under its button').to.be.below(9);
      expect(Math.abs(m.left - b.left), 'at its start edge').to.be.below(1);
      expect(m.width, 'not the page’s width').to.be.below(330);
      const style = getComputedStyle(menuOf(el) as HTMLElement);
      expect(style.fontFamily).to.equal(getComputedStyle(el).fontFamily);
      expect(style.fontFamily).to.not.match(/^(serif|"?Times)/);
      expect(style.backgroundColor).to.equal('rgb(255, 255, 255)');
      expect(menuItems(el)[0]?.title, 'the tooltip').to.equal('Send to a team lead');
      expect(menuItems(el)[2]?.getAttribute('aria-disabled')).to.equal('true');
      await expect(el).to.be.accessible();
    } finally {
      spacer.remove();
    }
  });

  it('is run by keyboard: arrows, Home/End, Escape back to its button, Enter picks once', async () => {
    const el = await tile(withSecondary());
    const events: AcwPostbackEvent[] = [];
    el.addEventListener(AcwPostbackEvent.eventName, (e) => events.push(e as AcwPostbackEvent));
    const button = overflowButton(el);
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => isOpen(el), 'the menu to open');
    const at = () => focused(el)?.textContent?.trim();
    expect(at()).to.equal('Escalate');
    await sendKeys({ press: 'ArrowDown' });
    expect(at()).to.equal('Open policy');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(at(), 'wraps around').to.equal('Escalate');
    await sendKeys({ press: 'ArrowUp' });
    expect(at()).to.equal('Archive');
    await sendKeys({ press: 'Home' });
    expect(at()).to.equal('Escalate');
    await sendKeys({ press: 'End' });
    expect(at()).to.equal('Archive');
    await sendKeys({ press: 'Enter' });
    expect(isOpen(el), 'a disabled item is inert').to.equal(true);
    expect(events).to.have.length(0);
    await sendKeys({ press: 'Escape' });
    await until(() => !isOpen(el), 'Escape to close the menu');
    expect(focused(el), 'focus back on its button').to.equal(button);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: 'Enter' });
    await until(() => isOpen(el), 'the menu to open again');
    await sendKeys({ press: 'Enter' });
    await until(() => !isOpen(el), 'a pick to close the menu');
    expect(events.map((e) => e.action)).to.deep.equal([{ action: 'escalate' }]);
    expect(focused(el)).to.equal(button);
  });

  it('closes on a click outside and on its button again; a click on an item posts back once', async () => {
    const el = await tile(withSecondary());
    const events: AcwPostbackEvent[] = [];
    el.addEventListener(AcwPostbackEvent.eventName, (e) => events.push(e as AcwPostbackEvent));
    const button = overflowButton(el);
    button.click();
    await until(() => isOpen(el), 'the menu to open');
    const text = root(el).querySelector('.ac-textBlock') as HTMLElement;
    const r = text.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(r.left + 5), Math.round(r.top + 5)] });
    await until(() => !isOpen(el), 'an outside click to close the menu');
    button.click();
    await until(() => isOpen(el), 'the menu to open');
    button.click();
    await until(() => !isOpen(el), 'its button to close it');
    button.click();
    await until(() => isOpen(el), 'the menu to open');
    const item = menuItems(el)[0] as HTMLElement;
    const ir = item.getBoundingClientRect();
    await sendMouse({
      type: 'click',
      position: [Math.round(ir.left + ir.width / 2), Math.round(ir.top + ir.height / 2)],
    });
    await until(() => !isOpen(el), 'the pick to close the menu');
    expect(events.map((e) => e.action)).to.deep.equal([{ action: 'escalate' }]);
  });

  it('in a right-to-left card, the menu is right-to-left and ends at its button’s end', async () => {
    const el = await themedTile(withSecondary(true), 'light', 420);
    const button = overflowButton(el);
    button.click();
    await until(() => isOpen(el), 'the menu to open');
    const menu = menuOf(el) as HTMLElement;
    expect(getComputedStyle(menu).direction).to.equal('rtl');
    const b = button.getBoundingClientRect();
    const m = menu.getBoundingClientRect();
    expect(Math.abs(m.right - b.right)).to.be.below(1);
  });
});

const STYLES = ['default', 'emphasis', 'accent', 'good', 'attention', 'warning'] as const;
const COLORS = ['default', 'dark', 'light', 'accent', 'good', 'warning', 'attention'] as const;
const styled = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    ...STYLES.map((style) => ({
      type: 'Container',
      style,
      items: COLORS.flatMap((color) => [
        { type: 'TextBlock', text: `${style} ${color}`, color },
        { type: 'TextBlock', text: `${style} ${color} subtle`, color, isSubtle: true },
      ]),
    })),
    {
      type: 'Table',
      gridStyle: 'accent',
      columns: [{ width: 1 }, { width: 1 }],
      rows: [
        {
          type: 'TableRow',
          style: 'accent',
          cells: [
            { type: 'TableCell', items: [{ type: 'TextBlock', text: 'row accent' }] },
            { type: 'TableCell', items: [{ type: 'TextBlock', text: 'row accent 2' }] },
          ],
        },
        {
          type: 'TableRow',
          cells: [
            { type: 'TableCell', style: 'good', items: [{ type: 'TextBlock', text: 'cell good' }] },
            {
              type: 'TableCell',
              style: 'attention',
              items: [{ type: 'TextBlock', text: 'cell attention', color: 'attention' }],
            },
          ],
        },
      ],
    },
    { type: 'TextBlock', text: 'See [the policy](https://example.com/policy).', wrap: true },
  ],
  actions: [
    { type: 'Action.Submit', title: 'Refund', style: 'positive' },
    { type: 'Action.Submit', title: 'Ask for a receipt' },
    { type: 'Action.Submit', title: 'Decline', style: 'destructive' },
    {
      type: 'Action.ShowCard',
      title: 'Details',
      card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'More' }] },
    },
  ],
};

describe('<acw-card-tile> container styles (#22 item 2)', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`gives every container style its own surface and readable text (${theme})`, async () => {
      const el = await themedTile(styled, theme);
      const blocks = [...root(el).querySelectorAll<HTMLElement>('.card .ac-textBlock')];
      const block = (text: string) =>
        blocks.find((b) => b.textContent?.trim() === text) as HTMLElement;
      const surfaces = STYLES.map((style) => backgroundOf(block(`${style} default`)));
      expect(new Set(surfaces).size, `${STYLES.join(', ')}: ${surfaces.join(', ')}`).to.equal(6);
      // table cells take their row's or their own style
      expect(backgroundOf(block('row accent'))).to.equal(surfaces[2]);
      expect(backgroundOf(block('cell good'))).to.equal(surfaces[3]);
      expect(backgroundOf(block('cell attention'))).to.equal(surfaces[4]);
      const poor = blocks
        .map((b) => {
          const fg = getComputedStyle(b).color;
          const bg = backgroundOf(b);
          return { text: b.textContent?.trim(), fg, bg, ratio: ratio(fg, bg) };
        })
        .filter((x) => x.ratio < 4.5)
        .map((x) => `${x.text}: ${x.fg} on ${x.bg} = ${x.ratio.toFixed(2)}`);
      expect(poor).to.deep.equal([]);
      // the labels of its buttons and links too (a disabled control is exempt, as in WCAG)
      const controls = () =>
        [...root(el).querySelectorAll<HTMLElement>('.card .ac-pushButton, .card a')]
          .map((b) => {
            const fg = getComputedStyle(b).color;
            const bg = backgroundOf(b);
            return `${b.textContent?.trim()}: ${fg} on ${bg} = ${ratio(fg, bg).toFixed(2)}`;
          })
          .filter((x) => Number(x.split(' = ')[1]) < 4.5);
      expect(controls()).to.deep.equal([]);
      button(el, 'Details').click(); // an expanded ShowCard's button
      await until(() => (root(el).textContent ?? '').includes('More'), 'the ShowCard');
      expect(controls()).to.deep.equal([]);
    });
  }
});

describe('<acw-card-tile> many actions (#22 item 3)', () => {
  const titles = [
    'Approve refund',
    'Ask for a receipt',
    'Escalate to a team lead',
    'Open the order',
    'Call the customer back',
    'Add an internal note',
    'Close without refund',
  ];
  const many = {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: 'Seven things to do', wrap: true }],
    actions: titles.map((title) => ({ type: 'Action.Submit', title, data: { title } })),
  };

  it('in a tile a third of a screen wide, no button label is cut, and every action is there', async () => {
    const el = await themedTile(many, 'light', Math.round(1280 / 3));
    const card = root(el).querySelector('[part="card"]') as HTMLElement;
    const limit = card.getBoundingClientRect();
    const buttons = [...card.querySelectorAll<HTMLElement>('button')];
    const cut = buttons
      .filter((b) => {
        const label = (b.querySelector('div') ?? b) as HTMLElement;
        const r = b.getBoundingClientRect();
        return (
          label.scrollWidth > label.clientWidth + 1 ||
          r.right > limit.right + 1 ||
          r.left < limit.left - 1
        );
      })
      .map((b) => `${b.textContent?.trim()} (${Math.round(b.getBoundingClientRect().width)} px)`);
    expect(cut, 'labels cut or outside the tile').to.deep.equal([]);
    const shown = buttons.map((b) => b.textContent?.trim()).filter((t) => t !== '...');
    const more = overflowButton(el);
    let inMenu: (string | undefined)[] = [];
    if (more) {
      more.click();
      await until(() => isOpen(el), 'the menu to open');
      inMenu = menuItems(el).map((i) => i.textContent?.trim());
    }
    expect([...shown, ...inMenu]).to.deep.equal(titles);
    expect(shown.length, 'at most the SDK’s default of 5 buttons').to.be.at.most(5);
  });
});

describe('<acw-card-tile> image addresses that cannot load (#22 item 4)', () => {
  const GIF = 'data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==';
  const images = {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'Image', url: 'symbol:refund-icon', altText: 'refund' },
      { type: 'Image', url: GIF, altText: 'dot' },
      {
        type: 'ImageSet',
        images: [
          { type: 'Image', url: 'icon:Person' },
          { type: 'Image', url: 'ms-appx:///Assets/agent.png' },
        ],
      },
      {
        type: 'Container',
        backgroundImage: 'symbol:pattern',
        items: [{ type: 'TextBlock', text: 'Over a pattern' }],
      },
    ],
    actions: [
      {
        type: 'Action.Submit',
        title: 'Approve',
        iconUrl: 'symbol:check',
        data: { url: 'symbol:kept-as-is' },
      },
    ],
  };

  it('loads none of them, says so once, and keeps the rest of the card', async () => {
    const el = await tile(images);
    const card = root(el).querySelector('[part="card"]') as HTMLElement;
    const requested = [
      ...[...card.querySelectorAll('img')].map((i) => i.getAttribute('src') ?? ''),
      ...[...card.querySelectorAll<HTMLElement>('*')].map((e) => e.style.backgroundImage),
    ].filter((u) => /symbol:|icon:|ms-appx:/.test(u));
    expect(requested).to.deep.equal([]);
    expect([...card.querySelectorAll('img')].map((i) => i.getAttribute('src'))).to.deep.equal([
      GIF,
    ]);
    expect(el.unloadable).to.deep.equal([
      'symbol:refund-icon',
      'icon:Person',
      'ms-appx:///Assets/agent.png',
      'symbol:pattern',
      'symbol:check',
    ]);
    const notes = [...root(el).querySelectorAll('.note')].map((n) => n.textContent?.trim());
    expect(notes, 'one note for the tile').to.deep.equal([
      'Part of this card cannot be shown in this workspace.',
    ]);
    expect(el.unrecognised).to.deep.equal([]);
    expect(root(el).textContent).to.include('Over a pattern');
    // the author's data is posted back as it is
    const events: AcwPostbackEvent[] = [];
    el.addEventListener(AcwPostbackEvent.eventName, (e) => events.push(e as AcwPostbackEvent));
    button(el, 'Approve').click();
    expect(events[0]?.action).to.deep.equal({ url: 'symbol:kept-as-is' });
  });
});

describe('<acw-card-tile> disabled actions are inert (#22 item 5)', () => {
  const realOpen = window.open;
  let opened: unknown[] = [];
  beforeEach(() => {
    opened = [];
    window.open = (url?: string | URL) => {
      opened.push(url);
      return null;
    };
  });
  afterEach(() => {
    window.open = realOpen;
  });

  it('a disabled link in a RichTextBlock opens nothing; an enabled one opens once', async () => {
    const el = await tile({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        {
          type: 'RichTextBlock',
          inlines: [
            {
              type: 'TextRun',
              text: 'disabled policy',
              selectAction: {
                type: 'Action.OpenUrl',
                url: 'https://example.com/disabled',
                isEnabled: false,
              },
            },
            ' and ',
            {
              type: 'TextRun',
              text: 'enabled policy',
              selectAction: { type: 'Action.OpenUrl', url: 'https://example.com/enabled' },
            },
          ],
        },
      ],
    });
    const link = (text: string) =>
      [...root(el).querySelectorAll('a')].find((a) => a.textContent === text) as HTMLElement;
    link('disabled policy').click();
    expect(opened).to.deep.equal([]);
    link('enabled policy').click();
    expect(opened).to.deep.equal(['https://example.com/enabled']);
  });
});
