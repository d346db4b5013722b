// GET /api/v1/auths/ (the session user), credential resolution, bad tokens, sign-out and revocation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, adminAndUser, signup, startServer, type Account, type TestServer } from '../helpers/server.ts';
import {
  ERROR_MESSAGES,
  FOUR_WEEKS,
  REDIS,
  assertDetail,
  closeReplica,
  cookieHeader,
  cookieNamed,
  decodeJwtPart,
  isDeletion,
  makeJwt,
  nowSec,
  patchAdminConfig,
  signin,
  startReplica,
  uuid,
  whoami,
} from './support.ts';

const SESSION_INFO_KEYS = [
  'bio',
  'date_of_birth',
  'email',
  'expires_at',
  'gender',
  'id',
  'name',
  'permissions',
  'profile_image_url',
  'role',
  'status_emoji',
  'status_expires_at',
  'status_message',
  'token',
  'token_type',
];

describe('GET /api/v1/auths/', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  let pending: Account;
  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
    pending = await addUser(server, admin, 'Pat Pending', 'pending@example.com', 'pending');
  });
  after(() => server.close());

  test('returns the SessionUserInfoResponse for a Bearer token and re-sets the cookie', async () => {
    const res = await whoami(server, user.token);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(Object.keys(res.body).sort(), SESSION_INFO_KEYS);
    assert.equal(res.body.id, user.id);
    assert.equal(res.body.email, 'user@example.com');
    assert.equal(res.body.name, 'Uma User');
    assert.equal(res.body.role, 'user');
    assert.equal(res.body.token, user.token);
    assert.equal(res.body.token_type, 'Bearer');
    assert.equal(res.body.profile_image_url, '/user.png');
    assert.equal(res.body.expires_at, decodeJwtPart(user.token, 1)['exp']);
    assert.equal(typeof res.body.permissions, 'object');
    assert.equal(res.body.permissions.chat.controls, true);
    assert.equal(res.body.permissions.features.api_keys, false);
    const cookie = cookieNamed(res, 'token');
    assert.ok(cookie, 'token cookie re-set');
    assert.equal(cookie.value, user.token);
    assert.equal(cookie.attributes.get('httponly'), true);
    assert.equal(cookie.attributes.get('path'), '/');
    assert.equal(Math.round(Date.parse(String(cookie.attributes.get('expires'))) / 1000), res.body.expires_at);
  });

  test('also works with only the token cookie (Open WebUI answered 500), without re-setting it', async () => {
    const res = await whoami(server, undefined, cookieHeader(user.token));
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.id, user.id);
    assert.equal(res.body.token, user.token);
    assert.equal(cookieNamed(res, 'token'), undefined);
  });

  test('the Bearer scheme is case-insensitive; the header wins over the cookie', async () => {
    const lower = await server.request('GET', '/api/v1/auths/', { headers: { Authorization: `bearer ${user.token}` } });
    assert.equal(lower.status, 200, lower.text);
    const both = await server.request('GET', '/api/v1/auths/', { token: admin.token, headers: cookieHeader(user.token) });
    assert.equal(both.body.id, admin.id);
    // A non-Bearer Authorization header is ignored, so the cookie counts (as with FastAPI's HTTPBearer).
    const basic = await server.request('GET', '/api/v1/auths/', { headers: { Authorization: 'Basic dXNlcjpwdw==', ...cookieHeader(user.token) } });
    assert.equal(basic.status, 200, basic.text);
    assert.equal(basic.body.id, user.id);
  });

  test('a pending user may read their own session', async () => {
    const res = await whoami(server, pending.token);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.role, 'pending');
  });

  test('the add-user token has no expiry: expires_at null, session cookie', async () => {
    const created = await server.request('POST', '/api/v1/auths/add', {
      token: admin.token,
      body: { name: 'No Exp', email: 'noexp@example.com', password: 'Passw0rd!', role: 'user' },
    });
    assert.equal(created.status, 200, created.text);
    assert.equal('exp' in decodeJwtPart(created.body.token, 1), false);
    const res = await whoami(server, created.body.token);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.expires_at, null);
    const cookie = cookieNamed(res, 'token');
    assert.ok(cookie);
    assert.equal(cookie.attributes.has('expires'), false);
    assert.equal(cookie.attributes.has('max-age'), false);
  });

  test('is also mounted at /api/auths/', async () => {
    const res = await server.request('GET', '/api/auths/', { token: user.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.id, user.id);
  });

  test('without credentials: 401 Not authenticated', async () => {
    assertDetail(await whoami(server, undefined), 401, 'Not authenticated');
    assertDetail(await server.request('GET', '/api/v1/auths/', { headers: { Authorization: 'Basic abc' } }), 401, 'Not authenticated');
  });

  for (const [name, make] of [
    ['expired', (id: string) => makeJwt({ id, exp: nowSec() - 5, jti: uuid() })],
    ['signed with another secret', (id: string) => makeJwt({ id, exp: nowSec() + 600, jti: uuid() }, 'not-the-secret')],
    ['alg none', (id: string) => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ id })).toString('base64url')}.`],
    ['HS512 (only HS256 accepted)', (id: string) => makeJwt({ id, exp: nowSec() + 600 }, undefined, { alg: 'HS512', typ: 'JWT' })],
    ['garbage', () => 'garbage.token.value'],
    ['for a user that does not exist', () => makeJwt({ id: uuid(), exp: nowSec() + 600, jti: uuid() })],
    ['without an id claim', () => makeJwt({ exp: nowSec() + 600, jti: uuid() })],
    ['with a non-string id', () => makeJwt({ id: 42, exp: nowSec() + 600, jti: uuid() })],
  ] as const) {
    test(`a token ${name} → 401 INVALID_TOKEN (Bearer and cookie), and the cookie is cleared`, async () => {
      const token = make(user.id);
      assertDetail(await whoami(server, token), 401, ERROR_MESSAGES.INVALID_TOKEN);
      const viaCookie = await whoami(server, undefined, { Cookie: `token=${token}; oauth_id_token=x; oauth_session_id=y` });
      assertDetail(viaCookie, 401, ERROR_MESSAGES.INVALID_TOKEN);
      for (const cookie of ['token', 'oauth_id_token', 'oauth_session_id']) assert.ok(isDeletion(cookieNamed(viaCookie, cookie)), `${cookie} cleared`);
    });
  }

  test('a token accepted once is refused when it expires (a remembered signature does not outlive exp)', async () => {
    const token = makeJwt({ id: user.id, exp: nowSec() + 1, jti: uuid() });
    assert.equal((await whoami(server, token)).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    assertDetail(await whoami(server, token), 401, ERROR_MESSAGES.INVALID_TOKEN);
  });

  test('a bad Bearer token is not rescued by a valid cookie', async () => {
    const res = await whoami(server, 'garbage.token.value', cookieHeader(user.token));
    assertDetail(res, 401, ERROR_MESSAGES.INVALID_TOKEN);
  });
});

describe('GET /api/v1/auths/signout and revocation', () => {
  let server: TestServer;
  let admin: Account;
  before(async () => {
    server = await startServer({ WEBUI_AUTH_SIGNOUT_REDIRECT_URL: 'https://sso.example.com/bye' });
    admin = await signup(server, 'Ada Admin', 'admin@example.com');
  });
  after(() => server.close());

  test('without credentials: {status, redirect_url} and every auth cookie deleted', async () => {
    const res = await server.request('GET', '/api/v1/auths/signout');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { status: true, redirect_url: 'https://sso.example.com/bye' });
    for (const name of ['token', 'oui-session', 'owui-session', 'oauth_id_token', 'oauth_session_id']) {
      const cookie = cookieNamed(res, name);
      assert.ok(isDeletion(cookie), `${name} deleted`);
      assert.equal(cookie?.attributes.get('path'), '/');
    }
  });

  test('revokes the Bearer token (in-process without Redis); other sessions live on', async () => {
    const a = await signin(server, admin.email, admin.password);
    const b = await signin(server, admin.email, admin.password);
    assert.equal((await whoami(server, a.body.token)).status, 200);
    const out = await server.request('GET', '/api/v1/auths/signout', { token: a.body.token });
    assert.equal(out.status, 200, out.text);
    assert.equal(out.body.status, true);
    assertDetail(await whoami(server, a.body.token), 401, ERROR_MESSAGES.INVALID_TOKEN);
    assertDetail(await whoami(server, undefined, cookieHeader(a.body.token)), 401, ERROR_MESSAGES.INVALID_TOKEN);
    assert.equal((await whoami(server, b.body.token)).status, 200);
  });

  test('revokes a token carried only in the cookie', async () => {
    const a = await signin(server, admin.email, admin.password);
    const out = await server.request('GET', '/api/v1/auths/signout', { headers: cookieHeader(a.body.token) });
    assert.equal(out.status, 200);
    assertDetail(await whoami(server, a.body.token), 401, ERROR_MESSAGES.INVALID_TOKEN);
  });

  test('revokes a token without expiry (admin add-user token)', async () => {
    const created = await server.request('POST', '/api/v1/auths/add', {
      token: admin.token,
      body: { name: 'Forever', email: 'forever@example.com', password: 'Passw0rd!', role: 'user' },
    });
    assert.equal(created.status, 200, created.text);
    assert.equal((await whoami(server, created.body.token)).status, 200);
    await server.request('GET', '/api/v1/auths/signout', { token: created.body.token });
    assertDetail(await whoami(server, created.body.token), 401, ERROR_MESSAGES.INVALID_TOKEN);
  });

  test('an invalid token on sign-out is harmless', async () => {
    const res = await server.request('GET', '/api/v1/auths/signout', { token: 'garbage' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.status, true);
  });

  test('without WEBUI_AUTH_SIGNOUT_REDIRECT_URL the body is {status: true}', async () => {
    const plain = await startServer();
    try {
      const res = await plain.request('GET', '/api/v1/auths/signout');
      assert.deepEqual(res.body, { status: true });
    } finally {
      await plain.close();
    }
  });
});

describe('JWT_EXPIRES_IN=-1 (tokens never expire)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ JWT_EXPIRES_IN: '-1' });
  });
  after(() => server.close());

  test('sign-up/sign-in give expires_at null, no exp claim, a session cookie; sign-out still revokes', async () => {
    const up = await server.request('POST', '/api/v1/auths/signup', { body: { name: 'A', email: 'a@example.com', password: 'Passw0rd!' } });
    assert.equal(up.status, 200, up.text);
    assert.equal(up.body.expires_at, null);
    const res = await signin(server, 'a@example.com', 'Passw0rd!');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.expires_at, null);
    assert.equal('exp' in decodeJwtPart(res.body.token, 1), false);
    const cookie = cookieNamed(res, 'token');
    assert.ok(cookie);
    assert.equal(cookie.attributes.has('expires'), false);
    assert.equal((await whoami(server, res.body.token)).body.expires_at, null);
    await server.request('GET', '/api/v1/auths/signout', { token: res.body.token });
    assertDetail(await whoami(server, res.body.token), 401, ERROR_MESSAGES.INVALID_TOKEN);
    assert.equal((await whoami(server, up.body.token)).status, 200);
  });
});

describe('revocation shared through Redis', () => {
  test('sign-out on one instance revokes the token on another (same DB and prefix)', { skip: !REDIS && 'REDIS_URL not set' }, async (t) => {
    const first = await startServer();
    let second: TestServer | undefined;
    try {
      const admin = await signup(first, 'Ada Admin', 'admin@example.com');
      second = await startReplica(first);
      const session = await signin(first, admin.email, admin.password);
      assert.equal((await whoami(second, session.body.token)).status, 200);
      await first.request('GET', '/api/v1/auths/signout', { token: session.body.token });
      assertDetail(await whoami(second, session.body.token), 401, ERROR_MESSAGES.INVALID_TOKEN);
      assertDetail(await whoami(first, session.body.token), 401, ERROR_MESSAGES.INVALID_TOKEN);
      t.diagnostic('revocation seen by the second instance');
    } finally {
      if (second) await closeReplica(second);
      await first.close();
    }
  });
});

describe('the JWT lifetime follows the admin config', () => {
  test('JWT_EXPIRES_IN=1h set by the admin → sign-in expires_at ≈ now+1h; default 4w', async () => {
    const server = await startServer();
    try {
      const admin = await signup(server, 'Ada Admin', 'admin@example.com');
      const before4w = await signin(server, admin.email, admin.password);
      assert.ok(Math.abs(before4w.body.expires_at - (nowSec() + FOUR_WEEKS)) <= 60);
      await patchAdminConfig(server, admin, { JWT_EXPIRES_IN: '1h' });
      const res = await signin(server, admin.email, admin.password);
      assert.ok(Math.abs(res.body.expires_at - (nowSec() + 3600)) <= 60, `expires_at ${res.body.expires_at}`);
      assert.equal(decodeJwtPart(res.body.token, 1)['exp'], res.body.expires_at);
    } finally {
      await server.close();
    }
  });
});
