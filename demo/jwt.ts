/**
 * HS256 JSON Web Tokens for the reference endpoint's Agent Copilot
 * authentication (PROTOCOL §9), with `jose`: verify a workspace link's
 * `auth`, and sign one for QA. Only HS256 is accepted ("none" and every other
 * alg are refused); `exp` and `nbf`, when present, must be numbers.
 */
import { type JWTPayload, SignJWT, errors, jwtVerify } from 'jose';

export interface Claims {
  userId?: unknown;
  sessionId?: unknown;
  URLToken?: unknown;
  exp?: unknown;
  nbf?: unknown;
  [k: string]: unknown;
}

/** Clock skew tolerated on `exp` and `nbf`, seconds. */
export const CLOCK_TOLERANCE_S = 30;

const key = (secret: string) => new TextEncoder().encode(secret);

/** Signs `claims` (with `exp` in seconds since the epoch) with HS256. */
export function signHs256(claims: JWTPayload, secret: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key(secret));
}

export type Verified =
  { ok: true; claims: Claims } | { ok: false; reason: string; expired?: boolean };

/** Verifies an HS256 token; `nowS` (seconds) fixes the clock for tests. */
export async function verifyHs256(token: string, secret: string, nowS?: number): Promise<Verified> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: ['HS256'],
      clockTolerance: CLOCK_TOLERANCE_S,
      ...(nowS === undefined ? {} : { currentDate: new Date(nowS * 1000) }),
    });
    return { ok: true, claims: payload as Claims };
  } catch (e) {
    return e instanceof errors.JWTExpired
      ? { ok: false, reason: reasonOf(e), expired: true }
      : { ok: false, reason: reasonOf(e) };
  }
}

function reasonOf(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'the token has expired';
  if (e instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with HS256';
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'nbf' && e.reason === 'check_failed') return 'the token is not valid yet';
    return `the token's "${e.claim}" claim is not valid`;
  }
  if (e instanceof errors.JOSENotSupported) return 'the token is not signed with HS256';
  return 'the token cannot be read';
}

/** Do the claims name exactly this session? (`URLToken` is optional in the token.) */
export function claimsMatch(
  claims: Claims,
  session: { URLToken: string; userId: string; sessionId: string },
): boolean {
  if (claims.userId !== session.userId || claims.sessionId !== session.sessionId) return false;
  return claims.URLToken === undefined || claims.URLToken === session.URLToken;
}
