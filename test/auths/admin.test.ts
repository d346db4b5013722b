// Admin routes of the auths router: add user, admin details, admin config (persisted), LDAP config;
// and start-up rejection of invalid environment values.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { addUser, adminAndUser, startServer, testEnv, type Account, type TestServer } from '../helpers/server.ts';
import { buildApp } from '../../src/app.ts';
import {
  ERROR_MESSAGES,
  assert422,
  assertDetail,
  cookieNamed,
  decodeJwtPart,
  getAdminConfig,
  patchAdminConfig,
  restart,
  signin,
  userByEmail,
  whoami,
} from './support.ts';

const ADMIN_CONFIG_KEYS = [
  'API_KEYS_ALLOWED_ENDPOINTS',
  'DEFAULT_GROUP_ID',
  'DEFAULT_USER_ROLE',
  'ENABLE_API_KEYS',
  'ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS',
  'ENABLE_CHANNELS',
  'ENABLE_COMMUNITY_SHARING',
  'ENABLE_FOLDERS',
  'ENABLE_MESSAGE_RATING',
  'ENABLE_NOTES',
  'ENABLE_SIGNUP',
  'ENABLE_USER_WEBHOOKS',
  'JWT_EXPIRES_IN',
  'PENDING_USER_OVERLAY_CONTENT',
  'PENDING_USER_OVERLAY_TITLE',
  'RESPONSE_WATERMARK',
  'SHOW_ADMIN_DETAILS',
  'WEBUI_URL',
];

const LDAP_SERVER_KEYS = [
  'app_dn',
  'app_dn_password',
  'attribute_for_mail',
  'attribute_for_username',
  'certificate_path',
  'ciphers',
  'host',
  'label',
  'port',
  'search_base',
  'search_filters',
  'use_tls',
  'validate_cert',
];

const ADMIN_ROUTES: [string, string, unknown?][] = [
  ['POST', '/api/v1/auths/add', { name: 'N', email: 'n@example.com', password: 'Passw0rd!' }],
  ['GET', '/api/v1/auths/admin/config'],
  ['POST', '/api/v1/auths/admin/config', {}],
  ['GET', '/api/v1/auths/admin/config/ldap/server'],
  ['POST', '/api/v1/auths/admin/config/ldap/server', {}],
  ['GET', '/api/v1/auths/admin/config/ldap'],
  ['POST', '/api/v1/auths/admin/config/ldap', { enable_ldap: true }],
];

describe('admin-only routes refuse everyone else', () => {
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

  for (const [method, path, body] of ADMIN_ROUTES) {
    test(`${method} ${path}: 401 without credentials, 401 ACCESS_PROHIBITED for user and pending; nothing written`, async () => {
      assertDetail(await server.request(method, path, { body }), 401, 'Not authenticated');
      assertDetail(await server.request(method, path, { token: user.token, body }), 401, ERROR_MESSAGES.ACCESS_PROHIBITED);
      assertDetail(await server.request(method, path, { token: pending.token, body }), 401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    });
  }

  test('the refused requests changed nothing', async () => {
    assert.equal(await userByEmail(server, 'n@example.com'), null);
    const ldap = await server.request('GET', '/api/v1/auths/admin/config/ldap', { token: admin.token });
    assert.deepEqual(ldap.body, { ENABLE_LDAP: false });
  });
});

describe('POST /api/v1/auths/add', () => {
  let server: TestServer;
  let admin: Account;
  before(async () => {
    server = await startServer();
    ({ admin } = await adminAndUser(server));
  });
  after(() => server.close());

  const add = (body: unknown) => server.request('POST', '/api/v1/auths/add', { token: admin.token, body });

  test('creates the account with the given role; the answer is a SigninResponse with a non-expiring token and no cookie', async () => {
    const res = await add({ name: 'New User', email: 'New@Example.com', password: 'Passw0rd!', role: 'user', profile_image_url: '/avatar.png' });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(Object.keys(res.body).sort(), ['email', 'id', 'name', 'profile_image_url', 'role', 'token', 'token_type']);
    assert.equal(res.body.email, 'new@example.com');
    assert.equal(res.body.role, 'user');
    assert.equal(res.body.profile_image_url, '/avatar.png');
    assert.equal(res.body.token_type, 'Bearer');
    assert.equal('exp' in decodeJwtPart(res.body.token, 1), false);
    assert.equal(cookieNamed(res, 'token'), undefined);
    const me = await whoami(server, res.body.token);
    assert.equal(me.body.id, res.body.id);
    assert.equal(me.body.role, 'user');
    assert.equal((await signin(server, 'new@example.com', 'Passw0rd!')).status, 200);
  });

  test('role defaults to pending; admins can add admins; works while sign-up is closed', async () => {
    const p = await add({ name: 'P', email: 'p@example.com', password: 'Passw0rd!' });
    assert.equal(p.status, 200, p.text);
    assert.equal(p.body.role, 'pending');
    assert.equal(p.body.profile_image_url, '/user.png');
    const a = await add({ name: 'A2', email: 'a2@example.com', password: 'Passw0rd!', role: 'admin' });
    assert.equal(a.body.role, 'admin');
    assert.equal((await server.request('GET', '/api/v1/auths/admin/config', { token: a.body.token })).status, 200);
  });

  test('400 INVALID_EMAIL_FORMAT / EMAIL_TAKEN (case-insensitive) / PASSWORD_TOO_LONG; nothing written', async () => {
    assertDetail(await add({ name: 'X', email: 'bad-email', password: 'Passw0rd!' }), 400, ERROR_MESSAGES.INVALID_EMAIL_FORMAT);
    assertDetail(await add({ name: 'X', email: 'USER@example.com', password: 'Passw0rd!' }), 400, ERROR_MESSAGES.EMAIL_TAKEN);
    assertDetail(await add({ name: 'X', email: 'toolong@example.com', password: 'x'.repeat(73) }), 400, ERROR_MESSAGES.PASSWORD_TOO_LONG);
    assert.equal(await userByEmail(server, 'toolong@example.com'), null);
    assert.equal((await userByEmail(server, 'user@example.com'))?.name, 'Uma User');
  });

  test('422 for missing fields, wrong types, an unknown role, oversized strings; nothing written', async () => {
    assert422(await add({ name: 'X', password: 'Passw0rd!' }), 'missing', ['body', 'email']);
    assert422(await add({ name: 'X', email: 'x1@example.com', password: 'Passw0rd!', role: 7 }), 'literal_error', ['body', 'role']);
    assert422(await add({ name: 'X', email: 'x1@example.com', password: 'Passw0rd!', role: 'superuser' }), 'literal_error', ['body', 'role']);
    assert422(await add({ name: 'n'.repeat(300), email: 'x1@example.com', password: 'Passw0rd!' }), 'string_too_long', ['body', 'name']);
    assert.equal((await server.request('POST', '/api/v1/auths/add', { token: admin.token, raw: '{' })).status, 422);
    assert.equal(await userByEmail(server, 'x1@example.com'), null);
  });

  test('ENABLE_PASSWORD_VALIDATION → 400 with the policy message', async () => {
    const strict = await startServer({ ENABLE_PASSWORD_VALIDATION: 'true' });
    try {
      const res = await strict.request('POST', '/api/v1/auths/signup', { body: { name: 'A', email: 'a@example.com', password: 'Str0ng!Pass' } });
      const token = res.body.token as string;
      assertDetail(
        await strict.request('POST', '/api/v1/auths/add', { token, body: { name: 'W', email: 'w@example.com', password: 'weakpass' } }),
        400,
        ERROR_MESSAGES.INVALID_PASSWORD(),
      );
      assert.equal(await userByEmail(strict, 'w@example.com'), null);
    } finally {
      await strict.close();
    }
  });
});

describe('GET /api/v1/auths/admin/details', () => {
  test('any signed-in user (pending too) sees the first admin; SHOW_ADMIN_DETAILS=false → 400; 401 without credentials', async () => {
    const server = await startServer();
    try {
      const { admin, user } = await adminAndUser(server);
      const pending = await addUser(server, admin, 'Pat Pending', 'pending@example.com', 'pending');
      for (const who of [admin, user, pending]) {
        const res = await server.request('GET', '/api/v1/auths/admin/details', { token: who.token });
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(res.body, { name: 'Ada Admin', email: 'admin@example.com' });
      }
      assertDetail(await server.request('GET', '/api/v1/auths/admin/details'), 401, 'Not authenticated');
      await patchAdminConfig(server, admin, { SHOW_ADMIN_DETAILS: false });
      assertDetail(await server.request('GET', '/api/v1/auths/admin/details', { token: user.token }), 400, ERROR_MESSAGES.ACTION_PROHIBITED);
    } finally {
      await server.close();
    }
  });

  test('ADMIN_EMAIL names the contact instead of the first user', async () => {
    const server = await startServer({ ADMIN_EMAIL: 'second@example.com' });
    try {
      const { admin, user } = await adminAndUser(server);
      await addUser(server, admin, 'Second Admin', 'second@example.com', 'admin');
      const res = await server.request('GET', '/api/v1/auths/admin/details', { token: user.token });
      assert.deepEqual(res.body, { name: 'Second Admin', email: 'second@example.com' });
    } finally {
      await server.close();
    }
  });
});

describe('admin config (GET/POST /api/v1/auths/admin/config)', () => {
  test('defaults, round trip, ignored invalid values, 422 without writing, persisted across a restart', async () => {
    const first = await startServer({}, { keepData: true });
    let server: TestServer = first;
    try {
      const { admin } = await adminAndUser(first);
      const initial = await getAdminConfig(first, admin);
      assert.deepEqual(Object.keys(initial).sort(), ADMIN_CONFIG_KEYS);
      assert.equal(initial['SHOW_ADMIN_DETAILS'], true);
      assert.equal(initial['ENABLE_SIGNUP'], false); // closed by the first sign-up
      assert.equal(initial['ENABLE_API_KEYS'], false);
      assert.equal(initial['DEFAULT_USER_ROLE'], 'pending');
      assert.equal(initial['JWT_EXPIRES_IN'], '4w');
      assert.equal(initial['WEBUI_URL'], '');

      const changed = {
        ...initial,
        SHOW_ADMIN_DETAILS: false,
        WEBUI_URL: 'https://chat.example.com',
        ENABLE_SIGNUP: true,
        ENABLE_API_KEYS: true,
        ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS: true,
        API_KEYS_ALLOWED_ENDPOINTS: '/api/models,/api/chat/completions',
        DEFAULT_USER_ROLE: 'user',
        DEFAULT_GROUP_ID: '',
        JWT_EXPIRES_IN: '12h',
        ENABLE_COMMUNITY_SHARING: false,
        ENABLE_MESSAGE_RATING: false,
        ENABLE_FOLDERS: false,
        ENABLE_CHANNELS: true,
        ENABLE_NOTES: false,
        ENABLE_USER_WEBHOOKS: false,
        PENDING_USER_OVERLAY_TITLE: 'Hold on',
        PENDING_USER_OVERLAY_CONTENT: 'An admin will **approve** you.',
        RESPONSE_WATERMARK: 'AI generated',
      };
      const saved = await first.request('POST', '/api/v1/auths/admin/config', { token: admin.token, body: changed });
      assert.equal(saved.status, 200, saved.text);
      assert.deepEqual(saved.body, changed);
      assert.deepEqual(await getAdminConfig(first, admin), changed);

      // An unknown role or a malformed duration is ignored; the rest of the form is saved.
      const ignored = await first.request('POST', '/api/v1/auths/admin/config', {
        token: admin.token,
        body: { ...changed, DEFAULT_USER_ROLE: 'superuser', JWT_EXPIRES_IN: 'forever', WEBUI_URL: 'https://b.example.com' },
      });
      assert.equal(ignored.status, 200, ignored.text);
      assert.equal(ignored.body.DEFAULT_USER_ROLE, 'user');
      assert.equal(ignored.body.JWT_EXPIRES_IN, '12h');
      assert.equal(ignored.body.WEBUI_URL, 'https://b.example.com');
      // The admin UI's single-pair rule: "1d12h" is refused too.
      const multi = await first.request('POST', '/api/v1/auths/admin/config', { token: admin.token, body: { ...changed, JWT_EXPIRES_IN: '1d12h' } });
      assert.equal(multi.body.JWT_EXPIRES_IN, '12h');
      // -1 is accepted (never expires).
      const never = await first.request('POST', '/api/v1/auths/admin/config', { token: admin.token, body: { ...changed, JWT_EXPIRES_IN: '-1' } });
      assert.equal(never.body.JWT_EXPIRES_IN, '-1');
      assert.equal((await signin(first, admin.email, admin.password)).body.expires_at, null);
      await first.request('POST', '/api/v1/auths/admin/config', { token: admin.token, body: changed });

      // Bad bodies: 422 and nothing changes.
      const { ENABLE_SIGNUP: _omitted, ...missing } = changed;
      assert422(await first.request('POST', '/api/v1/auths/admin/config', { token: admin.token, body: { ...missing, WEBUI_URL: 'https://nope.example.com' } }), 'missing', [
        'body',
        'ENABLE_SIGNUP',
      ]);
      assert422(await first.request('POST', '/api/v1/auths/admin/config', { token: admin.token, body: { ...changed, ENABLE_SIGNUP: 'perhaps', WEBUI_URL: 'https://nope.example.com' } }), 'bool_type', [
        'body',
        'ENABLE_SIGNUP',
      ]);
      assert422(await first.request('POST', '/api/v1/auths/admin/config', { token: admin.token, body: { ...changed, WEBUI_URL: 'u'.repeat(3000) } }), 'string_too_long', [
        'body',
        'WEBUI_URL',
      ]);
      assert.deepEqual(await getAdminConfig(first, admin), changed);

      // Effects: sign-up is open again with role user; the token lifetime is 12h.
      const joined = await first.request('POST', '/api/v1/auths/signup', { body: { name: 'J', email: 'j@example.com', password: 'Passw0rd!' } });
      assert.equal(joined.status, 200, joined.text);
      assert.equal(joined.body.role, 'user');
      assert.ok(Math.abs(joined.body.expires_at - (Math.floor(Date.now() / 1000) + 12 * 3600)) <= 60);

      // Persisted: a new process on the same data reads the same config.
      server = await restart(first);
      const token = (await signin(server, admin.email, admin.password)).body.token as string;
      assert.deepEqual(await getAdminConfig(server, { ...admin, token }), changed);
    } finally {
      await server.close();
    }
  });
});

describe('LDAP admin config', () => {
  test('server config: defaults, required fields, password never returned but kept, persisted; enable flag round trip', async () => {
    const first = await startServer({}, { keepData: true });
    let server: TestServer = first;
    try {
      const { admin } = await adminAndUser(first);
      const get = (s: TestServer, token: string) => s.request('GET', '/api/v1/auths/admin/config/ldap/server', { token });
      const post = (body: unknown) => first.request('POST', '/api/v1/auths/admin/config/ldap/server', { token: admin.token, body });

      const defaults = await get(first, admin.token);
      assert.equal(defaults.status, 200, defaults.text);
      assert.deepEqual(Object.keys(defaults.body).sort(), LDAP_SERVER_KEYS);
      assert.equal(defaults.body.label, 'LDAP Server');
      assert.equal(defaults.body.host, 'localhost');
      assert.equal(defaults.body.port, 389);
      assert.equal(defaults.body.attribute_for_mail, 'mail');
      assert.equal(defaults.body.attribute_for_username, 'uid');
      assert.equal(defaults.body.use_tls, true);
      assert.equal(defaults.body.validate_cert, true);
      assert.equal(defaults.body.ciphers, 'ALL');
      assert.equal(defaults.body.app_dn_password, '');

      const form = {
        label: 'Corp Directory',
        host: 'ldap.example.com',
        port: 636,
        attribute_for_mail: 'mail',
        attribute_for_username: 'sAMAccountName',
        app_dn: 'cn=svc,dc=example,dc=com',
        app_dn_password: 'bind-secret',
        search_base: 'ou=people,dc=example,dc=com',
        search_filters: '(objectClass=person)',
        use_tls: true,
        certificate_path: '/etc/ssl/ldap.pem',
        validate_cert: false,
        ciphers: 'HIGH',
      };
      // Missing the password on a fresh install → 400; other required fields likewise; nothing saved.
      assertDetail(await post({ ...form, app_dn_password: '' }), 400, 'Required field app_dn_password is empty');
      for (const key of ['label', 'host', 'attribute_for_mail', 'attribute_for_username', 'app_dn', 'search_base']) {
        assertDetail(await post({ ...form, [key]: '' }), 400, `Required field ${key} is empty`);
      }
      assert422(await post({ ...form, label: undefined }), 'missing', ['body', 'label']);
      assert.equal((await post({ ...form, port: 70000 })).status, 422);
      assert.equal((await post({ ...form, port: 'ldap' })).status, 422);
      assert.equal((await get(first, admin.token)).body.host, 'localhost');

      const saved = await post(form);
      assert.equal(saved.status, 200, saved.text);
      assert.deepEqual(saved.body, { ...form, app_dn_password: '' });
      const read = await get(first, admin.token);
      assert.deepEqual(read.body, { ...form, app_dn_password: '' });
      assert.equal(read.text.includes('bind-secret'), false);
      assert.equal(first.services.config.get('LDAP_APP_PASSWORD'), 'bind-secret');
      // Re-saving the form as the GET returned it keeps the stored password.
      const resaved = await post({ ...form, app_dn_password: '', host: 'ldap2.example.com' });
      assert.equal(resaved.status, 200, resaved.text);
      assert.equal(first.services.config.get('LDAP_APP_PASSWORD'), 'bind-secret');

      const enable = await first.request('POST', '/api/v1/auths/admin/config/ldap', { token: admin.token, body: { enable_ldap: true } });
      assert.deepEqual(enable.body, { ENABLE_LDAP: true });
      assert.equal((await first.request('POST', '/api/v1/auths/admin/config/ldap', { token: admin.token, body: { enable_ldap: 'yes' } })).status, 422);

      server = await restart(first);
      const token = (await signin(server, admin.email, admin.password)).body.token as string;
      assert.deepEqual((await get(server, token)).body, { ...form, host: 'ldap2.example.com', app_dn_password: '' });
      assert.equal(server.services.config.get('LDAP_APP_PASSWORD'), 'bind-secret');
      assert.deepEqual((await server.request('GET', '/api/v1/auths/admin/config/ldap', { token })).body, { ENABLE_LDAP: true });
      const off = await server.request('POST', '/api/v1/auths/admin/config/ldap', { token, body: {} });
      assert.deepEqual(off.body, { ENABLE_LDAP: false });
    } finally {
      await server.close();
    }
  });
});

describe('invalid environment values stop the start', () => {
  for (const [variable, value] of [
    ['JWT_EXPIRES_IN', 'forever'],
    ['ENABLE_SIGNUP', 'maybe'],
    ['ENABLE_API_KEYS', 'sometimes'],
    ['DEFAULT_USER_ROLE', 'superuser'],
    ['WEBUI_AUTH', 'perhaps'],
    ['WEBUI_AUTH_COOKIE_SAME_SITE', 'sideways'],
  ] as const) {
    test(`${variable}=${value} → buildApp rejects naming ${variable}`, async () => {
      const env = testEnv({ [variable]: value });
      try {
        await assert.rejects(buildApp(env), (e: Error) => e.message.includes(variable));
      } finally {
        rmSync(env['DATA_DIR'] as string, { recursive: true, force: true });
      }
    });
  }
});
