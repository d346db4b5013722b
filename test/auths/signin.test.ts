// POST /api/v1/auths/signin: password sign-in, its cookie, the rate limit, and the special modes
// (trusted header, WEBUI_AUTH=false, WEBUI_ADMIN_* bootstrap, password auth off).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { adminAndUser, signup, startServer, testEnv, type Account, type TestServer } from '../helpers/server.ts';
import { buildApp } from '../../src/app.ts';
import {
  ERROR_MESSAGES,
  FOUR_WEEKS,
  REDIS,
  assert422,
  assertDetail,
  cookieNamed,
  dropTestData,
  nowSec,
  patchAdminConfig,
  restart,
  signin,
  userByEmail,
  whoami,
} from './support.ts';

describe('password sign-in', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
  });
  after(() => server.close());

  test('returns the session and sets the token cookie (HttpOnly, SameSite=Lax, Path=/, Expires ≈ now+4w)', async () => {
    const res = await signin(server, 'User@Example.com', user.password);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.id, user.id);
    assert.equal(res.body.role, 'user');
    assert.equal(res.body.email, 'user@example.com');
    assert.equal(res.body.token_type, 'Bearer');
    assert.ok(Math.abs(res.body.expires_at - (nowSec() + FOUR_WEEKS)) <= 60);
    assert.equal(typeof res.body.permissions, 'object');
    const cookie = cookieNamed(res, 'token');
    assert.ok(cookie, 'token cookie set');
    assert.equal(cookie.value, res.body.token);
    assert.equal(cookie.attributes.get('httponly'), true);
    assert.equal(String(cookie.attributes.get('samesite')).toLowerCase(), 'lax');
    assert.equal(cookie.attributes.get('path'), '/');
    assert.equal(cookie.attributes.has('secure'), false);
    const expires = Date.parse(String(cookie.attributes.get('expires'))) / 1000;
    assert.ok(Math.abs(expires - res.body.expires_at) <= 1, `cookie Expires ${cookie.attributes.get('expires')}`);
    assert.equal((await whoami(server, res.body.token)).body.id, user.id);
  });

  test('wrong password or unknown email → 400 INVALID_CRED', async () => {
    assertDetail(await signin(server, user.email, 'wrong'), 400, ERROR_MESSAGES.INVALID_CRED);
    assertDetail(await signin(server, 'nobody@example.com', user.password), 400, ERROR_MESSAGES.INVALID_CRED);
    assertDetail(await signin(server, user.email, ''), 400, ERROR_MESSAGES.INVALID_CRED);
  });

  test('bad bodies → 422 with FastAPI-shaped details', async () => {
    assert422(await server.request('POST', '/api/v1/auths/signin', { body: { email: user.email } }), 'missing', ['body', 'password']);
    assert422(await server.request('POST', '/api/v1/auths/signin', { body: { email: ['x'], password: 'p' } }), 'string_type', ['body', 'email']);
    assert422(await server.request('POST', '/api/v1/auths/signin', { body: { email: 'x'.repeat(300), password: 'p' } }), 'string_too_long', ['body', 'email']);
    const malformed = await server.request('POST', '/api/v1/auths/signin', { raw: '{"email": "a", ' });
    assert.equal(malformed.status, 422);
    assert.equal(malformed.body.detail[0].type, 'json_invalid');
  });

  test('passwords longer than 72 bytes are truncated before comparison, as upstream does', async () => {
    const password = `${'a'.repeat(70)}é`; // exactly 72 bytes
    const res = await server.request('POST', '/api/v1/auths/add', {
      token: admin.token,
      body: { name: 'Long', email: 'long@example.com', password, role: 'user' },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal((await signin(server, 'long@example.com', `${password}anything`)).status, 200);
    assert.equal((await signin(server, 'long@example.com', password)).status, 200);
    // A multi-byte character split at byte 72 is dropped: 'a'×71 + '€' → 'a'×71.
    const p2 = 'b'.repeat(71);
    await server.request('POST', '/api/v1/auths/add', { token: admin.token, body: { name: 'L2', email: 'long2@example.com', password: p2, role: 'user' } });
    assert.equal((await signin(server, 'long2@example.com', `${p2}€`)).status, 200);
    assertDetail(await signin(server, 'long@example.com', 'a'.repeat(72)), 400, ERROR_MESSAGES.INVALID_CRED);
  });
});

describe('sign-in rate limit', () => {
  test('15 attempts per email pass through, the 16th → 429 even with the right password; other emails unaffected', async () => {
    const server = await startServer();
    try {
      const admin = await signup(server, 'Ada Admin', 'admin@example.com');
      // Added without signing in, so no attempt has been counted for it yet.
      const added = await server.request('POST', '/api/v1/auths/add', {
        token: admin.token,
        body: { name: 'Uma User', email: 'user@example.com', password: 'Passw0rd!', role: 'user' },
      });
      const user = { email: 'user@example.com', password: 'Passw0rd!', token: added.body.token as string };
      for (let i = 1; i <= 15; i++) assertDetail(await signin(server, user.email, `wrong-${i}`), 400, ERROR_MESSAGES.INVALID_CRED, `attempt ${i}`);
      assertDetail(await signin(server, user.email, user.password), 429, ERROR_MESSAGES.RATE_LIMIT_EXCEEDED);
      // Keyed by the lower-cased email.
      assertDetail(await signin(server, user.email.toUpperCase(), user.password), 429, ERROR_MESSAGES.RATE_LIMIT_EXCEEDED);
      assert.equal((await signin(server, admin.email, admin.password)).status, 200);
      // Existing sessions are not affected.
      assert.equal((await whoami(server, user.token)).status, 200);
    } finally {
      await server.close();
    }
  });

  test('shared by two instances through Redis', { skip: !REDIS && 'REDIS_URL not set' }, async () => {
    const prefix = `owui-test-rl-${randomBytes(6).toString('hex')}`;
    const a = await startServer({ REDIS_KEY_PREFIX: prefix });
    const b = await startServer({ REDIS_KEY_PREFIX: prefix });
    try {
      // Separate databases: the limit is keyed by email, not by account.
      for (let i = 1; i <= 15; i++) {
        const server = i % 2 ? a : b;
        assertDetail(await signin(server, 'target@example.com', `wrong-${i}`), 400, ERROR_MESSAGES.INVALID_CRED, `attempt ${i}`);
      }
      assertDetail(await signin(b, 'target@example.com', 'x'), 429, ERROR_MESSAGES.RATE_LIMIT_EXCEEDED);
      assertDetail(await signin(a, 'target@example.com', 'x'), 429, ERROR_MESSAGES.RATE_LIMIT_EXCEEDED);
      assertDetail(await signin(a, 'other@example.com', 'x'), 400, ERROR_MESSAGES.INVALID_CRED);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('ENABLE_PASSWORD_AUTH=false', () => {
  test('password sign-in → 403 ACTION_PROHIBITED', async () => {
    const server = await startServer({ ENABLE_PASSWORD_AUTH: 'false' });
    try {
      assertDetail(await signin(server, 'a@example.com', 'Passw0rd!'), 403, ERROR_MESSAGES.ACTION_PROHIBITED);
    } finally {
      await server.close();
    }
  });
});

describe('trusted email header (WEBUI_AUTH_TRUSTED_EMAIL_HEADER=X-User-Email)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ WEBUI_AUTH_TRUSTED_EMAIL_HEADER: 'X-User-Email', WEBUI_AUTH_TRUSTED_NAME_HEADER: 'X-User-Name' });
  });
  after(() => server.close());

  test('sign-in without the header → 400 INVALID_TRUSTED_HEADER, nothing created', async () => {
    assertDetail(await signin(server, 'a@example.com', 'x'), 400, ERROR_MESSAGES.INVALID_TRUSTED_HEADER);
    assert.equal(await server.services.users.count(), 0);
  });

  test('with the header the account is created (first = admin, name from the URL-encoded name header)', async () => {
    const res = await signin(server, 'ignored@example.com', 'ignored', { 'X-User-Email': 'Alice@Example.com', 'X-User-Name': 'J%C3%BCrgen%20A.' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.email, 'alice@example.com');
    assert.equal(res.body.name, 'Jürgen A.');
    assert.equal(res.body.role, 'admin');
    assert.ok(cookieNamed(res, 'token'));
    const again = await signin(server, 'x@example.com', 'y', { 'X-User-Email': 'alice@example.com' });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, res.body.id);
    assert.equal(await server.services.users.count(), 1);
  });

  test('a second person is created once sign-up is open (name defaults to the email)', async () => {
    const alice = await signin(server, 'x', 'y', { 'X-User-Email': 'alice@example.com' });
    const closed = await signin(server, 'x', 'y', { 'X-User-Email': 'bob@example.com' });
    assertDetail(closed, 403, ERROR_MESSAGES.ACCESS_PROHIBITED);
    await patchAdminConfig(server, { id: alice.body.id, token: alice.body.token, email: '', password: '', role: 'admin' }, { ENABLE_SIGNUP: true });
    const bob = await signin(server, 'x', 'y', { 'X-User-Email': 'bob@example.com' });
    assert.equal(bob.status, 200, bob.text);
    assert.equal(bob.body.name, 'bob@example.com');
    assert.equal(bob.body.role, 'pending');
  });

  test('a JWT of user A with the header naming B → 401 User mismatch; matching or absent header → 200', async () => {
    const alice = await signin(server, 'x', 'y', { 'X-User-Email': 'alice@example.com' });
    assertDetail(await whoami(server, alice.body.token, { 'X-User-Email': 'bob@example.com' }), 401, 'User mismatch. Please sign in again.');
    assert.equal((await whoami(server, alice.body.token, { 'X-User-Email': 'ALICE@example.com' })).status, 200);
    assert.equal((await whoami(server, alice.body.token)).status, 200);
  });

  test('update/password is prohibited in this mode', async () => {
    const alice = await signin(server, 'x', 'y', { 'X-User-Email': 'alice@example.com' });
    const res = await server.request('POST', '/api/v1/auths/update/password', {
      token: alice.body.token,
      body: { password: 'whatever', new_password: 'Passw0rd!' },
    });
    assertDetail(res, 400, ERROR_MESSAGES.ACTION_PROHIBITED);
  });
});

describe('WEBUI_AUTH=false (single user)', () => {
  test('sign-in creates admin@localhost (name User, admin) once and reuses it; sign-up stays closed', async () => {
    const server = await startServer({ WEBUI_AUTH: 'false' });
    try {
      const res = await signin(server, '', '');
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.email, 'admin@localhost');
      assert.equal(res.body.name, 'User');
      assert.equal(res.body.role, 'admin');
      const again = await signin(server, 'someone@example.com', 'whatever');
      assert.equal(again.body.id, res.body.id);
      assert.equal(await server.services.users.count(), 1);
      assertDetail(
        await server.request('POST', '/api/v1/auths/signup', { body: { name: 'B', email: 'b@example.com', password: 'Passw0rd!' } }),
        403,
        ERROR_MESSAGES.ACCESS_PROHIBITED,
      );
    } finally {
      await server.close();
    }
  });

  test('with other existing users → 400 EXISTING_USERS', async () => {
    const first = await startServer({}, { keepData: true });
    await signup(first, 'Ada Admin', 'admin@example.com');
    const server = await restart(first, { WEBUI_AUTH: 'false' });
    try {
      assertDetail(await signin(server, '', ''), 400, ERROR_MESSAGES.EXISTING_USERS);
      assert.equal(await userByEmail(server, 'admin@localhost'), null);
    } finally {
      await server.close();
    }
  });
});

describe('WEBUI_ADMIN_EMAIL / WEBUI_ADMIN_PASSWORD', () => {
  test('create the admin at start and close sign-up', async () => {
    const server = await startServer({ WEBUI_ADMIN_EMAIL: 'Boot@Example.com', WEBUI_ADMIN_PASSWORD: 'B00t!Secret', WEBUI_ADMIN_NAME: 'Boot Admin' });
    try {
      const res = await signin(server, 'boot@example.com', 'B00t!Secret');
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.role, 'admin');
      assert.equal(res.body.name, 'Boot Admin');
      assertDetail(
        await server.request('POST', '/api/v1/auths/signup', { body: { name: 'B', email: 'b@example.com', password: 'Passw0rd!' } }),
        403,
        ERROR_MESSAGES.ACCESS_PROHIBITED,
      );
      assert.equal(await server.services.users.count(), 1);
    } finally {
      await server.close();
    }
  });

  test('a password over 72 bytes → the start fails naming WEBUI_ADMIN_PASSWORD, and leaves no connection open', async () => {
    // Run in a child, which counts the sockets left open after the failed start.
    const env = testEnv({ WEBUI_ADMIN_EMAIL: 'boot@example.com', WEBUI_ADMIN_PASSWORD: 'x'.repeat(73) });
    try {
      const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/start-once.ts', import.meta.url)), JSON.stringify(env)], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(child.status, 0, child.stderr);
      assert.match(child.stdout, /rejected: .*WEBUI_ADMIN_PASSWORD/, child.stderr);
      assert.match(child.stdout, /open sockets: 0/, 'the failed start left database/Redis connections open');
    } finally {
      await dropTestData(env);
    }
  });

  test('only one of the two set → buildApp rejects, naming the missing variable', async () => {
    const env = testEnv({ WEBUI_ADMIN_EMAIL: 'boot@example.com' });
    try {
      await assert.rejects(buildApp(env), /WEBUI_ADMIN_PASSWORD/);
    } finally {
      rmSync(env['DATA_DIR'] as string, { recursive: true, force: true });
    }
  });
});
