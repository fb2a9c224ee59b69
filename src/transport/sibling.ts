/**
 * The single script's sibling files (its translations, the Genesys client-app
 * SDK): ES modules next to the script, imported from its own URL when first
 * needed, so nobody loads what they do not use.
 */

/** Set by the single-script build (vite `define`): lazy parts are sibling files, not chunks. */
declare const __ACW_SINGLE_SCRIPT__: boolean | undefined;

export const SINGLE_SCRIPT = typeof __ACW_SINGLE_SCRIPT__ !== 'undefined' && __ACW_SINGLE_SCRIPT__;

/**
 * Where the single script was loaded from (read while it is evaluated: later
 * `document.currentScript` is gone).
 */
const scriptUrl = SINGLE_SCRIPT
  ? ((document.currentScript as HTMLScriptElement | null)?.src ?? document.baseURI)
  : undefined;

/** Imports the sibling file `name` (e.g. `acw-locale-de.js`) of the single script. */
export function importSibling<T>(name: string): Promise<T> {
  return import(/* @vite-ignore */ new URL(name, scriptUrl).href) as Promise<T>;
}
