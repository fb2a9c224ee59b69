/**
 * The Adaptive Cards SDK and the markdown renderer, kept apart from the tile
 * element so that nobody loads or evaluates them (about 60 KiB gzip, 80 ms
 * on this machine) before the first card arrives: `acw-card-tile` imports
 * this module when it first renders a card (a chunk of the ES modules; in the
 * single script, its sibling file `acw-card-sdk.js`). It imports nothing of
 * the workspace's own (no Lit, no catalog: the sibling is bundled on its
 * own, and a second copy of the catalog's runtime would not know the agent's
 * language): its words come in through {@link CardHandlers}.
 */
// straight from the SDK's own modules: its index also re-exports the carousel,
// which brings the swiper library (~34 KiB gzip) that a lazily loaded module
// cannot shed (see the Table note below)
import {
  type Action,
  AdaptiveCard,
  ExecuteAction,
  OpenUrlAction,
  SerializationContext,
  SubmitAction,
} from 'adaptivecards/lib/card-elements.js';
import { ValidationEvent } from 'adaptivecards/lib/enums.js';
import { HostConfig } from 'adaptivecards/lib/host-config.js';
import { GlobalRegistry } from 'adaptivecards/lib/registry.js';
import { Versions } from 'adaptivecards/lib/serialization.js';
import { GlobalSettings } from 'adaptivecards/lib/shared.js';
import { Strings } from 'adaptivecards/lib/strings.js';
import { Table } from 'adaptivecards/lib/table.js';
import { micromark } from 'micromark';
import { type Rgb, mix, parseColor, readable, toHex } from './card-colors.js';

/**
 * `adaptivecards` declares `"sideEffects": false`, yet its table module
 * registers `Table` at its top level: a bundler that believes the flag drops
 * it, and cards with tables lose their tables. So it is registered here,
 * where the bundler sees it used. `Carousel` (1.6) is left out on purpose: it
 * brings the swiper library (about 34 KiB gzip, a third of the script); a
 * carousel renders its `fallback`, and the tile says that part cannot be
 * shown, so it never vanishes silently.
 */
GlobalRegistry.defaultElements.register('Table', Table, Versions.v1_5);
GlobalRegistry.defaultElements.unregister('Carousel');

/**
 * Actions beyond `maxActions` go to the overflow menu ("…") instead of being
 * dropped without a word (the SDK's default); the overflow button is named in
 * the agent's language (`CardHandlers.moreActions`, set by each render).
 */
GlobalSettings.allowMoreThanMaxActionsInOverflowMenu = true;

/** What the SDK reports while parsing when it meets something it cannot render. */
const UNRECOGNISED = new Set<ValidationEvent>([
  ValidationEvent.UnknownElementType,
  ValidationEvent.UnknownActionType,
  ValidationEvent.ElementTypeNotAllowed,
  ValidationEvent.ActionTypeNotAllowed,
]);

/**
 * Markdown in TextBlocks: micromark keeps raw HTML as text and drops
 * dangerous link protocols (javascript:, data:, …) by default, so card text
 * never becomes live HTML. The hook is static on our own bundled copy of the
 * SDK; every card renderer instance is still separate.
 */
AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = micromark(text);
  result.didProcess = true;
};

const token = (style: CSSStyleDeclaration, name: string, fallback: string): Rgb =>
  parseColor(style.getPropertyValue(name).trim()) ?? (parseColor(fallback) as Rgb);

/** The six container styles of the schema, each with its own surface. */
type ContainerStyleName = 'default' | 'emphasis' | 'accent' | 'good' | 'attention' | 'warning';

/**
 * A host config that follows the workspace theme tokens (light or dark).
 * Every container style has its own surface (`accent` and `good` are the
 * accent and success colours washed into the surface, 14 %), and every text
 * colour of every style is adjusted until it reads at 4.5:1 on it.
 */
export function hostConfigFrom(el: Element): { hostConfig: HostConfig; accentText: string } {
  const s = getComputedStyle(el);
  const text = token(s, '--acw-color-text', '#1b1f24');
  const muted = token(s, '--acw-color-text-muted', '#57606a');
  const accent = token(s, '--acw-color-accent', '#0b5cad');
  const danger = token(s, '--acw-color-danger', '#b42318');
  const success = token(s, '--acw-color-success', '#1a7f37');
  const warning = token(s, '--acw-color-on-warning', '#5c3d00');
  const surface = token(s, '--acw-color-surface', '#ffffff');
  const surfaces: Record<ContainerStyleName, Rgb> = {
    default: surface,
    emphasis: token(s, '--acw-color-surface-muted', '#f0f2f5'),
    accent: mix(accent, surface, 0.14),
    good: mix(success, surface, 0.14),
    attention: token(s, '--acw-color-danger-surface', '#fde8e7'),
    warning: token(s, '--acw-color-warning-surface', '#fff4d6'),
  };
  /** the colour a style's own text and borders take */
  const own: Record<ContainerStyleName, Rgb> = {
    default: muted,
    emphasis: muted,
    accent,
    good: success,
    attention: danger,
    warning,
  };
  const containerStyles = Object.fromEntries(
    (Object.keys(surfaces) as ContainerStyleName[]).map((name) => {
      const bg = surfaces[name];
      const fg = (c: Rgb) => toHex(readable(c, bg, text));
      const pair = (c: Rgb, subtle = c) => ({ default: fg(c), subtle: fg(subtle) });
      return [
        name,
        {
          backgroundColor: toHex(bg),
          borderColor: toHex(
            name === 'default' || name === 'emphasis'
              ? token(s, '--acw-color-border', '#d0d7de')
              : mix(own[name], bg, 0.45),
          ),
          foregroundColors: {
            default: pair(text, muted),
            dark: pair(text, muted),
            light: pair(muted),
            accent: pair(accent),
            good: pair(success),
            warning: pair(warning),
            attention: pair(danger),
          },
        },
      ];
    }),
  );
  const hostConfig = new HostConfig({
    fontFamily: s.getPropertyValue('--acw-font-family').trim() || 'system-ui, sans-serif',
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 16, large: 24, extraLarge: 32, padding: 12 },
    separator: { lineThickness: 1, lineColor: toHex(token(s, '--acw-color-border', '#d0d7de')) },
    fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 22 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    imageSizes: { small: 40, medium: 80, large: 160 },
    containerStyles,
    actions: {
      // the SDK's default; more go to the overflow menu (allowMoreThanMaxActionsInOverflowMenu)
      maxActions: 5,
      spacing: 'default',
      // no spacer elements: the tile's stylesheet spaces buttons with a gap, so that they wrap
      buttonSpacing: 0,
      // a long title wraps inside its button instead of being cut to "A…"
      allowTitleToWrap: true,
      showCard: { actionMode: 'inline', inlineTopMargin: 12 },
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
    },
  });
  // the accent as text (links, outlined buttons), readable on the surface and the muted surface
  return { hostConfig, accentText: toHex(readable(accent, surfaces.emphasis, text)) };
}

/** What a card action asks for, without the SDK's classes. */
export type CardAction =
  | { kind: 'open'; url: string | undefined }
  | { kind: 'submit'; payload: unknown }
  | { kind: 'other' };

function actionOf(action: Action): CardAction {
  if (action instanceof OpenUrlAction) return { kind: 'open', url: action.url };
  if (action instanceof SubmitAction || action instanceof ExecuteAction) {
    const values = action.data ?? {};
    const payload =
      action instanceof ExecuteAction && action.verb ? { verb: action.verb, data: values } : values;
    return { kind: 'submit', payload };
  }
  return { kind: 'other' };
}

/** One action of an overflow menu ("…"), as the tile shows it. */
export interface MenuEntry {
  title: string;
  tooltip: string | undefined;
  enabled: boolean;
  iconUrl: string | undefined;
  /** runs the action as its button would: the SDK validates inputs, then the tile's handler */
  execute: () => void;
}

/** Image addresses a card may use: web addresses (relative ones too) and data: images. */
export function isLoadableImage(url: string): boolean {
  const u = url.trim();
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(u)?.[1]?.toLowerCase();
  if (scheme === undefined) return true;
  if (scheme === 'http' || scheme === 'https') return true;
  return scheme === 'data' && /^data:image\//i.test(u);
}

/** Properties that hold an image (or media) address in any element or action. */
const IMAGE_KEYS = new Set(['url', 'iconUrl', 'backgroundImage', 'poster']);

/**
 * The card without image addresses that cannot load here (`symbol:`,
 * `icon:`, `ms-appx:`, `file:` …): each would cost a failed request, a
 * console error and, under the page's CSP, a violation report. Such an image
 * is left out (the SDK then renders the element without it) and listed once.
 * An `Action.OpenUrl`'s own `url` is a link, not an image, and action `data`
 * is the author's, posted back as is: neither is touched.
 */
export function withLoadableImages(card: unknown): { card: unknown; unloadable: string[] } {
  const unloadable: string[] = [];
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const out = v.map(walk);
      return out.some((x, i) => x !== v[i]) ? out : v;
    }
    if (!v || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const link = o.type === 'Action.OpenUrl';
    let changed = false;
    const entries: [string, unknown][] = [];
    for (const [k, x] of Object.entries(o)) {
      if (k !== 'data' && typeof x === 'string' && IMAGE_KEYS.has(k) && !(link && k === 'url')) {
        if (isLoadableImage(x)) entries.push([k, x]);
        else {
          unloadable.push(x);
          changed = true;
        }
        continue;
      }
      const y = k === 'data' ? x : walk(x);
      changed ||= y !== x;
      entries.push([k, y]);
    }
    return changed ? Object.fromEntries(entries) : o;
  };
  return { card: walk(card), unloadable };
}

export interface CardHandlers {
  /** Submit, Execute, OpenUrl (after the SDK's input validation) */
  onAction: (action: CardAction) => void;
  /** an overflow button ("…") was pressed: the tile shows these actions in its own menu */
  onOverflow: (entries: MenuEntry[], button: HTMLElement) => void;
  /** the overflow button's name, in the agent's language */
  moreActions: () => string;
}

export interface RenderedCard {
  /** the SDK's renderer (one per card and tile) */
  renderer: AdaptiveCard;
  /** the rendered card, undefined when the SDK rendered nothing */
  element: HTMLElement | undefined;
  /** what the SDK met and could not render (its own words) */
  unrecognised: string[];
  /** image addresses left out because they cannot load here */
  unloadable: string[];
  /** the accent colour readable as text on the card's surfaces */
  accentText: string;
}

/**
 * The SDK lists secondary actions first, then the primary ones beyond
 * `maxActions`; the menu lists them as the card's author wrote them, so the
 * row of buttons continues in the menu.
 */
function inAuthorsOrder(actions: readonly Action[]): Action[] {
  const owner = actions[0]?.parent as
    { getActionCount?: () => number; getActionAt?: (i: number) => Action | undefined } | undefined;
  if (!owner?.getActionCount || !owner.getActionAt) return [...actions];
  const order = new Map<Action | undefined, number>();
  for (let i = 0; i < owner.getActionCount(); i++) order.set(owner.getActionAt(i), i);
  return [...actions].sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0));
}

/** Parses and renders `card` with a host config from `themed`'s tokens; throws what the SDK throws. */
export function renderCard(card: unknown, themed: Element, handlers: CardHandlers): RenderedCard {
  Strings.defaults.overflowButtonTooltip = handlers.moreActions;
  const renderer = new AdaptiveCard();
  const { hostConfig, accentText } = hostConfigFrom(themed);
  renderer.hostConfig = hostConfig;
  renderer.onExecuteAction = (action) => handlers.onAction(actionOf(action));
  // the SDK's own menu opens in document.body, unstyled, and scrolls the page: the tile shows its own
  renderer.onDisplayOverflowActionMenu = (actions, target) => {
    if (!target) return false;
    handlers.onOverflow(
      inAuthorsOrder(actions).map((a) => ({
        title: a.title ?? '',
        tooltip: a.tooltip,
        enabled: a.isEffectivelyEnabled(),
        iconUrl: a.iconUrl,
        execute: () => a.execute(),
      })),
      target,
    );
    return true;
  };
  const loadable = withLoadableImages(card);
  const context = new SerializationContext();
  renderer.parse(loadable.card, context);
  const unrecognised: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    if (UNRECOGNISED.has(e.event)) unrecognised.push(e.message);
  }
  return {
    renderer,
    element: renderer.render(),
    unrecognised,
    unloadable: loadable.unloadable,
    accentText,
  };
}
