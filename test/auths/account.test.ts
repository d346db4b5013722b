// The signed-in user's own account: update/profile, update/password, API keys, LDAP sign-in.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, adminAndUser, signup, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { ERROR_MESSAGES, assert422, assertDetail, cookieHeader, cookieNamed, patchAdminConfig, restart, signin, whoami } from './support.ts';

const API_KEY_ENDPOINT_DENIED = 'API key not allowed to access this endpoint.';

describe('POST /api/v1/auths/update/profile', () => {
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

  const update = (token: string | undefined, body: unknown) => server.request('POST', '/api/v1/auths/update/profile', { token, body });

  test('updates every field and answers UserProfileImageResponse; read back through GET /auths/', async () => {
    const res = await update(user.token, {
      profile_image_url: 'data:image/png;base64,iVBORw0KGgo=',
      name: 'Uma Updated',
      bio: 'Hello there',
      gender: 'female',
      date_of_birth: '1990-05-17',
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, {
      id: user.id,
      name: 'Uma Updated',
      role: 'user',
      email: 'user@example.com',
      profile_image_url: 'data:image/png;base64,iVBORw0KGgo=',
    });
    const me = await whoami(server, user.token);
    assert.equal(me.body.name, 'Uma Updated');
    assert.equal(me.body.bio, 'Hello there');
    assert.equal(me.body.gender, 'female');
    assert.equal(me.body.date_of_birth, '1990-05-17');
    assert.equal(me.body.profile_image_url, 'data:image/png;base64,iVBORw0KGgo=');
  });

  test('omitted optional fields are cleared (Open WebUI dumps the whole form)', async () => {
    const res = await update(user.token, { profile_image_url: '/user.png', name: 'Uma User' });
    assert.equal(res.status, 200, res.text);
    const me = await whoami(server, user.token);
    assert.equal(me.body.bio, null);
    assert.equal(me.body.gender, null);
    assert.equal(me.body.date_of_birth, null);
    assert.equal(me.body.name, 'Uma User');
  });

  test('role, email or id in the body are ignored', async () => {
    const res = await update(user.token, { profile_image_url: '/user.png', name: 'Uma User', role: 'admin', email: 'admin@example.com', id: admin.id });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.role, 'user');
    assert.equal(res.body.email, 'user@example.com');
    assert.equal(res.body.id, user.id);
    const me = await whoami(server, user.token);
    assert.equal(me.body.role, 'user');
    assert.equal(me.body.email, 'user@example.com');
    assert.equal((await whoami(server, admin.token)).body.name, 'Ada Admin');
  });

  test('admins may update their profile too', async () => {
    const res = await update(admin.token, { profile_image_url: '/user.png', name: 'Ada Renamed' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.role, 'admin');
  });

  test('401 without credentials; pending users get 401 ACCESS_PROHIBITED; nothing written', async () => {
    assertDetail(await update(undefined, { profile_image_url: '/user.png', name: 'X' }), 401, 'Not authenticated');
    assertDetail(await update(pending.token, { profile_image_url: '/user.png', name: 'Hacked' }), 401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    assert.equal((await whoami(server, pending.token)).body.name, 'Pat Pending');
  });

  test('bad input → 422 and the profile is unchanged', async () => {
    await update(user.token, { profile_image_url: '/user.png', name: 'Stable Name', bio: 'stable' });
    assert422(await update(user.token, { profile_image_url: '/user.png' }), 'missing', ['body', 'name']);
    assert422(await update(user.token, { name: 'X' }), 'missing', ['body', 'profile_image_url']);
    assert422(await update(user.token, { profile_image_url: '/user.png', name: 42 }), 'string_type', ['body', 'name']);
    assert.equal((await update(user.token, { profile_image_url: '/user.png', name: 'X', date_of_birth: '1990-13-45' })).status, 422);
    assert.equal((await update(user.token, { profile_image_url: '/user.png', name: 'X', date_of_birth: 'yesterday' })).status, 422);
    assert422(await update(user.token, { profile_image_url: '/user.png', name: 'n'.repeat(256) }), 'string_too_long', ['body', 'name']);
    assert422(await update(user.token, { profile_image_url: '/user.png', name: 'X', bio: 'b'.repeat(10_001) }), 'string_too_long', ['body', 'bio']);
    const malformed = await server.request('POST', '/api/v1/auths/update/profile', { token: user.token, raw: '{"name":' });
    assert.equal(malformed.status, 422);
    const me = await whoami(server, user.token);
    assert.equal(me.body.name, 'Stable Name');
    assert.equal(me.body.bio, 'stable');
  });
});

describe('POST /api/v1/auths/update/password', () => {
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

  const change = (token: string | undefined, body: unknown) => server.request('POST', '/api/v1/auths/update/password', { token, body });

  test('changes the password: the new one signs in, the old one no longer does', async () => {
    const res = await change(user.token, { password: user.password, new_password: 'N3w!Password' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body, true);
    assert.equal((await signin(server, user.email, 'N3w!Password')).status, 200);
    assertDetail(await signin(server, user.email, user.password), 400, ERROR_MESSAGES.INVALID_CRED);
    user.password = 'N3w!Password';
  });

  test('a pending user may change their password (current-user route)', async () => {
    const res = await change(pending.token, { password: pending.password, new_password: 'Pend1ng!New' });
    assert.equal(res.status, 200, res.text);
    assert.equal((await signin(server, pending.email, 'Pend1ng!New')).status, 200);
  });

  test('wrong current password → 400 INCORRECT_PASSWORD, unchanged', async () => {
    assertDetail(await change(user.token, { password: 'not-it', new_password: 'Whatever1!' }), 400, ERROR_MESSAGES.INCORRECT_PASSWORD);
    assert.equal((await signin(server, user.email, user.password)).status, 200);
  });

  test('a new password over 72 bytes → 400 PASSWORD_TOO_LONG, unchanged', async () => {
    assertDetail(await change(user.token, { password: user.password, new_password: 'ü'.repeat(37) }), 400, ERROR_MESSAGES.PASSWORD_TOO_LONG);
    assert.equal((await signin(server, user.email, user.password)).status, 200);
  });

  test('401 without credentials; 422 on bad bodies', async () => {
    assertDetail(await change(undefined, { password: 'a', new_password: 'b' }), 401, 'Not authenticated');
    assert422(await change(user.token, { password: user.password }), 'missing', ['body', 'new_password']);
    assert422(await change(user.token, { password: 1, new_password: 'x' }), 'string_type', ['body', 'password']);
    assert422(await change(user.token, { password: user.password, new_password: 'x'.repeat(5000) }), 'string_too_long', ['body', 'new_password']);
    assert.equal((await signin(server, user.email, user.password)).status, 200);
  });

  test('ENABLE_PASSWORD_VALIDATION applies to the NEW password, not the current one', async () => {
    const first = await startServer({}, { keepData: true });
    const weak = await signup(first, 'Weak Owner', 'weak@example.com', 'weakpass');
    const strict = await restart(first, { ENABLE_PASSWORD_VALIDATION: 'true' });
    try {
      const token = (await signin(strict, weak.email, 'weakpass')).body.token as string;
      // Current password fails the policy (Open WebUI would refuse here); the new one passes.
      const ok = await strict.request('POST', '/api/v1/auths/update/password', { token, body: { password: 'weakpass', new_password: 'Str0ng!Passw0rd' } });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body, true);
      // A weak new password is refused with the policy message, and nothing changes.
      const bad = await strict.request('POST', '/api/v1/auths/update/password', { token, body: { password: 'Str0ng!Passw0rd', new_password: 'weakagain' } });
      assertDetail(bad, 400, ERROR_MESSAGES.INVALID_PASSWORD());
      assert.equal((await signin(strict, weak.email, 'Str0ng!Passw0rd')).status, 200);
      assert.equal((await signin(strict, weak.email, 'weakagain')).status, 400);
    } finally {
      await strict.close();
    }
  });
});

describe('API keys', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  let pending: Account;
  before(async () => {
    server = await startServer({ ENABLE_API_KEYS: 'true', USER_PERMISSIONS_FEATURES_API_KEYS: 'true' });
    ({ admin, user } = await adminAndUser(server));
    pending = await addUser(server, admin, 'Pat Pending', 'pending@example.com', 'pending');
  });
  after(() => server.close());

  const create = (token: string | undefined) => server.request('POST', '/api/v1/auths/api_key', { token });
  const read = (token: string | undefined) => server.request('GET', '/api/v1/auths/api_key', { token });
  const remove = (token: string | undefined) => server.request('DELETE', '/api/v1/auths/api_key', { token });

  test('401 without credentials on all three routes', async () => {
    for (const res of [await create(undefined), await read(undefined), await remove(undefined)]) assertDetail(res, 401, 'Not authenticated');
  });

  test('GET before creation → 404 API_KEY_NOT_FOUND (pending users may ask too)', async () => {
    assertDetail(await read(user.token), 404, ERROR_MESSAGES.API_KEY_NOT_FOUND);
    assertDetail(await read(pending.token), 404, ERROR_MESSAGES.API_KEY_NOT_FOUND);
  });

  test('create → sk- + 32 hex; GET returns it; the key authenticates (Bearer and cookie) without setting a cookie', async () => {
    const made = await create(user.token);
    assert.equal(made.status, 200, made.text);
    const key = made.body.api_key as string;
    assert.match(key, /^sk-[0-9a-f]{32}$/);
    assert.deepEqual((await read(user.token)).body, { api_key: key });
    const me = await whoami(server, key);
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.id, user.id);
    assert.equal(me.body.token, key);
    assert.equal(me.body.expires_at, null);
    assert.equal(cookieNamed(me, 'token'), undefined);
    const viaCookie = await whoami(server, undefined, cookieHeader(key));
    assert.equal(viaCookie.status, 200, viaCookie.text);
    assert.equal(viaCookie.body.id, user.id);
    // The key reads its own key.
    assert.deepEqual((await read(key)).body, { api_key: key });
  });

  test('creating again replaces the key: the old one → 401 INVALID_TOKEN', async () => {
    const old = (await read(user.token)).body.api_key as string;
    const fresh = (await create(user.token)).body.api_key as string;
    assert.notEqual(fresh, old);
    assertDetail(await whoami(server, old), 401, ERROR_MESSAGES.INVALID_TOKEN);
    assert.equal((await whoami(server, fresh)).status, 200);
  });

  test('DELETE removes it: true, then GET → 404 and using it → 401', async () => {
    const key = (await read(user.token)).body.api_key as string;
    const res = await remove(user.token);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body, true);
    assertDetail(await read(user.token), 404, ERROR_MESSAGES.API_KEY_NOT_FOUND);
    assertDetail(await whoami(server, key), 401, ERROR_MESSAGES.INVALID_TOKEN);
    assert.equal((await remove(user.token)).body, false);
  });

  test('a pending user may manage a key (current-user routes), and the key carries the pending role', async () => {
    const made = await create(pending.token);
    assert.equal(made.status, 200, made.text);
    const me = await whoami(server, made.body.api_key);
    assert.equal(me.body.role, 'pending');
    assertDetail(
      await server.request('POST', '/api/v1/auths/update/profile', { token: made.body.api_key, body: { name: 'x', profile_image_url: '/user.png' } }),
      401,
      ERROR_MESSAGES.ACCESS_PROHIBITED,
    );
    assert.equal((await remove(pending.token)).body, true);
    assertDetail(await read(pending.token), 404, ERROR_MESSAGES.API_KEY_NOT_FOUND);
  });

  test('an unknown sk- key → 401 INVALID_TOKEN', async () => {
    assertDetail(await whoami(server, `sk-${'0'.repeat(32)}`), 401, ERROR_MESSAGES.INVALID_TOKEN);
  });

  test('keys are per user: another user\'s DELETE does not touch mine', async () => {
    const mine = (await create(user.token)).body.api_key as string;
    const theirs = (await create(admin.token)).body.api_key as string;
    await remove(admin.token);
    assert.equal((await whoami(server, mine)).status, 200);
    assertDetail(await whoami(server, theirs), 401, ERROR_MESSAGES.INVALID_TOKEN);
  });

  test('endpoint restrictions apply to the key in the header AND in the cookie; JWTs are not restricted', async () => {
    const key = (await create(user.token)).body.api_key as string;
    await patchAdminConfig(server, admin, { ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS: true, API_KEYS_ALLOWED_ENDPOINTS: '/api/v1/auths/api_key, /api/models' });
    try {
      assertDetail(await whoami(server, key), 403, API_KEY_ENDPOINT_DENIED);
      assertDetail(await whoami(server, undefined, cookieHeader(key)), 403, API_KEY_ENDPOINT_DENIED);
      assertDetail(await server.request('POST', '/api/v1/auths/update/profile', { headers: cookieHeader(key), body: { name: 'x', profile_image_url: '/user.png' } }), 403, API_KEY_ENDPOINT_DENIED);
      // Allowed: equal to an entry (query strings ignored).
      assert.equal((await read(key)).status, 200);
      assert.equal((await server.request('GET', '/api/v1/auths/api_key?x=1', { headers: cookieHeader(key) })).status, 200);
      assert.equal((await whoami(server, user.token)).status, 200);
    } finally {
      await patchAdminConfig(server, admin, { ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS: false, API_KEYS_ALLOWED_ENDPOINTS: '' });
    }
    assert.equal((await whoami(server, key)).status, 200);
  });

  test('with ENABLE_API_KEYS switched off, existing keys → 403 API_KEY_NOT_ALLOWED and creation → 403', async () => {
    const key = (await create(user.token)).body.api_key as string;
    await patchAdminConfig(server, admin, { ENABLE_API_KEYS: false });
    try {
      assertDetail(await whoami(server, key), 403, ERROR_MESSAGES.API_KEY_NOT_ALLOWED);
      assertDetail(await create(user.token), 403, ERROR_MESSAGES.API_KEY_CREATION_NOT_ALLOWED);
      assertDetail(await create(admin.token), 403, ERROR_MESSAGES.API_KEY_CREATION_NOT_ALLOWED);
      assert.deepEqual((await read(user.token)).body, { api_key: key });
    } finally {
      await patchAdminConfig(server, admin, { ENABLE_API_KEYS: true });
    }
    assert.equal((await whoami(server, key)).status, 200);
  });
});

describe('API key creation needs ENABLE_API_KEYS and features.api_keys', () => {
  test('the permission is required even for admins; its absence blocks non-admin use but not admin use', async () => {
    const server = await startServer({ ENABLE_API_KEYS: 'true' });
    try {
      const { admin, user } = await adminAndUser(server);
      assertDetail(await server.request('POST', '/api/v1/auths/api_key', { token: admin.token }), 403, ERROR_MESSAGES.API_KEY_CREATION_NOT_ALLOWED);
      assertDetail(await server.request('POST', '/api/v1/auths/api_key', { token: user.token }), 403, ERROR_MESSAGES.API_KEY_CREATION_NOT_ALLOWED);
      assertDetail(await server.request('GET', '/api/v1/auths/api_key', { token: admin.token }), 404, ERROR_MESSAGES.API_KEY_NOT_FOUND);
      // Keys that exist (made while permitted, or imported) are still looked up on use.
      await server.services.apiKeys.replace(admin.id, `sk-${'a'.repeat(32)}`);
      await server.services.apiKeys.replace(user.id, `sk-${'b'.repeat(32)}`);
      assert.equal((await whoami(server, `sk-${'a'.repeat(32)}`)).status, 200);
      assertDetail(await whoami(server, `sk-${'b'.repeat(32)}`), 403, ERROR_MESSAGES.API_KEY_NOT_ALLOWED);
    } finally {
      await server.close();
    }
  });

  test('ENABLE_API_KEYS off (default): creation → 403 even with the permission', async () => {
    const server = await startServer({ USER_PERMISSIONS_FEATURES_API_KEYS: 'true' });
    try {
      const admin = await signup(server, 'Ada Admin', 'admin@example.com');
      assertDetail(await server.request('POST', '/api/v1/auths/api_key', { token: admin.token }), 403, ERROR_MESSAGES.API_KEY_CREATION_NOT_ALLOWED);
      assertDetail(await server.request('GET', '/api/v1/auths/api_key', { token: admin.token }), 404, ERROR_MESSAGES.API_KEY_NOT_FOUND);
    } finally {
      await server.close();
    }
  });
});

describe('POST /api/v1/auths/ldap', () => {
  test('disabled → 400; enabled but no directory → 400 LDAP authentication failed.; 422 on bad bodies', async () => {
    const server = await startServer();
    try {
      const admin = await signup(server, 'Ada Admin', 'admin@example.com');
      const ldap = (body: unknown) => server.request('POST', '/api/v1/auths/ldap', { body });
      assertDetail(await ldap({ user: 'jdoe', password: 'x' }), 400, 'LDAP authentication is not enabled');
      assert422(await ldap({ user: 'jdoe' }), 'missing', ['body', 'password']);
      assert422(await ldap({ user: 5, password: 'x' }), 'string_type', ['body', 'user']);
      await server.request('POST', '/api/v1/auths/admin/config/ldap', { token: admin.token, body: { enable_ldap: true } });
      await server.request('POST', '/api/v1/auths/admin/config/ldap/server', {
        token: admin.token,
        body: { label: 'Dir', host: '127.0.0.1', port: 1, attribute_for_mail: 'mail', attribute_for_username: 'uid', app_dn: 'cn=app', app_dn_password: 'pw', search_base: 'dc=example', use_tls: false },
      });
      const res = await ldap({ user: 'jdoe', password: 'x' });
      assertDetail(res, 400, 'LDAP authentication failed.');
      assert.equal(cookieNamed(res, 'token'), undefined);
      assert.equal(await server.services.users.count(), 1);
    } finally {
      await server.close();
    }
  });

  test('ENABLE_PASSWORD_AUTH=false → 403 ACTION_PROHIBITED', async () => {
    const server = await startServer({ ENABLE_LDAP: 'true', ENABLE_PASSWORD_AUTH: 'false' });
    try {
      assertDetail(await server.request('POST', '/api/v1/auths/ldap', { body: { user: 'jdoe', password: 'x' } }), 403, ERROR_MESSAGES.ACTION_PROHIBITED);
    } finally {
      await server.close();
    }
  });
});
