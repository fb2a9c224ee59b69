// lit-html's repeat() must remove the markers of the items it drops: from
// 3.3.1 on it leaves each dropped item's end marker behind (package.json pins
// lit-html to 3.3.0; docs/lit-repeat-marker-leak.md). The virtualized
// transcript drops one row per live message, so a leak here is a node per
// message for as long as a call lasts.
import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import { repeat } from 'lit/directives/repeat.js';

describe('lit-html repeat()', () => {
  it('a window of 20 items moved 300 times leaves no markers behind', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const window20 = (from: number) => Array.from({ length: 20 }, (_, i) => from + i);
    const comments = () => [...host.childNodes].filter((n) => n.nodeType === Node.COMMENT_NODE);
    render(
      html`${repeat(
        window20(0),
        (x) => x,
        (x) => html`<p>${x}</p>`,
      )}`,
      host,
    );
    const atStart = comments().length;
    for (let from = 1; from <= 300; from++)
      render(
        html`${repeat(
          window20(from),
          (x) => x,
          (x) => html`<p>${x}</p>`,
        )}`,
        host,
      );
    expect(host.querySelectorAll('p').length).to.equal(20);
    expect(comments().length, 'markers: as many as at the start').to.equal(atStart);
    host.remove();
  });
});
