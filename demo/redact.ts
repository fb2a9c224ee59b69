/**
 * Server-side redaction of customer text (PROTOCOL §9): the values are
 * replaced by placeholders before a message leaves the endpoint.
 */
import { luhnValid, maskCardNumbers } from '../src/state/redaction.js';

/** IBAN: country code, 2 check digits, 11–30 alphanumerics, optionally grouped by spaces. */
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g;
const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
/** US SSN: 3-2-4 digits, not starting with 000, 666 or 9xx. */
const SSN = /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/g;
/**
 * Phone numbers in the shapes customers type: international (+country …),
 * an area code in parentheses, or US 3-3-4 with separators. Dates
 * (2026-11-20), amounts and SSN-shaped numbers do not match.
 */
const PHONE = new RegExp(
  [
    String.raw`\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}`,
    String.raw`\(\d{2,4}\)[ .-]?\d{3,4}[ .-]?\d{3,4}`,
    String.raw`\b\d{3}[.-]\d{3}[.-]\d{4}\b`,
  ].join('|'),
  'g',
);

export function ibanValid(candidate: string): boolean {
  const s = candidate.replace(/ /g, '').toUpperCase();
  if (s.length < 15 || s.length > 34) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 && code <= 90 ? String(code - 55) : ch;
    for (const d of digits) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem === 1;
}

function countDigits(s: string): number {
  return s.replace(/\D/g, '').length;
}

/** Replaces card numbers, IBANs, SSNs, e-mail addresses and phone numbers by placeholders. */
export function redact(text: string): string {
  let out = text.replace(IBAN, (m) => (ibanValid(m) ? 'IBAN' : m));
  out = maskCardNumbers(out);
  out = out.replace(SSN, 'US_SSN');
  out = out.replace(EMAIL, 'EMAIL_ADDRESS');
  out = out.replace(PHONE, (m) => {
    const n = countDigits(m);
    // a Luhn-invalid 16-digit run is still not a phone number; keep 7–15 digits
    return n >= 7 && n <= 15 && !(n >= 13 && luhnValid(m.replace(/\D/g, ''))) ? 'PHONE_NUMBER' : m;
  });
  return out;
}

/**
 * Interim speech (voice, still being recognised): redacted as final text is,
 * and every digit masked besides. A number being spoken is not yet a card
 * number the redactor can recognise ("my card is 4111"), so no digit of a
 * customer's unfinished sentence leaves the server; the final text shows
 * the ones that are not personal.
 */
export function redactInterim(text: string): string {
  return redact(text).replace(/\d/g, '•');
}
