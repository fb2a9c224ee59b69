/**
 * Public entry: everything of `core.ts`, the Adaptive Card renderer
 * (`acw-card-tile`), the handoff brief (`acw-brief-tile`) and the wrap-up
 * pane (`acw-wrap-up-pane`). Importing it opens no socket and touches nothing on
 * `window`.
 */
export * from './core.js';
export { AcwCardTile, openExternal } from './components/acw-card-tile.js';
export { AcwBriefTile } from './components/acw-brief-tile.js';
export { AcwWrapUpPane } from './components/acw-wrap-up-pane.js';
export { AcwWrapUpSubmittedEvent } from './events/events.js';
