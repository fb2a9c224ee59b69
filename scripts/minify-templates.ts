// Lit's css`` and html`` templates reach the bundle as written: every
// comment, indent and line break of the source. No minifier touches template
// literal text (it is data), so the build does, in the static parts only
// (never inside a `${…}`), with the TypeScript parser finding the templates
// (nested ones included):
// - css: comments go, white space runs become one space, and none is kept
//   next to `{ } ; ,` (a space before `:` or `[` stays: `.a :focus` is a
//   descendant selector); quoted strings are left as they are;
// - html: a white space run with a line break becomes that line break (the
//   browser renders it as one space anywhere but in pre-formatted text, which
//   the components only ever fill through bindings).
// Line breaks are kept (a run of them as it was), so every line stays where it
// was and the modules' source maps need no change.
import ts from 'typescript';

const CSS_TOKEN = /('[^']*'|"[^"]*")|\/\*[\s\S]*?\*\/|\s+/g;

/** The line breaks of `text`, and nothing else (what is cut keeps its lines: the source maps hold). */
const lines = (text: string): string => text.replace(/[^\n]/g, '');

/** One static part of a css`` template, minified. */
export function minifyCss(text: string): string {
  return text
    .replace(
      CSS_TOKEN,
      (m: string, quoted?: string) => quoted ?? (m.startsWith('/*') ? lines(m) : lines(m) || ' '),
    )
    .replace(
      /('[^']*'|"[^"]*")|\s*([{};,])\s*/g,
      (m: string, quoted?: string, punct?: string) => quoted ?? `${punct}${lines(m)}`,
    )
    .replace(
      /('[^']*'|"[^"]*")|;(\n*)}/g,
      (_m: string, quoted?: string, breaks?: string) => quoted ?? `${breaks}}`,
    );
}

/** One static part of an html`` template, minified. */
export function minifyHtml(text: string): string {
  return text.replace(/\s*\n\s*/g, lines);
}

const TAGS: Record<string, (text: string) => string> = { css: minifyCss, html: minifyHtml };

/** The static parts of a template literal: [start, end) of their raw text in the source. */
function staticParts(template: ts.TemplateLiteral, source: string): [number, number][] {
  if (ts.isNoSubstitutionTemplateLiteral(template)) {
    return [[template.getStart() + 1, template.end - 1]];
  }
  const parts: [number, number][] = [[template.head.getStart() + 1, template.head.end - 2]];
  for (const span of template.templateSpans) {
    const lit = span.literal;
    const start = lit.getStart() + 1;
    const end = ts.isTemplateTail(lit) ? lit.end - 1 : lit.end - 2;
    parts.push([start, end]);
  }
  // (end positions exclude trailing trivia: the literal's end is right after its `${` or backtick)
  return parts.filter(([a, b]) => b >= a && b <= source.length);
}

/** `code` (a TypeScript module) with its css`` and html`` templates minified. */
export function minifyTemplates(code: string, fileName = 'module.ts'): string {
  const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  const edits: [number, number, string][] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isTaggedTemplateExpression(node) &&
      ts.isIdentifier(node.tag) &&
      Object.hasOwn(TAGS, node.tag.text)
    ) {
      const minify = TAGS[node.tag.text] as (text: string) => string;
      for (const [a, b] of staticParts(node.template, code)) {
        const raw = code.slice(a, b);
        const min = minify(raw);
        if (min !== raw) edits.push([a, b, min]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  edits.sort((x, y) => y[0] - x[0]);
  let out = code;
  for (const [a, b, text] of edits) out = out.slice(0, a) + text + out.slice(b);
  return out;
}
