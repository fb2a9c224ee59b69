/**
 * Public entry: everything of `core.ts`, and the Adaptive Card renderer
 * (`acw-card-tile`). Importing it opens no socket and touches nothing on
 * `window`.
 */
export * from './core.js';
export { AcwCardTile, openExternal } from './components/acw-card-tile.js';
