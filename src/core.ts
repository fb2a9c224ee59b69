/**
 * The workspace without the Adaptive Card renderer (the Adaptive Cards SDK is
 * most of the bundle). Used to hold the core to its size budget; card tiles
 * render a placeholder in such a build.
 */
import './components/acw-workspace.js';
