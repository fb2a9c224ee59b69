// Entry of the core-only IIFE that `npm run build` measures against the core
// budget: the workspace without the card renderer, exporting nothing.
import './core.js';
