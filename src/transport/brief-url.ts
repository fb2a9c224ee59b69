/**
 * A handoff brief's `url` (docs/PROTOCOL.md §5.9; the voice-agent API's
 * `handoffConfig.contextSummaryUrl`): fetched once per page, without
 * credentials or referrer, https only (http on loopback, for the demo),
 * bounded in time and size, and schema-checked. The page's CSP `connect-src`
 * decides which origins may answer: a blocked request is a failed one.
 */
import { BriefDocument } from './protocol.js';
import { secureUrl } from './url.js';

export const BRIEF_FETCH_TIMEOUT_MS = 5000;
export const BRIEF_MAX_BYTES = 256 * 1024;

export type BriefFetchProblem = 'refused' | 'timeout' | 'failed' | 'invalid';
export type BriefFetchResult =
  { ok: true; doc: BriefDocument } | { ok: false; problem: BriefFetchProblem };

/** Answers by URL, for this page (a brief shown again, or in two places, is fetched once). */
const answers = new Map<string, Promise<BriefFetchResult>>();

export function fetchBrief(value: string): Promise<BriefFetchResult> {
  // fetched only when https, or http on loopback, with no credentials in it
  const url = secureUrl(value);
  if (!url) return Promise.resolve({ ok: false, problem: 'refused' });
  let answer = answers.get(url.href);
  if (!answer) {
    answer = load(url);
    if (answers.size >= 32) answers.clear(); // (bounded: a page sees a few briefs)
    answers.set(url.href, answer);
  }
  return answer;
}

async function load(url: URL): Promise<BriefFetchResult> {
  try {
    const res = await fetch(url, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'error',
      cache: 'no-store',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(BRIEF_FETCH_TIMEOUT_MS),
    });
    if (!res.ok) return { ok: false, problem: 'failed' };
    const text = await res.text();
    if (text.length > BRIEF_MAX_BYTES) return { ok: false, problem: 'invalid' };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, problem: 'invalid' };
    }
    const doc = BriefDocument.safeParse(json);
    return doc.success ? { ok: true, doc: doc.data } : { ok: false, problem: 'invalid' };
  } catch (e) {
    return { ok: false, problem: (e as Error).name === 'TimeoutError' ? 'timeout' : 'failed' };
  }
}
