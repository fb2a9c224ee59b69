/**
 * What a tile's latest version renders as (PROTOCOL §5): typed and checked
 * here, so components render view models and never parse payloads.
 */
import { CardTileData, HtmlTileData, IframeTileData } from '../transport/protocol.js';
import type { TileVersion } from './reduce.js';

export type TileView =
  | { kind: 'html'; html: string; metadata: unknown; suggestion: string | undefined }
  | { kind: 'iframe'; url: string; metadata: unknown }
  | { kind: 'card'; card: object }
  | { kind: 'empty' }
  | { kind: 'invalid'; type: string; problem: string }
  | { kind: 'unknown'; type: string };

export function tileView(v: TileVersion): TileView {
  if (v.data === undefined || v.data === null) return { kind: 'empty' };
  switch (v.type) {
    case 'html': {
      const r = HtmlTileData.safeParse(v.data);
      return r.success
        ? {
            kind: 'html',
            html: r.data.html,
            metadata: r.data.metadata,
            suggestion: r.data.suggestion,
          }
        : { kind: 'invalid', type: v.type, problem: 'an html tile needs data.html as text' };
    }
    case 'iframe': {
      const r = IframeTileData.safeParse(v.data);
      return r.success
        ? { kind: 'iframe', url: r.data.url, metadata: r.data.metadata }
        : { kind: 'invalid', type: v.type, problem: 'an iframe tile needs data.url as text' };
    }
    case 'card': {
      const r = CardTileData.safeParse(v.data);
      return r.success
        ? { kind: 'card', card: r.data }
        : {
            kind: 'invalid',
            type: v.type,
            problem: 'a card tile needs an Adaptive Card (type "AdaptiveCard")',
          };
    }
    default:
      return { kind: 'unknown', type: v.type };
  }
}
