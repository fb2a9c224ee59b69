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

/** Issue #21 item 10: the shapes customers type and speech recognisers emit. */
const shapes: [string, string][] = [
  // card numbers: other separators, Unicode spaces, zero-width characters, other digit scripts
  ['card 4111.1111.1111.1111 ok', 'card CREDIT_CARD_NUMBER ok'],
  ['card 4111/1111/1111/1111 ok', 'card CREDIT_CARD_NUMBER ok'],
  ['card 4111  1111  1111  1111 ok', 'card CREDIT_CARD_NUMBER ok'],
  ['card 4111\t1111\t1111\t1111 ok', 'card CREDIT_CARD_NUMBER ok'],
  ['card 4111 - 1111 - 1111 - 1111 ok', 'card CREDIT_CARD_NUMBER ok'],
  ['card 4111\u00a01111\u00a01111\u00a01111 ok', 'card CREDIT_CARD_NUMBER ok'],
  ['card 4111\u202f1111\u2009 1111\u20071111 ok', 'card CREDIT_CARD_NUMBER ok'],
  ['card 4111\u200b1111\u200c1111\u20601111\ufeff ok', 'card CREDIT_CARD_NUMBER\ufeff ok'],
  ['card ４１１１ １１１１ １１１１ １１１１ ok', 'card CREDIT_CARD_NUMBER ok'],
  ['رقم البطاقة ٤١١١ ١١١١ ١١١١ ١١١١ شكرا', 'رقم البطاقة CREDIT_CARD_NUMBER شكرا'],
  ['کارت ۴۱۱۱۱۱۱۱۱۱۱۱۱۱۱۱', 'کارت CREDIT_CARD_NUMBER'],
  ['कार्ड ४१११ ११११ ११११ ११११', 'कार्ड CREDIT_CARD_NUMBER'],
  ['amex 3782 822463 10005, exp 12/27', 'amex CREDIT_CARD_NUMBER, exp 12/27'],
  ['card 4111 1111 1111 1111 12/27', 'card CREDIT_CARD_NUMBER 12/27'],
  ['card 4111 1111 1111 1111 123 (CVV)', 'card CREDIT_CARD_NUMBER 123 (CVV)'],
  ['card 4111 1111 1111 1111 030 12345678', 'card CREDIT_CARD_NUMBER PHONE_NUMBER'],
  ['phone +49 1512 3456787 (Luhn-valid)', 'phone PHONE_NUMBER (Luhn-valid)'],
  // phone numbers: national formats, no '+'
  ['call 030 12345678 today', 'call PHONE_NUMBER today'],
  ['mobile 0151 2345 6789.', 'mobile PHONE_NUMBER.'],
  ['phone (415) 555-0134', 'phone PHONE_NUMBER'],
  ['phone 415 555 0134', 'phone PHONE_NUMBER'],
  ['UK 07911 123456', 'UK PHONE_NUMBER'],
  ['Paris 01 23 45 67 89', 'Paris PHONE_NUMBER'],
  ['Paris 01.23.45.67.89', 'Paris PHONE_NUMBER'],
  ['Berlin 030/1234567', 'Berlin PHONE_NUMBER'],
  ['intl 0049 30 12345678', 'intl PHONE_NUMBER'],
  ['intl +49 (0)30 1234567', 'intl PHONE_NUMBER'],
  ['mobile 015123456789', 'mobile PHONE_NUMBER'],
  ['رقمي ٠١٥١ ٢٣٤٥ ٦٧٨٩', 'رقمي PHONE_NUMBER'],
  // SSN: spaces or none (bare 9 digits only after an SSN cue)
  ['SSN 078 05 1120', 'SSN US_SSN'],
  ['ssn: 078051120', 'ssn: US_SSN'],
  ['my social security number is 078 051 120.', 'my social security number is US_SSN.'],
  ['reference 078051120', 'reference 078051120'],
  // IBAN: lower case, dashes, Unicode spaces
  ['iban de89 3704 0044 0532 0130 00 thanks', 'iban IBAN thanks'],
  ['iban de89-3704-0044-0532-0130-00.', 'iban IBAN.'],
  ['iban DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000', 'iban IBAN'],
  ['iban gb82 west 1234 5698 7654 32 and more', 'iban IBAN and more'],
  ['bad iban de00-3704-0044-0532-0130-00', 'bad iban de00-3704-0044-0532-0130-00'],
  // e-mail: spaced, spoken, bracketed
  ['mail jane.doe at example dot com please', 'mail EMAIL_ADDRESS please'],
  ['mail jane (at) example (dot) com', 'mail EMAIL_ADDRESS'],
  ['mail jane @ example.com.', 'mail EMAIL_ADDRESS.'],
  ['mail jane[at]example.com', 'mail EMAIL_ADDRESS'],
  ['mail jane dot doe at example dot co dot uk', 'mail EMAIL_ADDRESS'],
  ['mail jörg@müller.de', 'mail EMAIL_ADDRESS'],
  ['mail jane＠example．com', 'mail EMAIL_ADDRESS'],
  // not PII
  ['at 2026-11-20T10:00:00Z', 'at 2026-11-20T10:00:00Z'],
  ['epoch 1700000000004 ms', 'epoch 1700000000004 ms'],
  ['stamp 20261120103000', 'stamp 20261120103000'],
  ['at 10:30 on 20.11.2026', 'at 10:30 on 20.11.2026'],
  ['on 01.02.2026 10:30', 'on 01.02.2026 10:30'],
  ['version 4.17.21 and 10.0.19045.2006', 'version 4.17.21 and 10.0.19045.2006'],
  ['total 1.249,99 € and $1,249.99', 'total 1.249,99 € and $1,249.99'],
  ['meet at noon. Then at home.', 'meet at noon. Then at home.'],
  ['look at 5.30 or at 6', 'look at 5.30 or at 6'],
];

for (const [input, expected] of shapes) {
  test(`redact (shapes): ${JSON.stringify(input)}`, () => assert.equal(redact(input), expected));
}

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

test('redactInterim: digits of every script are masked, not only ASCII', () => {
  assert.equal(redactInterim('رقم ٤١١١ ١١١١'), 'رقم •••• ••••');
  assert.equal(redactInterim('card ４１１１ ۴۱۱۱ ४१११'), 'card •••• •••• ••••');
  assert.equal(redactInterim('card 𝟒𝟏𝟏𝟏'), 'card ••••');
});

test('redactInterim: a partial e-mail is masked before it is whole', () => {
  assert.equal(redactInterim('mail jane.doe@exa'), 'mail EMAIL_ADDRESS');
  assert.equal(redactInterim('mail jane.doe@'), 'mail EMAIL_ADDRESS');
  assert.equal(redactInterim('mail jane.doe @ exa'), 'mail EMAIL_ADDRESS');
  assert.equal(redactInterim('mail jane(at)exa, then'), 'mail EMAIL_ADDRESS, then');
  assert.equal(redactInterim('mail jane＠exa'), 'mail EMAIL_ADDRESS');
});
