import { css } from 'lit';

/** The styles of `<acw-card-tile>` (besides the tile shell's): the card tile: the Adaptive Card in the workspace's tokens, its overflow menu, the notes. */
export const cardStyles = css`
  .body {
    padding: 0;
  }
  .card {
    color: var(--acw-color-text, #1b1f24);
  }
  .card :is(input, select, textarea) {
    font: inherit;
    color: inherit;
    background: var(--acw-color-surface, #fff);
    border: 1px solid var(--acw-color-border, #d0d7de);
    border-radius: 6px;
    padding-block: 4px;
    padding-inline: 8px;
  }
  .card input[type='radio'],
  .card input[type='checkbox'] {
    padding: 0;
  }
  .card .ac-input-validation-failed {
    border-color: var(--acw-color-danger, #b42318);
  }
  .card .ac-actionSet {
    flex-wrap: wrap;
    gap: 8px;
  }
  .card :is(.ac-pushButton, .ac-pushButton-disabled) {
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    border-radius: 6px;
    border: 1px solid var(--_card-accent, var(--acw-color-accent, #0b5cad));
    background: var(--acw-color-surface, #fff);
    color: var(--_card-accent, var(--acw-color-accent, #0b5cad));
    padding-block: 4px;
    padding-inline: 12px;
    max-inline-size: 100%;
    overflow-wrap: anywhere;
  }
  .card .ac-pushButton.style-positive,
  .card .ac-pushButton.primary {
    background: var(--acw-color-accent, #0b5cad);
    color: var(--acw-color-on-accent, #fff);
  }
  .card .ac-pushButton.style-destructive {
    border-color: var(--acw-color-danger, #b42318);
    color: var(--acw-color-danger, #b42318);
  }
  .card .ac-pushButton.expanded {
    background: var(--acw-color-surface-muted, #f0f2f5);
  }
  .card .ac-pushButton-disabled,
  .card .ac-pushButton:disabled,
  .card .ac-pushButton[aria-disabled='true'] {
    border-color: var(--acw-color-border, #d0d7de);
    background: var(--acw-color-surface-muted, #f0f2f5);
    color: var(--acw-color-text-muted, #57606a);
    cursor: not-allowed;
  }
  .menu {
    position: fixed;
    inset: auto;
    margin: 0;
    min-inline-size: 10rem;
    max-inline-size: min(20rem, calc(100vw - 8px));
    max-block-size: calc(100vh - 8px);
    overflow: auto;
    padding: 4px;
    color: var(--acw-color-text, #1b1f24);
    background: var(--acw-color-surface, #fff);
    border: 1px solid var(--acw-color-border, #d0d7de);
    border-radius: 8px;
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.22);
  }
  .menu [role='menuitem'] {
    display: flex;
    align-items: center;
    gap: 8px;
    inline-size: 100%;
    font: inherit;
    color: inherit;
    text-align: start;
    background: none;
    border: 0;
    border-radius: 6px;
    padding-block: 6px;
    padding-inline: 10px;
    cursor: pointer;
  }
  .menu [role='menuitem']:is(:hover, :focus-visible) {
    background: var(--acw-color-surface-muted, #f0f2f5);
  }
  .menu [role='menuitem']:focus-visible {
    outline: 2px solid var(--acw-color-focus, #0b5cad);
    outline-offset: -2px;
  }
  .menu [role='menuitem'][aria-disabled='true'] {
    color: var(--acw-color-text-muted, #57606a);
    cursor: not-allowed;
  }
  .menu img {
    inline-size: 16px;
    block-size: 16px;
    flex: none;
  }
  .card a {
    color: var(--_card-accent, var(--acw-color-accent, #0b5cad));
  }
  .card :focus-visible {
    outline: 2px solid var(--acw-color-focus, #0b5cad);
    outline-offset: 2px;
  }
  .status:empty {
    display: none;
  }
  .status,
  .note,
  .error {
    margin-block: 0 8px;
    margin-inline: 12px;
  }
  .status,
  .note {
    font-size: 12px;
    color: var(--acw-color-text-muted, #57606a);
  }
  .status.failed,
  .error {
    color: var(--acw-color-danger, #b42318);
  }
  .sending {
    opacity: 0.7;
  }
`;
