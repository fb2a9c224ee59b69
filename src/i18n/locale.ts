/**
 * The agent's language: which locales there are, which one a workspace uses,
 * and switching at runtime (`@lit/localize`, runtime mode). English is built
 * in; each other locale's translations load when first chosen: in the ES
 * modules a chunk of their own (a dynamic import), in the single script a
 * sibling file next to it (`acw-locale-<tag>.js`, an ES module imported from
 * the script's own URL), so an agent loads only their own language (about
 * 2.5 KiB gzip) and nobody the other five. The workspace holds its first
 * paint for its language (at most {@link LOCALE_WAIT_MS}).
 *
 * `@lit/localize` keeps one locale per page: two workspaces on one page speak
 * the same language (the one set last).
 */
import { configureLocalization } from '@lit/localize';
import type { LocaleModule } from '@lit/localize';

export const SOURCE_LOCALE = 'en';
export const TARGET_LOCALES = ['de', 'fr', 'es', 'pt-BR', 'ja', 'ar'] as const;
export const LOCALES = [SOURCE_LOCALE, ...TARGET_LOCALES] as const;
export type Locale = (typeof LOCALES)[number];

/** The locales written right to left. */
const RTL: ReadonlySet<Locale> = new Set<Locale>(['ar']);

export type TargetLocale = (typeof TARGET_LOCALES)[number];

/** How long the first paint waits for the agent's language before it shows English, ms. */
export const LOCALE_WAIT_MS = 1500;

/** Set by the single-script build (vite `define`): locales are sibling files, not chunks. */
declare const __ACW_SINGLE_SCRIPT__: boolean | undefined;

const SINGLE_SCRIPT = typeof __ACW_SINGLE_SCRIPT__ !== 'undefined' && __ACW_SINGLE_SCRIPT__;

/**
 * Where the single script was loaded from (read while it is evaluated: later
 * `document.currentScript` is gone): its locale files sit next to it.
 */
const scriptUrl = SINGLE_SCRIPT
  ? ((document.currentScript as HTMLScriptElement | null)?.src ?? document.baseURI)
  : undefined;

/** One target locale's translations, loaded once. */
export function loadModule(locale: TargetLocale): Promise<LocaleModule> {
  if (SINGLE_SCRIPT) {
    const url = new URL(`acw-locale-${locale}.js`, scriptUrl).href;
    return import(/* @vite-ignore */ url) as Promise<LocaleModule>;
  }
  switch (locale) {
    case 'de':
      return import('./locales/de.js');
    case 'fr':
      return import('./locales/fr.js');
    case 'es':
      return import('./locales/es.js');
    case 'pt-BR':
      return import('./locales/pt-BR.js');
    case 'ja':
      return import('./locales/ja.js');
    case 'ar':
      return import('./locales/ar.js');
    default: {
      const never: never = locale;
      return never;
    }
  }
}

const { getLocale, setLocale } = configureLocalization({
  sourceLocale: SOURCE_LOCALE,
  targetLocales: TARGET_LOCALES,
  loadLocale: (locale) => loadModule(locale as TargetLocale),
});

export { getLocale };

/** Switches every workspace on the page to `locale` (components re-render; nothing reconnects). */
export function useLocale(locale: Locale): Promise<void> {
  return getLocale() === locale ? Promise.resolve() : setLocale(locale);
}

/**
 * The first supported locale among `wanted` (BCP 47 tags, best first):
 * an exact match (any case), else the same language (`de-AT` → `de`,
 * `pt` or `pt-PT` → `pt-BR`); `en` when none is supported.
 */
export function pickLocale(wanted: readonly (string | null | undefined)[]): Locale {
  for (const tag of wanted) {
    if (!tag) continue;
    const t = tag.trim().replace(/_/g, '-').toLowerCase();
    const exact = LOCALES.find((l) => l.toLowerCase() === t);
    if (exact) return exact;
    const language = t.split('-')[0];
    const same = LOCALES.find((l) => l.toLowerCase().split('-')[0] === language);
    if (same) return same;
  }
  return SOURCE_LOCALE;
}

export const isLocale = (v: string): v is Locale => (LOCALES as readonly string[]).includes(v);

/** `rtl` or `ltr`. */
export const directionOf = (locale: Locale): 'rtl' | 'ltr' => (RTL.has(locale) ? 'rtl' : 'ltr');

/** One `Intl` object per locale, made when first needed (they are costly to make, not to use). */
function perLocale<T>(make: (locale: string) => T): () => T {
  const made = new Map<string, T>();
  return () => {
    const locale = getLocale();
    let value = made.get(locale);
    if (value === undefined) {
      value = make(locale);
      made.set(locale, value);
    }
    return value;
  };
}

const timeFormat = perLocale(
  (locale) => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }),
);
const pluralRules = perLocale((locale) => new Intl.PluralRules(locale));

/** Hours and minutes, as the locale writes them. */
export const formatTime = (date: Date): string => timeFormat().format(date);

/** A count, as the locale writes numbers. */
export const formatNumber = (n: number): string => n.toLocaleString(getLocale());

/** `one` or `other` (the two forms the catalog has), by the locale's plural rules. */
export const pluralOne = (n: number): boolean => pluralRules().select(n) === 'one';
