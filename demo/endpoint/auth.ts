/**
 * Agent Copilot authentication of the reference endpoint (docs/PROTOCOL.md §12.3): may a
 * workspace link with this `auth` join this session of this endpoint?
 */
import { claimsMatch, verifyHs256 } from '../jwt.js';
import type { EndpointConfig } from '../settings.js';
import type { SessionKey } from '../store.js';

/** The outcome of a check: allowed (with the token's expiry, if any) or refused with a reason. */
export type AuthResult =
  { ok: true; expiresAt: number | undefined } | { ok: false; reason: string; expired?: boolean };

/** Checks a join (or a socket that joined earlier, when the settings change). */
export async function authenticate(
  endpoint: EndpointConfig,
  key: SessionKey,
  auth: string | undefined,
  /** the clock, seconds (tests inject one) */
  nowS?: number,
): Promise<AuthResult> {
  const s = endpoint.settings;
  if (!s.enableAgentCopilotAuthentication) return { ok: true, expiresAt: undefined };
  if (!auth) {
    return s.blockNonJWTRequests
      ? {
          ok: false,
          reason:
            'Authentication required: this endpoint only accepts signed (JWT) workspace links.',
        }
      : { ok: true, expiresAt: undefined };
  }
  const v = await verifyHs256(auth, endpoint.jwtSecret ?? '', nowS, endpoint.jwt ?? {});
  if (!v.ok)
    return {
      ok: false,
      reason: `Authentication failed: ${v.reason}.`,
      expired: v.expired === true,
    };
  if (!claimsMatch(v.claims, key))
    return {
      ok: false,
      reason: 'Authentication failed: the token was issued for another session.',
    };
  return {
    ok: true,
    expiresAt: typeof v.claims.exp === 'number' ? v.claims.exp * 1000 : undefined,
  };
}
