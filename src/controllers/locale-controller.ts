import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LOCALE_WAIT_MS, directionOf, pickLocale, useLocale } from '../i18n/locale.js';

/**
 * The URL parameters that may name the agent's language, in order: ours, then
 * what Genesys Cloud fills in (`pcLangTag` in client apps; a Script's Web
 * Page passes `{{Scripter.Agent Locale}}` under a name the integrator picks:
 * `language` or `lang`; `gcLangTag` in Interaction Widgets).
 */
export const LOCALE_PARAMS = ['locale', 'pcLangTag', 'gcLangTag', 'language', 'lang'] as const;

/**
 * The agent's language (docs/PROTOCOL.md §11), chosen in the documented
 * order: the element's `locale` attribute, a `lang` the page put on the
 * element, the host's `set-locale` (the desktop knows the agent's language now;
 * a URL was built earlier), the URL parameters ({@link LOCALE_PARAMS}), and
 * only when none of those names a language, the browser's languages. A named
 * language the workspace does not have falls back to English, not to the
 * browser. Applied to the whole page (the catalog is global) and to the
 * element's `lang` and `dir`.
 */
export class LocaleController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: {
    /** the `locale` attribute */
    locale: () => string | undefined;
    /** the query string the session is read from */
    search: () => string;
  };
  /** the locale the host asked for (`set-locale`) */
  #hostLocale: string | undefined;
  /** the `lang` the page gave the element, before the controller set its own */
  #pageLang: string | null | undefined;
  /** settles when the chosen locale is in use (or could not be loaded: English stays) */
  #ready: Promise<void> = Promise.resolve();

  /**
   * Resolves when the chosen language is in use, or after {@link LOCALE_WAIT_MS}
   * (then English shows until it arrives): the first paint waits for it.
   */
  ready(): Promise<void> {
    return Promise.race([
      this.#ready,
      new Promise<void>((resolve) => setTimeout(resolve, LOCALE_WAIT_MS)),
    ]);
  }

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    options: { locale: () => string | undefined; search: () => string },
  ) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    // once: on a later connect (the element moved) `lang` is the one this controller set
    if (this.#pageLang === undefined) this.#pageLang = this.#host.getAttribute('lang');
  }

  /** The host's `set-locale`. */
  setHostLocale(locale: string): void {
    this.#hostLocale = locale;
    this.choose();
  }

  /** Chooses the locale again (an input changed). */
  choose(): void {
    const query = new URLSearchParams(this.#options.search());
    const named = [
      this.#options.locale(),
      this.#pageLang,
      this.#hostLocale,
      ...LOCALE_PARAMS.map((p) => query.get(p)),
    ].filter((tag): tag is string => Boolean(tag?.trim()));
    // a language someone named decides (English when we do not have it); else the browser's
    const locale = pickLocale(named.length > 0 ? named : navigator.languages);
    this.#host.lang = locale;
    this.#host.dir = directionOf(locale);
    // a language file that cannot be loaded (blocked, offline) leaves English, never an error
    this.#ready = useLocale(locale).catch(() => undefined);
  }
}
