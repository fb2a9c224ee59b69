/**
 * A catalog of English texts as message functions (messages.ts says how the
 * catalog works). A text's placeholders are `{0}`, `{1}`, `{2}`: the
 * function's arguments, in order. `msg` of `@lit/localize` gives the agent's
 * language's text for the id (a locale file's, else the English), then the
 * arguments fill its placeholders.
 */
import { msg } from '@lit/localize';

/** The argument numbers a text's placeholders name. */
type Slots<S extends string> = S extends `${string}{${infer N extends number}}${infer Rest}`
  ? N | Slots<Rest>
  : never;

/** A message's arguments: one string for each placeholder, up to `{2}`. */
type Args<S extends string> =
  2 extends Slots<S>
    ? [string, string, string]
    : 1 extends Slots<S>
      ? [string, string]
      : 0 extends Slots<S>
        ? [string]
        : [];

/** Each id of an English table as its message function. */
export type Messages<T extends Record<string, string>> = {
  readonly [Id in keyof T]: (...args: Args<T[Id]>) => string;
};

/** `text` with its placeholders filled (an argument's own text is not read again). */
export const fill = (text: string, args: readonly string[]): string =>
  text.replace(/\{(\d)\}/g, (_, n: string) => args[Number(n)] ?? '');

/** The message functions of an English table. */
export function catalog<const T extends Record<string, string>>(english: T): Messages<T> {
  const messages: Record<string, (...args: string[]) => string> = Object.create(null);
  for (const id of Object.keys(english)) {
    messages[id] = (...args) => fill(msg(english[id] as string, { id }), args);
  }
  return messages as Messages<T>;
}
