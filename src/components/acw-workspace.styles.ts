import { css } from 'lit';
import { baseStyles, themeTokens } from '../styles/tokens.js';

/** The styles of `<acw-workspace>`: the theme, the status screens, the banner and notes bars. */
export const workspaceStyles = [
  themeTokens,
  baseStyles,
  css`
    :host {
      position: relative;
      block-size: 100%;
      min-block-size: 240px;
      background: var(--acw-color-background, #f3f4f6);
      display: flex;
      flex-direction: column;
      overflow: hidden;
    }
    acw-grid {
      flex: 1;
      min-block-size: 0;
    }
    .status {
      margin: auto;
      max-inline-size: 46ch;
      padding: 24px;
      text-align: center;
    }
    .status h2 {
      font-size: 16px;
      margin-block: 0 8px;
    }
    .status p,
    .status ul {
      margin-block: 0 12px;
      color: var(--acw-color-text-muted, #57606a);
    }
    .status ul {
      text-align: start;
      padding-inline-start: 20px;
    }
    .status.error h2 {
      color: var(--acw-color-danger, #b42318);
    }
    .status code {
      font-family: ui-monospace, monospace;
      color: var(--acw-color-text, #1b1f24);
    }
    .status[aria-busy='true'] h2::before {
      content: '';
      display: inline-block;
      inline-size: 8px;
      block-size: 8px;
      margin-inline-end: 8px;
      border-radius: 50%;
      background: var(--acw-color-accent, #0b5cad);
      vertical-align: middle;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      align-items: center;
      padding-block: 4px;
      padding-inline: 12px;
      font-size: 12px;
    }
    .banner {
      background: var(--acw-color-warning-surface, #fff4d6);
      color: var(--acw-color-on-warning, #5c3d00);
      border-block-end: 1px solid var(--acw-color-border, #d0d7de);
    }
    .notes {
      color: var(--acw-color-text-muted, #57606a);
      border-block-start: 1px solid var(--acw-color-border, #d0d7de);
      background: var(--acw-color-surface, #fff);
    }
    .notes code {
      font-family: ui-monospace, monospace;
      color: var(--acw-color-text, #1b1f24);
    }
  `,
];
