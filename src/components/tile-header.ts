import { html, nothing, svg } from 'lit';

const chevron = svg`<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false"><path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" stroke-width="1.6"/></svg>`;

/**
 * The collapse action of a tile header: a button that says what it does and
 * whether the tile's body (`#body`) is shown.
 */
export function collapseToggle(collapsed: boolean, heading: string, onToggle: () => void) {
  return html`<button
    type="button"
    class="collapse ${collapsed ? 'is-collapsed' : ''}"
    part="collapse"
    aria-expanded=${collapsed ? 'false' : 'true'}
    aria-controls="body"
    @click=${onToggle}
  >
    ${chevron}<span class="sr-only">${collapsed ? 'Expand' : 'Collapse'} ${heading}</span>
  </button>`;
}

/**
 * A tile's header: its title (`#title`, which labels the tile's section), any
 * actions, and the collapse button last.
 */
export function tileHeader(
  heading: string,
  collapsed: boolean,
  onToggle: () => void,
  actions: unknown = nothing,
) {
  return html`<div class="head" part="header">
    <h2 id="title">${heading}</h2>
    ${actions}${collapseToggle(collapsed, heading, onToggle)}
  </div>`;
}
