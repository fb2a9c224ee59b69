/**
 * The lazy part of Genesys Interaction Widget mode (docs/PROTOCOL.md §9.4; the
 * core's part is genesys-widget.ts): the URL's widget parameters checked, and
 * the official client-app SDK (`purecloud-client-app-sdk`, imported once they
 * are). Loaded only when
 * the URL names a Genesys host: a chunk of its own in the ES modules, the
 * sibling file `acw-genesys-sdk.js` of the single script.
 */
import type { GenesysWidget } from './genesys-widget.js';
import { secureUrl } from './url.js';

export interface WidgetParams {
  /** the Genesys Cloud page that frames the widget (`{{gcHostOrigin}}`): its origin */
  hostOrigin: string;
  /** the Genesys Cloud environment (`{{gcTargetEnv}}`, e.g. `prod`, `prod-euw2`) */
  targetEnv: string;
}

export type WidgetParamsResult =
  | { mode: 'none' }
  | { mode: 'widget'; params: WidgetParams }
  /** the parameters are there but unusable: `problem` in words (never the values) */
  | { mode: 'invalid'; problem: string };

const TARGET_ENV = /^[a-z0-9][a-z0-9-]{0,39}$/i;

/**
 * Reads the widget parameters of a query string. The mode is on when either
 * of `gcHostOrigin` and `gcTargetEnv` is there; both must then be valid: an
 * exact https origin (http only on loopback, for the demo desktop), and an
 * environment name.
 */
export function readWidgetParams(search: string): WidgetParamsResult {
  const query = new URLSearchParams(search);
  const origin = query.getAll('gcHostOrigin');
  const env = query.getAll('gcTargetEnv');
  if (origin.length === 0 && env.length === 0) return { mode: 'none' };
  if (origin.length !== 1 || env.length !== 1)
    return { mode: 'invalid', problem: 'gcHostOrigin and gcTargetEnv must both be given once' };
  const hostOrigin = originOf(origin[0] ?? '');
  if (!hostOrigin)
    return {
      mode: 'invalid',
      problem: 'gcHostOrigin is not an https origin (http only on localhost)',
    };
  const targetEnv = env[0] ?? '';
  if (!TARGET_ENV.test(targetEnv))
    return { mode: 'invalid', problem: 'gcTargetEnv is not an environment name' };
  return { mode: 'widget', params: { hostOrigin, targetEnv } };
}

/** `value` as an exact origin (a trailing `/` allowed), or undefined. */
function originOf(value: string): string | undefined {
  const url = secureUrl(value);
  const bare = url?.pathname === '/' && !url.search && !url.hash;
  return bare && value.replace(/\/$/, '') === url.origin ? url.origin : undefined;
}

/**
 * Makes the client app for the URL's widget parameters (the SDK checks the
 * pair against the Genesys environments it knows; loopback origins are its
 * development hosts). Throws, in words, when the parameters are unusable, the
 * SDK refuses the pair, or the workspace is not framed.
 */
export async function startWidget(search: string, win: Window = window): Promise<GenesysWidget> {
  const w = readWidgetParams(search);
  if (w.mode !== 'widget')
    throw new Error(w.mode === 'invalid' ? w.problem : 'no widget parameters');
  if (win.parent === win) throw new Error('the workspace is not framed by Genesys Cloud');
  // (bundled into this file's sibling build; in the ES modules the integrator's bundler resolves it)
  const { default: ClientApp } = await import('purecloud-client-app-sdk');
  const app = new ClientApp({ gcHostOrigin: w.params.hostOrigin, gcTargetEnv: w.params.targetEnv });
  return { propose: (text) => app.conversations.proposeInteractionMessage('insert', text) };
}
