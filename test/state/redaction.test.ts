import { expect } from '@open-wc/testing';
import { luhnValid, maskCardNumbers, segmentText } from '../../src/state/redaction.js';

describe('redaction helpers', () => {
  const luhn: [string, boolean][] = [
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['378282246310005', true],
    ['6011111111111117', true],
    ['79927398713', true],
    ['12ab', false],
  ];
  for (const [digits, valid] of luhn) {
    it(`luhnValid(${digits}) is ${valid}`, () => expect(luhnValid(digits)).to.equal(valid));
  }

  const masks: [string, string][] = [
    ['4111 1111 1111 1111', 'CREDIT_CARD_NUMBER'],
    ['pay with 4111-1111-1111-1111.', 'pay with CREDIT_CARD_NUMBER.'],
    ['amex 378282246310005 thanks', 'amex CREDIT_CARD_NUMBER thanks'],
    ['not luhn 4111 1111 1111 1112', 'not luhn 4111 1111 1111 1112'],
    ['order 123456789012', 'order 123456789012'],
    ['20 digits 41111111111111111111', '20 digits 41111111111111111111'],
    ['two 4111111111111111 and 5500005555555559', 'two CREDIT_CARD_NUMBER and CREDIT_CARD_NUMBER'],
  ];
  for (const [input, output] of masks) {
    it(`maskCardNumbers("${input}")`, () => expect(maskCardNumbers(input)).to.equal(output));
  }

  it('segments placeholders and text', () => {
    expect(segmentText('card CREDIT_CARD_NUMBER, mail EMAIL_ADDRESS')).to.deep.equal([
      { kind: 'text', text: 'card ' },
      { kind: 'redacted', entity: 'CREDIT_CARD_NUMBER' },
      { kind: 'text', text: ', mail ' },
      { kind: 'redacted', entity: 'EMAIL_ADDRESS' },
    ]);
  });

  it('does not treat a placeholder inside a longer word as one', () => {
    expect(segmentText('XIBAN IBANS')).to.deep.equal([{ kind: 'text', text: 'XIBAN IBANS' }]);
  });

  it('handles every known placeholder', () => {
    const kinds = segmentText('PHONE_NUMBER IBAN US_SSN').filter((s) => s.kind === 'redacted');
    expect(kinds.map((s) => (s.kind === 'redacted' ? s.entity : ''))).to.deep.equal([
      'PHONE_NUMBER',
      'IBAN',
      'US_SSN',
    ]);
  });
});
