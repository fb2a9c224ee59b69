// Property-based tests (fast-check) of the endpoint's redactor (demo/redact.ts)
// and the client's card mask it uses (src/state/redaction.ts): PII rendered
// in the shapes customers type and speech recognisers emit (separators,
// Unicode spaces, zero-width characters, non-ASCII digit scripts, case,
// spoken e-mail), embedded in random text; and numbers that are not PII
// (timestamps, amounts, order numbers, dates, times, versions) left alone.
// 200 runs per property (fixed seeds); ACW_FUZZ_SCALE=n runs n times as many
// (`ACW_FUZZ_SCALE=20 node scripts/dev/node-test.mjs test/node/redact-shapes.test.ts`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { redact, redactInterim } from '../../demo/redact.js';
import { luhnValid, maskCardNumbers } from '../../src/state/redaction.js';

const scale = Math.max(1, Number(process.env.ACW_FUZZ_SCALE) || 1);
const runs = (seed: number) => ({ numRuns: 200 * scale, seed });

// ---------------------------------------------------------------- rendering

/** The zero of each digit script: ASCII, full-width, Arabic-Indic, Extended Arabic-Indic, Devanagari, Bengali, Thai, and two outside the BMP (Mathematical bold, Osmanya). */
const ZEROS = [0x30, 0xff10, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0x1d7ce, 0x104a0];
const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u200f'];
/** Separators between digit groups; one per number, as people write them. */
const SEPARATORS = [
  ' ',
  '  ',
  '   ',
  '\t',
  '.',
  '/',
  '-',
  ' - ',
  '\u00a0',
  '\u2007',
  '\u202f',
  '\u2009',
  '\u3000',
  '\u200b',
];

/** How digits are written: the zeros of the scripts used, cycled digit by digit (one: one script). */
const script = fc.oneof(
  fc.constantFrom(...ZEROS).map((z) => [z]),
  fc.array(fc.constantFrom(...ZEROS), { minLength: 1, maxLength: 4 }),
);
function renderDigits(ascii: string, zeros: number[]): string {
  let i = 0;
  return ascii.replace(/\d/g, (d) =>
    String.fromCodePoint((zeros[i++ % zeros.length] ?? 0x30) + Number(d)),
  );
}

/** Inserts zero-width characters between the code points of `s` (never at its ends). */
const withZeroWidth = (s: string) =>
  fc.array(fc.tuple(fc.nat(), fc.constantFrom(...ZERO_WIDTH)), { maxLength: 3 }).map((inserts) => {
    const cps = [...s];
    if (cps.length < 2) return s;
    for (const [at, zw] of inserts) {
      const i = 1 + (at % (cps.length - 1));
      cps.splice(i, 0, zw);
    }
    return cps.join('');
  });

/** Words of several scripts, no digit, no '@', none of the spoken cues (at, dot, SSN). */
const WORDS = [
  'my',
  'card',
  'number',
  'is',
  'please',
  'charge',
  'thanks',
  'the',
  'Karte',
  'número',
  'رقم',
  'البطاقة',
  'カード',
  '番号',
  'कार्ड',
  '🙂',
  'ok',
  '—',
  '…',
  'Ärger',
  'x',
  'Ω',
];
const words = fc.array(fc.constantFrom(...WORDS), { maxLength: 5 }).map((ws) => ws.join(' '));
/** Text before the value: ends with a space, a newline or ': '. */
const before = fc
  .tuple(words, fc.constantFrom(' ', '\n', ': ', ' "'))
  .map(([w, end]) => (w === '' ? '' : w + end));
/** Text after the value: starts with a space or punctuation that ends it. */
const after = fc
  .tuple(fc.constantFrom(' ', '. ', ', ', '! ', '? ', '\n', '" '), words)
  .map(([start, w]) => (w === '' ? '' : start + w))
  .chain((s) => fc.constantFrom(s, '', '.', '!', '?'));

function digitsAscii(s: string): string {
  return [...s.normalize('NFKC')]
    .map((ch) => {
      const cp = ch.codePointAt(0) ?? 0;
      for (const z of ZEROS) if (cp >= z && cp <= z + 9) return String(cp - z);
      return '';
    })
    .join('');
}

const digitString = (min: number, max: number) =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max })
    .map((a) => a.join(''));

// ---------------------------------------------------------------- card numbers

function luhnCheckDigit(payload: string): string {
  let sum = 0;
  let double = true;
  for (let i = payload.length - 1; i >= 0; i--) {
    let d = Number(payload[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Luhn-valid 13–19 digit numbers whose first digit is 2–9 (no card number starts with 0; see the epoch rule for 1). */
const cardDigits = fc
  .tuple(fc.integer({ min: 13, max: 19 }), fc.integer({ min: 2, max: 9 }), digitString(17, 17))
  .map(([len, first, rest]) => {
    // 14 digits starting with "20" could be a compact timestamp (20261120103000): not a card shape
    const second = len === 14 && first === 2 && rest[0] === '0' ? '1' : (rest[0] ?? '1');
    const payload = `${first}${second}${rest.slice(1, len - 2)}`;
    return payload + luhnCheckDigit(payload);
  });

/** Groups: by 4 (Amex 4-6-5 for 15), 3, 2, 1 (digit by digit, as speech is), or none. */
function group(digits: string, size: number): string[] {
  if (size === 0) return [digits];
  if (size === 5 && digits.length === 15)
    return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)];
  const out: string[] = [];
  for (let i = 0; i < digits.length; i += size) out.push(digits.slice(i, i + size));
  return out;
}

/** Spaces (and zero-width characters) separate groups of any size: speech spells a number out digit by digit. */
const spaced = fc.record({
  size: fc.constantFrom(0, 1, 2, 3, 4, 4, 4, 5),
  sep: fc.constantFrom(...SEPARATORS.filter((x) => !/[-./]/.test(x))),
});
/** '-', '.' and '/' separate card groupings (of 3 digits or more): "1.2.3" is a version, "20.11.2026" a date. */
const punctuated = fc.record({
  size: fc.constantFrom(0, 3, 4, 4, 4, 5),
  sep: fc.constantFrom(...SEPARATORS.filter((x) => /[-./]/.test(x))),
});
const renderedCard = fc
  .record({ digits: cardDigits, grouping: fc.oneof(spaced, punctuated), script })
  .chain(({ digits, grouping: { size, sep }, script: zero }) =>
    withZeroWidth(renderDigits(group(digits, size).join(sep), zero)).map((text) => ({
      digits,
      text,
    })),
  );

test('card numbers in any separator, space and digit script are redacted, the text around them kept', () => {
  fc.assert(
    fc.property(before, renderedCard, after, (pre, card, post) => {
      const input = pre + card.text + post;
      const out = redact(input);
      assert.equal(out, `${pre}CREDIT_CARD_NUMBER${post}`, JSON.stringify(input));
      assert.ok(!digitsAscii(out).includes(card.digits.slice(-4)));
      assert.equal(maskCardNumbers(input), out, 'the client mask agrees');
    }),
    runs(101),
  );
});

// ---------------------------------------------------------------- phone numbers

const d = (min: number, max: number) => fc.integer({ min, max }).map(String);
/** National and international phone shapes, as [text with digits in ASCII]. */
const phoneAscii = fc.oneof(
  // German landline: 030 12345678, 089/1234567, 03733-123456
  fc
    .tuple(
      d(1, 9),
      digitString(1, 3),
      d(1, 9),
      digitString(5, 7),
      fc.constantFrom(' ', '/', '-', ' / ', '  ', '\t', '\u00a0'),
    )
    .map(([a, area, s, sub, sep]) => `0${a}${area}${sep}${s}${sub}`),
  // German mobile: 0151 2345 6789, 0171 234 5678
  fc
    .tuple(
      d(5, 7),
      d(0, 9),
      digitString(3, 4),
      digitString(4, 4),
      fc.constantFrom(' ', '-', '/', '.'),
    )
    .map(([a, b, x, y, sep]) => `01${a}${b}${sep}${x}${sep === '/' ? ' ' : sep}${y}`),
  // UK mobile: 07911 123456
  fc.tuple(digitString(3, 3), digitString(6, 6)).map(([a, b]) => `07${a} ${b}`),
  // French: 01 23 45 67 89, 06.12.34.56.78
  fc
    .tuple(
      d(1, 9),
      fc.array(digitString(2, 2), { minLength: 4, maxLength: 4 }),
      fc.constantFrom(' ', '.', '-'),
    )
    .map(([a, pairs, sep]) => [`0${a}`, ...pairs].join(sep)),
  // North American: 415 555 0134, 415-555-0134, (415) 555-0134, 1 415 555 0134, +1 415 555 0134
  fc
    .tuple(
      d(200, 999),
      d(200, 999),
      digitString(4, 4),
      fc.constantFrom(' ', '-', '.', '  '),
      fc.constantFrom('', '1 ', '+1 ', '1-', '＋1 '),
      fc.boolean(),
    )
    .map(([area, exch, line, sep, lead, paren]) =>
      paren ? `${lead}(${area}) ${exch}-${line}` : `${lead}${area}${sep}${exch}${sep}${line}`,
    ),
  // international: +44 20 7946 0958, +49 (0)30 1234567, 0049 30 12345678
  fc
    .tuple(
      fc.constantFrom('1', '33', '44', '49', '351', '971'),
      fc.array(digitString(2, 3), { minLength: 3, maxLength: 3 }),
      fc.constantFrom('+', '00', '＋'),
      fc.boolean(),
    )
    .map(([cc, groups, lead, trunk]) => {
      const nsn = [
        `${1 + (Number(groups[0]?.[0] ?? 0) % 9)}${groups[0] ?? ''}`,
        ...groups.slice(1),
      ];
      return `${lead}${cc} ${trunk && lead !== '00' ? '(0)' : ''}${nsn.join(' ')}`;
    }),
);

const renderedPhone = fc
  .tuple(phoneAscii, script)
  .chain(([ascii, zero]) =>
    withZeroWidth(renderDigits(ascii, zero)).map((text) => ({ ascii, text })),
  );

test('national and international phone numbers are redacted, the text around them kept', () => {
  fc.assert(
    fc.property(before, renderedPhone, after, (pre, phone, post) => {
      const input = pre + phone.text + post;
      assert.equal(redact(input), `${pre}PHONE_NUMBER${post}`, JSON.stringify(input));
    }),
    runs(102),
  );
});

// ---------------------------------------------------------------- US SSN

const ssnParts = fc.tuple(
  fc.integer({ min: 1, max: 899 }).filter((a) => a !== 666),
  fc.integer({ min: 1, max: 99 }),
  fc.integer({ min: 1, max: 9999 }),
);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

test('SSNs written 3-2-4 with any separator are redacted', () => {
  fc.assert(
    fc.property(
      before,
      ssnParts,
      fc.constantFrom('-', ' ', '  ', '.', '/', '\u00a0', ' - ', '\t'),
      script,
      after,
      (pre, [a, g, s], sep, zero, post) => {
        const input =
          pre + renderDigits(`${pad(a, 3)}${sep}${pad(g, 2)}${sep}${pad(s, 4)}`, zero) + post;
        assert.equal(redact(input), `${pre}US_SSN${post}`, JSON.stringify(input));
      },
    ),
    runs(103),
  );
});

test('9 digits after an SSN cue are redacted however they are grouped; the cue is kept', () => {
  fc.assert(
    fc.property(
      before,
      fc.constantFrom(
        'SSN',
        'ssn:',
        'SSN #',
        'my SSN is',
        'Social Security number',
        'social security no.',
        'soc. sec.',
      ),
      ssnParts,
      fc.constantFrom('', ' ', '-'),
      fc.constantFrom('3-2-4', '3-3-3', '9'),
      script,
      after,
      (pre, cue, [a, g, s], sep, shape, zero, post) => {
        const nine = `${pad(a, 3)}${pad(g, 2)}${pad(s, 4)}`;
        const grouped =
          shape === '9'
            ? nine
            : shape === '3-3-3'
              ? [nine.slice(0, 3), nine.slice(3, 6), nine.slice(6)].join(sep)
              : [nine.slice(0, 3), nine.slice(3, 5), nine.slice(5)].join(sep);
        const input = `${pre}${cue} ${renderDigits(grouped, zero)}${post}`;
        assert.equal(redact(input), `${pre}${cue} US_SSN${post}`, JSON.stringify(input));
      },
    ),
    runs(104),
  );
});

// ---------------------------------------------------------------- IBAN

/** Countries and their IBAN lengths; the BBAN's letters where the bank code has them. */
const IBAN_COUNTRIES: [string, number, number][] = [
  ['DE', 22, 0],
  ['GB', 22, 4],
  ['NL', 18, 4],
  ['FR', 27, 0],
  ['ES', 24, 0],
  ['AT', 20, 0],
  ['CH', 21, 0],
  ['BE', 16, 0],
  ['PL', 28, 0],
  ['NO', 15, 0],
  ['IT', 27, 1],
  ['SE', 24, 0],
];
function mod97(s: string): number {
  let rem = 0;
  for (const ch of s) {
    const v = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const c of v) rem = (rem * 10 + Number(c)) % 97;
  }
  return rem;
}
const iban = fc
  .tuple(
    fc.constantFrom(...IBAN_COUNTRIES),
    fc.array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), { minLength: 4, maxLength: 4 }),
    digitString(30, 30),
  )
  .map(([[cc, len, letters], ls, ds]) => {
    const bban = ls.slice(0, letters).join('') + ds.slice(0, len - 4 - letters);
    const check = pad(98 - mod97(`${bban}${cc}00`), 2);
    return `${cc}${check}${bban}`;
  });

test('IBANs in any case, grouped by spaces, dashes or none, are redacted (mod-97 checked)', () => {
  fc.assert(
    fc.property(
      before,
      iban,
      fc.constantFrom('upper', 'lower', 'mixed', 'fullwidth'),
      fc.constantFrom(' ', '-', '', '  ', '\u00a0', '\u2009', '\u202f'),
      fc.array(fc.boolean(), { minLength: 34, maxLength: 34 }),
      script,
      after,
      (pre, value, casing, sep, flips, zero, post) => {
        let s = value;
        if (casing === 'lower') s = s.toLowerCase();
        if (casing === 'mixed') s = [...s].map((c, i) => (flips[i] ? c.toLowerCase() : c)).join('');
        s = renderDigits(s, zero);
        if (casing === 'fullwidth')
          s = s.replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        const grouped = ([...s].join('').match(/.{1,4}/gu) ?? []).join(sep);
        const input = pre + grouped + post;
        assert.equal(redact(input), `${pre}IBAN${post}`, JSON.stringify(input));
      },
    ),
    runs(105),
  );
});

// ---------------------------------------------------------------- e-mail

const label = fc.stringMatching(/^[a-z]{3,8}$/);
const email = fc.record({
  local: fc.array(label, { minLength: 1, maxLength: 2 }),
  localSep: fc.constantFrom('.', '_', '+', '-'),
  domain: fc.array(label, { minLength: 1, maxLength: 2 }),
  tld: fc.constantFrom('com', 'org', 'net', 'de', 'io', 'fr', 'co.uk'),
  form: fc.constantFrom(
    'plain',
    'spaced',
    'word',
    'WORD',
    'word-with-dot',
    'paren',
    'paren-tight',
    'bracket',
    'bracket-tight',
    'brace',
    'angle',
    'fullwidth',
    'spoken-local',
  ),
});

function renderEmail(e: {
  local: string[];
  localSep: string;
  domain: string[];
  tld: string;
  form: string;
}): string {
  const local = e.local.map((l) => `zq${l}`);
  const domain = [...e.domain.map((l) => `zx${l}`), ...e.tld.split('.')];
  const loc = local.join(e.localSep);
  switch (e.form) {
    case 'plain':
      return `${loc}@${domain.join('.')}`;
    case 'spaced':
      return `${loc} @ ${domain.join('.')}`;
    case 'word':
      return `${loc} at ${domain.join(' dot ')}`;
    case 'WORD':
      return `${loc.toUpperCase()} AT ${domain.join(' DOT ').toUpperCase()}`;
    case 'word-with-dot':
      return `${loc} at ${domain.join('.')}`;
    case 'paren':
      return `${loc} (at) ${domain.join(' (dot) ')}`;
    case 'paren-tight':
      return `${loc}(at)${domain.join('(dot)')}`;
    case 'bracket':
      return `${loc} [at] ${domain.join(' [dot] ')}`;
    case 'bracket-tight':
      return `${loc}[at]${domain.join('.')}`;
    case 'brace':
      return `${loc}{at}${domain.join('{dot}')}`;
    case 'angle':
      return `${loc} <at> ${domain.join(' <dot> ')}`;
    case 'fullwidth':
      return `${loc}＠${domain.join('．')}`;
    default:
      return `${local.join(' dot ')} at ${domain.join(' dot ')}`;
  }
}

test('e-mail addresses, written or spoken ("at", "(at)", "[at]", " @ "), are redacted', () => {
  fc.assert(
    fc.property(
      before,
      email.chain((e) => withZeroWidth(renderEmail(e)).map((text) => ({ e, text }))),
      after,
      (pre, { e, text }, post) => {
        const input = pre + text + post;
        const out = redact(input);
        assert.equal(out, `${pre}EMAIL_ADDRESS${post}`, JSON.stringify(input));
        for (const l of e.local) assert.ok(!out.toLowerCase().includes(`zq${l}`));
      },
    ),
    runs(106),
  );
});

// ---------------------------------------------------------------- interim

/** Any code point (lone surrogates too), digits of every script, separators and "@" more often. */
const anyChar = fc.oneof(
  fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
  fc
    .constantFrom(...ZEROS)
    .chain((z) => fc.integer({ min: z, max: z + 9 }).map((cp) => String.fromCodePoint(cp))),
  fc.constantFrom(...SEPARATORS, ...ZERO_WIDTH, '@', '＠', '+', '(', ')', 'a'),
);

test('interim text: no digit of any script survives, whatever the text', () => {
  fc.assert(
    fc.property(fc.string({ unit: anyChar, maxLength: 200 }), (s) => {
      assert.ok(!/\p{Nd}/u.test(redactInterim(s)), JSON.stringify(s));
    }),
    runs(107),
  );
  fc.assert(
    fc.property(before, renderedCard, after, (pre, card, post) => {
      // part of a card number, as speech recognisers stream it
      const part = card.text.slice(0, Math.max(1, card.text.length >> 1));
      assert.ok(!/\p{Nd}/u.test(redactInterim(pre + part + post)));
    }),
    runs(108),
  );
});

test('interim text: a partial e-mail (anything around an "@") is masked as one', () => {
  fc.assert(
    fc.property(
      before,
      email,
      fc.nat(),
      fc.constantFrom('@', '＠', ' @ ', '(at)', ' [at] '),
      after.filter((s) => s === '' || /^\s/.test(s)),
      (pre, e, cut, at, post) => {
        const local = e.local.map((l) => `zq${l}`).join(e.localSep);
        const domain = `zx${e.domain.join('.')}.${e.tld}`;
        // "jane @ " is not yet an address: the word after it may be anything
        const min = at === '@' || at === '＠' ? 0 : 1;
        const partial = `${local}${at}${domain.slice(0, min + (cut % (domain.length + 1 - min)))}`;
        const input = pre + partial + post;
        const out = redactInterim(input);
        assert.equal(out, `${pre}EMAIL_ADDRESS${post}`, JSON.stringify(input));
      },
    ),
    runs(109),
  );
});

// ---------------------------------------------------------------- no false positives

const two = (min: number, max: number) => fc.integer({ min, max }).map((n) => pad(n, 2));
const dateParts = fc.tuple(fc.integer({ min: 2000, max: 2039 }), two(1, 12), two(1, 28));
const timeParts = fc.tuple(two(0, 23), two(0, 59), two(0, 59));
/** Numbers that are not personal: each must come out as it went in. */
const notPii = fc.oneof(
  // ISO 8601 timestamps, extended and basic
  fc
    .tuple(dateParts, timeParts, fc.constantFrom('Z', '+01:00', '.123Z', '-05:00'))
    .map(([[y, m, dd], [h, mi, s], z]) => `${y}-${m}-${dd}T${h}:${mi}:${s}${z}`),
  fc.tuple(dateParts, timeParts).map(([[y, m, dd], [h, mi]]) => `${y}-${m}-${dd} ${h}:${mi}`),
  fc.tuple(dateParts, timeParts).map(([[y, m, dd], [h, mi, s]]) => `${y}${m}${dd}T${h}${mi}${s}Z`),
  // compact timestamps (14 digits) and epoch milliseconds (13 digits), Luhn-valid or not
  fc.tuple(dateParts, timeParts).map(([[y, m, dd], [h, mi, s]]) => `${y}${m}${dd}${h}${mi}${s}`),
  fc.integer({ min: 1_000_000_000_000, max: 1_999_999_999_999 }).map(String),
  // epoch seconds
  fc.integer({ min: 1_000_000_000, max: 2_147_483_647 }).map(String),
  // amounts
  fc.tuple(fc.integer({ min: 0, max: 999_999 }), two(0, 99)).map(([n, c]) => `$${n}.${c}`),
  fc
    .tuple(fc.integer({ min: 0, max: 999_999_999 }), two(0, 99))
    .map(([n, c]) => `${n.toLocaleString('en-US')}.${c} USD`),
  fc
    .tuple(fc.integer({ min: 0, max: 999_999_999 }), two(0, 99))
    .map(([n, c]) => `${n.toLocaleString('fr-FR')},${c} €`),
  fc
    .tuple(fc.integer({ min: 0, max: 999_999_999 }), two(0, 99))
    .map(([n, c]) => `${n.toLocaleString('de-DE')},${c} €`),
  // order numbers
  fc.integer({ min: 1, max: 999_999_999_999 }).map((n) => `#${n}`),
  fc
    .tuple(fc.integer({ min: 2000, max: 2039 }), fc.integer({ min: 0, max: 999_999 }))
    .map(([y, n]) => `ORD-${y}-${pad(n, 6)}`),
  fc.integer({ min: 1, max: 99_999 }).map((n) => `order ${n}`),
  // dates
  dateParts.map(([y, m, dd]) => `${dd}.${m}.${y}`),
  dateParts.map(([y, m, dd]) => `${m}/${dd}/${y}`),
  dateParts.map(([y, m, dd]) => `${y}-${m}-${dd}`),
  dateParts.map(([y, m, dd]) => `${dd}.${m}.${String(y).slice(2)}`),
  fc.tuple(dateParts, timeParts).map(([[y, m, dd], [h, mi]]) => `${dd}.${m}.${y} ${h}:${mi}`),
  fc.tuple(dateParts, timeParts).map(([[y, m, dd], [h, mi]]) => `${m}/${dd}/${y} at ${h}:${mi}`),
  // times
  timeParts.map(([h, mi]) => `${h}:${mi}`),
  timeParts.map(([h, mi, s]) => `${h}:${mi}:${s}`),
  // versions
  fc.tuple(fc.nat(20), fc.nat(99), fc.nat(999)).map(([a, b, c]) => `${a}.${b}.${c}`),
  fc
    .tuple(fc.nat(20), fc.nat(99), fc.nat(99999), fc.nat(9999))
    .map(([a, b, c, e]) => `v${a}.${b}.${c}.${e}`),
);

test('timestamps, amounts, order numbers, dates, times and versions are left alone', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(words, notPii), { minLength: 1, maxLength: 4 }), (parts) => {
      // numbers are separated by a word: two numbers side by side are one digit run
      const input = parts.map(([w, n]) => `${w} word ${n}`).join(' ');
      assert.equal(redact(input), input);
      assert.equal(maskCardNumbers(input), input);
    }),
    runs(110),
  );
});

test('epoch milliseconds are not card numbers, even Luhn-valid ones; 13-digit cards are', () => {
  const epoch = '1700000000004';
  assert.ok(luhnValid(epoch));
  assert.equal(redact(`at ${epoch} ms`), `at ${epoch} ms`);
  assert.equal(redact('visa 4222222222222'), 'visa CREDIT_CARD_NUMBER');
  assert.equal(redact('grouped 1700 0000 0000 4'), 'grouped CREDIT_CARD_NUMBER');
});

test('a bare 9-digit number without an SSN cue is not redacted', () => {
  assert.equal(redact('reference 078051120 please'), 'reference 078051120 please');
  assert.equal(redact('tracking 123456789'), 'tracking 123456789');
});

// ---------------------------------------------------------------- linear time

test('100,000 characters of adversarial text are redacted quickly (no backtracking blow-up)', () => {
  const n = 100_000;
  const inputs = [
    '1 '.repeat(n / 2),
    '4'.repeat(n),
    '1-'.repeat(n / 2),
    '(1'.repeat(n / 2),
    '+1 '.repeat(n / 3),
    'a.'.repeat(n / 2),
    'a'.repeat(n),
    '@'.repeat(n),
    'a@'.repeat(n / 2),
    'a@a.'.repeat(n / 4),
    'x at y dot '.repeat(n / 11),
    '(at)'.repeat(n / 4),
    'de89 '.repeat(n / 5),
    'DE89'.repeat(n / 4),
    'ssn '.repeat(n / 4),
    '\u0661 '.repeat(n / 2),
    '\u200b1'.repeat(n / 2),
    `${' '.repeat(n)}1`,
    `1${' '.repeat(n)}`,
    '4111 1111 1111 1111 '.repeat(n / 20),
  ];
  for (const input of inputs) {
    for (const f of [redact, redactInterim, maskCardNumbers]) {
      const t0 = performance.now();
      f(input);
      const ms = performance.now() - t0;
      assert.ok(
        ms < 1000,
        `${f.name} on ${JSON.stringify(input.slice(0, 12))}…: ${ms.toFixed(0)} ms`,
      );
    }
  }
});
