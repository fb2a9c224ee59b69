// Every --acw-* custom property an element's styles read is in the custom
// elements manifest for that element (@cssprop in its JSDoc), and nothing
// else: read from the element's own adopted stylesheets in Chromium, and
// from dist/custom-elements.json (written by `npm run build`).
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/acw-workspace.js';
import '../../src/components/acw-card-tile.js';

const TAGS = [
  'acw-workspace',
  'acw-grid',
  'acw-transcript-tile',
  'acw-chat-input',
  'acw-placeholder-tile',
  'acw-html-tile',
  'acw-iframe-tile',
  'acw-card-tile',
] as const;

/** Elements that also read custom properties in script (getComputedStyle), not only in CSS. */
const READ_IN_SCRIPT: Partial<Record<(typeof TAGS)[number], true>> = { 'acw-card-tile': true };

function read(tag: string): string[] {
  const el = document.createElement(tag);
  document.body.append(el);
  const sheets = el.shadowRoot?.adoptedStyleSheets ?? [];
  const names = new Set<string>();
  for (const sheet of sheets)
    for (const rule of sheet.cssRules)
      for (const m of rule.cssText.matchAll(/var\((--acw-[\w-]+)/g)) names.add(m[1] as string);
  el.remove();
  return [...names].sort();
}

describe('custom properties per element', () => {
  it('the manifest lists exactly the --acw-* properties each element reads', async () => {
    await fixture(html`<div></div>`);
    const res = await fetch('/dist/custom-elements.json');
    expect(res.ok, 'npm run build wrote dist/custom-elements.json').to.equal(true);
    const manifest = (await res.json()) as {
      modules: { declarations?: { tagName?: string; cssProperties?: { name: string }[] }[] }[];
    };
    const declared = new Map<string, string[]>();
    for (const mod of manifest.modules)
      for (const d of mod.declarations ?? [])
        if (d.tagName) declared.set(d.tagName, (d.cssProperties ?? []).map((c) => c.name).sort());
    const report: Record<string, { reads: string[]; declared: string[] }> = {};
    for (const tag of TAGS) report[tag] = { reads: read(tag), declared: declared.get(tag) ?? [] };
    for (const tag of TAGS) {
      const { reads, declared: listed } = report[tag] as { reads: string[]; declared: string[] };
      // the workspace also lists every theme token it defines (they are set on it);
      // the card tile also the ones it reads in script
      if (tag === 'acw-workspace' || READ_IN_SCRIPT[tag]) {
        for (const name of reads) expect(listed, `${tag} lists ${name}`).to.include(name);
      } else expect(listed, tag).to.deep.equal(reads);
    }
  });
});
