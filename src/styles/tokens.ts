import { css } from 'lit';

const darkTokens = css`
  color-scheme: dark;
  --acw-color-background: #0d1117;
  --acw-color-surface: #161b22;
  --acw-color-surface-muted: #1f2630;
  --acw-color-text: #e6e9ee;
  --acw-color-text-muted: #a3acb9;
  --acw-color-border: #303843;
  --acw-color-accent: #1f6feb;
  --acw-color-on-accent: #ffffff;
  --acw-color-focus: #79b8ff;
  --acw-color-success: #56d364;
  --acw-color-warning-surface: #3b2e00;
  --acw-color-on-warning: #ffd866;
  --acw-color-danger: #ff938a;
  --acw-color-danger-surface: #3d1614;
  --acw-color-chip: #2d3540;
  --acw-color-on-chip: #dfe4ea;
`;

/**
 * System tokens, set on `<acw-workspace>` and inherited by every element in
 * its shadow tree. Hosts restyle through these (documented in the README).
 * Light by default, dark under `prefers-color-scheme: dark`, and forced by
 * `theme="light" | "dark"`. Every text/surface pair is ≥ 4.5:1 in both.
 */
export const themeTokens = css`
  :host {
    color-scheme: light;
    --acw-font-family:
      system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    --acw-font-size: 14px;
    --acw-line-height: 1.4;
    --acw-radius: 8px;
    --acw-space: 8px;
    --acw-color-background: #f3f4f6;
    --acw-color-surface: #ffffff;
    --acw-color-surface-muted: #f0f2f5;
    --acw-color-text: #1b1f24;
    --acw-color-text-muted: #57606a;
    --acw-color-border: #d0d7de;
    --acw-color-accent: #0b5cad;
    --acw-color-on-accent: #ffffff;
    --acw-color-focus: #0b5cad;
    --acw-color-success: #1a7f37;
    --acw-color-warning-surface: #fff4d6;
    --acw-color-on-warning: #5c3d00;
    --acw-color-danger: #b42318;
    --acw-color-danger-surface: #fde8e7;
    --acw-color-chip: #e4e7ec;
    --acw-color-on-chip: #303740;
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
    }
  }
`;

/** Shared pieces every element uses: host defaults, focus ring, buttons, sr-only text. */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--acw-font-family, system-ui, sans-serif);
    font-size: var(--acw-font-size, 14px);
    line-height: var(--acw-line-height, 1.4);
    color: var(--acw-color-text, #1b1f24);
  }
  :host([hidden]) {
    display: none;
  }
  /* border-box, not inherit: an explicit inherit makes every style change of a
     row (the virtualizer moves rows by inline transforms) restyle all it holds */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 2px solid var(--acw-color-focus, #0b5cad);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: 6px;
    border: 1px solid var(--acw-color-border, #d0d7de);
    background: var(--acw-color-surface, #fff);
    color: var(--acw-color-text, #1b1f24);
    padding-block: 4px;
    padding-inline: 10px;
  }
  button.primary {
    background: var(--acw-color-accent, #0b5cad);
    border-color: var(--acw-color-accent, #0b5cad);
    color: var(--acw-color-on-accent, #fff);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  @media (prefers-reduced-motion: no-preference) {
    button {
      transition: background-color 120ms ease;
    }
  }
`;

/** Tiles whose body is one iframe (html and iframe tiles). */
export const frameTileStyles = css`
  .body {
    padding: 0;
    overflow: hidden;
  }
  iframe {
    display: block;
    inline-size: 100%;
    block-size: 100%;
    border: 0;
    background: var(--acw-color-surface, #fff);
  }
`;

/**
 * The tile card: hairline border, radius, slim header, content that scrolls
 * inside. Markup: `<section class="tile" aria-labelledby="title">` with a
 * `.head` (holding `<h2 id="title">`) and a `.body`.
 */
export const tileStyles = css`
  :host {
    display: block;
    min-block-size: 0;
    min-inline-size: 0;
    block-size: 100%;
  }
  .tile {
    display: flex;
    flex-direction: column;
    block-size: 100%;
    background: var(--acw-color-surface, #fff);
    border: 1px solid var(--acw-color-border, #d0d7de);
    border-radius: var(--acw-radius, 8px);
    overflow: hidden;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--acw-space, 8px);
    padding-block: 6px;
    padding-inline: 12px;
    border-block-end: 1px solid var(--acw-color-border, #d0d7de);
    min-block-size: 36px;
  }
  h2 {
    margin: 0;
    font-size: 13px;
    font-weight: 600;
    letter-spacing: 0.01em;
    /* the title keeps its room (up to 60%); notes next to it give way first */
    flex: 0 0 auto;
    max-inline-size: 60%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .body {
    flex: 1;
    min-block-size: 0;
    overflow: auto;
    padding: 12px;
  }
  .muted {
    color: var(--acw-color-text-muted, #57606a);
  }
  :host([collapsed]),
  :host([dismissed]) {
    block-size: auto;
    align-self: start;
  }
  .tile.collapsed > :not(.head) {
    display: none;
  }
  .tile.collapsed .head {
    border-block-end: 0;
  }
  button.collapse {
    display: inline-grid;
    place-items: center;
    padding: 2px;
    border-color: transparent;
    background: transparent;
    color: var(--acw-color-text-muted, #57606a);
  }
  button.collapse.is-collapsed svg {
    rotate: -90deg;
  }
  button.collapse.is-collapsed:dir(rtl) svg {
    rotate: 90deg; /* points along the line, which runs the other way */
  }
  .head > h2 + * {
    margin-inline-start: auto;
  }
  .head .action {
    font-size: 12px;
    padding-block: 1px;
    padding-inline: 8px;
    white-space: nowrap;
  }
  .head .copied {
    font-size: 12px;
    color: var(--acw-color-text-muted, #57606a);
    min-inline-size: 0;
  }
  /* the one status says where the text went, whole: on a line of its own under the title */
  .head .copied.has-note {
    order: 10;
    flex-basis: 100%;
  }
  .manual-copy {
    margin: 8px;
    font: inherit;
    min-block-size: 3em;
  }
  /* judging a suggestion: under its body */
  .feedback {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    padding-block: 6px;
    padding-inline: 10px;
    border-block-start: 1px solid var(--acw-color-border, #d0d7de);
    font-size: 12px;
  }
  .feedback button {
    font-size: 12px;
    padding-block: 2px;
    padding-inline: 8px;
  }
  .feedback button.icon {
    display: inline-grid;
    place-items: center;
    padding: 3px 6px;
  }
  .feedback button.down svg {
    rotate: 180deg;
  }
  .feedback button[aria-pressed='true'] {
    background: var(--acw-color-accent, #0b5cad);
    border-color: var(--acw-color-accent, #0b5cad);
    color: var(--acw-color-on-accent, #fff);
  }
  .feedback .reasons {
    display: contents;
  }
  .feedback .dismiss {
    margin-inline-start: auto;
  }
  .note {
    color: var(--acw-color-text-muted, #57606a);
    font-size: 12px;
  }
  .tile.dismissed .head > h2 + * {
    margin-inline-start: auto;
  }
`;

/** The theme tokens a tile document gets (with the scheme), so tile HTML can paint like the workspace. */
export const TILE_THEME_TOKENS = [
  '--acw-color-background',
  '--acw-color-surface',
  '--acw-color-surface-muted',
  '--acw-color-text',
  '--acw-color-text-muted',
  '--acw-color-border',
  '--acw-color-accent',
  '--acw-color-on-accent',
  '--acw-color-focus',
  '--acw-color-success',
  '--acw-color-danger',
  '--acw-font-family',
] as const;
