/**
 * docs/PROTOCOL.md §1: the session parameters come from the page URL. Values are
 * treated as text only; this module never logs or stores them.
 */

export const REQUIRED_PARAMS = ['userId', 'sessionId', 'URLToken'] as const;
export type RequiredParam = (typeof REQUIRED_PARAMS)[number];
export type ParamName = RequiredParam | 'auth';

export interface SessionParams {
  userId: string;
  sessionId: string;
  URLToken: string;
  auth?: string;
}

export interface ParamProblem {
  param: ParamName;
  /** what is wrong, as a code (the components put it into words; never the value) */
  problem: 'missing' | 'empty' | 'too-long' | 'repeated' | 'malformed';
}

export type SessionParamsResult =
  { ok: true; params: SessionParams } | { ok: false; problems: ParamProblem[] };

export const MAX_PARAM_LENGTH = 256;
const MAX_AUTH_LENGTH = 8192;
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;
// Control characters make no sense in an id and are a classic smuggling vector.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/**
 * Reads and validates the session parameters of a URL query string
 * (`location.search`, with or without the leading `?`).
 */
export function readSessionParams(search: string): SessionParamsResult {
  const query = new URLSearchParams(search);
  const problems: ParamProblem[] = [];
  const values: Partial<Record<ParamName, string>> = {};

  for (const name of REQUIRED_PARAMS) {
    const all = query.getAll(name);
    const value = all[0];
    if (value === undefined) {
      problems.push({ param: name, problem: 'missing' });
    } else if (all.length > 1) {
      problems.push({
        param: name,
        problem: 'repeated',
      });
    } else if (value.trim() === '') {
      problems.push({ param: name, problem: 'empty' });
    } else if (value.length > MAX_PARAM_LENGTH) {
      problems.push({
        param: name,
        problem: 'too-long',
      });
    } else if (CONTROL_CHARS.test(value)) {
      problems.push({
        param: name,
        problem: 'malformed',
      });
    } else {
      values[name] = value;
    }
  }

  const auth = query.get('auth');
  if (auth !== null && auth !== '') {
    if (auth.length > MAX_AUTH_LENGTH || !JWT_SHAPE.test(auth)) {
      problems.push({
        param: 'auth',
        problem: 'malformed',
      });
    } else {
      values.auth = auth;
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  const { userId, sessionId, URLToken } = values;
  if (userId === undefined || sessionId === undefined || URLToken === undefined) {
    // unreachable: every required name either produced a value or a problem
    return { ok: false, problems };
  }
  const params: SessionParams = { userId, sessionId, URLToken };
  if (values.auth !== undefined) params.auth = values.auth;
  return { ok: true, params };
}
