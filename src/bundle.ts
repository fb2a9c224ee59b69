// Entry of the single-file IIFE: defines the elements and exports nothing,
// so the bundle adds no global to `window`.
import './index.js';
