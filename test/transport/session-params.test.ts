import { expect } from '@open-wc/testing';
import { readSessionParams } from '../../src/transport/session-params.js';

const problemsOf = (search: string) => {
  const r = readSessionParams(search);
  return r.ok ? [] : r.problems.map((p) => `${p.param}:${p.problem}`);
};

describe('session parameters (docs/PROTOCOL.md §1)', () => {
  it('reads the three required parameters', () => {
    const r = readSessionParams('?userId=u1&sessionId=s1&URLToken=abc');
    expect(r).to.deep.equal({
      ok: true,
      params: { userId: 'u1', sessionId: 's1', URLToken: 'abc' },
    });
  });

  it('reads an optional auth JWT', () => {
    const r = readSessionParams('userId=u&sessionId=s&URLToken=t&auth=aaa.bbb.ccc');
    expect(r.ok && r.params.auth).to.equal('aaa.bbb.ccc');
  });

  it('decodes values as text', () => {
    const r = readSessionParams('?userId=%3Cimg%20src%3Dx%3E&sessionId=s&URLToken=t');
    expect(r.ok && r.params.userId).to.equal('<img src=x>');
  });

  const table: [string, string, string[]][] = [
    ['nothing', '', ['userId:missing', 'sessionId:missing', 'URLToken:missing']],
    ['one missing', '?userId=u&sessionId=s', ['URLToken:missing']],
    ['an empty one', '?userId=&sessionId=s&URLToken=t', ['userId:empty']],
    ['a blank one', '?userId=%20%20&sessionId=s&URLToken=t', ['userId:empty']],
    ['a repeated one', '?userId=a&userId=b&sessionId=s&URLToken=t', ['userId:repeated']],
    ['a too long one', `?userId=u&sessionId=${'x'.repeat(257)}&URLToken=t`, ['sessionId:too-long']],
    ['control characters', '?userId=a%0Ab&sessionId=s&URLToken=t', ['userId:malformed']],
    ['a malformed auth', '?userId=u&sessionId=s&URLToken=t&auth=not-a-jwt', ['auth:malformed']],
    [
      'case matters (urltoken is not URLToken)',
      '?userId=u&sessionId=s&urltoken=t',
      ['URLToken:missing'],
    ],
  ];
  for (const [name, search, expected] of table) {
    it(`names the problem: ${name}`, () => expect(problemsOf(search)).to.deep.equal(expected));
  }

  it('never puts a value into a problem', () => {
    const r = readSessionParams(`?userId=SECRET&sessionId=${'S'.repeat(300)}&URLToken=SECRET%0A`);
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(JSON.stringify(r.problems)).to.not.include('SECRET').and.not.include('SSS');
  });
});
