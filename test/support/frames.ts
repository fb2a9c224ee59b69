// Helpers for tests that talk to real tile frames.

/** Messages posted to this window by `source()` that match `pick`, collected as they come. */
export function collect<T>(
  pick: (data: unknown) => T | undefined,
  source?: () => Window | null | undefined,
) {
  const got: T[] = [];
  const listener = (e: MessageEvent) => {
    if (source && e.source !== source()) return;
    const v = pick(e.data);
    if (v !== undefined) got.push(v);
  };
  window.addEventListener('message', listener);
  return { got, stop: () => window.removeEventListener('message', listener) };
}

/** `{ probe: name, ... }` messages that tile scripts in the tests post with '*'. */
export const probe =
  (name: string) =>
  (data: unknown): Record<string, unknown> | undefined => {
    const d = data as Record<string, unknown> | null;
    return d && typeof d === 'object' && d.probe === name ? d : undefined;
  };
