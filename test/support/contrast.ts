// WCAG 2 contrast, from computed colours (for the tests that check readable colours).
export const channels = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
export const lum = (c: string) => {
  const [r, g, b] = channels(c).map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
export const ratio = (a: string, b: string) => {
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};
/** the colour behind an element: its own or its nearest ancestor's (surfaces are opaque) */
export function backgroundOf(n: Element): string {
  for (let e: Element | null = n; e;) {
    const bg = getComputedStyle(e).backgroundColor;
    if (channels(bg)[3] !== 0 && bg !== 'transparent') return bg;
    e = e.parentElement ?? ((e.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
  }
  return 'rgb(255, 255, 255)';
}
