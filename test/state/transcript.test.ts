import { expect } from '@open-wc/testing';
import { Transcript } from '../../src/state/transcript.js';
import type { TranscriptMessage } from '../../src/transport/protocol.js';

const m = (
  _id: string,
  text: string,
  extra: Partial<TranscriptMessage> = {},
): TranscriptMessage => ({ _id, source: 'user', text, ...extra });
const texts = (t: Transcript) => t.toArray().map((x) => x.text);

describe('Transcript: interim speech-to-text (voice extension)', () => {
  it('a message with the same _id replaces an interim one in place: never duplicated, never moved', () => {
    let t = Transcript.of([m('a', 'hello')]);
    t = t.append([m('v1', 'I would', { final: false })]).transcript;
    t = t.append([m('b', 'agent line', { source: 'agent' })]).transcript;
    const revised = t.append([m('v1', 'I would like', { final: false })]);
    expect(revised.added, 'a revision adds nothing').to.deep.equal([]);
    expect(revised.transcript, 'but is a new snapshot').to.not.equal(t);
    t = revised.transcript.append([m('v1', 'I would like a refund', { final: true })]).transcript;
    expect(texts(t)).to.deep.equal(['hello', 'I would like a refund', 'agent line']);
    expect(t.length).to.equal(3);
    // a final is final: the same _id again is a duplicate, as always
    t = t.append([m('v1', 'something else', { final: false })]).transcript;
    expect(texts(t)[1]).to.equal('I would like a refund');
  });

  it('`replaces` names the interim a final with its own _id takes the place of', () => {
    let t = Transcript.of([m('i-7', 'my card', { final: false })]);
    t = t.append([
      m('f-7', 'my card number is CREDIT_CARD_NUMBER', { replaces: 'i-7' }),
    ]).transcript;
    expect(texts(t)).to.deep.equal(['my card number is CREDIT_CARD_NUMBER']);
    expect(t.has('f-7')).to.equal(true);
    expect(t.append([m('f-7', 'again')]).transcript.length, 'deduped by its own id').to.equal(1);
  });

  it('says which interim messages became final since a snapshot (for announcements)', () => {
    const t0 = Transcript.of([m('v1', 'one', { final: false }), m('v2', 'two', { final: false })]);
    const t1 = t0.append([m('v1', 'one two', { final: false })]).transcript;
    expect(t1.finalizedSince(t0), 'a revision is not final').to.deep.equal([]);
    const t2 = t1.append([m('v2', 'two final'), m('v1', 'one final', { final: true })]).transcript;
    expect(t2.finalizedSince(t0).map((x) => x.text)).to.deep.equal(['two final', 'one final']);
    expect(t2.finalizedSince(t2)).to.deep.equal([]);
  });

  it('masks card numbers in interim text too when redaction is on', () => {
    let t = Transcript.of([m('v', 'card 4111', { final: false })], { redaction: true });
    t = t.append([m('v', 'card 4111 1111 1111 1111', { final: false })]).transcript;
    expect(texts(t)[0]).to.not.contain('4111 1111');
  });

  it('without `final` and `replaces` (every backend before the extension) nothing changes', () => {
    let t = Transcript.of([m('a', 'one')]);
    const same = t.append([m('a', 'one again')]);
    expect(same.transcript).to.equal(t);
    t = t.append([m('b', 'two')]).transcript;
    expect(texts(t)).to.deep.equal(['one', 'two']);
  });
});
