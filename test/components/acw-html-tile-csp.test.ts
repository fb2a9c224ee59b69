// A page whose Content-Security-Policy does not allow blob: frames (the README
// snippet on a strict page): the html tile says on screen what the integrator
// must add, and the workspace hears one diagnostic. (A page of its own: a CSP
// once set cannot be taken back.)
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { AcwHtmlTile } from '../../src/components/acw-html-tile.js';
import { AcwDiagnosticEvent } from '../../src/events/events.js';

describe('<acw-html-tile> on a page whose CSP blocks blob: frames', () => {
  before(() => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "frame-src 'self'";
    document.head.append(meta);
  });

  it('says what the integrator must add, and reports it once', async () => {
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    const heard: AcwDiagnosticEvent[] = [];
    holder.addEventListener(AcwDiagnosticEvent.eventName, (e) =>
      heard.push(e as AcwDiagnosticEvent),
    );
    const diagnostic = oneEvent(holder, AcwDiagnosticEvent.eventName);
    const el: AcwHtmlTile = document.createElement('acw-html-tile');
    el.tileId = 'identity';
    el.html = '<p>hello</p>';
    el.style.blockSize = '200px';
    holder.append(el);
    const d = (await diagnostic) as unknown as AcwDiagnosticEvent;
    expect(d.diagnostic.kind).to.equal('csp-blocked');
    expect(d.diagnostic.problem).to.contain('frame-src blob:');
    await el.updateComplete;
    const alert = el.shadowRoot?.querySelector('[role="alert"]');
    expect(alert?.textContent).to.contain('frame-src blob:');
    el.html = '<p>hello again</p>'; // a new document, blocked again: still one report
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
    expect(heard.length).to.equal(1);
    await expect(el).to.be.accessible();
  });
});
