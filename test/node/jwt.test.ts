// The reference endpoint's HS256 tokens (docs/PROTOCOL.md §12), verified with jose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import {
  CLOCK_TOLERANCE_S,
  DEFAULT_MAX_LIFETIME_S,
  claimsMatch,
  signHs256,
  verifyHs256,
} from '../../demo/jwt.js';

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
  const early = await signRaw({ nbf: NOW + CLOCK_TOLERANCE_S + 60, exp: NOW + 3600 });
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

test('a token without exp is refused: it would never expire', async () => {
  assert.deepEqual(await verifyHs256(await signRaw(session), SECRET, NOW), {
    ok: false,
    reason: 'the token has no "exp" claim',
  });
});

test('a token that lives longer than the longest lifetime is refused (a day by default)', async () => {
  const day = DEFAULT_MAX_LIFETIME_S;
  assert.ok((await verifyHs256(await signRaw({ iat: NOW, exp: NOW + day }), SECRET, NOW)).ok);
  for (const claims of [
    { iat: NOW, exp: NOW + day + 1 }, // issued for too long
    { exp: NOW + day + 60 }, // no iat: counted from now
    { iat: NOW - day, exp: NOW + 120 }, // exp − iat
  ]) {
    const v = await verifyHs256(await signRaw(claims), SECRET, NOW);
    assert.deepEqual(v, { ok: false, reason: `the token lives longer than ${day} seconds` });
  }
  const short = await verifyHs256(await signRaw({ exp: NOW + 600 }), SECRET, NOW, {
    maxLifetimeS: 300,
  });
  assert.deepEqual(short, { ok: false, reason: 'the token lives longer than 300 seconds' });
});

test('an iat in the future beyond the tolerance is refused', async () => {
  const within = await signRaw({ iat: NOW + CLOCK_TOLERANCE_S, exp: NOW + 600 });
  assert.ok((await verifyHs256(within, SECRET, NOW)).ok);
  const beyond = await signRaw({ iat: NOW + CLOCK_TOLERANCE_S + 1, exp: NOW + 600 });
  assert.deepEqual(await verifyHs256(beyond, SECRET, NOW), {
    ok: false,
    reason: 'the token was issued in the future',
  });
});

test('aud and iss are checked when the endpoint names them, and ignored when not', async () => {
  const policy = { audience: 'acw-workspace', issuer: 'https://idp.example.com' };
  const right = await signRaw({
    aud: 'acw-workspace',
    iss: 'https://idp.example.com',
    exp: NOW + 60,
  });
  assert.ok((await verifyHs256(right, SECRET, NOW, policy)).ok);
  const foreignAud = await signRaw({ aud: 'other', iss: policy.issuer, exp: NOW + 60 });
  assert.deepEqual(await verifyHs256(foreignAud, SECRET, NOW, policy), {
    ok: false,
    reason: 'the token\'s "aud" claim is not valid',
  });
  const foreignIss = await signRaw({
    aud: policy.audience,
    iss: 'https://evil.example',
    exp: NOW + 60,
  });
  assert.deepEqual(await verifyHs256(foreignIss, SECRET, NOW, policy), {
    ok: false,
    reason: 'the token\'s "iss" claim is not valid',
  });
  const none = await signRaw({ exp: NOW + 60 });
  assert.equal((await verifyHs256(none, SECRET, NOW, policy)).ok, false);
  assert.ok((await verifyHs256(foreignAud, SECRET, NOW)).ok, 'no policy: aud is not checked');
});
