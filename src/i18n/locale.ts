/**
 * The agent's language: which locales there are, which one a workspace uses,
 * and switching at runtime (`@lit/localize`, runtime mode). The translations
 * are inlined in the one script (no second file to fetch, nothing a CSP must
 * allow); see the README for what that costs.
 *
 * `@lit/localize` keeps one locale per page: two workspaces on one page speak
 * the same language (the one set last).
 */
import { configureLocalization } from '@lit/localize';
import type { LocaleModule } from '@lit/localize';
import * as ar from './locales/ar.js';
import * as de from './locales/de.js';
import * as es from './locales/es.js';
import * as fr from './locales/fr.js';
import * as ja from './locales/ja.js';
import * as ptBR from './locales/pt-BR.js';

export const SOURCE_LOCALE = 'en';
export const TARGET_LOCALES = ['de', 'fr', 'es', 'pt-BR', 'ja', 'ar'] as const;
export const LOCALES = [SOURCE_LOCALE, ...TARGET_LOCALES] as const;
export type Locale = (typeof LOCALES)[number];

/** The locales written right to left. */
const RTL: ReadonlySet<Locale> = new Set<Locale>(['ar']);

/** Each target locale's translations (inlined: see the README for the size). */
export const MODULES: Record<(typeof TARGET_LOCALES)[number], LocaleModule> = {
  de,
  fr,
  es,
  'pt-BR': ptBR,
  ja,
  ar,
};

const { getLocale, setLocale } = configureLocalization({
  sourceLocale: SOURCE_LOCALE,
  targetLocales: TARGET_LOCALES,
  loadLocale: (locale) => Promise.resolve(MODULES[locale as keyof typeof MODULES]),
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
