/**
 * Runs `run` while recording the elements whose computed style the page reads
 * (`getComputedStyle`; a read after a DOM change forces a style pass). `run`
 * gets the list as it grows; the page's own function is back afterwards.
 */
export async function withStyleReads<T>(run: (read: readonly Element[]) => Promise<T>): Promise<T> {
  const read: Element[] = [];
  const original = window.getComputedStyle;
  window.getComputedStyle = function (this: Window, el: Element, pseudo?: string | null) {
    read.push(el);
    return original.call(this, el, pseudo);
  };
  try {
    return await run(read);
  } finally {
    window.getComputedStyle = original;
  }
}
