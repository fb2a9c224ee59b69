// The build's minifier of Lit templates (scripts/minify-templates.mjs): what it
// may change (comments, indents, line breaks) and what it must not (the
// `${…}` holes and the code in them, quoted CSS strings, a descendant selector,
// anything that is not a css`` or html`` template).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { minifyCss, minifyHtml, minifyTemplates } from '../../scripts/minify-templates.js';
import { repoRoot } from '../support/endpoint-process.js';

test('css: comments and layout white space go; strings, descendant selectors and values stay', () => {
  const source = `
  /* a comment with an apostrophe: don't */
  .grid :focus-visible,
  .a > .b {
    content: ' …';
    font-family: 'Segoe UI', Roboto;
    grid-template-columns: repeat(3, 1fr);
  }
`;
  assert.equal(
    minifyCss(source),
    "\n\n.grid :focus-visible,\n.a > .b{\ncontent: ' …';\nfont-family: 'Segoe UI',Roboto;\ngrid-template-columns: repeat(3,1fr)\n}\n",
  );
});

test('html: a white space run with a line break becomes the line break, other spaces stay', () => {
  assert.equal(
    minifyHtml('<div class="a  b">\n      <span>x  y</span>\n\n    </div>'),
    '<div class="a  b">\n<span>x  y</span>\n\n</div>',
  );
});

test('templates: only the static parts of css`` and html`` change, nested ones too; holes and other templates are kept', () => {
  const code = [
    'const s = css`',
    '  :host {',
    '    ${unsafeCSS("a  b")}',
    '  }',
    '`;',
    'const t = html`<p>',
    '    ${cond ? html`<b>',
    '      x</b>` : `keep\n   me`}',
    '  </p>`;',
    'const u = other`a',
    '   b`;',
  ].join('\n');
  const out = minifyTemplates(code);
  assert.equal(
    out,
    [
      'const s = css`',
      ':host{',
      '${unsafeCSS("a  b")}}',
      '',
      '`;',
      'const t = html`<p>',
      '${cond ? html`<b>',
      'x</b>` : `keep\n   me`}',
      '</p>`;',
      'const u = other`a',
      '   b`;',
    ].join('\n'),
  );
  assert.equal(out.split('\n').length, code.split('\n').length, 'every line where it was');
});

test('a real style module: a fifth smaller at least, its lines where they were, its quoted string kept', () => {
  const file = `${repoRoot}src/components/acw-transcript-tile.styles.ts`;
  const code = readFileSync(file, 'utf8');
  const out = minifyTemplates(code, file);
  assert.ok(out.length < code.length * 0.8, `${code.length} → ${out.length} characters`);
  assert.equal(out.split('\n').length, code.split('\n').length, 'every line where it was');
  assert.ok(out.includes("content: ' …'"), 'the quoted CSS string is kept');
});
