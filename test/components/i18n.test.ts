// The agent's language: every locale has every message, none left in
// English, the status screens and a whole conversation render in each (axe
// clean), Arabic mirrors, and the locale is chosen in the documented order.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { MessageId } from '../../src/i18n/messages.js';
import { messages, rendererEnglish } from '../../src/i18n/renderer-messages.js';
import { english } from '../../src/i18n/messages.js';
import {
  LOCALES,
  type Locale,
  TARGET_LOCALES,
  loadModule,
  getLocale,
  pickLocale,
  useLocale,
} from '../../src/i18n/locale.js';
import type { AcwWorkspace } from '../../src/components/acw-workspace.js';
import '../../src/components/acw-workspace.js';
import '../../src/components/acw-card-tile.js';
import type { CopilotConnectionOptions } from '../../src/transport/copilot-connection.js';
import { FakeConnection } from '../support/fake-connection.js';
import { type CountId, type LocalePlurals, counts } from '../../src/i18n/messages.js';
import {
  type InsertPlace,
  count,
  insertNote,
  malformed,
  moreCharacters,
  newMessages,
  unknownTiles,
} from '../../src/i18n/words.js';
import type { AcwTranscriptTile } from '../../src/components/acw-transcript-tile.js';
import { Transcript } from '../../src/state/transcript.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

/** Each target locale's translations, as the workspace loads them (each its own module). */
const TRANSLATIONS = Object.fromEntries(
  await Promise.all(TARGET_LOCALES.map(async (l) => [l, (await loadModule(l)).templates] as const)),
) as Record<Exclude<Locale, 'en'>, Record<string, unknown>>;

/** Messages of placeholders and punctuation only: the same where a language punctuates as English. */
const PUNCTUATION = [
  'paramProblem',
  'announceNext',
  'attachmentUnnamed',
  'attachmentNamed',
  'wrapUpCodeOption',
] as const satisfies readonly MessageId[];

/**
 * Words that are the same in a language as in English (checked by a person,
 * not left over): proper nouns, abbreviations, and loanwords in common use.
 */
const SAME_AS_ENGLISH: Partial<Record<Locale, readonly MessageId[]>> = {
  de: [
    'speakerBot',
    'speakerAgent',
    'titleChat',
    'chipIban',
    'chipUsSsn',
    'fieldVersion',
    'announce',
    ...PUNCTUATION,
  ],
  // (the review wants "Bot", "Type" and "Version" in French, "Bot" in Brazilian Portuguese)
  fr: [
    'speakerBot',
    'fieldVersion',
    'fieldType',
    'chipIban',
    'announceNext',
    'attachmentUnnamed',
    'wrapUpCodeOption',
    'wrapUpSources',
  ],
  es: ['chipIban', 'announce', ...PUNCTUATION],
  'es-419': ['titleChat', 'chipIban', 'announce', ...PUNCTUATION],
  'pt-BR': ['speakerBot', 'chipIban', 'chipEmailAddress', 'announce', ...PUNCTUATION],
  it: ['speakerBot', 'titleChat', 'chipIban', 'announce', ...PUNCTUATION],
  nl: ['speakerBot', 'speakerAgent', 'titleChat', 'chipIban', 'announce', ...PUNCTUATION],
  pl: ['speakerBot', 'chipIban', 'chipEmailAddress', 'announce', ...PUNCTUATION],
  ja: ['chipIban', 'announce'],
  ko: ['chipIban', 'announce', ...PUNCTUATION],
  ar: ['announce', ...PUNCTUATION],
};

const ids = Object.keys(messages) as MessageId[];
const ENGLISH: Record<MessageId, string> = { ...english, ...rendererEnglish };
/** How many arguments a message takes: its English text's placeholders. */
const arity = (id: MessageId) => new Set(ENGLISH[id].match(/\{\d\}/g)).size;
/** Each message with its arguments as visible markers. */
const rendered = () =>
  Object.fromEntries(
    ids.map((id) => {
      const fn = messages[id] as (...a: string[]) => string;
      return [id, fn(...Array.from({ length: arity(id) }, (_, i) => `⟦${i}⟧`))];
    }),
  ) as Record<MessageId, string>;

/**
 * Whether `category` holds a single count in `locale` (Arabic zero, one and
 * two; not the French one, 0 and 1): a form for it may say the number in
 * words and leave the digits out.
 */
const singleCount = (locale: string, category: Intl.LDMLPluralRule) => {
  const rules = new Intl.PluralRules(locale);
  return (
    Array.from({ length: 1001 }, (_, n) => rules.select(n)).filter((c) => c === category).length ===
    1
  );
};

/** The catalog ids of the count messages' `one` forms. */
const ONE_FORMS = new Set<MessageId>(Object.values(counts).map((c) => c.one));

afterEach(() => useLocale('en'));

describe('the message catalog', () => {
  it('every locale translates exactly the catalog’s ids', () => {
    for (const [locale, t] of Object.entries(TRANSLATIONS)) {
      expect(Object.keys(t).sort(), locale).to.deep.equal([...ids].sort());
    }
  });

  it('a translation names no placeholder its English text lacks (its argument would be lost)', () => {
    const slots = (text: unknown) => new Set(String(text).match(/\{\d\}/g));
    for (const [locale, t] of Object.entries(TRANSLATIONS)) {
      for (const id of ids) {
        const english = slots(ENGLISH[id]);
        for (const slot of slots(t[id])) expect(english, `${locale} ${id}`).to.include(slot);
      }
    }
  });

  it('a code outside its type (untyped page script) is shown as itself, not thrown on', () => {
    expect(insertNote('page')).to.equal('Inserted into your reply');
    expect(insertNote('somewhere-else' as InsertPlace)).to.equal('somewhere-else');
  });

  it('an argument is shown as given, its own braces not read as placeholders', async () => {
    expect(messages.serverSaidText('{0} and {1}')).to.equal('The copilot said: {0} and {1}');
    expect(messages.paramProblem('{1}', 'missing')).to.equal('{1}: missing');
    await useLocale('de');
    expect(messages.serverSaidText('{0}')).to.equal('Der Copilot meldet: {0}');
  });

  it('no message is left in English, and every placeholder is kept', async () => {
    const english = rendered();
    for (const locale of Object.keys(TRANSLATIONS) as Locale[]) {
      await useLocale(locale);
      const translated = rendered();
      for (const id of ids) {
        const same = SAME_AS_ENGLISH[locale]?.includes(id) ?? false;
        if (!same) expect(translated[id], `${locale} ${id}`).to.not.equal(english[id]);
        // (a `one` form may say its number in words where `one` is a single count: Arabic)
        if (ONE_FORMS.has(id) && singleCount(locale, 'one')) continue;
        for (const marker of english[id].match(/⟦\d⟧/g) ?? []) {
          expect(translated[id], `${locale} ${id} keeps ${marker}`).to.include(marker);
        }
      }
    }
  });

  it('the handoff brief and the wrap-up summary are two words in every language', async () => {
    // the agent reads both around a handover: "Back to the brief" must not say "summary"
    const briefIds = [
      'briefTitle',
      'backToBrief',
      'briefLoading',
      'briefFailed',
      'briefUrlInvalid',
      'tileBriefInvalid',
    ] as const satisfies readonly MessageId[];
    for (const locale of ['en', ...TARGET_LOCALES] as Locale[]) {
      await useLocale(locale);
      const t = rendered();
      // the summary's word without its inflection (an ending, the Arabic article)
      const word = t.wrapUpSummary.toLocaleLowerCase(locale).replace(/^ال/u, '');
      const stem = [...word].slice(0, Math.max(2, [...word].length - 2)).join('');
      for (const id of briefIds) {
        expect(t[id].toLocaleLowerCase(locale), `${locale} ${id} says "${stem}"`).to.not.include(
          stem,
        );
      }
    }
  });

  it('picks the nearest locale it has', () => {
    expect(pickLocale(['de-AT'])).to.equal('de');
    expect(pickLocale(['pt', 'en'])).to.equal('pt-BR');
    expect(pickLocale(['pt_br'])).to.equal('pt-BR');
    expect(pickLocale(['xx', undefined, '', 'ja-JP'])).to.equal('ja');
    expect(pickLocale(['zz'])).to.equal('en');
    expect(pickLocale([])).to.equal('en');
  });

  it('Latin-American Spanish is es-419, Spain’s and plain Spanish es', () => {
    for (const tag of ['es-MX', 'es-AR', 'es-CO', 'es_cl', 'es-US', 'es-419', 'es-Latn-PE']) {
      expect(pickLocale([tag]), tag).to.equal('es-419');
    }
    for (const tag of ['es', 'es-ES', 'ES-es', 'es-GQ']) {
      expect(pickLocale([tag]), tag).to.equal('es');
    }
    expect(pickLocale(['pt-PT'])).to.equal('pt-BR');
  });

  it('French: a no-break space before a colon, a narrow no-break space before ; ? ! and inside « »', async () => {
    await useLocale('fr');
    for (const [id, text] of Object.entries(rendered())) {
      // (`blob:` is a CSP source, written as it is)
      const t = text.replaceAll('frame-src blob:', 'frame-src');
      for (const m of t.matchAll(/(.?)([:;?!])/gu)) {
        const space = m[2] === ':' ? '\u00a0' : '\u202f';
        expect(m[1], `fr ${id}: before ${m[2]} in ${JSON.stringify(t)}`).to.equal(space);
      }
      for (const m of t.matchAll(/«(.?)/gu)) {
        expect(m[1], `fr ${id}: after « in ${JSON.stringify(t)}`).to.equal('\u202f');
      }
      for (const m of t.matchAll(/(.?)»/gu)) {
        expect(m[1], `fr ${id}: before » in ${JSON.stringify(t)}`).to.equal('\u202f');
      }
    }
    expect(messages.unknownType('x')).to.include('«\u202fx\u202f»');
    expect(messages.paramProblem('a', 'b')).to.equal('a\u00a0: b');
  });

  it('Latin-American Spanish: es’s text where it is the same, its own where it differs', () => {
    const es = TRANSLATIONS.es;
    const la = TRANSLATIONS['es-419'];
    for (const id of ['titleChat', 'attachmentVideo', 'linkExpired', 'copyBlocked'] as const) {
      expect(la[id], id).to.not.deep.equal(es[id]);
    }
    for (const id of ['linkIncomplete', 'send', 'paramProblem'] as const) {
      expect(la[id], id).to.equal(es[id]);
    }
    // (comillas “ ”, no «»: no entry of es's with «» is left in es-419)
    for (const [id, t] of Object.entries(la)) {
      const text = typeof t === 'string' ? t : (t as { strings: string[] }).strings.join('');
      expect(text, `es-419 ${id}`).to.not.match(/[«»]/);
    }
  });
});

// ------------------------------------------------------------------ rendering

/** `lang`: a `lang` attribute the page puts on the element */
async function mount(
  locale: string | undefined,
  search = '?userId=u&sessionId=s&URLToken=t',
  lang?: string,
) {
  const made: FakeConnection[] = [];
  const el = await fixture<AcwWorkspace>(
    html`<acw-workspace
      style="block-size: 560px; inline-size: 760px"
      endpoint="http://127.0.0.1:9"
      locale=${locale ?? ''}
      lang=${lang ?? nothing}
      .search=${search}
      .connectionFactory=${(o: CopilotConnectionOptions) => {
        const c = new FakeConnection(o);
        made.push(c);
        return c;
      }}
    ></acw-workspace>`,
  );
  await settled(el);
  return { el, conn: () => made.at(-1) as FakeConnection, made };
}

/** The workspace and every element under it have rendered (and the locale is loaded). */
async function settled(el: AcwWorkspace) {
  for (let i = 0; i < 3; i++) {
    await el.updateComplete;
    for (const child of deepElements(el)) {
      await (child as Element & { updateComplete?: Promise<unknown> }).updateComplete;
    }
    await new Promise((r) => requestAnimationFrame(r));
  }
}

function deepElements(from: Element | ShadowRoot): Element[] {
  const out: Element[] = [];
  const root = from instanceof Element && from.shadowRoot ? from.shadowRoot : from;
  for (const e of root.querySelectorAll('*')) {
    out.push(e);
    if (e.shadowRoot) out.push(...deepElements(e.shadowRoot));
  }
  return out;
}

/** What the agent reads and hears: text, and the labels assistive technology reads. */
function words(el: AcwWorkspace): string {
  const parts: string[] = [];
  const walk = (root: Element | ShadowRoot) => {
    for (const node of root.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      if (node instanceof Element) {
        if (node.tagName === 'STYLE') continue;
        for (const a of ['aria-label', 'title', 'placeholder']) {
          const v = node.getAttribute(a);
          if (v) parts.push(v);
        }
        if (node.shadowRoot) walk(node.shadowRoot);
        walk(node);
      }
    }
  };
  walk(el.shadowRoot as ShadowRoot);
  return parts.join(' ').replace(/\s+/g, ' ');
}

/** The English catalog (rendered at load, in English) cut into its fixed pieces around the placeholders. */
const ENGLISH_PIECES = Object.entries(rendered()).flatMap(([id, text]) =>
  text
    .split(/⟦\d⟧/)
    .map((p) => p.trim().replace(/^[:.…]+|[:.…]+$/g, ''))
    .filter((p) => p.length >= 3)
    .map((piece) => ({ id: id as MessageId, piece })),
);
const englishPieces = () => ENGLISH_PIECES;

/** `piece` in `text` as whole words (téléphone does not contain the English "phone"). */
const containsWords = (text: string, piece: string) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])${piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
    'u',
  ).test(text);

/** The screens a workspace shows, each set up on a fresh workspace. */
const SCREENS: Record<string, (c: FakeConnection) => void> = {
  connecting: () => {},
  joining: (c) => c.emit('status', { type: 'joining' }),
  unreachable: (c) => c.emit('status', { type: 'connect-failed', code: 'unreachable' }),
  'connect-refused': (c) =>
    c.emit('status', { type: 'connect-failed', code: 'connect-refused', server: 'SRV' }),
  'token-expired': (c) =>
    c.emit('status', { type: 'join-refused', code: 'token-expired', server: 'SRV' }),
  whisper: (c) =>
    c.emit('status', { type: 'join-refused', code: 'copilot-whisper', server: 'SRV' }),
  off: (c) => c.emit('status', { type: 'join-refused', code: 'copilot-off', server: 'SRV' }),
  refused: (c) => c.emit('status', { type: 'join-refused', server: 'SRV' }),
  'no-answer': (c) => c.emit('status', { type: 'join-refused', code: 'no-answer' }),
  'connected, no tiles': (c) => c.goLive(),
  conversation: (c) => {
    c.goLive();
    c.emit('config', {
      grid: { columns: 3, rows: 2 },
      tiles: new Map([
        ['transcript', { x: 1, y: 1, rows: 2 }],
        ['next', { x: 2, y: 1 }],
        ['odd', { x: 3, y: 1 }],
        ['broken', { x: 2, y: 2 }],
        ['later', { x: 3, y: 2 }],
      ]),
    });
    c.emit('tileUpdate', {
      id: 'transcript',
      version: 1,
      type: 'transcript',
      data: {
        chatInput: { enabled: true },
        messages: [
          { _id: '1', source: 'bot', text: '1 2 3', createdAt: '2026-11-21T09:05:00Z' },
          {
            _id: '2',
            source: 'user',
            text: '4111 CREDIT_CARD_NUMBER EMAIL_ADDRESS PHONE_NUMBER IBAN US_SSN',
          },
          {
            _id: '3',
            source: 'user',
            data: { _cognigy: { _defaultPreview: { attachments: [{ type: 'image' }] } } },
          },
          { _id: '4', source: 'user' },
          { _id: '5', source: 'agent', text: '5 6', final: false },
        ],
      },
    });
    c.emit('reply', { clientMessageId: 'a', text: '7', state: 'pending' });
    c.emit('reply', {
      clientMessageId: 'b',
      text: '8',
      state: 'failed',
      error: { code: 'no-answer' },
    });
    c.emit('reply', {
      clientMessageId: 'c',
      text: '9',
      state: 'retrying',
      error: { code: 'rate-limited' },
    });
    c.emit('tileUpdate', {
      id: 'next',
      version: 1,
      type: 'html',
      data: { html: '<p>x</p>', suggestion: '10' },
    });
    c.emit('tileUpdate', { id: 'odd', version: 1, type: 'mystery', data: {} });
    c.emit('tileUpdate', { id: 'broken', version: 1, type: 'html', data: { html: 5 } });
    c.emit('tileUpdate', { id: 'nowhere', version: 1, type: 'html', data: { html: '' } });
    c.emit('diagnostic', { kind: 'invalid-frame', event: 'config', problem: 'x', dropped: 2 });
  },
  reconnecting: (c) => {
    SCREENS.conversation?.(c);
    c.emit('status', { type: 'disconnected', reason: 'transport close' });
  },
};

for (const locale of LOCALES) {
  describe(`the workspace in ${locale}`, () => {
    it('shows every screen with no English left, and is axe clean', async () => {
      for (const [name, setUp] of Object.entries(SCREENS)) {
        const { el, conn } = await mount(locale);
        setUp(conn());
        await settled(el);
        if (name === 'conversation') {
          // open the reason picker too
          const tile = deepElements(el).find((e) => e.tagName === 'ACW-HTML-TILE');
          tile?.shadowRoot?.querySelector<HTMLButtonElement>('button.down')?.click();
          await settled(el);
        }
        expect(el.lang, name).to.equal(locale);
        expect(getLocale()).to.equal(locale);
        if (locale !== 'en') {
          // (the product's name is a name: "Agent Copilot" is not English left over)
          const text = words(el).replaceAll('Agent Copilot', '');
          const left = englishPieces().filter(
            ({ id, piece }) =>
              !(SAME_AS_ENGLISH[locale]?.includes(id) ?? false) && containsWords(text, piece),
          );
          const where = left.map((l) =>
            text.slice(Math.max(0, text.indexOf(l.piece) - 40), text.indexOf(l.piece) + 40),
          );
          expect(
            left.map((l) => l.piece),
            `${locale} ${name}: English left in ${where.join(' | ')}`,
          ).to.deep.equal([]);
        }
        if (['conversation', 'token-expired', 'unreachable'].includes(name)) {
          await expect(el, `${locale} ${name}`).to.be.accessible();
        }
        el.remove();
      }
    });

    it('names the problems of an incomplete link and an unset endpoint in the language', async () => {
      const { el } = await mount(locale, '?userId=u&sessionId=&URLToken=a&URLToken=b');
      const text = words(el);
      expect(text).to.include('sessionId').and.include('URLToken');
      if (locale !== 'en') {
        for (const english of ['Ask your administrator', 'empty', 'given more than once']) {
          expect(text, locale).to.not.include(english);
        }
      }
      el.remove();
    });
  });
}

describe('the locale: chosen in order, changed without reconnecting', () => {
  const spoken = (el: AcwWorkspace) =>
    el.shadowRoot?.querySelector('[part="status"] h2')?.textContent?.trim();

  it('the attribute wins over the URL, locale over pcLangTag, pcLangTag over the browser', async () => {
    const a = await mount('ja', '?userId=u&sessionId=s&URLToken=t&locale=fr&pcLangTag=de-de');
    expect(a.el.lang).to.equal('ja');
    a.el.remove();
    const b = await mount(undefined, '?userId=u&sessionId=s&URLToken=t&locale=fr&pcLangTag=de-de');
    expect(b.el.lang).to.equal('fr');
    b.el.remove();
    const c = await mount(undefined, '?userId=u&sessionId=s&URLToken=t&pcLangTag=pt-br');
    expect(c.el.lang).to.equal('pt-BR');
    expect(spoken(c.el)).to.equal('Conectando ao copiloto…');
    c.el.remove();
  });

  it('a lang the page put on the element wins over the URL; the locale attribute wins over lang', async () => {
    const query = '?userId=u&sessionId=s&URLToken=t&locale=fr&pcLangTag=ja';
    const a = await mount(undefined, query, 'de');
    expect(a.el.lang).to.equal('de');
    expect(getLocale()).to.equal('de');
    expect(spoken(a.el)).to.equal('Verbindung zum Copilot wird hergestellt…');
    a.el.remove();
    const b = await mount('pt-BR', query, 'de');
    expect(b.el.lang).to.equal('pt-BR');
    expect(spoken(b.el)).to.equal('Conectando ao copiloto…');
    b.el.remove();
  });

  it('moved in the page, it does not take the lang it set itself for the page’s: the URL still decides', async () => {
    const query = (locale: string) => `?userId=u&sessionId=s&URLToken=t&locale=${locale}`;
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    try {
      const { el } = await mount(undefined, query('fr'));
      expect(el.lang).to.equal('fr');
      elsewhere.appendChild(el); // disconnected, and connected again
      await settled(el);
      el.search = query('es');
      await settled(el);
      expect(el.lang).to.equal('es');
      expect(spoken(el)).to.equal('Conectando con el copiloto…');
      // a lang the page gave it stays the page's after a move
      const paged = await mount(undefined, query('fr'), 'de');
      elsewhere.appendChild(paged.el);
      await settled(paged.el);
      paged.el.search = query('es');
      await settled(paged.el);
      expect(paged.el.lang).to.equal('de');
    } finally {
      elsewhere.remove();
    }
  });

  it('without any, the browser’s languages, then English', async () => {
    const original = Object.getOwnPropertyDescriptor(navigator, 'languages');
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['es-MX'] });
    try {
      const { el } = await mount(undefined);
      expect(el.lang).to.equal('es-419');
      el.remove();
      Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['xx'] });
      const other = await mount(undefined);
      expect(other.el.lang).to.equal('en');
      other.el.remove();
    } finally {
      if (original) Object.defineProperty(navigator, 'languages', original);
      else delete (navigator as { languages?: unknown }).languages;
    }
  });

  it('a change at runtime re-renders in the new language, keeps the session, and mirrors for Arabic', async () => {
    const { el, conn, made } = await mount('en');
    SCREENS.conversation?.(conn());
    await settled(el);
    expect(words(el)).to.include('Insert into reply');
    el.locale = 'ar';
    await waitUntil(() => words(el).includes('إدراج في الرد'), 'Arabic on screen');
    expect(made, 'no new connection').to.have.length(1);
    expect(conn().disposed).to.equal(false);
    expect(el.dir).to.equal('rtl');
    await settled(el);
    // the customer's messages sit on the start side, which is the right in Arabic
    const transcript = deepElements(el).find((e) => e.tagName === 'ACW-TRANSCRIPT-TILE');
    await waitUntil(
      () => transcript?.shadowRoot?.querySelector('.msg.in .bubble') !== null,
      'rows laid out',
    );
    const log = transcript?.shadowRoot?.querySelector('.scroller') as HTMLElement;
    const customer = transcript?.shadowRoot?.querySelector('.msg.in .bubble') as HTMLElement;
    const agent = transcript?.shadowRoot?.querySelector('.msg.out .bubble') as HTMLElement;
    const box = log.getBoundingClientRect();
    expect(box.right - customer.getBoundingClientRect().right).to.be.below(30);
    expect(agent.getBoundingClientRect().left - box.left).to.be.below(30);
    await expect(el).to.be.accessible();
    el.locale = 'de';
    await waitUntil(() => words(el).includes('In Antwort einfügen'), 'German on screen');
    expect(el.dir).to.equal('ltr');
    el.remove();
  });
});

// ------------------------------------------------------------------ counts and joins

describe('counts: a form for every plural category of the language', () => {
  it('every locale has every category Intl.PluralRules gives it, for every count message', async () => {
    for (const locale of LOCALES) {
      const module =
        locale === 'en'
          ? { templates: messages as Record<string, unknown>, plurals: undefined }
          : ((await loadModule(locale)) as unknown as {
              templates: Record<string, unknown>;
              plurals?: LocalePlurals;
            });
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const id of Object.keys(counts) as CountId[]) {
        const extra = module.plurals?.forms?.[id] ?? {};
        for (const category of categories) {
          const has =
            category === 'one' || category === 'other'
              ? counts[id][category] in module.templates
              : category in extra || (module.plurals?.asOther?.includes(category) ?? false);
          expect(has, `${locale} ${id}: a form for ${category}`).to.equal(true);
        }
        for (const [category, form] of Object.entries(extra)) {
          expect(categories, `${locale} ${id}: ${category} is the language's`).to.include(category);
          // (a category of a single count, Arabic zero and two, may say it in words only)
          const values = [...form.matchAll(/\{(\d)\}/g)].map((slot) => Number(slot[1]));
          expect(values, `${locale} ${id} ${category} keeps its number`).to.deep.equal(
            values.length === 0 && singleCount(locale, category as Intl.LDMLPluralRule) ? [] : [0],
          );
        }
      }
    }
  });

  it('Arabic: 0, 1, 2, 3, 11 and 100 each read in their own, correct form', async () => {
    await useLocale('ar');
    const d = (n: number) => n.toLocaleString('ar');
    const NS = [0, 1, 2, 3, 11, 100];
    const expected: [string, (n: number) => string, string[]][] = [
      [
        'malformed',
        malformed,
        [
          `لم يُتجاهل أي تحديث غير صالح.`,
          `تم تجاهل تحديث واحد غير صالح.`,
          `تم تجاهل تحديثين غير صالحين.`,
          `تم تجاهل ${d(3)} تحديثات غير صالحة.`,
          `تم تجاهل ${d(11)} تحديثًا غير صالح.`,
          `تم تجاهل ${d(100)} تحديث غير صالح.`,
        ],
      ],
      [
        'newMessages',
        newMessages,
        [
          `لا رسائل جديدة`,
          `رسالة جديدة واحدة`,
          `رسالتان جديدتان`,
          `${d(3)} رسائل جديدة`,
          `${d(11)} رسالةً جديدةً`,
          `${d(100)} رسالة جديدة`,
        ],
      ],
      [
        'moreCharacters',
        moreCharacters,
        [
          `… لا أحرف إضافية غير معروضة`,
          `… حرف إضافي واحد غير معروض`,
          `… حرفان إضافيان غير معروضين`,
          `… ${d(3)} أحرف إضافية غير معروضة`,
          `… ${d(11)} حرفًا إضافيًا غير معروض`,
          `… ${d(100)} حرف إضافي غير معروض`,
        ],
      ],
    ];
    for (const [name, fn, forms] of expected) {
      expect(
        NS.map((n) => fn(n)),
        name,
      ).to.deep.equal(forms);
    }
    // zero, one and two say the number in words (no digits repeating it); few, many and other in digits
    for (const [name, fn] of [
      ['malformed', malformed],
      ['newMessages', newMessages],
      ['moreCharacters', moreCharacters],
      ['unknownTiles', unknownTiles],
      ['paramTooLong', (n: number) => count('paramTooLong', n)],
    ] as const) {
      const texts = NS.map((n) => fn(n));
      expect(new Set(texts).size, `${name}: ${texts.join(' | ')}`).to.equal(NS.length);
      NS.forEach((n, i) => {
        if (n <= 2) expect(texts[i], `${name} ${n}`).to.not.match(/[0-9\u0660-\u0669]/u);
        else expect(texts[i], `${name} ${n}`).to.include(d(n));
      });
    }
  });

  it('Arabic: a conversation shows each count in its form', async () => {
    const { el, conn } = await mount('ar');
    const c = conn();
    c.goLive();
    c.emit('config', { grid: { columns: 1, rows: 1 }, tiles: new Map([['t', { x: 1, y: 1 }]]) });
    c.emit('tileUpdate', {
      id: 't',
      version: 1,
      type: 'transcript',
      data: {
        messages: [2, 3, 11].map((n) => ({
          _id: `m${n}`,
          source: 'user',
          text: `long ${n}`,
          truncated: n,
        })),
      },
    });
    c.emit('diagnostic', { kind: 'invalid-frame', event: 'config', problem: 'x', dropped: 2 });
    await settled(el);
    const d = (n: number) => n.toLocaleString('ar');
    await waitUntil(() => words(el).includes(`… حرفان إضافيان غير معروضين`), 'two');
    const text = words(el);
    expect(text).to.include(`… ${d(3)} أحرف إضافية غير معروضة`);
    expect(text).to.include(`… ${d(11)} حرفًا إضافيًا غير معروض`);
    expect(text).to.include(`تم تجاهل تحديثين غير صالحين.`);
    expect(text, 'no digits repeating the dual').to.not.include(`(${d(2)})`);
    el.remove();
  });

  it('English: one and other', async () => {
    expect(moreCharacters(1)).to.equal('… 1 more character not shown');
    expect(moreCharacters(2)).to.equal('… 2 more characters not shown');
    expect(newMessages(0)).to.equal('0 new messages');
    expect(malformed(1)).to.equal('1 malformed update was ignored.');
  });
});

describe('joins: the locale’s punctuation, never a hard-coded one', () => {
  /** How each locale writes "label: value". */
  const COLON = { ja: '：', fr: '\u00a0: ' } as const;

  for (const locale of ['ja', 'fr'] as const) {
    const colon = COLON[locale];

    it(`${locale}: a URL parameter and its problem, and the server's words`, async () => {
      const { el } = await mount(locale, '?userId=u&sessionId=&URLToken=a&URLToken=b');
      const items = [...(el.shadowRoot?.querySelectorAll('[part="status"] li') ?? [])].map(
        (li) => li.textContent?.trim() ?? '',
      );
      expect(items).to.have.length(2);
      expect(items[0], items[0]).to.equal(`sessionId${colon}${messages.paramEmpty()}`);
      expect(items[1], items[1]).to.equal(`URLToken${colon}${messages.paramRepeated()}`);
      el.remove();

      const expired = await mount(locale);
      expired.conn().emit('status', { type: 'join-refused', code: 'token-expired', server: 'SRV' });
      await settled(expired.el);
      const server = expired.el.shadowRoot?.querySelector('.server')?.textContent?.trim() ?? '';
      expect(server, server).to.match(new RegExp(`${colon}SRV$`));
      expect(server.split('SRV')[0]?.trim(), 'the words are the locale’s').to.not.include(
        'copilot said',
      );
      expired.el.remove();
    });

    it(`${locale}: attachments and announcements`, async () => {
      await useLocale(locale);
      const el = await fixture<AcwTranscriptTile>(
        html`<acw-transcript-tile
          style="block-size: 300px"
          .transcript=${Transcript.of([
            {
              _id: 'a',
              source: 'user',
              attachments: [
                { type: 'image', name: 'a.png' },
                { type: 'audio', name: 'b.ogg' },
              ],
            },
          ])}
        ></acw-transcript-tile>`,
      );
      await waitUntil(() => el.shadowRoot?.querySelector('.bubble'), 'the row');
      const bubble = el.shadowRoot?.querySelector('.bubble')?.textContent ?? '';
      const image = messages.attachmentImage();
      const audio = messages.attachmentAudio();
      expect(bubble).to.equal(
        locale === 'ja'
          ? `［${image}：a.png］［${audio}：b.ogg］`
          : `[${image}\u00a0: a.png] [${audio}\u00a0: b.ogg]`,
      );
      el.transcript = el.transcript.append([
        { _id: 'y', source: 'user', text: 'Y' },
        { _id: 'n', source: 'user', text: 'N' },
      ]).transcript;
      await el.updateComplete;
      const region = el.shadowRoot?.querySelector('.wrap > [role="status"]')?.textContent?.trim();
      const who = messages.speakerUser();
      expect(region).to.equal(
        locale === 'ja' ? `${who}：Y。${who}：N` : `${who}\u00a0: Y. ${who}\u00a0: N`,
      );
      el.remove();
    });
  }
});
