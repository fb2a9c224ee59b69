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

/** Where a tile is told its text went. */
type Note = InsertTarget | 'too-many' | 'sent';

export interface InsertOptions {
  state: () => WorkspaceState;
  connection: () => CopilotConnectionLike | undefined;
  dispatch: (a: Action) => void;
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
 * else to a host that said it takes `insert-text`, else into the chat tile's
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

  /** Puts `text` where it goes first: the page, the host, the reply box; says where. */
  insert(text: string, tileId: string): InsertTarget {
    if (!this.#host.dispatchEvent(new AcwInsertTextRequestedEvent(text, tileId))) return 'page';
    const target = insertTarget(this.#o.state());
    if (target === 'host') this.#o.toHost(text, tileId);
    else if (target === 'reply-box' && !this.#o.toReplyBox(text)) return 'none';
    return target;
  }
}
