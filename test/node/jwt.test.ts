// The reference endpoint's HS256 tokens (PROTOCOL §9), verified with jose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { CLOCK_TOLERANCE_S, claimsMatch, signHs256, verifyHs256 } from '../../demo/jwt.js';

const SECRET = 'a-secret-of-this-endpoint';
const NOW = 1_800_000_000;
const session = { URLToken: 'tok', userId: 'u-1', sessionId: 's-1' };

/** A token with any claims at all, as a hostile or careless issuer could sign it. */
const signRaw = (claims: Record<string, unknown>, secret = SECRET) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));

test('a token signed for a session verifies and names that session', async () => {
  const token = await signHs256({ ...session, exp: NOW + 60 }, SECRET);
  const v = await verifyHs256(token, SECRET, NOW);
  assert.ok(v.ok);
  assert.ok(v.ok && claimsMatch(v.claims, session));
  assert.ok(v.ok && !claimsMatch(v.claims, { ...session, sessionId: 's-2' }));
});

test('a string exp is refused, never read as "does not expire"', async () => {
  const token = await signRaw({ ...session, exp: 'never' });
  assert.deepEqual(await verifyHs256(token, SECRET, NOW), {
    ok: false,
    reason: 'the token\'s "exp" claim is not valid',
  });
});

test('expiry and not-before, with the stated clock tolerance', async () => {
  const exp = NOW - CLOCK_TOLERANCE_S + 1; // expired, but within the tolerance
  assert.ok((await verifyHs256(await signRaw({ exp }), SECRET, NOW)).ok);
  const expired = await signRaw({ exp: NOW - CLOCK_TOLERANCE_S - 1 });
  assert.deepEqual(await verifyHs256(expired, SECRET, NOW), {
    ok: false,
    reason: 'the token has expired',
    expired: true,
  });
  const early = await signRaw({ nbf: NOW + CLOCK_TOLERANCE_S + 60 });
  assert.deepEqual(await verifyHs256(early, SECRET, NOW), {
    ok: false,
    reason: 'the token is not valid yet',
  });
});

test('only HS256 with the right secret: alg none, other secrets and garbage are refused', async () => {
  const good = await signRaw(session);
  const [, body] = good.split('.');
  const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${body}.`;
  assert.deepEqual(await verifyHs256(none, SECRET, NOW), {
    ok: false,
    reason: 'the token is not signed with HS256',
  });
  assert.deepEqual(await verifyHs256(await signRaw(session, 'another'), SECRET, NOW), {
    ok: false,
    reason: 'the token signature is not valid',
  });
  assert.deepEqual(await verifyHs256('not.a.jwt', SECRET, NOW), {
    ok: false,
    reason: 'the token cannot be read',
  });
});
