import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import fc from 'fast-check';
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

  // issue #21 item 10: separators, Unicode spaces, zero-width characters, digit scripts
  const shapes: [string, string][] = [
    ['pay 4111.1111.1111.1111 now', 'pay CREDIT_CARD_NUMBER now'],
    ['pay 4111/1111/1111/1111 now', 'pay CREDIT_CARD_NUMBER now'],
    ['pay 4111   1111\t1111  1111 now', 'pay CREDIT_CARD_NUMBER now'],
    ['pay 4111\u00a01111\u202f1111\u20091111 now', 'pay CREDIT_CARD_NUMBER now'],
    ['pay 4111\u200b1111\u200c1111\u20601111 now', 'pay CREDIT_CARD_NUMBER now'],
    ['pay ４１１１－１１１１－１１１１－１１１１ now', 'pay CREDIT_CARD_NUMBER now'],
    ['ادفع ٤١١١ ١١١١ ١١١١ ١١١١ الآن', 'ادفع CREDIT_CARD_NUMBER الآن'],
    ['pay ۴۱۱۱-۱۱۱۱-۱۱۱۱-۱۱۱۱', 'pay CREDIT_CARD_NUMBER'],
    ['pay ४१११ ११११ ११११ ११११', 'pay CREDIT_CARD_NUMBER'],
    ['pay 𝟒𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 now', 'pay CREDIT_CARD_NUMBER now'],
    ['digit by digit 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1', 'digit by digit CREDIT_CARD_NUMBER'],
    ['not luhn ٤١١١ ١١١١ ١١١١ ١١١٢', 'not luhn ٤١١١ ١١١١ ١١١١ ١١١٢'],
    ['epoch ms 1700000000004', 'epoch ms 1700000000004'],
    ['at 2026-11-20T10:00:00Z', 'at 2026-11-20T10:00:00Z'],
    ['version 10.12.34567.8901', 'version 10.12.34567.8901'],
  ];
  for (const [input, output] of shapes) {
    it(`maskCardNumbers(${JSON.stringify(input)})`, () =>
      expect(maskCardNumbers(input)).to.equal(output));
  }

  it('masks generated card numbers in any separator and digit script (property)', async () => {
    const runs = 200 * ((await executeServerCommand('fuzz-scale')) as number);
    const zeros = [0x30, 0xff10, 0x660, 0x6f0, 0x966, 0x1d7ce];
    const seps = [' ', '  ', '\t', '.', '/', '-', '\u00a0', '\u2007', '\u202f', '\u2009', '\u200b'];
    const card = fc
      .tuple(
        fc.integer({ min: 13, max: 19 }),
        fc.integer({ min: 3, max: 9 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 18, maxLength: 18 }),
      )
      .map(([len, first, rest]) => {
        const payload = [first, ...rest.slice(0, len - 2)];
        for (let check = 0; check <= 9; check++)
          if (luhnValid([...payload, check].join(''))) return [...payload, check].join('');
        return '';
      });
    fc.assert(
      fc.property(
        card,
        fc.constantFrom(0, 1, 2, 3, 4),
        fc.constantFrom(...seps),
        fc.constantFrom(...zeros),
        fc.constantFrom('', 'card ', 'بطاقة: ', 'カード '),
        fc.constantFrom('', ' ok', '.', ', thanks'),
        (digits, size, sep, zero, pre, post) => {
          // punctuation separates card groupings (3 digits or more), spaces groups of any size
          const n = sep.trim() === '' || size === 0 || size > 2 ? size : 4;
          const groups = n === 0 ? [digits] : (digits.match(new RegExp(`.{1,${n}}`, 'g')) ?? []);
          const text = groups
            .join(sep)
            .replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));
          expect(maskCardNumbers(pre + text + post)).to.equal(`${pre}CREDIT_CARD_NUMBER${post}`);
        },
      ),
      { numRuns: runs, seed: 21 },
    );
  });

  it('masks 100,000 characters without a backtracking blow-up', () => {
    for (const input of [
      '1 '.repeat(50_000),
      '4'.repeat(100_000),
      '1-'.repeat(50_000),
      '\u0661\u200b'.repeat(50_000),
      `${' '.repeat(100_000)}1`,
      '4111 1111 1111 1111 '.repeat(5_000),
    ]) {
      const t0 = performance.now();
      maskCardNumbers(input);
      expect(performance.now() - t0).to.be.below(1000);
    }
  });

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
