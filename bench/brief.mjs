// The handoff brief (docs/PROTOCOL.md §5.9) in the built script, beside a
// transcript of 10,000 messages on a scripted connection: the brief painted
// after its tileUpdate, and a citation's jump to a message far up (not
// rendered) until that message is focused and painted.
import { PAGE_HELPERS, pct, round } from './lib.mjs';

const SAMPLES = 30;
const N = 10_000;

export async function briefFigures({ browser, script, results }) {
  const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
  try {
    await page.setContent(
      '<!doctype html><html lang="en"><body style="margin:0;height:800px"></body></html>',
    );
    await page.addScriptTag({ content: PAGE_HELPERS });
    await page.addScriptTag({ content: script });
    const f = await page.evaluate(
      async ([n, samples]) => {
        const acw = window.__acw;
        const emit = await acw.mountScripted(n);
        while (!acw.shows(`Message ${n - 1}:`)) await acw.painted();
        for (let i = 0; i < 5; i++) await acw.painted();
        const grid = () =>
          document.querySelector('acw-workspace').shadowRoot.querySelector('acw-grid');
        const brief = () => grid().shadowRoot.querySelector('acw-brief-tile');
        const transcript = () => grid().shadowRoot.querySelector('acw-transcript-tile');
        const paint = [];
        const jump = [];
        for (let i = 0; i < samples; i++) {
          const cited = 5 + i * 7;
          await acw.painted();
          let t = performance.now();
          emit({
            id: 'handoff',
            version: i + 1,
            type: 'html',
            data: {
              html: '',
              brief: {
                title: `Brief ${i}`,
                sentences: [
                  {
                    text: `Why the customer came, take ${i}.`,
                    cites: [`m${cited}`],
                    topic: 'reason',
                  },
                  { text: 'What the bot verified.', cites: ['m1'], topic: 'verified' },
                ],
              },
            },
          });
          while (!brief()?.shadowRoot?.querySelector('li')?.textContent?.includes(`take ${i}.`))
            await new Promise((r) => setTimeout(r, 0));
          await acw.painted();
          paint.push(performance.now() - t);
          // the citation: to a message thousands of rows up, not in the DOM
          const button = brief().shadowRoot.querySelector('button.cite');
          t = performance.now();
          button.click();
          const index = String(cited);
          while (transcript().shadowRoot.activeElement?.dataset?.index !== index)
            await new Promise((r) => setTimeout(r, 0));
          await acw.painted();
          jump.push(performance.now() - t);
          transcript().shadowRoot.querySelector('button.back')?.click();
          transcript().scrollToLatest();
          for (let k = 0; k < 3; k++) await acw.painted();
        }
        paint.sort((a, b) => a - b);
        jump.sort((a, b) => a - b);
        return { paint, jump };
      },
      [N, SAMPLES],
    );
    results.record('brief: tileUpdate → painted p50', round(pct(f.paint, 50)), 'ms', 100);
    results.record('brief: tileUpdate → painted p99', round(pct(f.paint, 99)), 'ms', 100);
    results.record(
      'brief: citation → message 10,000 rows up focused and painted p50',
      round(pct(f.jump, 50)),
      'ms',
      50,
    );
    results.record(
      'brief: citation → message 10,000 rows up focused and painted p99',
      round(pct(f.jump, 99)),
      'ms',
      50,
    );
  } finally {
    await page.close();
  }
}
