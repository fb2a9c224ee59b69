import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ibanValid, redact, redactInterim } from '../../demo/redact.js';

const cases: [string, string][] = [
  ['My card is 4111 1111 1111 1111.', 'My card is CREDIT_CARD_NUMBER.'],
  ['card 4111-1111-1111-1112 (not Luhn)', 'card 4111-1111-1111-1112 (not Luhn)'],
  ['mail jane.doe+x@example.co.uk now', 'mail EMAIL_ADDRESS now'],
  ['call +1 415 555 0134 please', 'call PHONE_NUMBER please'],
  ['or (030) 1234 5678', 'or PHONE_NUMBER'],
  ['US style 415-555-0134.', 'US style PHONE_NUMBER.'],
  [
    'all of them: 4111111111111111 / a@b.io / +44 20 7946 0958',
    'all of them: CREDIT_CARD_NUMBER / EMAIL_ADDRESS / PHONE_NUMBER',
  ],
  ['IBAN DE89 3704 0044 0532 0130 00 ok', 'IBAN IBAN ok'],
  ['IBAN GB82WEST12345698765432', 'IBAN IBAN'],
  ['bad IBAN DE00 3704 0044 0532 0130 00', 'bad IBAN DE00 3704 0044 0532 0130 00'],
  ['SSN 078-05-1120', 'SSN US_SSN'],
  ['not SSN 000-12-3456', 'not SSN 000-12-3456'],
  ['charge of $249.99 on 2026-11-20', 'charge of $249.99 on 2026-11-20'],
  ['order 12345', 'order 12345'],
];

for (const [input, expected] of cases) {
  test(`redact: ${input}`, () => assert.equal(redact(input), expected));
}

test('ibanValid checks the mod-97 checksum', () => {
  assert.equal(ibanValid('DE89370400440532013000'), true);
  assert.equal(ibanValid('DE88370400440532013000'), false);
  assert.equal(ibanValid('DE89'), false);
});

test('redactInterim: a number being spoken shows no digit until the final text', () => {
  assert.equal(redactInterim('my card is 4111 1111'), 'my card is •••• ••••');
  assert.equal(
    redactInterim('mail jane@example.com and 249 dollars'),
    'mail EMAIL_ADDRESS and ••• dollars',
  );
  assert.equal(redactInterim('card 4111 1111 1111 1111'), 'card CREDIT_CARD_NUMBER');
});
