/**
 * Public entry without the Adaptive Card renderer (the Adaptive Cards SDK and
 * the markdown renderer are most of the weight): defines the `acw-*` elements
 * but `acw-card-tile`, and re-exports the public types. Card tiles then show
 * a placeholder, until `acw-card-tile` is imported too
 * (`agent-copilot-workspace/card-tile`). Importing it opens no socket and
 * touches nothing on `window`.
 */
export { AcwWorkspace, type ConnectionFactory } from './components/acw-workspace.js';
export { AcwGrid } from './components/acw-grid.js';
export { AcwTranscriptTile } from './components/acw-transcript-tile.js';
export { AcwChatInput } from './components/acw-chat-input.js';
export { AcwPlaceholderTile } from './components/acw-placeholder-tile.js';
export { AcwHtmlTile } from './components/acw-html-tile.js';
export { AcwIframeTile } from './components/acw-iframe-tile.js';
export { AcwTileElement } from './components/tile-element.js';
export {
  AcwConnectionChangedEvent,
  AcwDiagnosticEvent,
  AcwInsertTextRequestedEvent,
  AcwPostbackEvent,
  AcwReadyEvent,
  AcwUnreadChangedEvent,
  AcwMessageSentEvent,
  AcwReplyRetryEvent,
} from './events/events.js';
export {
  CopilotConnection,
  type CopilotConnectionLike,
  type CopilotConnectionOptions,
  type ConnectionEventMap,
  type Diagnostic,
  type PostbackRequest,
  type PostbackResult,
  type ReplyStatus,
  type StatusEvent,
} from './transport/copilot-connection.js';
export type {
  Layout,
  LayoutConfig,
  Message,
  TileUpdate,
  TileView,
  TranscriptMessage,
} from './transport/protocol.js';
export { readSessionParams, type SessionParams } from './transport/session-params.js';
export { tileFrameDocument } from './transport/tile-sdk.js';
export type { Phase, WorkspaceState } from './state/reduce.js';
export { Transcript } from './state/transcript.js';
