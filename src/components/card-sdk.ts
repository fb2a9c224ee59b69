/**
 * The Adaptive Cards SDK and the markdown renderer, kept apart from the tile
 * element so that the single script does not evaluate them (about 80 ms on
 * this machine) before the first card arrives: `acw-card-tile` imports this
 * module when it first renders a card.
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
import { Table } from 'adaptivecards/lib/table.js';
import { micromark } from 'micromark';

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

const token = (style: CSSStyleDeclaration, name: string, fallback: string) =>
  style.getPropertyValue(name).trim() || fallback;

/** A host config that follows the workspace theme tokens (light or dark). */
export function hostConfigFrom(el: Element): HostConfig {
  const s = getComputedStyle(el);
  const text = token(s, '--acw-color-text', '#1b1f24');
  const muted = token(s, '--acw-color-text-muted', '#57606a');
  const accent = token(s, '--acw-color-accent', '#0b5cad');
  const danger = token(s, '--acw-color-danger', '#b42318');
  const success = token(s, '--acw-color-success', '#1a7f37');
  const warning = token(s, '--acw-color-on-warning', '#5c3d00');
  const fg = {
    default: { default: text, subtle: muted },
    dark: { default: text, subtle: muted },
    light: { default: muted, subtle: muted },
    accent: { default: accent, subtle: accent },
    good: { default: success, subtle: success },
    warning: { default: warning, subtle: warning },
    attention: { default: danger, subtle: danger },
  };
  const surface = token(s, '--acw-color-surface', '#ffffff');
  const muted2 = token(s, '--acw-color-surface-muted', '#f0f2f5');
  return new HostConfig({
    fontFamily: token(s, '--acw-font-family', 'system-ui, sans-serif'),
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 16, large: 24, extraLarge: 32, padding: 12 },
    separator: { lineThickness: 1, lineColor: token(s, '--acw-color-border', '#d0d7de') },
    fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 22 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    imageSizes: { small: 40, medium: 80, large: 160 },
    containerStyles: {
      default: { backgroundColor: surface, foregroundColors: fg },
      emphasis: { backgroundColor: muted2, foregroundColors: fg },
      accent: { backgroundColor: muted2, foregroundColors: fg },
      good: { backgroundColor: muted2, foregroundColors: fg },
      attention: {
        backgroundColor: token(s, '--acw-color-danger-surface', '#fde8e7'),
        foregroundColors: fg,
      },
      warning: {
        backgroundColor: token(s, '--acw-color-warning-surface', '#fff4d6'),
        foregroundColors: fg,
      },
    },
    actions: {
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 12 },
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
    },
  });
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

export interface RenderedCard {
  /** the SDK's renderer (one per card and tile) */
  renderer: AdaptiveCard;
  /** the rendered card, undefined when the SDK rendered nothing */
  element: HTMLElement | undefined;
  /** what the SDK met and could not render (its own words) */
  unrecognised: string[];
}

/** Parses and renders `card` with a host config from `themed`'s tokens; throws what the SDK throws. */
export function renderCard(
  card: unknown,
  themed: Element,
  onAction: (action: CardAction) => void,
): RenderedCard {
  const renderer = new AdaptiveCard();
  renderer.hostConfig = hostConfigFrom(themed);
  renderer.onExecuteAction = (action) => onAction(actionOf(action));
  const context = new SerializationContext();
  renderer.parse(card, context);
  const unrecognised: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    if (UNRECOGNISED.has(e.event)) unrecognised.push(e.message);
  }
  return { renderer, element: renderer.render(), unrecognised };
}
