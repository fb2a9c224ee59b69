/**
 * The agent's language: which locales there are, which one a workspace uses,
 * and switching at runtime (`@lit/localize`, runtime mode). English is built
 * in; each other locale's translations load when first chosen: in the ES
 * modules a chunk of their own (a dynamic import), in the single script a
 * sibling file next to it (`acw-locale-<tag>.js`, the file as an ES module,
 * imported from the script's own URL), so an agent loads only their own language (about
 * 3 KiB gzip) and nobody the others. The workspace holds its first
 * paint for its language (at most {@link LOCALE_WAIT_MS}).
 *
 * `@lit/localize` keeps one locale per page: two workspaces on one page speak
 * the same language (the one set last).
 */
import { configureLocalization } from '@lit/localize';
import type { LocalePlurals, MessageId } from './messages.js';
import { SINGLE_SCRIPT, importSibling } from '../transport/sibling.js';

export const SOURCE_LOCALE = 'en';
export const TARGET_LOCALES = [
  'de',
  'fr',
  'es',
  'es-419',
  'pt-BR',
  'it',
  'nl',
  'pl',
  'ja',
  'ko',
  'ar',
] as const;
export const LOCALES = [SOURCE_LOCALE, ...TARGET_LOCALES] as const;
export type Locale = (typeof LOCALES)[number];

/** The locales written right to left. */
const RTL: ReadonlySet<Locale> = new Set<Locale>(['ar']);

export type TargetLocale = (typeof TARGET_LOCALES)[number];

/** How long the first paint waits for the agent's language before it shows English, ms. */
export const LOCALE_WAIT_MS = 1500;

/**
 * A locale file (`locales/<tag>.json`): its language's name, a note for
 * translators, the locale it is a variant of (`extends`: its texts are the
 * base's where it has none of its own), its texts by message id (placeholders
 * `{0}`, `{1}`, as the English) and its plural forms beyond one and other.
 */
export interface LocaleFile {
  readonly language: string;
  readonly note?: string;
  readonly extends?: TargetLocale;
  readonly templates: Readonly<Partial<Record<MessageId, string>>>;
  readonly plurals?: LocalePlurals;
}

/** A full locale file, as the type check reads it: every id has a text (a missing one fails the build). */
type Full = () => Promise<{ default: { templates: Record<MessageId, string> } }>;
/** A variant's file: the texts that differ from its base's. */
type Variant = () => Promise<{
  default: { extends: string; templates: Partial<Record<MessageId, string>> };
}>;

/** Each target locale's file, imported when first chosen (the ES build: a chunk of its own). */
const FILES = {
  de: () => import('./locales/de.json'),
  fr: () => import('./locales/fr.json'),
  es: () => import('./locales/es.json'),
  'es-419': () => import('./locales/es-419.json'),
  'pt-BR': () => import('./locales/pt-BR.json'),
  it: () => import('./locales/it.json'),
  nl: () => import('./locales/nl.json'),
  pl: () => import('./locales/pl.json'),
  ja: () => import('./locales/ja.json'),
  ko: () => import('./locales/ko.json'),
  ar: () => import('./locales/ar.json'),
} satisfies { [L in TargetLocale]: L extends 'es-419' ? Variant : Full };

/**
 * One target locale's texts and plural forms, its base's under them where it
 * extends one (the single script's sibling files come with their base merged
 * in by the build, scripts/build.mjs).
 */
export async function loadModule(locale: TargetLocale): Promise<LocaleFile> {
  const file: { default: object } = SINGLE_SCRIPT
    ? await importSibling(`acw-locale-${locale}.js`)
    : await FILES[locale]();
  // (an unknown id, or a placeholder the English lacks, fails test/components/i18n.test.ts)
  const own = file.default as LocaleFile;
  if (own.extends === undefined) return own;
  const base = await loadModule(own.extends);
  return {
    ...own,
    templates: { ...base.templates, ...own.templates },
    plurals: own.plurals ?? base.plurals ?? {},
  };
}

/** Each loaded locale's plural forms beyond the catalog's one and other. */
const plurals = new Map<string, LocalePlurals>();

const { getLocale, setLocale } = configureLocalization({
  sourceLocale: SOURCE_LOCALE,
  targetLocales: TARGET_LOCALES,
  // (the file's `plurals`, its forms beyond one and other, kept for `localePlurals`)
  loadLocale: async (locale) => {
    const file = await loadModule(locale as TargetLocale);
    plurals.set(locale, file.plurals ?? {});
    return { templates: file.templates };
  },
});

export { getLocale };

/** Switches every workspace on the page to `locale` (components re-render; nothing reconnects). */
export function useLocale(locale: Locale): Promise<void> {
  return getLocale() === locale ? Promise.resolve() : setLocale(locale);
}

/**
 * Latin-American Spanish: `es-419` and the regions CLDR gives `es-419` as
 * parent locale (the Americas and the US), after an optional script.
 */
const LATIN_AMERICAN_SPANISH =
  /^es(-[a-z]{4})?-(419|ar|bo|br|bz|cl|co|cr|cu|do|ec|gt|hn|mx|ni|pa|pe|pr|py|sv|us|uy|ve)(-|$)/;

/**
 * The first supported locale among `wanted` (BCP 47 tags, best first):
 * an exact match (any case), else the regional variant for the tag's region
 * (`es-MX`, `es-AR`, `es-US` → `es-419`), else the same language, the plain
 * tag first (`de-AT` → `de`, `es-ES` → `es`, `pt` or `pt-PT` → `pt-BR`);
 * `en` when none is supported.
 */
export function pickLocale(wanted: readonly (string | null | undefined)[]): Locale {
  for (const tag of wanted) {
    if (!tag) continue;
    const t = tag.trim().replace(/_/g, '-').toLowerCase();
    const exact = LOCALES.find((l) => l.toLowerCase() === t);
    if (exact) return exact;
    if (LATIN_AMERICAN_SPANISH.test(t)) return 'es-419';
    const language = t.split('-')[0];
    // (the plain tag first: `es` comes before `es-419` in LOCALES)
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
const listFormat = perLocale(
  (locale) => new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }),
);

/** Hours and minutes, as the locale writes them. */
export const formatTime = (date: Date): string => timeFormat().format(date);

/** A count, as the locale writes numbers. */
export const formatNumber = (n: number): string => n.toLocaleString(getLocale());

/** The plural category of `n` by the locale's rules (`zero`, `one`, `two`, `few`, `many`, `other`). */
export const pluralCategory = (n: number): Intl.LDMLPluralRule => pluralRules().select(n);

/** The current locale's plural forms beyond one and other (none for English). */
export const localePlurals = (): LocalePlurals => plurals.get(getLocale()) ?? {};

/** Items side by side, as the locale lists units ("a b c" in English, "abc" in Japanese). */
export const formatList = (items: readonly string[]): string => listFormat().format(items);
