/**
 * `GET /context-summary/<id>`: a session's handoff brief as JSON (a
 * `BriefDocument`, docs/PROTOCOL.md §5.9), what a brief's `url` (the
 * voice-agent API's `contextSummaryUrl`) points at. The id is random per
 * session (demo/brief.ts): no token or session key is in the URL. Never
 * cached; no CORS header (the workspace page is same-origin with the
 * endpoint); an id nobody has is a 404.
 */
import type { ServerResponse } from 'node:http';
import { BriefDocument } from '../../src/transport/protocol.js';
import { CONTEXT_SUMMARY_PATH, SUMMARY_ID, handoffDocument } from '../brief.js';
import { send } from './http.js';
import type { Registry } from './registry.js';

export function isContextSummaryPath(pathname: string): boolean {
  return pathname.startsWith(CONTEXT_SUMMARY_PATH);
}

export function serveContextSummary(registry: Registry, res: ServerResponse, url: URL): void {
  const noStore = { 'cache-control': 'no-store' };
  const id = url.pathname.slice(CONTEXT_SUMMARY_PATH.length);
  const session = SUMMARY_ID.test(id) ? registry.sessionBySummary(id) : undefined;
  if (!session) {
    send(res, 404, 'application/json; charset=utf-8', '{"error":"no such summary"}', noStore);
    return;
  }
  // (checked as the workspace checks it: what is served is a brief)
  const doc = BriefDocument.parse(handoffDocument(session));
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(doc), noStore);
}
