/**
 * Public entry: defines the `acw-*` elements and re-exports the public types.
 * Importing it opens no socket and touches nothing on `window`.
 */
export { AcwWorkspace, type ConnectionFactory } from './components/acw-workspace.js';
export { AcwGrid } from './components/acw-grid.js';
export { AcwTranscriptTile } from './components/acw-transcript-tile.js';
export { AcwChatInput } from './components/acw-chat-input.js';
export { AcwPlaceholderTile } from './components/acw-placeholder-tile.js';
export { AcwHtmlTile } from './components/acw-html-tile.js';
export { AcwIframeTile } from './components/acw-iframe-tile.js';
export { AcwCardTile, openExternal } from './components/acw-card-tile.js';
export {
  AcwConnectionChangedEvent,
  AcwDiagnosticEvent,
  AcwInsertTextRequestedEvent,
  AcwPostbackEvent,
  AcwReadyEvent,
  AcwUnreadChangedEvent,
  AcwMessageSentEvent,
  AcwReplyRetryEvent,
} from './components/events.js';
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
export type { LayoutConfig, Message, TileUpdate } from './transport/protocol.js';
export { readSessionParams, type SessionParams } from './transport/session-params.js';
export { tileFrameDocument } from './transport/tile-sdk.js';
export type { Phase, WorkspaceState } from './state/reduce.js';
