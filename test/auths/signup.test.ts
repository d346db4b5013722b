// POST /api/v1/auths/signup: who may sign up, with which role, what is validated, what is written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signup, startServer, type Account, type TestServer } from '../helpers/server.ts';
import {
  ERROR_MESSAGES,
  FOUR_WEEKS,
  assert422,
  assertDetail,
  cookieNamed,
  decodeJwtPart,
  getAdminConfig,
  nowSec,
  patchAdminConfig,
  signin,
  userByEmail,
  whoami,
} from './support.ts';

const SESSION_KEYS = ['email', 'expires_at', 'id', 'name', 'permissions', 'profile_image_url', 'role', 'token', 'token_type'];

const signupReq = (server: TestServer, body: unknown) => server.request('POST', '/api/v1/auths/signup', { body });

describe('sign-up on a fresh install', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  test('validation failures answer 422/400 and create nothing (the next sign-up is still the admin)', async () => {
    assert422(await signupReq(server, { email: 'x@example.com', password: 'Passw0rd!' }), 'missing', ['body', 'name']);
    assert422(await signupReq(server, { name: 'X', email: 123, password: 'Passw0rd!' }), 'string_type', ['body', 'email']);
    assert422(await signupReq(server, { name: 'X', email: 'x@example.com', password: 'Passw0rd!', profile_image_url: 5 }), 'string_type', [
      'body',
      'profile_image_url',
    ]);
    assert422(await signupReq(server, { name: 'x'.repeat(256), email: 'x@example.com', password: 'Passw0rd!' }), 'string_too_long', ['body', 'name']);
    assert422(await signupReq(server, { name: 'X', email: `${'x'.repeat(250)}@example.com`, password: 'Passw0rd!' }), 'string_too_long', [
      'body',
      'email',
    ]);
    assert422(await signupReq(server, { name: 'X', email: 'x@example.com', password: 'p'.repeat(5000) }), 'string_too_long', ['body', 'password']);
    assert422(await signupReq(server, ['not', 'an', 'object']), 'model_attributes_type', ['body']);
    const malformed = await server.request('POST', '/api/v1/auths/signup', { raw: '{"name": "X", "email": }' });
    assert.equal(malformed.status, 422, malformed.text);
    const item = malformed.body.detail[0];
    assert.equal(item.type, 'json_invalid');
    assert.equal(item.msg, 'JSON decode error');
    assert.equal(item.loc[0], 'body');
    assert.equal(typeof item.loc[1], 'number');

    assertDetail(await signupReq(server, { name: 'X', email: 'not-an-email', password: 'Passw0rd!' }), 400, ERROR_MESSAGES.INVALID_EMAIL_FORMAT);
    assertDetail(await signupReq(server, { name: 'X', email: 'x@nodot', password: 'Passw0rd!' }), 400, ERROR_MESSAGES.INVALID_EMAIL_FORMAT);
    // > 72 UTF-8 bytes: 400 with the real message (Open WebUI: 500 "An internal error occurred during signup.").
    assertDetail(await signupReq(server, { name: 'X', email: 'x@example.com', password: 'a'.repeat(73) }), 400, ERROR_MESSAGES.PASSWORD_TOO_LONG);
    assertDetail(await signupReq(server, { name: 'X', email: 'x@example.com', password: '€'.repeat(25) }), 400, ERROR_MESSAGES.PASSWORD_TOO_LONG);

    assert.equal(await userByEmail(server, 'x@example.com'), null);
    assert.equal(await server.services.users.count(), 0);
    assert.equal((await signin(server, 'x@example.com', 'Passw0rd!')).status, 400);
  });

  test('no body, an empty body or JSON null → 422 missing at ["body"] with input null, as FastAPI answers', async () => {
    for (const opts of [{}, { raw: '' }, { raw: 'null' }]) {
      const res = await server.request('POST', '/api/v1/auths/signup', opts);
      assert.equal(res.status, 422, res.text);
      assert.deepEqual(res.body.detail, [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }], `${JSON.stringify(opts)}: ${res.text}`);
    }
    assert.equal(await server.services.users.count(), 0);
  });

  test('the first sign-up becomes admin, gets a session and a cookie, and closes sign-up', async () => {
    // 24 × '€' = 72 bytes: exactly at the limit, accepted.
    const password = '€'.repeat(24);
    const res = await signupReq(server, { name: 'Ada Admin', email: 'Ada@Example.COM', password });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(Object.keys(res.body).sort(), SESSION_KEYS);
    assert.equal(res.body.role, 'admin');
    assert.equal(res.body.email, 'ada@example.com');
    assert.equal(res.body.name, 'Ada Admin');
    assert.equal(res.body.profile_image_url, '/user.png');
    assert.equal(res.body.token_type, 'Bearer');
    assert.ok(Math.abs(res.body.expires_at - (nowSec() + FOUR_WEEKS)) <= 60);
    assert.equal(decodeJwtPart(res.body.token, 1)['id'], res.body.id);
    const cookie = cookieNamed(res, 'token');
    assert.equal(cookie?.value, res.body.token);
    assert.equal(cookie?.attributes.get('httponly'), true);

    const me = await whoami(server, res.body.token);
    assert.equal(me.body.role, 'admin');
    const admin: Account = { id: res.body.id, token: res.body.token, email: 'ada@example.com', password, role: 'admin' };
    assert.equal((await getAdminConfig(server, admin))['ENABLE_SIGNUP'], false);
    assertDetail(await signupReq(server, { name: 'Late', email: 'late@example.com', password: 'Passw0rd!' }), 403, ERROR_MESSAGES.ACCESS_PROHIBITED);
    assert.equal(await userByEmail(server, 'late@example.com'), null);
    assert.equal((await signin(server, 'ADA@example.com', password)).status, 200);
  });
});

describe('sign-up once the admin reopens it', () => {
  let server: TestServer;
  let admin: Account;
  before(async () => {
    server = await startServer();
    admin = await signup(server, 'Ada Admin', 'admin@example.com');
    await patchAdminConfig(server, admin, { ENABLE_SIGNUP: true });
  });
  after(() => server.close());

  test('later users get DEFAULT_USER_ROLE (pending by default, then what the admin sets)', async () => {
    const p = await signupReq(server, { name: 'Pat', email: 'pat@example.com', password: 'Passw0rd!', profile_image_url: 'data:image/png;base64,AAAA' });
    assert.equal(p.status, 200, p.text);
    assert.equal(p.body.role, 'pending');
    assert.equal(p.body.profile_image_url, 'data:image/png;base64,AAAA');
    assert.equal((await whoami(server, p.body.token)).body.role, 'pending');
    await patchAdminConfig(server, admin, { DEFAULT_USER_ROLE: 'user' });
    const u = await signupReq(server, { name: 'Uma', email: 'uma@example.com', password: 'Passw0rd!', profile_image_url: null });
    assert.equal(u.status, 200, u.text);
    assert.equal(u.body.role, 'user');
    assert.equal(u.body.profile_image_url, '/user.png');
    // Signing up again does not close sign-up: only the first account does.
    assert.equal((await getAdminConfig(server, admin))['ENABLE_SIGNUP'], true);
  });

  test('EMAIL_TAKEN is case-insensitive and leaves the existing account alone', async () => {
    const first = await signupReq(server, { name: 'Bob', email: 'Bob@Example.com', password: 'Passw0rd!' });
    assert.equal(first.status, 200, first.text);
    assertDetail(await signupReq(server, { name: 'Bobby', email: 'BOB@example.COM', password: 'Other0ne!' }), 400, ERROR_MESSAGES.EMAIL_TAKEN);
    const row = await userByEmail(server, 'bob@example.com');
    assert.equal(row?.name, 'Bob');
    assert.equal((await signin(server, 'bob@example.com', 'Other0ne!')).status, 400);
    assert.equal((await signin(server, 'BOB@EXAMPLE.COM', 'Passw0rd!')).status, 200);
  });

  test('a role (or id) in the sign-up body is ignored: no self-promotion', async () => {
    const res = await signupReq(server, { name: 'Mallory', email: 'mallory@example.com', password: 'Passw0rd!', role: 'admin', id: 'chosen-id' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.role, 'user');
    assert.notEqual(res.body.id, 'chosen-id');
    assert.equal((await userByEmail(server, 'mallory@example.com'))?.role, 'user');
  });

  test('checks run in Open WebUI\'s order: a taken email is reported before a password problem', async () => {
    // Upstream: email format → EMAIL_TAKEN → password policy/length.
    assertDetail(await signupReq(server, { name: 'Dup', email: 'admin@example.com', password: 'a'.repeat(73) }), 400, ERROR_MESSAGES.EMAIL_TAKEN);
    const added = await server.request('POST', '/api/v1/auths/add', { token: admin.token, body: { name: 'Dup', email: 'ADMIN@example.com', password: 'a'.repeat(73) } });
    assertDetail(added, 400, ERROR_MESSAGES.EMAIL_TAKEN);
  });

  test('@localhost addresses are accepted', async () => {
    const res = await signupReq(server, { name: 'Local', email: 'local@localhost', password: 'Passw0rd!' });
    assert.equal(res.status, 200, res.text);
  });

  test('5 concurrent sign-ups with the same email: exactly one 200, the rest 400 EMAIL_TAKEN', async () => {
    const replies = await Promise.all(
      Array.from({ length: 5 }, (_, i) => signupReq(server, { name: `Twin ${i}`, email: 'twin@example.com', password: 'Passw0rd!' })),
    );
    const ok = replies.filter((r) => r.status === 200);
    assert.equal(ok.length, 1, replies.map((r) => `${r.status} ${r.text}`).join('\n'));
    for (const r of replies.filter((x) => x.status !== 200)) assertDetail(r, 400, ERROR_MESSAGES.EMAIL_TAKEN);
    assert.equal((await userByEmail(server, 'twin@example.com'))?.id, ok[0]?.body.id);
  });
});

describe('concurrent first sign-ups', () => {
  test('10 at once on a fresh server: exactly one admin, sign-up closed afterwards', async () => {
    const server = await startServer();
    try {
      const replies = await Promise.all(
        Array.from({ length: 10 }, (_, i) => signupReq(server, { name: `Racer ${i}`, email: `racer${i}@example.com`, password: 'Passw0rd!' })),
      );
      const ok = replies.filter((r) => r.status === 200);
      const summary = replies.map((r) => `${r.status} ${r.body?.role ?? r.text}`).join('\n');
      assert.ok(ok.length >= 1, summary);
      assert.equal(ok.filter((r) => r.body.role === 'admin').length, 1, summary);
      for (const r of ok.filter((x) => x.body.role !== 'admin')) assert.equal(r.body.role, 'pending', summary);
      // Requests that lost the race see sign-up closed.
      for (const r of replies.filter((x) => x.status !== 200)) assertDetail(r, 403, ERROR_MESSAGES.ACCESS_PROHIBITED, summary);
      const admins = [];
      for (let i = 0; i < 10; i++) {
        const row = await userByEmail(server, `racer${i}@example.com`);
        if (row?.role === 'admin') admins.push(row);
      }
      assert.equal(admins.length, 1);
      assert.equal(await server.services.users.count(), ok.length);
      assertDetail(await signupReq(server, { name: 'After', email: 'after@example.com', password: 'Passw0rd!' }), 403, ERROR_MESSAGES.ACCESS_PROHIBITED);
      const adminReply = ok.find((r) => r.body.role === 'admin');
      const cfg = await server.request('GET', '/api/v1/auths/admin/config', { token: adminReply?.body.token });
      assert.equal(cfg.body.ENABLE_SIGNUP, false);
    } finally {
      await server.close();
    }
  });
});

describe('sign-up switches', () => {
  test('ENABLE_SIGNUP=false: even the first sign-up is refused', async () => {
    const server = await startServer({ ENABLE_SIGNUP: 'false' });
    try {
      assertDetail(await signupReq(server, { name: 'A', email: 'a@example.com', password: 'Passw0rd!' }), 403, ERROR_MESSAGES.ACCESS_PROHIBITED);
      assert.equal(await server.services.users.count(), 0);
    } finally {
      await server.close();
    }
  });

  test('ENABLE_LOGIN_FORM=false also closes sign-up', async () => {
    const server = await startServer({ ENABLE_LOGIN_FORM: 'false' });
    try {
      assertDetail(await signupReq(server, { name: 'A', email: 'a@example.com', password: 'Passw0rd!' }), 403, ERROR_MESSAGES.ACCESS_PROHIBITED);
    } finally {
      await server.close();
    }
  });

  test('ENABLE_INITIAL_ADMIN_SIGNUP=true with ENABLE_SIGNUP=false: only the first (admin) sign-up is allowed', async () => {
    const server = await startServer({ ENABLE_SIGNUP: 'false', ENABLE_INITIAL_ADMIN_SIGNUP: 'true' });
    try {
      const first = await signupReq(server, { name: 'A', email: 'a@example.com', password: 'Passw0rd!' });
      assert.equal(first.status, 200, first.text);
      assert.equal(first.body.role, 'admin');
      assertDetail(await signupReq(server, { name: 'B', email: 'b@example.com', password: 'Passw0rd!' }), 403, ERROR_MESSAGES.ACCESS_PROHIBITED);
      assert.equal(await userByEmail(server, 'b@example.com'), null);
    } finally {
      await server.close();
    }
  });

  test('ENABLE_PASSWORD_VALIDATION: a weak password → 400 with the policy message (hint when set), nothing written', async () => {
    const server = await startServer({ ENABLE_PASSWORD_VALIDATION: 'true', PASSWORD_VALIDATION_HINT: 'Use 8+ chars with a digit, a capital and a symbol.' });
    try {
      assertDetail(
        await signupReq(server, { name: 'A', email: 'a@example.com', password: 'weakpass' }),
        400,
        'Use 8+ chars with a digit, a capital and a symbol.',
      );
      assert.equal(await server.services.users.count(), 0);
      const ok = await signupReq(server, { name: 'A', email: 'a@example.com', password: 'Str0ng!Pass' });
      assert.equal(ok.status, 200, ok.text);
    } finally {
      await server.close();
    }
    const noHint = await startServer({ ENABLE_PASSWORD_VALIDATION: 'true' });
    try {
      assertDetail(await signupReq(noHint, { name: 'A', email: 'a@example.com', password: 'weakpass' }), 400, ERROR_MESSAGES.INVALID_PASSWORD());
    } finally {
      await noHint.close();
    }
  });

  test('cookie flags follow WEBUI_AUTH_COOKIE_SAME_SITE / _SECURE', async () => {
    const server = await startServer({ WEBUI_AUTH_COOKIE_SAME_SITE: 'strict', WEBUI_AUTH_COOKIE_SECURE: 'true' });
    try {
      const res = await signupReq(server, { name: 'A', email: 'a@example.com', password: 'Passw0rd!' });
      const cookie = cookieNamed(res, 'token');
      assert.equal(String(cookie?.attributes.get('samesite')).toLowerCase(), 'strict');
      assert.equal(cookie?.attributes.get('secure'), true);
    } finally {
      await server.close();
    }
  });
});
