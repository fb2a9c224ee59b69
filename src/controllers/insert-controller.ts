import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CopilotConnectionLike } from '../transport/copilot-connection.js';
import { type Action, type WorkspaceState, insertTarget } from '../state/reduce.js';
import { RateLimit } from '../state/rate-limit.js';
import {
  AcwInsertTextRequestedEvent,
  type AcwMessageSentEvent,
  type InsertTarget,
} from '../events/events.js';

/** How many replies a tile may send on its own (with `tile-send`), in what time. */
export const TILE_SENDS = { max: 2, windowMs: 10_000 } as const;

/** Elements after which text breaks into a new line when a tile sends markup. */
const BLOCKS = new Set([
  'P',
  'DIV',
  'LI',
  'TR',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'BLOCKQUOTE',
  'PRE',
]);

/**
 * The text an Insert puts down, as the agent would have typed it: tiles
 * written for the Cognigy workspace forward `innerHTML` (`&amp;`, `<br>`,
 * the indentation of their markup), so markup is read as text (in an inert
 * document: nothing in it runs or loads; scripts and styles are no text), the
 * source's line breaks are layout, `<br>` and blocks become line breaks (a paragraph, an empty line), entities are decoded, spaces and tabs within a line collapse, lines
 * are trimmed, at most one empty line stays, and the ends are trimmed.
 */
export function normaliseInsertText(raw: string): string {
  let text = raw;
  if (/[<&]/.test(raw)) {
    const doc = new DOMParser().parseFromString(raw, 'text/html');
    for (const el of doc.querySelectorAll('script, style, template, noscript')) el.remove();
    // in markup, line breaks of the source are layout: only <br> and blocks break a line
    const walk = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode())
      n.nodeValue = (n.nodeValue ?? '').replace(/\s+/g, ' ');
    for (const br of doc.querySelectorAll('br')) br.replaceWith('\n');
    for (const el of doc.body.querySelectorAll('*'))
      if (BLOCKS.has(el.tagName)) el.append(el.tagName === 'P' ? '\n\n' : '\n');
    text = doc.body.textContent ?? '';
  }
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Where a tile is told its text went. */
type Note = InsertTarget | 'too-many' | 'sent';

export interface InsertOptions {
  state: () => WorkspaceState;
  connection: () => CopilotConnectionLike | undefined;
  dispatch: (a: Action) => void;
  /** proposed to Genesys (Interaction Widget mode); false when the SDK refused */
  toGenesys: (text: string) => boolean;
  /** to a host that said hello with `insert-text` */
  toHost: (text: string, tileId: string) => void;
  /** into the chat tile's reply box; false when there is none */
  toReplyBox: (text: string) => boolean;
  /** may tiles send replies themselves (the `tile-send` attribute)? */
  tileSend: () => boolean;
}

/**
 * Where text a tile offers goes (docs/PROTOCOL.md §8.5, §9.3): an Insert goes
 * to the page when it cancels the public `acw-insert-text-requested` event,
 * else to Genesys in Interaction Widget mode, else to a host that said it takes `insert-text`, else into the chat tile's
 * own reply box. A tile's own reply (`SDK.sendMessage`) never speaks for the
 * agent: it becomes a draft the same way, unless the deployment set
 * `tile-send`; then it goes out, at most {@link TILE_SENDS} per tile, marked
 * in the transcript. The tile is told where its text went.
 */
export class InsertController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #o: InsertOptions;
  /** per tile, how many replies it may send on its own */
  readonly #tileSends = new RateLimit(TILE_SENDS.max, TILE_SENDS.windowMs);

  constructor(host: ReactiveControllerHost & HTMLElement, options: InsertOptions) {
    this.#host = host;
    this.#o = options;
    host.addController(this);
  }

  hostConnected(): void {}

  /** A tile asked to put text into the agent's reply box; it is told where it went. */
  readonly onInsertText = (e: AcwInsertTextRequestedEvent): void => {
    e.stopPropagation();
    e.respond(this.insert(e.text, e.tileId));
  };

  /** A reply: the agent's goes out; a tile's becomes a draft, or (tile-send) goes out, limited. */
  readonly onMessageSent = (e: AcwMessageSentEvent): void => {
    const connection = this.#o.connection();
    if (e.tileId === undefined) {
      connection?.sendMessage(e.text);
      return;
    }
    e.stopPropagation(); // not the agent's: the page hears of it as an insert request, or not at all
    const tile = e.composedPath()[0] as { noteInsert?: (where: Note) => void } | undefined;
    const note = (where: Note) => tile?.noteInsert?.(where);
    if (this.#o.tileSend() && connection && this.#tileSends.take(e.tileId)) {
      const clientMessageId = connection.sendMessage(e.text);
      this.#o.dispatch({ type: 'tile-reply', clientMessageId, tileId: e.tileId });
      note('sent');
      return;
    }
    note(this.insert(e.text, e.tileId));
  };

  /** Puts `text` (normalised) where it goes first: the page, the host, the reply box; says where. */
  insert(raw: string, tileId: string): InsertTarget {
    const text = normaliseInsertText(raw);
    if (!text) return 'none';
    if (!this.#host.dispatchEvent(new AcwInsertTextRequestedEvent(text, tileId))) return 'page';
    const target = insertTarget(this.#o.state());
    // (in the agent's click: the SDK's rule for proposeInteractionMessage, docs/PROTOCOL.md §9.4)
    if (target === 'genesys' && !this.#o.toGenesys(text)) return 'none';
    if (target === 'host') this.#o.toHost(text, tileId);
    else if (target === 'reply-box' && !this.#o.toReplyBox(text)) return 'none';
    return target;
  }
}
