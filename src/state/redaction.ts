/**
 * Redaction placeholders (docs/PROTOCOL.md §6.4) and the client-side second line of
 * defence against card numbers that arrive in clear. Pure functions, no DOM.
 * The reference endpoint's redactor (demo/redact.ts) masks card numbers with
 * the same function; this module is in the core bundle, so it is kept small.
 */

/**
 * The placeholders a server puts where it removed a value (§6.4), each shown
 * as a chip named in words (i18n/words.ts `redactionLabel`).
 */
export const REDACTION_ENTITIES = [
  /** a payment card number: Cognigy's own, and what the workspace masks itself */
  'CREDIT_CARD_NUMBER',
  /** the reference endpoint's: an e-mail address, a phone number, an IBAN, a US social security number */
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'IBAN',
  'US_SSN',
] as const;
export type RedactionEntity = (typeof REDACTION_ENTITIES)[number];

export type TextSegment =
  { kind: 'text'; text: string } | { kind: 'redacted'; entity: RedactionEntity };

/** Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let k = 0; k < digits.length; k++) {
    const v = digits.charCodeAt(digits.length - 1 - k) - 48;
    if (v < 0 || v > 9) return false;
    sum += k & 1 ? (v > 4 ? v * 2 - 9 : v * 2) : v;
  }
  return digits > '' && sum % 10 === 0;
}

const ND = /\p{Nd}/u;
/** A group of digits (folded to ASCII, format characters inside ignored) in a run. */
const GROUP = /\d(?:\p{Cf}*\d)*\u2064?/gu;
/**
 * Digits of any script (full-width, Arabic-Indic, Devanagari, …) in groups:
 * inside a group, format characters (zero-width space and joiners, word
 * joiner, BOM, soft hyphen, bidi marks) are ignored; between groups, spaces
 * (any Unicode space, several, tabs) or one '-', '.', '/' or Unicode dash
 * with spaces around it. Linear: nothing follows the repetition, and a
 * separator not followed by a digit is given back in one pass.
 */
const RUN =
  /\p{Nd}(?:[\p{Nd}\p{Cf}]|(?:[\p{Zs}\t\p{Cf}]*[-./\u2010-\u2015\uff0d][\p{Zs}\t\p{Cf}]*|[\p{Zs}\t\p{Cf}]+)\p{Nd})*/gu;

/**
 * Replaces every card number in `text` by `replacement`: 13–19 digits that
 * pass the Luhn check and do not start with 0, unseparated or in groups with
 * one kind of separator: groups of any size with spaces (speech spells them
 * out digit by digit), groups of at least 3 digits (the last one any) with
 * '-', '.' or '/', so versions, dates and amounts are not taken for one. A
 * number written whole in a timestamp shape is not one either: epoch
 * milliseconds (13 digits from 1) or YYYYMMDDhhmmss (14 digits from 19 or
 * 20); no card scheme issues these.
 * In a longer run, the longest Luhn-valid window from each group on is masked
 * ("4111 1111 1111 1111 12/27" keeps "12/27").
 */
export function maskCardNumbers(text: string, replacement = 'CREDIT_CARD_NUMBER'): string {
  return text.replace(RUN, (m: string) => {
    // each digit in ASCII (and U+2064 after one of two units): positions do not move
    const f = m.replace(/\p{Nd}/gu, (d) => {
      const c = d.codePointAt(0) ?? 0;
      let z = c;
      // digits come in whole 0–9 blocks: a digit's value is its distance from its block's 0
      while (ND.test(String.fromCodePoint(z - 1))) z--;
      return ((c - z) % 10) + (d[1] ? '\u2064' : '');
    });
    // the separator before each group: '' for spaces alone, else its punctuation mark
    const seps = f.split(GROUP).map((x) => x.replace(/[\s\p{Cf}]/gu, ''));
    const groups = [...f.matchAll(GROUP)];
    let out = '';
    let last = 0;
    groups.forEach((g, i) => {
      if (g.index < last || g[0][0] === '0') return;
      let d = '';
      let to = -1;
      for (const [k, x] of groups.slice(i, i + 19).entries()) {
        d += x[0].replace(/\D/g, '');
        if (d.length > 19 || (k && seps[i + k] !== seps[i + 1])) break;
        if (
          d.length > 12 &&
          luhnValid(d) &&
          (k
            ? !seps[i + 1] || groups.slice(i, i + k).every((y) => /\d.*\d.*\d/.test(y[0]))
            : !/^(1|19|20)\d{12}$/.test(d))
        )
          to = x.index + x[0].length;
      }
      if (to < 0) return;
      out += m.slice(last, g.index) + replacement;
      last = to;
    });
    return out + m.slice(last);
  });
}

const PLACEHOLDER = new RegExp(`\\b(${REDACTION_ENTITIES.join('|')})\\b`, 'g');

/** Splits text into plain runs and redaction placeholders. */
export function segmentText(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const at = m.index;
    if (at > last) out.push({ kind: 'text', text: text.slice(last, at) });
    out.push({ kind: 'redacted', entity: m[1] as RedactionEntity });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}
