/**
 * Colour arithmetic for the card host config (loaded with the card SDK): the
 * workspace tokens are whatever CSS colours a host set, so they are read back
 * as sRGB, mixed into the surfaces a card's container styles need, and every
 * text colour is made readable (WCAG contrast ≥ 4.5:1) on each of them.
 */

export type Rgb = readonly [number, number, number];

let ctx: CanvasRenderingContext2D | null | undefined;

/** Any CSS colour as sRGB (via the canvas's own parser), or undefined when it is not one. */
export function parseColor(css: string): Rgb | undefined {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(css.trim())?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
  }
  ctx ??= document.createElement('canvas').getContext('2d');
  const c = ctx;
  if (!c) return undefined;
  // a value the canvas refuses leaves the previous one: two sentinels tell a refusal apart
  const read = (sentinel: string) => {
    c.fillStyle = sentinel;
    c.fillStyle = css;
    return c.fillStyle;
  };
  const a = read('#000000');
  if (a !== read('#ffffff')) return undefined;
  if (a.startsWith('#')) return parseColor(a);
  const m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(a);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export const toHex = (c: Rgb): string =>
  `#${c
    .map((v) =>
      Math.round(Math.min(255, Math.max(0, v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

/** `a` over `b` at `weight` (0: b, 1: a). */
export const mix = (a: Rgb, b: Rgb, weight: number): Rgb =>
  a.map((v, i) => v * weight + (b[i] ?? 0) * (1 - weight)) as unknown as Rgb;

/** WCAG 2 relative luminance. */
export function luminance(c: Rgb): number {
  const [r, g, b] = c.map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio (1 to 21). */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Text contrast the workspace promises (WCAG AA, normal text). */
export const READABLE = 4.5;

/**
 * `fg`, or the least change of it towards `toward` (else black or white)
 * that reads at {@link READABLE} on `bg`.
 */
export function readable(fg: Rgb, bg: Rgb, toward?: Rgb): Rgb {
  if (contrast(fg, bg) >= READABLE) return fg;
  const pole =
    toward && contrast(toward, bg) >= READABLE
      ? toward
      : luminance(bg) > 0.18
        ? ([0, 0, 0] as const)
        : ([255, 255, 255] as const);
  for (let w = 0.05; w < 1; w += 0.05) {
    const c = mix(pole, fg, w);
    if (contrast(c, bg) >= READABLE + 0.05) return c;
  }
  return pole;
}
