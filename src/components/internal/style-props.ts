import { type ElementPart, noChange, nothing } from 'lit';
import { Directive, type PartInfo, PartType, directive } from 'lit/directive.js';

/** CSS declarations by property name (kebab-case, custom properties allowed). */
export type StyleProps = Readonly<Record<string, string>>;

/**
 * Like `styleMap`, but always through the CSSOM (`style.setProperty`), also on
 * the first render: `styleMap` writes a `style` attribute there, which a
 * strict Content-Security-Policy (`style-src 'self'`) blocks.
 */
class StylePropsDirective extends Directive {
  #previous = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) throw new Error('styleProps() is an element directive');
  }

  render(_props: StyleProps) {
    return nothing;
  }

  override update(part: ElementPart, [props]: [StyleProps]) {
    const { style } = part.element as HTMLElement;
    for (const name of this.#previous) if (!(name in props)) style.removeProperty(name);
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    this.#previous = new Set(Object.keys(props));
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
