// The bundle size budgets, read by the build (which fails above them) and the bench.
/**
 * gzip budgets, KiB: the core (connection, grid, transcript, html and iframe
 * tiles) ≤ 48 (it was 45 until the field-tile shims that every tile document
 * carries, insert routing, the host handshake, set-auth, coded refusals with
 * their status screens and reply retries added 2.1 KiB); the whole
 * single script, with the Adaptive Cards SDK (Table included, Carousel left
 * out: its swiper dependency alone is ~34 KiB) and the markdown renderer,
 * ≤ 110 (the workspace it replaces ships ~390).
 */
export const BUDGETS = { core: 48, full: 110 };
