import { expect } from '@open-wc/testing';
import { normaliseInsertText } from '../../src/controllers/insert-controller.js';

describe('normaliseInsertText: what an Insert puts down', () => {
  it('reads forwarded innerHTML as the text the agent would have typed', () => {
    const forwarded = `
        <p>Thank you, Jane.&nbsp;I can see the $249.99 charge from
           TechGear&nbsp;Online &amp; I&#8217;ll refund it.</p>
        <p>Anything else?<br>Best regards</p>
      `;
    expect(normaliseInsertText(forwarded)).to.equal(
      'Thank you, Jane. I can see the $249.99 charge from TechGear Online & I’ll refund it.\n\nAnything else?\nBest regards',
    );
  });

  it('leaves plain text as it is, but for the spacing of its lines', () => {
    expect(normaliseInsertText('  Hello   there\t you \n\n\n\nBye  ')).to.equal(
      'Hello there you\n\nBye',
    );
    expect(normaliseInsertText('5 < 6 and 7 > 3')).to.equal('5 < 6 and 7 > 3');
  });

  it('runs and loads nothing in the markup it reads', () => {
    let ran = false;
    (window as unknown as { __acwRan: () => void }).__acwRan = () => (ran = true);
    const text = normaliseInsertText(
      '<img src=x onerror="__acwRan()"><script>__acwRan()</script>Refund issued',
    );
    expect(text).to.equal('Refund issued');
    expect(ran).to.equal(false);
  });
});
