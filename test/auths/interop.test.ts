// Interoperability with Open WebUI's Python stack: JWTs (PyJWT, HS256) and password hashes
// (python bcrypt, $2b$ cost 12) must be accepted in both directions, so users and sessions survive
// a switch between the two servers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, signup, TEST_SECRET, type Account, type TestServer } from '../helpers/server.ts';
import { TokenSigner } from '../../src/auth/tokens.ts';
import { hashPassword, verifyPassword } from '../../src/auth/passwords.ts';
import { decodeJwtPart, makeJwt, nowSec, python, pythonHas, signin, uuid, whoami, cookieHeader, FOUR_WEEKS } from './support.ts';

const pyjwtVector = JSON.parse(readFileSync(new URL('../vectors/pyjwt.json', import.meta.url), 'utf8')) as {
  secret: string;
  claims: { id: string; jti: string; exp: number };
  token: string;
};
const bcryptVector = JSON.parse(readFileSync(new URL('../vectors/bcrypt.json', import.meta.url), 'utf8')) as { password: string; hash: string };

const HAS_PYJWT = pythonHas('jwt');
const HAS_PYBCRYPT = pythonHas('bcrypt');

describe('JWT interop (unit level, TokenSigner)', () => {
  test('the committed vector was made with the test secret', () => {
    assert.equal(pyjwtVector.secret, TEST_SECRET);
  });

  test('a token made by real PyJWT verifies, with its claims intact', async () => {
    const claims = await new TokenSigner(TEST_SECRET).verify(pyjwtVector.token);
    assert.ok(claims, 'PyJWT token rejected');
    assert.equal(claims.id, pyjwtVector.claims.id);
    assert.equal(claims.jti, pyjwtVector.claims.jti);
    assert.equal(claims.exp, pyjwtVector.claims.exp);
  });

  test('the PyJWT token is rejected under another secret or when tampered with', async () => {
    assert.equal(await new TokenSigner('another-secret').verify(pyjwtVector.token), null);
    const [h, , s] = pyjwtVector.token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...pyjwtVector.claims, id: 'someone-else' })).toString('base64url');
    assert.equal(await new TokenSigner(TEST_SECRET).verify(`${h}.${forged}.${s}`), null);
  });

  test('a hand-made HS256 token (node:crypto) verifies; expired, alg=none and HS512 ones do not', async () => {
    const signer = new TokenSigner(TEST_SECRET);
    const good = makeJwt({ id: 'u1', exp: nowSec() + 60, jti: uuid() });
    assert.equal((await signer.verify(good))?.id, 'u1');
    assert.equal(await signer.verify(makeJwt({ id: 'u1', exp: nowSec() - 10, jti: uuid() })), null);
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"id":"u1"}').toString('base64url')}.`;
    assert.equal(await signer.verify(none), null);
    assert.equal(await signer.verify('not-a-jwt'), null);
  });

  test('our tokens have exactly PyJWT\'s header and the claims {id, jti, exp}', async () => {
    const signer = new TokenSigner(TEST_SECRET);
    const { token, expiresAt } = await signer.issue('user-1', 3600);
    assert.deepEqual(decodeJwtPart(token, 0), { alg: 'HS256', typ: 'JWT' });
    const payload = decodeJwtPart(token, 1);
    assert.deepEqual(Object.keys(payload).sort(), ['exp', 'id', 'jti']);
    assert.equal(payload['exp'], expiresAt);
    assert.match(String(payload['jti']), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const forever = await signer.issue('user-1', null);
    assert.equal(forever.expiresAt, null);
    assert.deepEqual(Object.keys(decodeJwtPart(forever.token, 1)).sort(), ['id', 'jti']);
  });
});

describe('JWT interop over HTTP', () => {
  let server: TestServer;
  let admin: Account;
  before(async () => {
    server = await startServer();
    admin = await signup(server, 'Ada Admin', 'admin@example.com');
  });
  after(() => server.close());

  test('a token signed the way PyJWT signs it (node:crypto HMAC) is accepted as Bearer and as cookie', async () => {
    const exp = nowSec() + 3600;
    const token = makeJwt({ id: admin.id, exp, jti: uuid() });
    const viaHeader = await whoami(server, token);
    assert.equal(viaHeader.status, 200, viaHeader.text);
    assert.equal(viaHeader.body.id, admin.id);
    assert.equal(viaHeader.body.email, 'admin@example.com');
    assert.equal(viaHeader.body.expires_at, exp);
    assert.equal(viaHeader.body.token, token);
    const viaCookie = await whoami(server, undefined, cookieHeader(token));
    assert.equal(viaCookie.status, 200, viaCookie.text);
    assert.equal(viaCookie.body.id, admin.id);
  });

  test('a token without jti (minted by old Open WebUI versions) is accepted', async () => {
    const res = await whoami(server, makeJwt({ id: admin.id, exp: nowSec() + 60 }));
    assert.equal(res.status, 200, res.text);
  });

  test('a token signed by real PyJWT for a live user is accepted', { skip: !HAS_PYJWT && 'python3 has no jwt module' }, async () => {
    const exp = nowSec() + 3600;
    const token = python(
      'import jwt,sys; print(jwt.encode({"id": sys.argv[1], "jti": sys.argv[2], "exp": int(sys.argv[3])}, sys.argv[4], algorithm="HS256"))',
      admin.id,
      uuid(),
      String(exp),
      TEST_SECRET,
    );
    const res = await whoami(server, token);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.id, admin.id);
    assert.equal(res.body.expires_at, exp);
  });

  test('a token issued by our sign-in decodes with PyJWT', { skip: !HAS_PYJWT && 'python3 has no jwt module' }, async () => {
    const res = await signin(server, admin.email, admin.password);
    assert.equal(res.status, 200, res.text);
    const decoded = JSON.parse(
      python('import jwt,sys,json; print(json.dumps(jwt.decode(sys.argv[1], sys.argv[2], algorithms=["HS256"])))', res.body.token, TEST_SECRET),
    ) as Record<string, unknown>;
    assert.equal(decoded['id'], admin.id);
    assert.equal(decoded['exp'], res.body.expires_at);
    assert.ok(Math.abs(Number(decoded['exp']) - (nowSec() + FOUR_WEEKS)) <= 60);
    assert.equal(typeof decoded['jti'], 'string');
  });
});

describe('bcrypt interop', () => {
  test('the committed vector is a python-bcrypt $2b$ cost-12 hash', () => {
    assert.match(bcryptVector.hash, /^\$2b\$12\$[./A-Za-z0-9]{53}$/);
  });

  test('verifyPassword accepts the python hash and rejects a wrong password', async () => {
    assert.equal(await verifyPassword(bcryptVector.password, bcryptVector.hash), true);
    assert.equal(await verifyPassword(`${bcryptVector.password}x`, bcryptVector.hash), false);
    assert.equal(await verifyPassword('', bcryptVector.hash), false);
  });

  test('the $2a$ / $2y$ spellings of the same hash verify too; non-bcrypt stored values never do', async () => {
    assert.equal(await verifyPassword(bcryptVector.password, bcryptVector.hash.replace('$2b$', '$2a$')), true);
    assert.equal(await verifyPassword(bcryptVector.password, bcryptVector.hash.replace('$2b$', '$2y$')), true);
    // LDAP-created Open WebUI accounts store a raw uuid as "password".
    const raw = uuid();
    assert.equal(await verifyPassword(raw, raw), false);
    assert.equal(await verifyPassword('x', null), false);
    assert.equal(await verifyPassword('x', '$2b$12$garbage'), false);
  });

  test('hashPassword writes $2b$ cost 12, which verifies here and in Python', async () => {
    const password = 'Grüße-Passw0rd! 🔐';
    const hashed = await hashPassword(password);
    assert.match(hashed, /^\$2b\$12\$[./A-Za-z0-9]{53}$/);
    assert.equal(await verifyPassword(password, hashed), true);
    if (!HAS_PYBCRYPT) return;
    const ok = python('import bcrypt,sys; print(bcrypt.checkpw(sys.argv[1].encode("utf-8"), sys.argv[2].encode()))', password, hashed);
    assert.equal(ok, 'True');
    const wrong = python('import bcrypt,sys; print(bcrypt.checkpw(sys.argv[1].encode("utf-8"), sys.argv[2].encode()))', 'wrong', hashed);
    assert.equal(wrong, 'False');
  });

  test('an account whose auth row holds the python hash signs in with that password', async () => {
    const server = await startServer();
    try {
      const user = await signup(server, 'Py Thon', 'py@example.com');
      // As if the row came from an Open WebUI database.
      assert.equal(await server.services.auths.updatePassword(user.id, bcryptVector.hash), true);
      const ok = await signin(server, 'py@example.com', bcryptVector.password);
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.id, user.id);
      const old = await signin(server, 'py@example.com', user.password);
      assert.equal(old.status, 400);
    } finally {
      await server.close();
    }
  });
});
