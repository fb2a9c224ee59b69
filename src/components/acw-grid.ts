import { updateWhenLocaleChanges } from '@lit/localize';
import { messages as m } from '../i18n/messages.js';
import { tileProblemText } from '../i18n/words.js';
import { LitElement, css, html, nothing } from 'lit';
import { consume } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { workspaceContext } from '../state/context.js';
import {
  type ReplyView,
  type WorkspaceState,
  initialState,
  insertTarget,
  isPaused,
  latestVersion,
  pinnedTiles,
} from '../state/reduce.js';
import type { TilePlacement, TileView } from '../transport/protocol.js';
import { httpUrl } from '../transport/url.js';
import { baseStyles } from '../styles/tokens.js';
import { defineElement } from './internal/define.js';
import { tileTitle } from './internal/tile-title.js';
import { type StyleProps, styleProps } from './internal/style-props.js';
import './acw-transcript-tile.js';
import './acw-placeholder-tile.js';
import './acw-html-tile.js';
import './acw-iframe-tile.js';
// type only: the brief and wrap-up renderers come with the full entry (src/index.ts), as the cards do
import type {} from './acw-brief-tile.js';
import type {} from './acw-wrap-up-pane.js';
import type { Transcript } from '../state/transcript.js';
import { AcwCiteEvent, AcwPostbackEvent } from '../events/events.js';
// type only: the card renderer is an optional module (see the 'card' case below)
import type {} from './acw-card-tile.js';

/** Stable empties: a new `[]` on every render would re-render the tile that gets it. */
const NO_REPLIES: readonly ReplyView[] = [];
const NO_DATA: readonly unknown[] = [];

function span(start: number | undefined, count: number | undefined): string {
  const s = start && start > 0 ? String(start) : 'auto';
  const n = count && count > 0 ? `span ${count}` : 'span 1';
  return `${s} / ${n}`;
}

function placement(p: TilePlacement): StyleProps {
  return { 'grid-column': span(p.x, p.columns), 'grid-row': span(p.y, p.rows) };
}

/**
 * The layout background (an extension): a colour, and an http(s) image drawn
 * by an `<img referrerpolicy="no-referrer">` rather than CSS `url()`, whose
 * request would carry the page URL (URLToken, auth) as Referer wherever the
 * host page has no strict referrer policy.
 */
function backdrop(bg: WorkspaceState['layout']['background']) {
  if (!bg) return nothing;
  const color = bg.color && CSS.supports('color', bg.color) ? bg.color : undefined;
  const image = bg.imageUrl ? httpUrl(bg.imageUrl) : undefined; // anything else is ignored
  if (!color && !image) return nothing;
  return html`<div class="backdrop" ${styleProps(color ? { 'background-color': color } : {})}>
    ${image ? html`<img alt="" src=${image.href} referrerpolicy="no-referrer" />` : nothing}
  </div>`;
}

/**
 * The layout grid (docs/PROTOCOL.md §4): equal tracks, gap, tiles placed by their
 * start cell and span, in the key order of the layout. In a narrow panel the
 * tiles stack in one scrolling column.
 *
 * @summary Tile grid; consumes the workspace snapshot by context.
 * @csspart column - the pinned area and the grid (scrolls as one in a narrow panel)
 * @csspart grid - the grid container
 * @csspart pinned - handoff briefs and the wrap-up pane, above the grid
 * @cssprop --acw-color-accent - agent messages, primary actions
 * @cssprop --acw-color-border - hairlines
 * @cssprop --acw-color-focus - focus rings
 * @cssprop --acw-color-on-accent - text on the accent
 * @cssprop --acw-color-surface - tile surface
 * @cssprop --acw-color-text - body text
 * @cssprop --acw-font-family - all text
 * @cssprop --acw-font-size - base size
 * @cssprop --acw-grid-padding - space around the grid (default 10px)
 * @cssprop --acw-line-height - base line height
 * @tagname acw-grid
 */
export class AcwGrid extends LitElement {
  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.addEventListener(AcwCiteEvent.eventName, (e) => this.#onCite(e));
    this.addEventListener('acw-wrap-up-open', (e) => this.#onWrapUp(e));
  }

  /** The agent pressed Wrap up: the pane opens (and asks the flow for a draft when none came). */
  @state() private wrapUpRequested = false;

  static override styles = [
    baseStyles,
    css`
      :host {
        position: relative;
        display: flex;
        flex-direction: column;
        block-size: 100%;
        container-type: inline-size;
      }
      /* the pinned area and the grid: one column that a narrow panel scrolls as one */
      .column {
        position: relative;
        display: flex;
        flex-direction: column;
        flex: 1 1 auto;
        min-block-size: 0;
      }
      /* handoff briefs, pinned above the grid (docs/PROTOCOL.md §5.9) */
      .pinned {
        position: relative;
        flex: none;
        display: flex;
        flex-direction: column;
        gap: 10px;
        max-block-size: 45%;
        overflow-y: auto;
        padding: var(--acw-grid-padding, 10px) var(--acw-grid-padding, 10px) 0;
      }
      .pinned[hidden] {
        display: none;
      }
      /* at their own height: the area scrolls when they need more than it has */
      .pinned > * {
        flex: none;
        block-size: auto;
      }
      .backdrop {
        position: absolute;
        inset: 0;
        pointer-events: none;
      }
      .backdrop img {
        inline-size: 100%;
        block-size: 100%;
        object-fit: cover;
      }
      .grid {
        position: relative;
        display: grid;
        flex: 1 1 auto;
        min-block-size: 0;
        padding: var(--acw-grid-padding, 10px);
      }
      .grid > * {
        min-block-size: 0;
        min-inline-size: 0;
      }
      @container (max-width: 520px) {
        /* a narrow panel (a Genesys Script): one scrolling column, brief and pane included,
           explicit heights */
        .column {
          overflow-y: auto;
        }
        .pinned {
          max-block-size: none;
          overflow: visible;
        }
        .grid {
          display: flex;
          flex-direction: column;
          flex: none;
        }
        .grid > * {
          flex: none;
          block-size: 260px;
        }
        .grid > acw-transcript-tile {
          block-size: min(60vh, 480px); /* the tiles below it show on the first screen */
        }
        .grid > [collapsed],
        .grid > [dismissed] {
          block-size: auto;
        }
      }
    `,
  ];

  /** The workspace theme (`light`, `dark` or `auto`), for renderers that paint with it. */
  @property() theme = 'auto';

  /** URL of the tile-frame document for html tiles (empty: a `blob:` document). */
  @property({ attribute: 'tile-frame' }) tileFrame = '';

  @consume({ context: workspaceContext, subscribe: true })
  @state()
  private snapshot: WorkspaceState = initialState;

  override render() {
    const s = this.snapshot;
    const { grid, tiles } = s.layout;
    const gap = grid.gap ?? 10;
    const style: StyleProps = {
      'grid-template-columns': `repeat(${grid.columns}, minmax(0, 1fr))`,
      'grid-template-rows': `repeat(${grid.rows}, minmax(0, 1fr))`,
      gap: `${gap}px`,
    };
    // where an Insert would go is the same for every tile: worked out once per render
    const canInsert = insertTarget(s) !== 'none';
    const pinned = pinnedTiles(s);
    // (a build without these renderers: a brief shows its html in its place, no pane)
    const briefs = customElements.get('acw-brief-tile') ? pinned.briefs : [];
    const pane =
      (Boolean(pinned.wrapUp) || this.wrapUpRequested) &&
      customElements.get('acw-wrap-up-pane') !== undefined;
    const placed = [...tiles];
    const rest =
      briefs.length || pinned.wrapUp
        ? placed.filter(([id]) => !briefs.includes(id) && id !== pinned.wrapUp?.id)
        : placed;
    return html`${backdrop(s.layout.background)}
      <div class="column" part="column">
        <div class="pinned" part="pinned" ?hidden=${!briefs.length && !pane}>
          ${
            /* the wrap-up, once open, is the task at hand: above the brief it was told */
            pane
              ? html`<acw-wrap-up-pane
                  tile-id=${pinned.wrapUp?.id ?? 'wrap-up'}
                  .version=${pinned.wrapUp?.version}
                  .draft=${pinned.wrapUp?.draft}
                  ?requested=${this.wrapUpRequested}
                  .known=${this.#knownIds()}
                ></acw-wrap-up-pane>`
              : nothing
          }
          ${repeat(
            briefs,
            (id) => id,
            (id) => this.#renderBrief(id),
          )}
        </div>
        <div class="grid" part="grid" ${styleProps(style)}>
          ${repeat(
            rest,
            ([id]) => id,
            ([id, p]) => this.#renderTile(id, p, canInsert),
          )}
        </div>
      </div>`;
  }

  /** One function per transcript snapshot map: a brief re-renders only when the transcripts change. */
  #known: { of: ReadonlyMap<string, Transcript>; has: (id: string) => boolean } | undefined;

  #knownIds(): (id: string) => boolean {
    const transcripts = this.snapshot.transcripts;
    if (this.#known?.of !== transcripts) {
      const has = (id: string) => [...transcripts.values()].some((t) => t.has(id));
      this.#known = { of: transcripts, has };
    }
    return this.#known.has;
  }

  /** A handoff brief, pinned above the grid (its place in the layout stays empty). */
  #renderBrief(id: string) {
    const latest = latestVersion(this.snapshot.tiles.get(id));
    if (latest?.view.kind !== 'brief') return nothing;
    return html`<acw-brief-tile
      tile-id=${id}
      .brief=${latest.view.brief}
      .version=${latest.version}
      .known=${this.#knownIds()}
    ></acw-brief-tile>`;
  }

  #onWrapUp(e: Event): void {
    e.stopPropagation();
    const pane = () => this.renderRoot.querySelector('acw-wrap-up-pane');
    if (!pinnedTiles(this.snapshot).wrapUp && !this.wrapUpRequested) {
      // (a backend that ignores it: the pane says no draft came, and the agent writes one)
      this.dispatchEvent(
        new AcwPostbackEvent('transcript', 'workspace', { type: 'wrap-up-request' }, () => {}),
      );
    }
    this.wrapUpRequested = true;
    void this.updateComplete.then(() => {
      const p = pane();
      p?.scrollIntoView({ block: 'nearest' });
      p?.renderRoot.querySelector<HTMLElement>('textarea')?.focus();
    });
  }

  /** A brief's citation: the transcript that has the message shows it. */
  #onCite(e: AcwCiteEvent): void {
    e.stopPropagation();
    for (const tile of this.renderRoot.querySelectorAll('acw-transcript-tile'))
      if (tile.showMessage(e.messageId, e.back)) return;
  }

  /** A neutral tile: a message, and the tile's type and version when it has them. */
  #placeholder(
    style: ReturnType<typeof styleProps>,
    id: string,
    message: string,
    type = '',
    version?: number,
  ) {
    return html`<acw-placeholder-tile
      ${style}
      tile-id=${id}
      heading=${tileTitle(id)}
      tile-type=${type}
      .version=${version}
      message=${message}
    ></acw-placeholder-tile>`;
  }

  /**
   * Puts `text` into the first chat tile's reply box (appended at the cursor,
   * focused); false when no tile has one.
   */
  insertIntoReply(text: string): boolean {
    for (const tile of this.renderRoot.querySelectorAll('acw-transcript-tile')) {
      if (tile.insertIntoReply(text)) return true;
    }
    return false;
  }

  #renderTile(id: string, p: TilePlacement, canInsert: boolean, as?: TileView): unknown {
    const s = this.snapshot;
    const style = styleProps(placement(p));
    const transcript = s.transcripts.get(id);
    if (transcript) {
      return html`<acw-transcript-tile
        ${style}
        tile-id=${id}
        .transcript=${transcript}
        .replies=${transcript.chatInput ? s.replies : NO_REPLIES}
        .tileReplies=${s.tileReplies}
        ?chat-input=${transcript.chatInput}
        ?paused=${isPaused(s.connection)}
      ></acw-transcript-tile>`;
    }
    const latest = latestVersion(s.tiles.get(id));
    const heading = tileTitle(id);
    const data = s.tileData.get(id) ?? NO_DATA;
    if (!latest) {
      const waiting = s.tileData.has(id) ? m.waitingContent() : m.noContent();
      return this.#placeholder(style, id, waiting);
    }
    const view = as ?? latest.view;
    switch (view.kind) {
      case 'html':
        return html`<acw-html-tile
          ${style}
          tile-id=${id}
          heading=${heading}
          tile-frame=${this.tileFrame}
          .html=${view.html}
          .metadata=${view.metadata}
          .suggestion=${view.suggestion}
          theme=${this.theme}
          .version=${latest.version}
          ?can-insert=${canInsert}
          .tileData=${data}
        ></acw-html-tile>`;
      case 'iframe':
        return html`<acw-iframe-tile
          ${style}
          tile-id=${id}
          heading=${heading}
          url=${view.url}
          .metadata=${view.metadata}
          .tileData=${data}
        ></acw-iframe-tile>`;
      case 'card':
        // the card renderer is a separate module (src/index.ts includes it; a core build may not)
        return customElements.get('acw-card-tile')
          ? html`<acw-card-tile
              ${style}
              tile-id=${id}
              heading=${heading}
              theme=${this.theme}
              .card=${view.card}
            ></acw-card-tile>`
          : this.#placeholder(style, id, m.noCardRenderer(), 'card', latest.version);
      case 'brief': // (pinned above the grid, see render; without the brief renderer, its html)
        return customElements.get('acw-brief-tile')
          ? nothing
          : this.#renderTile(id, p, canInsert, {
              kind: 'html',
              html: view.html,
              metadata: undefined,
              suggestion: undefined,
            });
      case 'wrap-up':
        return nothing;
      case 'empty':
        return this.#placeholder(style, id, m.noContent());
      case 'invalid':
        return this.#placeholder(
          style,
          id,
          m.cannotShowTile(tileProblemText(view.problem)),
          view.type,
          latest.version,
        );
      case 'unknown':
        return this.#placeholder(style, id, m.unknownType(view.type), view.type, latest.version);
      default: {
        const never: never = view;
        return never;
      }
    }
  }
}

defineElement('acw-grid', AcwGrid);

declare global {
  interface HTMLElementTagNameMap {
    'acw-grid': AcwGrid;
  }
}
