/**
 * Tile versions as they enter the state (docs/PROTOCOL.md §5.2): at the edge
 * (state/workspace-controller.ts, one per connection, whichever connection
 * the workspace was given), a tile frame becomes a complete version. A frame for a version
 * the tile already has merges into it (shallowly when both are objects, else
 * it replaces it); a new version is added, the newest MAX_TILE_VERSIONS kept;
 * and each version's data is parsed into its view here, once. The state
 * stores what arrives and parses nothing.
 */
import {
  type OtherTileUpdate,
  type TileUpdate,
  type TileView,
  type TranscriptTileUpdate,
  isTranscriptUpdate,
  parseTileView,
} from './protocol.js';

/** Versions kept per tile (§13), here and in the state. */
export const MAX_TILE_VERSIONS = 20;

/** A tile version, complete, with what it renders as. */
export type CompleteTileUpdate = OtherTileUpdate & { readonly view: TileView };

/** A `tileUpdate` as the state receives it: a transcript update, or a complete version. */
export type DeliveredTileUpdate = TranscriptTileUpdate | CompleteTileUpdate;

/** `sendTileData` is data for a tile, never a version of it: it renders as nothing. */
const NO_VIEW: TileView = { kind: 'empty' };

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export class TileVersions {
  /** per tile id, its versions' data, ascending (the newest MAX_TILE_VERSIONS) */
  readonly #tiles = new Map<string, { version: number; data: unknown }[]>();

  /** The update `u` as the state should store it: merged into its version, its view parsed. */
  deliver(u: TileUpdate): DeliveredTileUpdate {
    if (isTranscriptUpdate(u)) return u;
    if (u.type === 'sendTileData') return { ...u, view: NO_VIEW };
    const versions = this.#tiles.get(u.id) ?? [];
    const old = versions.find((x) => x.version === u.version);
    let data = u.data;
    if (old) {
      data =
        isPlainObject(old.data) && isPlainObject(u.data)
          ? { ...old.data, ...u.data }
          : (u.data ?? old.data);
      old.data = data;
    } else {
      versions.push({ version: u.version, data });
      versions.sort((a, b) => a.version - b.version);
      if (versions.length > MAX_TILE_VERSIONS) versions.shift();
      this.#tiles.set(u.id, versions);
    }
    return { id: u.id, version: u.version, type: u.type, data, view: parseTileView(u.type, data) };
  }
}
