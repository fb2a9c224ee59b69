/** Defines `tag` unless a script loaded earlier already did (hosts load scripts twice). */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
