// The agent's language, chosen in the documented order (docs/PROTOCOL.md §11),
// by the controller alone on a bare element.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { LocaleController } from '../../src/controllers/locale-controller.js';

class LocaleHost extends LitElement {
  attr: string | undefined;
  search = '';
  readonly controller = new LocaleController(this, {
    locale: () => this.attr,
    search: () => this.search,
  });
}
customElements.define('acw-test-locale-host', LocaleHost);

async function host(search: string, attr?: string): Promise<LocaleHost> {
  const el = await fixture<LocaleHost>(html`<acw-test-locale-host></acw-test-locale-host>`);
  el.search = search;
  el.attr = attr;
  return el;
}

function withBrowserLanguages(languages: string[], run: () => Promise<void>): Promise<void> {
  const original = Object.getOwnPropertyDescriptor(navigator, 'languages');
  Object.defineProperty(navigator, 'languages', { configurable: true, get: () => languages });
  return run().finally(() => {
    if (original) Object.defineProperty(navigator, 'languages', original);
    else delete (navigator as { languages?: unknown }).languages;
  });
}

describe('LocaleController', () => {
  it('reads the language Genesys fills in under any of its names: pcLangTag, gcLangTag, language, lang', async () => {
    for (const [param, tag, want] of [
      ['pcLangTag', 'de-de', 'de'],
      ['gcLangTag', 'ja-JP', 'ja'],
      ['language', 'fr_FR', 'fr'],
      ['lang', 'ar', 'ar'],
    ] as const) {
      const el = await host(`?userId=u&${param}=${tag}`);
      el.controller.choose();
      expect(el.lang, param).to.equal(want);
    }
  });

  it("a host's set-locale wins over a URL tag (the desktop knows the agent's language now)", async () => {
    const el = await host('?locale=fr&pcLangTag=de');
    el.controller.choose();
    expect(el.lang).to.equal('fr');
    el.controller.setHostLocale('ja');
    expect(el.lang).to.equal('ja');
    expect(el.dir).to.equal('ltr');
    el.controller.setHostLocale('ar');
    expect(el.dir).to.equal('rtl');
  });

  it('a named language the workspace does not have falls back to English, not to the browser', async () => {
    await withBrowserLanguages(['es-ES'], async () => {
      const el = await host('?pcLangTag=sv-SE');
      el.controller.choose();
      expect(el.lang).to.equal('en');
      const unnamed = await host('?userId=u');
      unnamed.controller.choose();
      expect(unnamed.lang, 'nothing named: the browser').to.equal('es');
    });
  });
});
