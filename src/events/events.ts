/**
 * Events raised by the workspace elements. One class per event, with a
 * static `eventName` and readonly typed fields.
 */
import type { Diagnostic, PostbackResult } from '../transport/copilot-connection.js';
import type { Phase } from '../state/reduce.js';
import type { LedgerEvent } from '../state/ledger.js';

/** `fn`, callable once: later calls do nothing. */
function once<T>(fn: (value: T) => void): (value: T) => void {
  let called = false;
  return (value) => {
    if (called) return;
    called = true;
    fn(value);
  };
}

/** Internal: the chat input asks its transcript tile to send `text`. */
export class AcwSubmitEvent extends Event {
  static readonly eventName = 'acw-submit';
  constructor(readonly text: string) {
    super(AcwSubmitEvent.eventName, { bubbles: true });
  }
}

/**
 * A reply to send: the agent's from the transcript tile, or a tile's
 * `SDK.sendMessage` (`tileId` set; the workspace makes that a draft unless the
 * deployment lets tiles send). Bubbles and crosses shadow roots up to `<acw-workspace>`.
 */
export class AcwMessageSentEvent extends Event {
  static readonly eventName = 'acw-message-sent';
  constructor(
    readonly text: string,
    readonly tileId?: string,
  ) {
    super(AcwMessageSentEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The agent asked to send a failed reply again. */
export class AcwReplyRetryEvent extends Event {
  static readonly eventName = 'acw-reply-retry';
  constructor(readonly clientMessageId: string) {
    super(AcwReplyRetryEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * Public, on `<acw-workspace>`: the connection phase changed; `code` says
 * why (e.g. `token-expired`, `unreachable`), `server` is the server's own words.
 */
export class AcwConnectionChangedEvent extends Event {
  static readonly eventName = 'acw-connection-changed';
  constructor(
    readonly phase: Phase,
    readonly code: string | undefined,
    readonly server: string | undefined,
  ) {
    super(AcwConnectionChangedEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Public, on `<acw-workspace>`: a malformed frame (or part of one) was dropped. */
export class AcwDiagnosticEvent extends Event {
  static readonly eventName = 'acw-diagnostic';
  constructor(readonly diagnostic: Diagnostic) {
    super(AcwDiagnosticEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * A tile asked to post back (`SDK.postback` or a card's Action.Submit). The
 * workspace sends it and calls `respond` with the outcome, exactly once.
 */
export class AcwPostbackEvent extends Event {
  static readonly eventName = 'acw-postback';
  /** Answers the tile; only the first call counts. */
  readonly respond: (result: PostbackResult) => void;
  constructor(
    readonly tileId: string,
    /**
     * `card`: an Adaptive Card action (named by `id` in the payload, as Cognigy
     * does); `frame`: an html or iframe tile's SDK.postback; `workspace`: the
     * workspace's own controls on a tile (feedback, used), which no tile can send
     */
    readonly kind: 'card' | 'frame' | 'workspace',
    readonly action: unknown,
    respond: (result: PostbackResult) => void,
  ) {
    super(AcwPostbackEvent.eventName, { bubbles: true, composed: true });
    this.respond = once(respond);
  }
}

/**
 * Where inserted text went: the page's own handler, proposed to Genesys (Interaction Widget mode),
 * the host's reply box, the chat tile's, or nowhere.
 */
export type InsertTarget = 'page' | 'genesys' | 'host' | 'reply-box' | 'none';

/**
 * Public, on `<acw-workspace>`: a tile asked to put text into the agent's
 * reply box (Insert into reply, `replyBoxContent`, `SDK.insertIntoReply`).
 * Cancelable: a page that puts the text somewhere itself calls
 * `preventDefault()`; otherwise the workspace sends it to a host that said
 * hello (docs/PROTOCOL.md §9), else into the chat tile's reply box. Always appended,
 * never replacing what the agent typed.
 */
export class AcwInsertTextRequestedEvent extends Event {
  static readonly eventName = 'acw-insert-text-requested';
  /** Tells the tile where the text went; only the first call counts. */
  readonly respond: (where: InsertTarget) => void;
  constructor(
    readonly text: string,
    readonly tileId: string,
    respond: (where: InsertTarget) => void = () => {},
  ) {
    super(AcwInsertTextRequestedEvent.eventName, {
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    this.respond = once(respond);
  }
}

/**
 * Internal: a fact for the suggestion ledger (docs/PROTOCOL.md §5.8) from a
 * suggestion tile. `text` (an insert's text, to recognise it in the agent's
 * next replies) stays in the workspace: it is never sent.
 */
export class AcwLedgerEvent extends Event {
  static readonly eventName = 'acw-ledger';
  constructor(
    readonly fact: LedgerEvent,
    readonly text?: string,
  ) {
    super(AcwLedgerEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * Internal: a brief's citation was activated (docs/PROTOCOL.md §5.9): the grid
 * shows transcript message `messageId`; "Back to the brief" focuses `back`.
 */
export class AcwCiteEvent extends Event {
  static readonly eventName = 'acw-cite';
  constructor(
    readonly messageId: string,
    readonly back: HTMLElement,
  ) {
    super(AcwCiteEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * Public, on `<acw-workspace>`: the agent submitted the wrap-up and the
 * backend acknowledged it (docs/PROTOCOL.md §5.10); also posted to a host that
 * accepts `wrap-up`.
 */
export class AcwWrapUpSubmittedEvent extends Event {
  static readonly eventName = 'acw-wrap-up-submitted';
  constructor(
    readonly summary: string,
    readonly code: string | undefined,
    readonly label: string | undefined,
  ) {
    super(AcwWrapUpSubmittedEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Public, on `<acw-workspace>`: the workspace is up (also posted to the host page). */
export class AcwReadyEvent extends Event {
  static readonly eventName = 'acw-ready';
  constructor() {
    super(AcwReadyEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Public, on `<acw-workspace>`: customer messages that arrived while the workspace was not visible. */
export class AcwUnreadChangedEvent extends Event {
  static readonly eventName = 'acw-unread-changed';
  constructor(readonly count: number) {
    super(AcwUnreadChangedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'acw-submit': AcwSubmitEvent;
    'acw-message-sent': AcwMessageSentEvent;
    'acw-reply-retry': AcwReplyRetryEvent;
    'acw-connection-changed': AcwConnectionChangedEvent;
    'acw-diagnostic': AcwDiagnosticEvent;
    'acw-postback': AcwPostbackEvent;
    'acw-insert-text-requested': AcwInsertTextRequestedEvent;
    'acw-ready': AcwReadyEvent;
    'acw-ledger': AcwLedgerEvent;
    'acw-cite': AcwCiteEvent;
    'acw-wrap-up-submitted': AcwWrapUpSubmittedEvent;
    'acw-unread-changed': AcwUnreadChangedEvent;
  }
}
