import { css } from 'lit';

/** The styles of `<acw-transcript-tile>` (besides the tile shell's): the transcript: the log, its rows and bubbles, redaction chips, the reply states, the "new messages" button. */
export const transcriptStyles = css`
  .body {
    padding: 0;
    overflow: hidden;
    display: flex;
    flex-direction: column;
  }
  .scroller {
    flex: 1;
    min-block-size: 0;
    overflow: auto;
  }
  /* the log is virtualized: rows are placed by the virtualizer, spaced by their own padding */
  .msg {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    box-sizing: border-box;
    inline-size: 100%;
    padding-block: 1px;
    padding-inline: 12px;
  }
  .msg:focus-visible {
    outline: 2px solid var(--acw-color-focus, #0b5cad);
    outline-offset: -2px;
  }
  .msg.out {
    align-items: flex-end;
  }
  .msg.first {
    padding-block-start: 10px;
  }
  .meta {
    display: flex;
    gap: 6px;
    align-items: baseline;
    font-size: 12px;
    color: var(--acw-color-text-muted, #57606a);
    margin-block-end: 2px;
  }
  .meta time {
    font-variant-numeric: tabular-nums;
  }
  .badge {
    font-size: 11px;
    padding-inline: 5px;
    border-radius: 4px;
    border: 1px solid var(--acw-color-border, #d0d7de);
  }
  .bubble {
    max-inline-size: min(85%, 60ch);
    padding-block: 6px;
    padding-inline: 10px;
    border-radius: 10px;
    background: var(--acw-color-surface-muted, #f0f2f5);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .agent .bubble {
    background: var(--acw-color-accent, #0b5cad);
    color: var(--acw-color-on-accent, #fff);
  }
  .bot .bubble {
    border: 1px solid var(--acw-color-border, #d0d7de);
    background: var(--acw-color-surface, #fff);
  }
  .agent.failed .bubble {
    background: var(--acw-color-danger-surface, #fde8e7);
    color: var(--acw-color-text, #1b1f24);
    border: 1px solid var(--acw-color-danger, #b42318);
  }
  /* voice: words still being recognised, which final text will replace */
  .interim .bubble {
    font-style: italic;
    outline: 1px dashed var(--acw-color-text-muted, #57606a);
    outline-offset: -1px;
  }
  .speaking::after {
    content: ' …';
    animation: acw-speaking 1.2s steps(4, end) infinite;
  }
  @keyframes acw-speaking {
    0% {
      opacity: 0.3;
    }
    50% {
      opacity: 1;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .speaking::after {
      animation: none;
    }
  }
  .cut {
    display: block;
    margin-block-start: 4px;
    font-size: 12px;
    font-style: italic;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 3px;
    padding-inline: 6px;
    border-radius: 999px;
    font-size: 12px;
    line-height: 1.5;
    vertical-align: baseline;
    background: var(--acw-color-chip, #e4e7ec);
    color: var(--acw-color-on-chip, #303740);
    border: 1px dashed currentColor;
    white-space: nowrap;
  }
  .state {
    display: flex;
    align-items: center;
    gap: 4px;
    font-size: 12px;
    color: var(--acw-color-text-muted, #57606a);
    margin-block-start: 2px;
  }
  .state.failed {
    color: var(--acw-color-danger, #b42318);
  }
  .state button {
    font-size: 12px;
    padding-block: 0;
    padding-inline: 8px;
  }
  .empty {
    margin: auto;
    text-align: center;
    color: var(--acw-color-text-muted, #57606a);
  }
  .wrap {
    position: relative;
    flex: 1;
    min-block-size: 0;
    display: flex;
    flex-direction: column;
  }
  .msg.cited .bubble {
    outline: 3px solid var(--acw-color-focus);
    outline-offset: 2px;
  }
  .back {
    position: absolute;
    inset-block-start: 8px;
    inset-inline-end: 12px;
    border-radius: 999px;
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.2);
  }
  .new {
    /* centred in either direction (a translate would push it off centre right to left) */
    position: absolute;
    inset-block-end: 10px;
    inset-inline: 0;
    margin-inline: auto;
    inline-size: fit-content;
    max-inline-size: calc(100% - 16px);
    border-radius: 999px;
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.2);
  }
`;
