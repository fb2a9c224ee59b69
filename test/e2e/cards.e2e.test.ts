// Every Adaptive Card sample (test/fixtures/adaptive-cards: the official ones
// and the workspace's own) rendered by the BUILT single script, as the product
// runs it, on the standalone page and under its CSP:
// - what the SDK reported it did not recognise while parsing, not only an
//   error (a feature that works unbundled can vanish in the bundle: the Table
//   element did, the SDK declares itself free of side effects);
// - the visible text, equal to the official SDK's own build
//   (adaptivecards/dist) with the same markdown processor;
// - every action of every card, pressed as a user would (overflow menus
//   opened, ShowCards toggled, visibility toggled), doing what it should
//   exactly once, disabled ones nothing; no page error, console error or
//   CSP violation on the way;
// and the overflow menu ("…") in a workspace three tiles wide, light and dark.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { E2E } from '../support/e2e-harness.js';
import { control, repoRoot } from '../support/endpoint-process.js';

const dir = join(repoRoot, 'test', 'fixtures', 'adaptive-cards');
const samples = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(dir, d.name))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({
        name: `${d.name}/${f}`,
        card: JSON.parse(readFileSync(join(dir, d.name, f), 'utf8')) as unknown,
      })),
  );
const sample = (name: string) => samples.find((s) => s.name === name)?.card;

/**
 * Cards with parts the workspace does not render, which must show their
 * fallback and say so: carousels (not rendered on purpose, README) and the
 * workspace's own fallback card.
 */
const PARTIAL = new Set([
  'v1.6/Carousel.json',
  'v1.6/Carousel.Styles.json',
  'workspace/Fallback.json',
]);
/** Cards with image addresses that cannot load here: left out, and said once. */
const UNLOADABLE = new Set(['workspace/Image.Unloadable.json']);
const TABLES = [
  'v1.5/ExpenseReport.json',
  'v1.5/FlightUpdateTable.json',
  'v1.5-elements/Table.json',
  'v1.5-elements/Table.FirstRowAsHeaders.json',
  'workspace/Container.Styles.json',
];

interface Rendered {
  name: string;
  unrecognised: string[];
  error: string;
  tables: number;
  note: boolean;
  unloadable: string[];
  text: string;
}

const e2e = new E2E(/Failed to load resource|net::ERR/);

/** A 1×1 PNG: what every remote image of the samples is here (the tests run offline). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * The standalone page without a session: the script loaded, the elements
 * defined, its CSP on; remote images load (a stand-in), as they would online,
 * so that what a user reaches through an image (ExpenseReport's chevrons) is there.
 */
async function standalone(viewport = { width: 900, height: 800 }): Promise<Page> {
  const page = await e2e.newPage(viewport);
  await page.route(/^https:\/\//, (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', body: PNG }),
  );
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
      true,
    );
  });
  await page.goto(`${e2e.endpoint.url}/`);
  await page.waitForFunction(() => !!customElements.get('acw-card-tile'));
  return page;
}
const cspViolations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

describe('Adaptive Cards samples through the built script', () => {
  before(() => e2e.start());
  after(() => e2e.stop());
  afterEach(() => e2e.closePage());

  let rendered: Rendered[] = [];

  test('every sample renders, and only cards with fallbacks hold parts it does not know', async () => {
    assert.ok(samples.length >= 55, `${samples.length} samples`);
    const page = await standalone();
    rendered = await page.evaluate(async (list) => {
      const out: Rendered[] = [];
      for (const { name, card } of list) {
        const tile = document.createElement('acw-card-tile') as HTMLElement & {
          card: unknown;
          unrecognised: readonly string[];
          unloadable: readonly string[];
          updateComplete: Promise<unknown>;
        };
        tile.setAttribute('tile-id', name);
        tile.card = card;
        document.body.append(tile);
        await tile.updateComplete;
        await tile.updateComplete; // the card renders after the first update
        const root = tile.shadowRoot as ShadowRoot;
        out.push({
          name,
          unrecognised: [...tile.unrecognised],
          error: root.querySelector('.error')?.textContent ?? '',
          tables: root.querySelectorAll('.card [role="table"]').length,
          note: (root.textContent ?? '').includes('Part of this card cannot be shown'),
          unloadable: [...tile.unloadable],
          text: (root.querySelector('[part="card"]') as HTMLElement).innerText,
        });
        tile.remove();
      }
      return out;
    }, samples);
    for (const r of rendered) {
      assert.equal(r.error, '', `${r.name}: ${r.error}`);
      assert.equal(r.unloadable.length > 0, UNLOADABLE.has(r.name), `${r.name}: ${r.unloadable}`);
      if (PARTIAL.has(r.name)) {
        assert.ok(r.unrecognised.length > 0 && r.note, `${r.name} says a part is not shown`);
      } else {
        assert.deepEqual(r.unrecognised, [], r.name);
        assert.equal(r.note, UNLOADABLE.has(r.name), r.name);
      }
    }
    for (const name of TABLES) {
      assert.ok((rendered.find((r) => r.name === name)?.tables ?? 0) > 0, `${name} has its table`);
    }
    assert.deepEqual(await cspViolations(page), []);
  });

  test('every sample’s visible text equals the official SDK’s, with the same markdown processor', async () => {
    assert.equal(rendered.length, samples.length, 'the first test rendered them');
    // the official build of the SDK (every element, its own registry) on a page without CSP,
    // markdown by micromark as in the tile; the carousel unregistered as in the tile, so
    // that both render a carousel's fallback
    const micromark = await build({
      stdin: {
        contents: "import { micromark } from 'micromark'; globalThis.micromark = micromark;",
        resolveDir: repoRoot,
      },
      bundle: true,
      write: false,
      format: 'iife',
      logLevel: 'warning',
    });
    const reference = await e2e.browser.newPage({ viewport: { width: 900, height: 800 } });
    try {
      await reference.goto(`${e2e.hostUrl}/blank`);
      await reference.addScriptTag({
        path: join(repoRoot, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.min.js'),
      });
      await reference.addScriptTag({ content: micromark.outputFiles[0]?.text ?? '' });
      const official = await reference.evaluate((list) => {
        const w = window as unknown as {
          AdaptiveCards: {
            AdaptiveCard: (new () => {
              parse(card: unknown): void;
              render(): HTMLElement | undefined;
            }) & {
              onProcessMarkdown: (
                t: string,
                r: { outputHtml: string; didProcess: boolean },
              ) => void;
            };
            GlobalRegistry: { defaultElements: { unregister(name: string): void } };
          };
          micromark: (t: string) => string;
        };
        const AC = w.AdaptiveCards;
        AC.AdaptiveCard.onProcessMarkdown = (t, r) => {
          r.outputHtml = w.micromark(t);
          r.didProcess = true;
        };
        AC.GlobalRegistry.defaultElements.unregister('Carousel');
        return list.map(({ name, card }) => {
          const renderer = new AC.AdaptiveCard();
          renderer.parse(card);
          const el = renderer.render();
          if (!el) return { name, text: '' };
          document.body.append(el);
          const text = el.innerText;
          el.remove();
          return { name, text };
        });
      }, samples);
      const squash = (t: string) => t.replace(/\s+/g, ' ').trim();
      const differ = official
        .map(({ name, text }) => {
          const ours = squash(rendered.find((r) => r.name === name)?.text ?? '');
          return ours === squash(text)
            ? ''
            : `${name}:\n  ours:     ${ours}\n  official: ${squash(text)}`;
        })
        .filter(Boolean);
      assert.deepEqual(differ, []);
    } finally {
      await reference.close();
    }
  });

  test('every action of every sample does what it should, exactly once; disabled ones nothing', async () => {
    const page = await standalone();
    const results: { name: string; exercised: number; missed: string[]; problems: string[] }[] = [];
    for (const { name, card } of samples) {
      results.push(await page.evaluate(exerciseCard, { name, card }));
    }
    const problems = results.flatMap((r) => r.problems.map((p) => `${r.name}: ${p}`));
    assert.deepEqual(problems, []);
    // the cards written for this, and the official one with secondary actions: every action reached
    for (const n of [
      'workspace/Action.Mode.Overflow.json',
      'workspace/Action.IsEnabled.Everywhere.json',
      'workspace/Rtl.Secondary.json',
      'v1.5-elements/Action.Mode.Secondary.json',
      'v1.5-elements/Action.Mode.json',
    ]) {
      const r = results.find((x) => x.name === n);
      assert.deepEqual(r?.missed, [], `${n}: ${r?.exercised} exercised`);
    }
    const total = results.reduce((n, r) => n + r.exercised, 0);
    assert.ok(total >= 120, `${total} actions exercised`);
    assert.deepEqual(await cspViolations(page), []);
  });
});

/**
 * Runs in the page: renders `card` in a card tile and presses every action it
 * holds, as a user reaches it (its button, the element it is the
 * selectAction of, an input's inline button, or the tile's overflow menu),
 * innermost first so that a ShowCard's own actions are reached while it is
 * open. Returns what did not do what it should.
 */
async function exerciseCard({ name, card }: { name: string; card: unknown }) {
  type SdkAction = {
    title?: string;
    renderedElement?: HTMLElement;
    parent?: SdkOwner;
    data?: unknown;
    url?: string;
    card?: { renderedElement?: HTMLElement };
    targetElements?: Record<string, boolean | undefined>;
    getJsonTypeName(): string;
    getAllActions(): SdkAction[];
    isEffectivelyEnabled(): boolean;
    getReferencedInputs?(): Record<string, { validateValue(): boolean }>;
    _actionCollection?: {
      _overflowAction?: { renderedElement?: HTMLElement; getActions(): SdkAction[] };
    };
  };
  type SdkOwner = {
    renderedElement?: HTMLElement;
    renderedImageElement?: HTMLElement;
    selectAction?: SdkAction;
    inlineAction?: SdkAction;
    getRootElement(): { getElementById(id: string): { isVisible: boolean } | undefined };
  };
  const problems: string[] = [];
  const settle = () =>
    new Promise<void>((r) => requestAnimationFrame(() => setTimeout(() => r(), 0)));
  const tile = document.createElement('acw-card-tile') as HTMLElement & {
    card: unknown;
    renderer: { getAllActions(): SdkAction[] } | undefined;
    updateComplete: Promise<unknown>;
  };
  tile.setAttribute('tile-id', name);
  tile.style.setProperty('inline-size', '420px');
  tile.card = card;
  document.body.append(tile);
  await tile.updateComplete;
  await tile.updateComplete;
  const root = tile.shadowRoot as ShadowRoot;
  const posted: unknown[] = [];
  tile.addEventListener('acw-postback', (e) => {
    const p = e as Event & { action: unknown; respond: (r: { ok: true }) => void };
    posted.push(p.action);
    p.respond({ ok: true });
  });
  const opened: string[] = [];
  window.open = (url?: string | URL) => {
    opened.push(String(url));
    return null;
  };
  // the card's actions: the SDK's list stops at a ShowCard and leaves out a TextRun's
  type CardPart = {
    selectAction?: SdkAction;
    getItemCount?(): number;
    getItemAt?(i: number): CardPart;
    getInlineCount?(): number;
    getInlineAt?(i: number): CardPart;
  };
  const all: SdkAction[] = [];
  const links = (e: CardPart | undefined) => {
    for (let i = 0; e?.getInlineCount && i < e.getInlineCount(); i++) {
      const run = e.getInlineAt?.(i);
      if (run?.selectAction) gather([run.selectAction]);
    }
    for (let i = 0; e?.getItemCount && i < e.getItemCount(); i++) links(e.getItemAt?.(i));
  };
  const gather = (list: SdkAction[]) => {
    for (const a of list) {
      if (all.includes(a)) continue;
      all.push(a);
      gather(a.getAllActions());
      if (a.card) links(a.card as CardPart);
    }
  };
  gather(tile.renderer?.getAllActions() ?? []);
  links(tile.renderer as CardPart | undefined);
  const label = (a: SdkAction) => `${a.getJsonTypeName()} "${a.title ?? ''}"`;
  const visible = (el: Element | undefined): el is HTMLElement =>
    !!el?.isConnected && el.checkVisibility() && el.getBoundingClientRect().width > 0;
  const overflowOf = (a: SdkAction) => {
    const o = a._actionCollection?._overflowAction;
    return o?.getActions().includes(a) ? o : undefined;
  };
  /** what a user presses to run it, outside an overflow menu */
  const triggerOf = (a: SdkAction): HTMLElement | undefined => {
    if (a.renderedElement) return a.renderedElement;
    const owner = a.parent;
    if (!owner) return undefined;
    if (owner.inlineAction === a) {
      return owner.renderedElement?.querySelector<HTMLElement>('button') ?? undefined;
    }
    if (owner.selectAction === a) {
      return (
        owner.renderedImageElement ??
        owner.renderedElement?.querySelector<HTMLElement>('a.ac-anchor') ??
        owner.renderedElement
      );
    }
    return undefined;
  };
  const menu = () => root.querySelector<HTMLElement>('[role="menu"]');
  const menuOpen = () => !!menu()?.matches(':popover-open');
  /** presses it: its trigger, or its overflow button then its menu item; false when it cannot */
  const press = async (a: SdkAction): Promise<boolean> => {
    const overflow = overflowOf(a);
    if (!overflow) {
      triggerOf(a)?.click();
      await settle();
      return true;
    }
    const button = overflow.renderedElement;
    if (!visible(button)) return false;
    button.scrollIntoView({ block: 'nearest' }); // as a user scrolls to it
    const bodyBefore = document.body.childElementCount;
    button.click();
    await settle();
    await settle();
    if (!menuOpen()) {
      problems.push(
        `${label(a)}: the overflow menu did not open in the tile` +
          (document.body.childElementCount > bodyBefore
            ? ' (something opened in document.body)'
            : ''),
      );
      // the SDK's own menu, if any: closed by pressing Escape on it
      document.activeElement?.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', keyCode: 27, bubbles: true }),
      );
      return false;
    }
    const items = [...(menu()?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const texts = items.map((i) => i.textContent?.trim() ?? '');
    // every action of the menu, once (in the author's order: the workspace test checks that)
    const titles = overflow.getActions().map((x) => x.title ?? '');
    if ([...texts].sort().join('|') !== [...titles].sort().join('|')) {
      problems.push(`${label(a)}: the menu shows ${texts.join(', ')}`);
    }
    const item = items[texts.indexOf(a.title ?? '')];
    item?.click();
    await settle();
    if (a.isEffectivelyEnabled() && menuOpen()) problems.push(`${label(a)}: the menu stayed open`);
    if (!a.isEffectivelyEnabled()) {
      if (!menuOpen()) problems.push(`${label(a)}: a disabled item closed the menu`);
      button.click(); // closes it
      await settle();
    }
    return true;
  };
  const shown = (a: SdkAction) => visible(a.card?.renderedElement);
  const done = new Set<SdkAction>();
  /** toggles that hid something: pressed again once nothing else is left to reach */
  type Target = { id: string; el: { isVisible: boolean } | undefined; was: boolean | undefined };
  const restore: { a: SdkAction; targets: Target[] }[] = [];
  for (let guard = 0; guard < 400; guard++) {
    const ready = all
      .filter((a) => !done.has(a))
      .map((a) => ({ a, via: overflowOf(a)?.renderedElement ?? triggerOf(a) }))
      .filter((x): x is { a: SdkAction; via: HTMLElement } => visible(x.via));
    if (ready.length === 0) {
      const r = restore.pop();
      if (!r) break;
      await press(r.a);
      for (const t of r.targets) {
        if (t.el && t.el.isVisible !== t.was) {
          problems.push(`${label(r.a)}: pressed again, ${t.id} did not come back`);
        }
      }
      continue;
    }
    // innermost and last first: an open ShowCard's actions before its siblings'
    ready.sort((x, y) =>
      x.via.compareDocumentPosition(y.via) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
    );
    const { a } = ready[ready.length - 1] as { a: SdkAction };
    done.add(a);
    const type = a.getJsonTypeName();
    const enabled = a.isEffectivelyEnabled();
    const [p0, o0] = [posted.length, opened.length];
    const root0 = tile.renderer as unknown as SdkOwner | undefined;
    const targets = Object.entries(a.targetElements ?? {}).map(([id, to]) => {
      const el =
        a.parent?.getRootElement().getElementById(id) ??
        root0?.getRootElement?.().getElementById(id);
      return { id, to, el, was: el?.isVisible };
    });
    const wasShown = type === 'Action.ShowCard' ? shown(a) : false;
    if (!(await press(a))) continue;
    const [dp, dop] = [posted.length - p0, opened.length - o0];
    if (!enabled) {
      if (dp || dop) problems.push(`${label(a)} is disabled, yet posted ${dp} and opened ${dop}`);
      if (type === 'Action.ShowCard' && shown(a) !== wasShown)
        problems.push(`${label(a)} is disabled, yet toggled its card`);
      for (const t of targets) {
        if (t.el && t.el.isVisible !== t.was)
          problems.push(`${label(a)} is disabled, yet toggled ${t.id}`);
      }
      continue;
    }
    switch (type) {
      case 'Action.Submit':
      case 'Action.Execute': {
        const inputs = Object.values(a.getReferencedInputs?.() ?? {});
        const valid = inputs.every((i) => i.validateValue());
        if (dp !== (valid ? 1 : 0) || dop) {
          problems.push(
            `${label(a)} (inputs ${valid ? 'valid' : 'invalid'}) posted ${dp} times, opened ${dop}`,
          );
        }
        break;
      }
      case 'Action.OpenUrl': {
        const web = /^https?:/i.test(a.url ?? '');
        if (dop !== (web ? 1 : 0) || dp)
          problems.push(`${label(a)} opened ${dop} times, posted ${dp}`);
        break;
      }
      case 'Action.ShowCard': {
        if (dp || dop) problems.push(`${label(a)} posted ${dp}, opened ${dop}`);
        if (!shown(a)) {
          problems.push(`${label(a)} did not show its card`);
          break;
        }
        await press(a);
        if (shown(a)) problems.push(`${label(a)} did not hide its card again`);
        await press(a); // open again: its own actions are next
        if (!shown(a)) problems.push(`${label(a)} did not show its card again`);
        break;
      }
      case 'Action.ToggleVisibility': {
        if (dp || dop) problems.push(`${label(a)} posted ${dp}, opened ${dop}`);
        for (const t of targets) {
          if (!t.el) continue;
          const want = typeof t.to === 'boolean' ? t.to : !t.was;
          if (t.el.isVisible !== want)
            problems.push(`${label(a)}: ${t.id} is ${t.el.isVisible ? 'shown' : 'hidden'}`);
        }
        // what it hid comes back (pressing it again) once what it showed has been reached
        if (targets.some((t) => t.was && t.el && !t.el.isVisible && typeof t.to !== 'boolean')) {
          restore.push({ a, targets: targets.filter((t) => typeof t.to !== 'boolean') });
        }
        break;
      }
      default:
        problems.push(`${label(a)}: an action type this test does not know`);
    }
  }
  // the rest no user can reach (in a part that stays hidden, a disabled ShowCard, an image
  // that did not load), unless this test found no way to press what is on screen
  for (const a of all.filter((x) => !done.has(x))) {
    const owner = a.parent?.renderedElement;
    const via = overflowOf(a)?.renderedElement ?? triggerOf(a);
    if (!via && visible(owner) && owner.childElementCount > 0) {
      problems.push(
        `${label(a)} of a visible ${(a.parent as unknown as { getJsonTypeName(): string }).getJsonTypeName()}: no way to press it found`,
      );
    }
  }
  if (menuOpen()) problems.push('an overflow menu is still open');
  tile.remove();
  const missed = all.filter((x) => !done.has(x)).map(label);
  return { name, exercised: done.size, missed, problems };
}

describe('secondary actions in a workspace three tiles wide (#22 item 1)', () => {
  before(() => e2e.start(40));
  after(() => e2e.stop());
  afterEach(() => e2e.closePage());

  async function plant(sessionId: string) {
    const key = e2e.key(sessionId);
    // the demo script first, so that its layout does not replace ours
    await control(e2e.endpoint.url, 'POST', 'script', { ...key, action: 'all' });
    await control(e2e.endpoint.url, 'POST', 'layout', {
      ...key,
      layout: {
        grid: { columns: 3, rows: 2 },
        tiles: {
          transcript: { x: 1, y: 1, rows: 2 },
          overflow: { x: 2, y: 1 },
          styles: { x: 3, y: 1, rows: 2 },
          rtl: { x: 2, y: 2 },
        },
      },
    });
    for (const [id, file] of [
      ['overflow', 'workspace/Action.Mode.Overflow.json'],
      ['styles', 'workspace/Container.Styles.json'],
      ['rtl', 'workspace/Rtl.Secondary.json'],
    ] as const) {
      await control(e2e.endpoint.url, 'POST', 'tile', {
        ...key,
        update: { id, version: 1, type: 'card', data: sample(file) },
      });
    }
  }

  /** The open menu of a card tile, and where things are, read in the page. */
  const read = (page: Page, tileId: string) =>
    page.evaluate((id) => {
      const grid = document.querySelector('acw-workspace')?.shadowRoot?.querySelector('acw-grid');
      const tile = grid?.shadowRoot?.querySelector(`acw-card-tile[tile-id="${id}"]`);
      const root = tile?.shadowRoot;
      const menu = root?.querySelector<HTMLElement>('[role="menu"]');
      const buttons = [...(root?.querySelectorAll<HTMLElement>('.card button') ?? [])].filter(
        (b) => b.textContent?.trim() === '...',
      );
      const button = buttons.find((b) => b.getAttribute('aria-expanded') === 'true');
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      const rect = (e: Element | null | undefined) => {
        const r = e?.getBoundingClientRect();
        return r
          ? { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width }
          : undefined;
      };
      const style = menu ? getComputedStyle(menu) : undefined;
      return {
        open: !!menu?.matches(':popover-open'),
        inBody: document.body.querySelectorAll(
          '.ac-ctrl-overlay, .ac-ctrl-popup-container, .ac-popup',
        ).length,
        items: [...(menu?.querySelectorAll('[role="menuitem"]') ?? [])].map((i) =>
          i.textContent?.trim(),
        ),
        active: active?.textContent?.trim(),
        expanded: !!button,
        activeIsOverflowButton: buttons.includes(active as HTMLElement),
        menu: rect(menu),
        button: rect(button),
        tile: rect(tile),
        font: style?.fontFamily,
        background: style?.backgroundColor,
        color: style?.color,
        direction: style?.direction,
        workspaceFont: getComputedStyle(document.querySelector('acw-workspace') as Element)
          .fontFamily,
        scroll: [
          window.scrollX,
          window.scrollY,
          document.scrollingElement?.scrollTop ?? 0,
          (root?.querySelector('.body') as HTMLElement | null)?.scrollTop ?? 0,
        ],
      };
    }, tileId);

  for (const scheme of ['light', 'dark'] as const) {
    test(`the "…" menu opens in the tile at its button, styled, keyboard-driven, never moving the page (${scheme})`, async () => {
      const sessionId = `cards-overflow-${scheme}`;
      await plant(sessionId);
      const page = await e2e.newPage({ width: 1280, height: 800 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(e2e.sessionUrl(sessionId));
      const tile = page.locator('acw-card-tile[tile-id="overflow"]');
      await tile.getByRole('button', { name: 'Approve refund' }).waitFor();
      // (the demo script's handoff brief is pinned above the grid: folded to its title bar, the
      // three tiles get the height this test was written for)
      await page
        .locator('acw-brief-tile')
        .getByRole('button', { name: /^Collapse/ })
        .click();
      const before = await read(page, 'overflow');
      // the card's own row of actions comes last (an ActionSet in its body has one too)
      const more = tile
        .locator('.card button')
        .filter({ hasText: /^\.\.\.$/ })
        .last();
      const settled = (open: boolean, id = 'overflow') =>
        until(
          () => read(page, id),
          (x) => x.open === open,
          `the menu of ${id} open: ${open}`,
        );
      await more.click();
      let s = await settled(true).catch(() => read(page, 'overflow'));
      assert.equal(s.inBody, 0, 'nothing opened in document.body');
      assert.equal(s.open, true, 'the menu is open, in the tile');
      assert.deepEqual(s.items, [
        'Add an internal note',
        'Close without refund',
        'Merge with a duplicate',
        'Delete the request',
      ]);
      assert.deepEqual(s.scroll, before.scroll, 'the page did not move');
      assert.ok(s.menu && s.button && s.tile);
      assert.ok(Math.abs(s.menu.top - s.button.bottom) < 9, 'under its button');
      assert.ok(Math.abs(s.menu.left - s.button.left) < 1, 'at its start edge');
      assert.ok(s.menu.width < s.tile.width, `narrower than its tile: ${s.menu.width}`);
      assert.equal(s.font, s.workspaceFont, 'the workspace font');
      const surface = scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(22, 27, 34)';
      const text = scheme === 'light' ? 'rgb(27, 31, 36)' : 'rgb(230, 233, 238)';
      assert.equal(s.background, surface);
      assert.equal(s.color, text);
      assert.equal(s.active, 'Add an internal note', 'the first item has focus');
      // keyboard
      await page.keyboard.press('ArrowDown');
      assert.equal((await read(page, 'overflow')).active, 'Close without refund');
      await page.keyboard.press('End');
      assert.equal((await read(page, 'overflow')).active, 'Delete the request');
      await page.keyboard.press('Enter');
      assert.equal((await read(page, 'overflow')).open, true, 'a disabled item is inert');
      await page.keyboard.press('Escape');
      s = await settled(false);
      assert.equal(s.expanded, false, 'aria-expanded is false again');
      assert.equal(s.activeIsOverflowButton, true, 'Escape returns to its button');
      // an outside click closes it
      await more.click();
      await settled(true);
      await page.locator('acw-card-tile[tile-id="styles"]').getByText('Refund checks').click();
      await settled(false);
      // a pick posts back once
      await more.click();
      await settled(true);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await settled(false);
      await tile.getByText('Sent to the copilot.').waitFor();
      const sent = await control<{ kind: string; payload: { tileId: string; action: unknown } }[]>(
        e2e.endpoint.url,
        'GET',
        'sent',
        e2e.key(sessionId),
      );
      const postbacks = sent.filter(
        (x) => x.kind === 'postback' && x.payload.tileId === 'overflow',
      );
      assert.deepEqual(
        postbacks.map((p) => p.payload.action),
        [{ action: 'merge', note: 'Refund approved' }],
      );
      assert.deepEqual(
        (await read(page, 'overflow')).scroll,
        before.scroll,
        'the page never moved',
      );
      // right to left: the menu ends at its button's end
      const rtl = page.locator('acw-card-tile[tile-id="rtl"]');
      await rtl
        .locator('.card button')
        .filter({ hasText: /^\.\.\.$/ })
        .click();
      const r = await settled(true, 'rtl');
      assert.equal(r.open, true);
      assert.equal(r.direction, 'rtl');
      assert.deepEqual(r.items, ['تصعيد', 'فتح السياسة']);
      assert.ok(
        r.menu && r.button && Math.abs(r.menu.right - r.button.right) < 1,
        'at its end edge',
      );
      await page.keyboard.press('Escape');
      await settled(false, 'rtl');
    });
  }
});

/** Polls `read` until `ok` holds (5 s). */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  const end = Date.now() + 5000;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
