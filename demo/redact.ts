/**
 * Server-side redaction of customer text (docs/PROTOCOL.md §6.4, §12): the values are
 * replaced by placeholders before a message leaves the endpoint.
 *
 * Each matcher runs on the text folded (`fold`): digits of every script as
 * ASCII, every Unicode space as ' ', zero-width and other format characters
 * dropped, full-width forms as ASCII; the original span of each match, and
 * only it, is replaced. In turn: IBANs, SSNs, "+…" phone numbers, card
 * numbers (the client's `maskCardNumbers`, src/state/redaction.ts), other
 * phone numbers, e-mail addresses, each on the text the ones before left. Every matcher is a
 * linear scan (no regular expression that can backtrack over the text).
 */
import { type RedactionEntity, maskCardNumbers } from '../src/state/redaction.js';

type Span = [number, number];

const isAlnum = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const WORD = /[\p{L}\p{M}\p{N}_]/u;
const isWord = (ch: string | undefined) => ch !== undefined && WORD.test(ch);

// ------------------------------------------------------------------ folding

/**
 * Text as the matchers see it; `at[i]`/`end[i]`: where its unit i comes
 * from in the original (null: nothing changed).
 */
interface Folded {
  text: string;
  at: number[] | null;
  end: number[] | null;
}

const ND = /\p{Nd}/u;
/** Where the run of decimal digits each digit met so far starts. */
const zeros = new Map<number, number>();

function foldChar(cp: number, ch: string): string {
  if (cp === 9) return ' ';
  if (cp < 0x7f) return ch;
  if (ND.test(ch)) {
    // digits come in whole 0–9 blocks: a digit's value is its distance from its block's 0
    let z = zeros.get(cp);
    if (z === undefined) {
      z = cp;
      while (ND.test(String.fromCodePoint(z - 1))) z--;
      zeros.set(cp, z);
    }
    return String((cp - z) % 10);
  }
  if (/\p{Zs}/u.test(ch)) return ' ';
  if (/\p{Cf}/u.test(ch)) return '';
  if (cp >= 0xff01 && cp <= 0xff5e) return String.fromCharCode(cp - 0xfee0);
  if ((cp >= 0x2010 && cp <= 0x2015) || cp === 0x2212 || cp === 0xfe63) return '-';
  if (cp === 0xfe6b) return '@';
  return ch;
}

function fold(text: string): Folded {
  if (!/[^\n\r\x20-\x7e]/.test(text)) return { text, at: null, end: null };
  const out: string[] = [];
  const at: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) ?? 0;
    const w = cp > 0xffff ? 2 : 1;
    const f = foldChar(cp, text.slice(i, i + w));
    for (let k = 0; k < f.length; k++) {
      out.push(f.charAt(k));
      // a pair kept as it is maps unit to unit; a folded one to the whole code point
      at.push(f.length === w ? i + k : i);
      end.push(f.length === w ? i + k + 1 : i + w);
    }
    i += w;
  }
  return { text: out.join(''), at, end };
}

/** `text` with what `find` finds in its folded form replaced by `entity`. */
function replaceFound(text: string, entity: RedactionEntity, find: (s: string) => Span[]): string {
  const folded = fold(text);
  let out = '';
  let last = 0;
  for (const [a, b] of find(folded.text)) {
    out += text.slice(last, folded.at?.[a] ?? a) + entity;
    last = folded.end?.[b - 1] ?? b;
  }
  return last ? out + text.slice(last) : text;
}

// ------------------------------------------------------------------ IBAN

/** IBAN length per country (the SWIFT registry); others are checked by mod-97 alone. */
const IBAN_LENGTHS: Record<string, number> = Object.fromEntries(
  (
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 ' +
    'EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IS26 IT27 JO30 ' +
    'KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 ' +
    'PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 TL23 TN24 TR26 UA29 VA22 ' +
    'VG24 XK20'
  )
    .split(' ')
    .map((e) => [e.slice(0, 2), Number(e.slice(2))]),
);

/** The mod-97 check of an IBAN (spaces and dashes ignored, any case). */
export function ibanValid(candidate: string): boolean {
  const s = candidate.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  let rem = 0;
  for (const ch of s.slice(4) + s.slice(0, 4)) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const d of digits) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem === 1;
}

/**
 * The end of an IBAN starting at `i`: a country code and check digits
 * together, then letters and digits in groups separated by spaces or one
 * '-', in any case (a country missing from the table: in capitals); it ends
 * where a group ends, at the country's length when that checks, else at the
 * longest that does.
 */
function ibanEnd(s: string, i: number): number {
  let chars = '';
  const lens: number[] = [];
  const ends: number[] = [];
  let j = i;
  for (;;) {
    while (isAlnum(s.charCodeAt(j)) && chars.length <= 34) chars += s.charAt(j++);
    // the country code and the check digits are written together ("de89 …", not "ok 89…")
    if (!/^[a-z]{2}\d\d/i.test(chars)) return -1;
    if (isAlnum(s.charCodeAt(j))) break;
    lens.push(chars.length);
    ends.push(j);
    let k = j;
    while (s.charCodeAt(k) === 32) k++;
    if (s[k] === '-') k++;
    while (s.charCodeAt(k) === 32) k++;
    if (k === j || !isAlnum(s.charCodeAt(k)) || chars.length >= 34) break;
    j = k;
  }
  const up = chars.toUpperCase();
  const length = IBAN_LENGTHS[up.slice(0, 2)];
  // a country not in the table only in capitals, as before
  if (length === undefined && !/^[A-Z]{2}/.test(chars)) return -1;
  const want = lens.indexOf(length ?? -1);
  if (want >= 0 && ibanValid(up.slice(0, lens[want]))) return ends[want] ?? -1;
  for (let k = lens.length - 1; k >= 0; k--)
    if (ibanValid(up.slice(0, lens[k]))) return ends[k] ?? -1;
  return -1;
}

function ibanSpans(s: string): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 32;
    const c2 = s.charCodeAt(i + 1) | 32;
    if (c < 97 || c > 122 || c2 < 97 || c2 > 122 || isWord(s[i - 1])) continue;
    const end = ibanEnd(s, i);
    if (end < 0) continue;
    out.push([i, end]);
    i = end;
  }
  return out;
}

// ------------------------------------------------------------------ digit runs

/**
 * Digit groups one after another in folded text: separated by spaces or by
 * one '-', '.' or '/' (spaces around it allowed), or next to a parenthesised
 * group ("(030)1234"). `seps[i]` is what stands between groups i and i + 1:
 * ' ' for spaces alone, the punctuation mark, or '' next to a parenthesis.
 */
interface DigitRun {
  groups: [number, number][];
  seps: string[];
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** The digits [start, end) of a group at `j` and where it ends ("(030)" ends after the ')'). */
function groupAt(s: string, j: number): [number, number, number] | undefined {
  const paren = s.charCodeAt(j) === 40 ? 1 : 0;
  let e = j + paren;
  while (isDigit(s.charCodeAt(e))) e++;
  if (e === j + paren) return undefined;
  if (!paren) return [j, e, e];
  return s.charCodeAt(e) === 41 ? [j + 1, e, e + 1] : undefined;
}

/** Every run of digit groups in folded text `s`; each character is looked at a bounded number of times. */
function digitRuns(s: string): DigitRun[] {
  const runs: DigitRun[] = [];
  for (let i = 0; i < s.length;) {
    const g = groupAt(s, i);
    if (!g) {
      i++;
      continue;
    }
    const groups: [number, number][] = [[g[0], g[1]]];
    const seps: string[] = [];
    let end = g[2];
    for (;;) {
      let k = end;
      while (s.charCodeAt(k) === 32) k++;
      let sep = k > end ? ' ' : '';
      if (s[k] === '-' || s[k] === '.' || s[k] === '/') {
        sep = s.charAt(k++);
        while (s.charCodeAt(k) === 32) k++;
      }
      const next = groupAt(s, k);
      if (!next) break;
      groups.push([next[0], next[1]]);
      seps.push(sep);
      end = next[2];
    }
    runs.push({ groups, seps });
    i = end;
  }
  return runs;
}

/** Where a run starts and ends, parentheses around its first or last group included. */
function runSpan(s: string, run: DigitRun): Span {
  const first = run.groups[0] ?? [0, 0];
  const last = run.groups[run.groups.length - 1] ?? first;
  const paren = (g: [number, number]) => s[g[0] - 1] === '(' && s[g[1]] === ')';
  return [first[0] - (paren(first) ? 1 : 0), last[1] + (paren(last) ? 1 : 0)];
}

/** Splits a run at dates ("20.11.2026", "11/20/2026", "2026-11-20"): one punctuation mark twice, not continued. */
function withoutDates(s: string, runs: DigitRun[]): DigitRun[] {
  const out: DigitRun[] = [];
  for (const run of runs) {
    const { groups, seps } = run;
    const n = (g: number) => Number(s.slice(groups[g]?.[0], groups[g]?.[1]));
    const len = (g: number) => (groups[g]?.[1] ?? 0) - (groups[g]?.[0] ?? 0);
    const isDate = (k: number) => {
      const sep = seps[k];
      if ((sep !== '.' && sep !== '/' && sep !== '-') || seps[k + 1] !== sep) return false;
      if (seps[k + 2] === sep || seps[k - 1] === sep) return false;
      const [a, b, c] = [n(k), n(k + 1), n(k + 2)];
      if (len(k) === 4) return len(k + 1) <= 2 && len(k + 2) <= 2 && b <= 12 && c <= 31;
      return (
        len(k) <= 2 &&
        len(k + 1) <= 2 &&
        (len(k + 2) === 2 || len(k + 2) === 4) &&
        ((a <= 31 && b <= 12) || (a <= 12 && b <= 31))
      );
    };
    let from = 0;
    for (let k = 0; k + 2 < groups.length; k++) {
      if (!isDate(k)) continue;
      if (k > from) out.push({ groups: groups.slice(from, k), seps: seps.slice(from, k - 1) });
      from = k + 3;
      k += 2;
    }
    if (from === 0) out.push(run);
    else if (from < groups.length) out.push({ groups: groups.slice(from), seps: seps.slice(from) });
  }
  return out;
}

const runsOf = (s: string) => withoutDates(s, digitRuns(s));
const digitsOf = (s: string, run: DigitRun) => run.groups.map(([a, b]) => s.slice(a, b)).join('');
const sizesOf = (run: DigitRun) => run.groups.map(([a, b]) => b - a).join(',');

// ------------------------------------------------------------------ US SSN

/** "SSN", "social security (number)", "soc. sec." shortly before a number (no digit between). */
const SSN_CUE = /(?:\bssn|\bsocial[ -]?security|\bsoc\.? ?sec)[^\d\n]{0,30}$/i;

/**
 * US SSNs: 3-2-4 digits with any separator ("078-05-1120", "078 05 1120");
 * 9 digits however grouped, or none ("078051120"), only after an SSN cue: a
 * bare 9-digit number is as often an order or tracking number.
 */
function ssnSpans(s: string): Span[] {
  const out: Span[] = [];
  for (const run of runsOf(s)) {
    const d = digitsOf(s, run);
    if (d.length !== 9 || /^(?:000|666|9)/.test(d) || d.slice(3, 5) === '00' || d.endsWith('0000'))
      continue;
    const [a, b] = runSpan(s, run);
    const shaped =
      sizesOf(run) === '3,2,4' && !run.seps.includes('') && !isWord(s[a - 1]) && !isWord(s[b]);
    if (shaped || SSN_CUE.test(s.slice(Math.max(0, a - 48), a))) out.push([a, b]);
  }
  return out;
}

// ------------------------------------------------------------------ phone

/**
 * Phone numbers: "+" and 7–15 digits; "00" and 7–15 digits (international
 * prefix); an area code in parentheses ("(415) 555-0134"); national numbers
 * with a trunk 0 ("030 12345678", "0151 2345 6789", "07911 123456",
 * "01 23 45 67 89": 9–13 digits in groups, or 10–12 unseparated); North
 * American 3-3-4 ("415 555 0134", "1-415-555-0134"). Dates, amounts,
 * versions and order numbers have none of these shapes.
 */
function phoneSpans(s: string, plusOnly = false): Span[] {
  const out: Span[] = [];
  for (const run of runsOf(s)) {
    const d = digitsOf(s, run);
    const sizes = sizesOf(run);
    const [a, b] = runSpan(s, run);
    const plus = s[a - 1] === '+';
    if (isWord(s[b]) || (!plus && (plusOnly || isWord(s[a - 1])))) continue;
    const n = d.length;
    const paren = run.groups.slice(0, 2).some(([ga, gb]) => s[ga - 1] === '(' && s[gb] === ')');
    const first = run.groups[0] ?? [0, 0];
    let phone: boolean;
    if (plus || paren) phone = n >= 7 && n <= 15;
    else if (d.startsWith('00')) phone = d[2] !== '0' && n >= 9 && n <= 17;
    else if (d[0] === '0')
      phone =
        d[1] !== '0' &&
        (run.groups.length > 1
          ? first[1] - first[0] >= 2 && first[1] - first[0] <= 6 && n >= 9 && n <= 13
          : n >= 10 && n <= 12);
    else phone = sizes === '3,3,4' || (sizes === '1,3,3,4' && d[0] === '1');
    if (phone) out.push([plus ? a - 1 : a, b]);
  }
  return out;
}

// ------------------------------------------------------------------ e-mail

const LOCAL = /[\p{L}\p{M}\p{N}._%+-]/u;
const LABEL = /[\p{L}\p{M}\p{N}-]/u;
/** "@", "(at)", "[at]", "{at}", "<at>", or the word "at" (spoken). */
const AT = /@|[([{<] {0,3}at {0,3}[)\]}>]|(?<![\p{L}\p{M}\p{N}_])at(?![\p{L}\p{M}\p{N}_])/giu;
/** ".", "(dot)", "[dot]", … or the word "dot" between spaces; sticky. */
const DOT = /\.| {0,3}[([{<] {0,3}dot {0,3}[)\]}>] {0,3}| {1,3}dot {1,3}/iy;
/** A spoken or bracketed "dot" just before a position (in the local part). */
const DOT_BEFORE = /(?: {0,3}[([{<] {0,3}dot {0,3}[)\]}>] {0,3}| {1,3}dot {1,3})$/i;
/** Top-level domains accepted after a spoken "at" (any two letters, or one of these). */
const SPOKEN_TLDS = new Set(
  'com org net edu gov mil int info biz name mobi app dev email online shop site'.split(' '),
);
const TRIM_END = /[,;:!?)\]}>"']/;
const TRIM_START = /[([{<"']/;

/**
 * E-mail addresses around each "@" (or spoken/bracketed "at"): written
 * (jane.doe@example.com, jane @ example.com), bracketed (jane(at)example(dot)com,
 * jane[at]example.com) or spoken (jane dot doe at example dot com). In
 * `interim` text an address still being spoken is masked too: the words
 * around an "@" or "(at)" (jane.doe@exa).
 */
function emailSpans(s: string, interim: boolean): Span[] {
  const out: Span[] = [];
  let done = 0;
  for (const m of s.matchAll(AT)) {
    const ms = m.index;
    const me = ms + m[0].length;
    if (ms < done) continue;
    const spoken = m[0].length === 2;
    // the local part, to the left
    let p = ms;
    while (s[p - 1] === ' ' && ms - p < 3) p--;
    if (spoken && p === ms) continue;
    let start = p;
    for (;;) {
      let q = start;
      while (q > 0 && start - q < 64 && LOCAL.test(s.charAt(q - 1))) q--;
      if (q === start) break;
      start = q;
      const dot = DOT_BEFORE.exec(s.slice(Math.max(0, q - 12), q));
      if (!dot || !LOCAL.test(s.charAt(q - dot[0].length - 1))) break;
      start = q - dot[0].length;
    }
    while (start < p && /[._%+-]/.test(s.charAt(start))) start++;
    // the domain, to the right: labels and dots, the last label a top-level domain
    let q = me;
    while (s[q] === ' ' && q - me < 3) q++;
    if (spoken && q === me) continue;
    const right = q;
    const labelEnds: number[] = [];
    for (let k = 0; k < 10; k++) {
      const ls = q;
      while (q < s.length && q - ls < 63 && LABEL.test(s.charAt(q))) q++;
      if (q === ls) break;
      let e = q;
      while (s[e - 1] === '-' && e > ls + 1) e--;
      const tld = s.slice(ls, e);
      labelEnds.push(
        /^\p{L}{2,}$/u.test(tld) &&
          (!spoken || tld.length === 2 || SPOKEN_TLDS.has(tld.toLowerCase()))
          ? e
          : -e,
      );
      DOT.lastIndex = q;
      const dot = DOT.exec(s);
      if (!dot || !LABEL.test(s.charAt(q + dot[0].length))) break;
      q += dot[0].length;
    }
    let end = -1;
    for (let k = labelEnds.length - 1; k >= 1 && end < 0; k--) end = labelEnds[k] ?? -1;
    let span: Span | undefined = start < p && end > 0 ? [start, end] : undefined;
    if (interim && !spoken) {
      // interim: the words either side of the "@", whatever they are yet (jane.doe@exa)
      let a = p;
      while (a > 0 && p - a < 64 && /\S/.test(s.charAt(a - 1))) a--;
      while (a < p && TRIM_START.test(s.charAt(a))) a++;
      // "jane@ thanks": the word after spaces belongs to the address only when the "@" is spaced both sides
      const from = p < ms ? right : me;
      let b = from;
      while (b < s.length && b - from < 255 && /\S/.test(s.charAt(b))) b++;
      while (b > from && TRIM_END.test(s.charAt(b - 1))) b--;
      if (a < p || b > from)
        span = [
          Math.min(a < p ? a : ms, span?.[0] ?? ms),
          Math.max(b > from ? b : me, span?.[1] ?? 0),
        ];
    }
    if (!span) continue;
    out.push(span);
    done = span[1];
  }
  return out;
}

// ------------------------------------------------------------------ redact

function redactText(text: string, interim: boolean): string {
  let out = replaceFound(text, 'IBAN', ibanSpans);
  // SSNs before phone numbers ("078 05 1120" has a national number's shape)
  out = replaceFound(out, 'US_SSN', ssnSpans);
  // a "+…" number of up to 15 digits is a phone number, Luhn-valid or not
  out = replaceFound(out, 'PHONE_NUMBER', (s) => phoneSpans(s, true));
  out = maskCardNumbers(out);
  out = replaceFound(out, 'PHONE_NUMBER', phoneSpans);
  return replaceFound(out, 'EMAIL_ADDRESS', (s) => emailSpans(s, interim));
}

/** Replaces card numbers, IBANs, SSNs, e-mail addresses and phone numbers by placeholders. */
export function redact(text: string): string {
  return redactText(text, false);
}

/**
 * Interim speech (voice, still being recognised): redacted as final text is,
 * partial e-mail addresses too (jane.doe@exa), and every digit of every
 * script masked besides. A number being spoken is not yet a card number the
 * redactor can recognise ("my card is 4111"), so no digit of a customer's
 * unfinished sentence leaves the server; the final text shows the ones that
 * are not personal.
 */
export function redactInterim(text: string): string {
  return redactText(text, true).replace(/\p{Nd}/gu, '•');
}
