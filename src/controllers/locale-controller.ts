import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LOCALE_WAIT_MS, directionOf, pickLocale, useLocale } from '../i18n/locale.js';

/**
 * The agent's language (docs/PROTOCOL.md §11), chosen in the documented
 * order: the element's `locale` attribute, a `lang` the page put on the
 * element, the `locale` and `pcLangTag` URL parameters, the host's
 * `set-locale`, the browser's languages, English. Applied to the whole page
 * (the catalog is global) and to the element's `lang` and `dir`.
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
    const locale = pickLocale([
      this.#options.locale(),
      this.#pageLang,
      query.get('locale'),
      query.get('pcLangTag'),
      this.#hostLocale,
      ...navigator.languages,
    ]);
    this.#host.lang = locale;
    this.#host.dir = directionOf(locale);
    // a language file that cannot be loaded (blocked, offline) leaves English, never an error
    this.#ready = useLocale(locale).catch(() => undefined);
  }
}
