/**
 * HS256 JSON Web Tokens for the reference endpoint's Agent Copilot
 * authentication (PROTOCOL §9): verify a workspace link's `auth`, and sign
 * one for QA. Only HS256 is accepted ("none" and every other alg are refused).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface Claims {
  userId?: unknown;
  sessionId?: unknown;
  URLToken?: unknown;
  exp?: unknown;
  nbf?: unknown;
  [k: string]: unknown;
}

const b64url = (b: Buffer) => b.toString('base64url');
const SKEW_S = 30;

export function signHs256(claims: Claims, secret: string): string {
  const head = b64url(Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));
  const body = b64url(Buffer.from(JSON.stringify(claims)));
  const sig = b64url(createHmac('sha256', secret).update(`${head}.${body}`).digest());
  return `${head}.${body}.${sig}`;
}

export type Verified = { ok: true; claims: Claims } | { ok: false; reason: string };

export function verifyHs256(token: string, secret: string, nowS = Date.now() / 1000): Verified {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'the token is not a JWT' };
  const [head, body, sig] = parts as [string, string, string];
  let header: { alg?: unknown };
  let claims: Claims;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: unknown };
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims;
  } catch {
    return { ok: false, reason: 'the token cannot be read' };
  }
  if (header.alg !== 'HS256') return { ok: false, reason: 'the token is not signed with HS256' };
  if (typeof claims !== 'object' || claims === null)
    return { ok: false, reason: 'the token has no claims' };
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'the token signature is not valid' };
  }
  if (typeof claims.exp === 'number' && nowS > claims.exp + SKEW_S)
    return { ok: false, reason: 'the token has expired' };
  if (typeof claims.nbf === 'number' && nowS + SKEW_S < claims.nbf)
    return { ok: false, reason: 'the token is not valid yet' };
  return { ok: true, claims };
}

/** Do the claims name exactly this session? (`URLToken` is optional in the token.) */
export function claimsMatch(
  claims: Claims,
  key: { URLToken: string; userId: string; sessionId: string },
): boolean {
  if (claims.userId !== key.userId || claims.sessionId !== key.sessionId) return false;
  return claims.URLToken === undefined || claims.URLToken === key.URLToken;
}
