/**
 * Genesys Cloud Interaction Widget mode (docs/PROTOCOL.md §9.4): a workspace
 * framed by Genesys Cloud as an Interaction Widget (a client app shown per
 * interaction) gets `gcHostOrigin` and `gcTargetEnv` in its URL. It then loads
 * the official client-app SDK (`purecloud-client-app-sdk`, with the check of
 * those parameters: genesys-widget-sdk.ts, a chunk of its own, in the single
 * script the sibling file `acw-genesys-sdk.js`) and an Insert proposes the text
 * to that interaction's reply box (`conversations.proposeInteractionMessage`),
 * which Genesys puts at the agent's cursor. The SDK does not answer: the
 * workspace says "proposed", never "inserted".
 */
import { SINGLE_SCRIPT, importSibling } from './sibling.js';

/** What the workspace needs of the SDK: one call, made inside the agent's click. */
export interface GenesysWidget {
  /** proposes `text` to the interaction's reply box, at the agent's cursor (no answer comes) */
  propose(text: string): void;
}

/** The widget parameters of a query string, as a key (`''`: not a widget URL). */
export function widgetKey(search: string): string {
  const q = new URLSearchParams(search);
  return q.has('gcHostOrigin') || q.has('gcTargetEnv')
    ? `${q.getAll('gcHostOrigin').join(' ')}|${q.getAll('gcTargetEnv').join(' ')}`
    : '';
}

type Lazy = typeof import('./genesys-widget-sdk.js');

/** Loads the SDK and starts widget mode; rejects, in words, when it cannot. */
export async function loadGenesysWidget(search: string): Promise<GenesysWidget> {
  const lazy = SINGLE_SCRIPT
    ? await importSibling<Lazy>('acw-genesys-sdk.js')
    : await import('./genesys-widget-sdk.js');
  return lazy.startWidget(search);
}
