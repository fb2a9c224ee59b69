/**
 * HS256 JSON Web Tokens for the reference endpoint's Agent Copilot
 * authentication (docs/PROTOCOL.md §12), with `jose`: verify a workspace
 * link's `auth`, and sign one for QA. Only HS256 is accepted ("none" and
 * every other alg are refused). `exp` is required and may lie at most the
 * policy's longest lifetime ahead (of `iat`, and of now); `nbf` and `iat`,
 * when present, must be numbers, and `iat` may not lie in the future beyond
 * the clock tolerance; `aud` and `iss` must match when the policy names them.
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

/** What a token must satisfy besides its signature (an endpoint's `jwt` settings). */
export interface TokenPolicy {
  audience?: string;
  issuer?: string;
  /** the longest lifetime, s; default {@link DEFAULT_MAX_LIFETIME_S} */
  maxLifetimeS?: number;
}

/** A day: the longest a workspace link's token may live unless the endpoint says otherwise. */
export const DEFAULT_MAX_LIFETIME_S = 86_400;

/** Verifies an HS256 token; `nowS` (seconds) fixes the clock for tests. */
export async function verifyHs256(
  token: string,
  secret: string,
  nowS?: number,
  policy: TokenPolicy = {},
): Promise<Verified> {
  try {
    const now = nowS ?? Math.floor(Date.now() / 1000);
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: ['HS256'],
      clockTolerance: CLOCK_TOLERANCE_S,
      currentDate: new Date(now * 1000),
      requiredClaims: ['exp'],
      ...(policy.audience === undefined ? {} : { audience: policy.audience }),
      ...(policy.issuer === undefined ? {} : { issuer: policy.issuer }),
    });
    const exp = payload.exp as number; // required, and a number (jose checks both)
    const longest = policy.maxLifetimeS ?? DEFAULT_MAX_LIFETIME_S;
    if (payload.iat !== undefined && payload.iat > now + CLOCK_TOLERANCE_S)
      return { ok: false, reason: 'the token was issued in the future' };
    if (exp - (payload.iat ?? now) > longest || exp - now > longest)
      return { ok: false, reason: `the token lives longer than ${longest} seconds` };
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
    if (e.reason === 'missing') return `the token has no "${e.claim}" claim`;
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
