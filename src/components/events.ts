/**
 * Events raised by the workspace elements. One class per event, with a
 * static `eventName` and readonly typed fields.
 */
import type { Diagnostic, PostbackResult } from '../transport/copilot-connection.js';
import type { Phase } from '../state/reduce.js';

/** Internal: the chat input asks its transcript tile to send `text`. */
export class AcwSubmitEvent extends Event {
  static readonly eventName = 'acw-submit';
  constructor(readonly text: string) {
    super(AcwSubmitEvent.eventName, { bubbles: true });
  }
}

/** The agent sent a reply from the transcript tile. Bubbles and crosses shadow roots up to `<acw-workspace>`. */
export class AcwMessageSentEvent extends Event {
  static readonly eventName = 'acw-message-sent';
  constructor(readonly text: string) {
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

/** Public, on `<acw-workspace>`: the connection phase changed. */
export class AcwConnectionChangedEvent extends Event {
  static readonly eventName = 'acw-connection-changed';
  constructor(
    readonly phase: Phase,
    readonly reason: string | undefined,
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
    /** `card` tiles name themselves in the payload (`id`); html and iframe tiles do not */
    readonly kind: 'card' | 'frame',
    readonly action: unknown,
    respond: (result: PostbackResult) => void,
  ) {
    super(AcwPostbackEvent.eventName, { bubbles: true, composed: true });
    let answered = false;
    this.respond = (result) => {
      if (answered) return;
      answered = true;
      respond(result);
    };
  }
}

/**
 * Public, on `<acw-workspace>`: a tile asked to put text into the agent's
 * reply box (`replyBoxContent`). Hosts append it, never replace.
 */
export class AcwInsertTextRequestedEvent extends Event {
  static readonly eventName = 'acw-insert-text-requested';
  constructor(
    readonly text: string,
    readonly tileId: string,
  ) {
    super(AcwInsertTextRequestedEvent.eventName, { bubbles: true, composed: true });
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
    'acw-unread-changed': AcwUnreadChangedEvent;
  }
}
