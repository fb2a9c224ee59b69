/**
 * Redaction placeholders (PROTOCOL §5) and the client-side second line of
 * defence against card numbers that arrive in clear. Pure functions, no DOM.
 */

export const REDACTION_ENTITIES = [
  'CREDIT_CARD_NUMBER',
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
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** 13–19 digits, optionally grouped by single spaces or dashes, not inside a longer number. */
const CARD_CANDIDATE = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d])/g;

/** Replaces every Luhn-valid 13–19 digit card number in `text` by `replacement`. */
export function maskCardNumbers(text: string, replacement = 'CREDIT_CARD_NUMBER'): string {
  return text.replace(CARD_CANDIDATE, (match) => {
    const digits = match.replace(/[ -]/g, '');
    return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? replacement : match;
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
