// Fernet as Open WebUI (Python `cryptography`) uses it for oauth_session.token, and
// GET /users/{id}/oauth/sessions (admin) reading those rows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { adminAndUser, startServer, TEST_SECRET, type Account, type TestServer } from '../helpers/server.ts';
import { Fernet, InvalidFernetToken } from '../../src/lib/fernet.ts';
import { python, pythonHas } from '../auths/support.ts';
import { assertDetail, ERROR_MESSAGES, nowSec } from './support.ts';

// From the Fernet specification's test vectors (github.com/fernet/spec, verify.json).
const SPEC = {
  key: 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=',
  token: 'gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==',
  plaintext: 'hello',
};

// Made with Python `cryptography` 48: Fernet(urlsafe_b64encode(sha256(TEST_SECRET))).encrypt(json.dumps(TOKEN)),
// i.e. what Open WebUI writes when OAUTH_SESSION_TOKEN_ENCRYPTION_KEY defaults to the WEBUI secret.
const PY_TOKEN = {
  access_token: 'at-123',
  id_token: 'idt',
  refresh_token: 'rt-456',
  expires_in: 3600,
  expires_at: 1900000000,
  issued_at: 1899996400,
  token_type: 'Bearer',
};
const PY_ENCRYPTED =
  'gAAAAABrBJ5Ge3ZRB86xvWSh0uNpHti5bhCVxLI_-kEHE-OraeJeZdne5lh4TuKqtIw1JqrgLww9myQu45BUfHmXlN5BCGqVTIFKTARQ6j0y8J1rQFis-ierXTOYukroW-klumuaAYwVpxF2433AZR6QdG3uon0kAkxOox_6NeyOvW6XknLpU8qx4TxlFnO0k3HPSLFQICwUzvr9nesoqvRhjpty5uwwV5rlAPcXIMvfjMz_p_KSzKwqfZC6VdD5-AQKBnKsqWeYkOmL3FvFwU8EXM7uZx_kqaHl_EYAnlVVNnNX2CbrVJw=';

describe('Fernet (unit)', () => {
  test('decrypts the specification\'s vector with its 44-character key', () => {
    assert.equal(Fernet.fromSecret(SPEC.key).decrypt(SPEC.token).toString(), SPEC.plaintext);
  });

  test('a 44-character key in the standard base64 alphabet is the same key', () => {
    const standard = SPEC.key.replace(/-/g, '+').replace(/_/g, '/');
    assert.equal(Fernet.fromSecret(standard).decrypt(SPEC.token).toString(), SPEC.plaintext);
  });

  test('any other secret is hashed into the key: decrypts what Python wrote with the WEBUI secret', () => {
    assert.deepEqual(JSON.parse(Fernet.fromSecret(TEST_SECRET).decrypt(PY_ENCRYPTED).toString()), PY_TOKEN);
  });

  test('round trip; forged, truncated or foreign tokens are refused', () => {
    const fernet = Fernet.fromSecret(TEST_SECRET);
    const token = fernet.encrypt(Buffer.from('{"a":1}'));
    assert.match(token, /^gAAAAA[A-Za-z0-9_-]+=*$/);
    assert.equal(fernet.decrypt(token).toString(), '{"a":1}');
    const raw = Buffer.from(token, 'base64url');
    raw[30] = (raw[30] ?? 0) ^ 1;
    assert.throws(() => fernet.decrypt(raw.toString('base64url')), InvalidFernetToken);
    assert.throws(() => fernet.decrypt(token.slice(0, 40)), InvalidFernetToken);
    assert.throws(() => fernet.decrypt('not a token!'), InvalidFernetToken);
    assert.throws(() => Fernet.fromSecret('another-secret').decrypt(token), InvalidFernetToken);
  });

  test('a 44-character secret that is not a Fernet key is refused', () => {
    assert.throws(() => Fernet.fromSecret('x'.repeat(43) + '!'), /Fernet key/);
  });

  test('Python cryptography decrypts what we write', { skip: !pythonHas('cryptography') && 'python3-cryptography not installed' }, () => {
    const token = Fernet.fromSecret(TEST_SECRET).encrypt(Buffer.from(JSON.stringify({ access_token: 'from-ts' })));
    const out = python(
      'import sys,base64,hashlib;from cryptography.fernet import Fernet;' +
        'print(Fernet(base64.urlsafe_b64encode(hashlib.sha256(sys.argv[1].encode()).digest())).decrypt(sys.argv[2].encode()).decode())',
      TEST_SECRET,
      token,
    );
    assert.deepEqual(JSON.parse(out), { access_token: 'from-ts' });
  });
});

describe('users router: OAuth sessions', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;

  const insertSession = async (userId: string, provider: string, token: string, createdAt: number) => {
    const id = randomUUID();
    await server.services.database.db
      .insertInto('oauth_session')
      .values({ id, user_id: userId, provider, token, expires_at: 1900000000, created_at: createdAt, updated_at: createdAt })
      .execute();
    return id;
  };

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
  });
  after(async () => server?.close());

  test('a user without sessions has none: []', async () => {
    const res = await server.request('GET', `/api/v1/users/${user.id}/oauth/sessions`, { token: admin.token });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, []);
  });

  test('sessions come back oldest first with their tokens decrypted; rows under another key are left out', async () => {
    const t = nowSec();
    const fromPython = await insertSession(user.id, 'oidc', PY_ENCRYPTED, t - 100);
    const fromUs = await insertSession(user.id, 'google', Fernet.fromSecret(TEST_SECRET).encrypt(Buffer.from('{"access_token":"g"}')), t - 50);
    await insertSession(user.id, 'github', Fernet.fromSecret('rotated-away').encrypt(Buffer.from('{"access_token":"old"}')), t - 10);
    await insertSession(admin.id, 'oidc', PY_ENCRYPTED, t);

    const res = await server.request('GET', `/api/v1/users/${user.id}/oauth/sessions`, { token: admin.token });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, [
      { id: fromPython, user_id: user.id, provider: 'oidc', token: PY_TOKEN, expires_at: 1900000000, created_at: t - 100, updated_at: t - 100 },
      { id: fromUs, user_id: user.id, provider: 'google', token: { access_token: 'g' }, expires_at: 1900000000, created_at: t - 50, updated_at: t - 50 },
    ]);
  });

  test('unknown user → 400 USER_NOT_FOUND', async () => {
    assertDetail(await server.request('GET', '/api/v1/users/no-such-user/oauth/sessions', { token: admin.token }), 400, ERROR_MESSAGES.USER_NOT_FOUND);
  });

  test('deleting the user deletes the sessions', async () => {
    assert.equal((await server.request('DELETE', `/api/v1/users/${user.id}`, { token: admin.token })).status, 200);
    const left = await server.services.database.db.selectFrom('oauth_session').select('id').where('user_id', '=', user.id).execute();
    assert.deepEqual(left, []);
  });
});
