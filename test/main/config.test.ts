// GET /api/config: the anonymous, pending and user/admin shapes, onboarding, and how the optional
// credential is read (Bearer header, `token` cookie; anything unusable is anonymous).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { cookieHeader, makeJwt, nowSec, uuid } from '../auths/support.ts';

const ANONYMOUS_FEATURES = [
  'auth',
  'auth_trusted_header',
  'enable_api_keys',
  'enable_ldap',
  'enable_login_form',
  'enable_public_active_users_count',
  'enable_signup',
  'enable_signup_password_confirmation',
  'enable_version_update_check',
  'enable_websocket',
];
const ACCOUNT_FEATURES = [
  'enable_admin_chat_access',
  'enable_admin_export',
  'enable_autocomplete_generation',
  'enable_channels',
  'enable_code_execution',
  'enable_code_interpreter',
  'enable_community_sharing',
  'enable_direct_connections',
  'enable_folders',
  'enable_google_drive_integration',
  'enable_image_generation',
  'enable_message_rating',
  'enable_notes',
  'enable_onedrive_integration',
  'enable_user_webhooks',
  'enable_web_search',
];
const BASE_KEYS = ['default_locale', 'features', 'name', 'oauth', 'status', 'version'];
const MEMBER_KEYS = [
  'audio',
  'code',
  'default_models',
  'default_pinned_models',
  'default_prompt_suggestions',
  'file',
  'google_drive',
  'license_metadata',
  'onedrive',
  'permissions',
  'ui',
  'user_count',
];

const sorted = (keys: string[]): string[] => [...keys].sort();

describe('GET /api/config', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ PENDING_USER_OVERLAY_TITLE: 'Hold on', DEFAULT_LOCALE: 'de-DE' });
  });
  after(() => server.close());

  test('a fresh install tells the anonymous client to onboard', async () => {
    const res = await server.request('GET', '/api/config');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.onboarding, true);
    assert.deepEqual(Object.keys(res.body).sort(), sorted(['onboarding', ...BASE_KEYS]));
    assert.equal(res.body.status, true);
    assert.equal(res.body.name, 'Open WebUI');
    assert.equal(res.body.version, '0.6.43');
    assert.equal(res.body.default_locale, 'de-DE');
    assert.deepEqual(res.body.oauth, { providers: {} });
    assert.deepEqual(Object.keys(res.body.features).sort(), ANONYMOUS_FEATURES);
    assert.equal(res.body.features.auth, true);
    assert.equal(res.body.features.enable_login_form, true);
    assert.equal(res.body.features.enable_signup, true);
    assert.equal(res.body.features.auth_trusted_header, false);
    assert.equal(res.body.features.enable_api_keys, false);
    assert.equal(res.body.features.enable_websocket, true);
  });

  describe('with accounts', () => {
    let admin: Account;
    let user: Account;
    let pending: Account;
    before(async () => {
      ({ admin, user } = await adminAndUser(server));
      pending = await addUser(server, admin, 'Pat Pending', 'pending@example.com', 'pending');
    });

    test('anonymous: no onboarding once someone has signed up, and nothing for members', async () => {
      const res = await server.request('GET', '/api/config');
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body).sort(), BASE_KEYS);
      assert.deepEqual(Object.keys(res.body.features).sort(), ANONYMOUS_FEATURES);
    });

    test('pending: account features and the pending overlay, nothing else', async () => {
      const res = await server.request('GET', '/api/config', { token: pending.token });
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body).sort(), sorted([...BASE_KEYS, 'ui']));
      assert.deepEqual(res.body.ui, { pending_user_overlay_title: 'Hold on', pending_user_overlay_content: '' });
      assert.deepEqual(Object.keys(res.body.features).sort(), sorted([...ANONYMOUS_FEATURES, ...ACCOUNT_FEATURES]));
      assert.equal(res.body.onboarding, undefined);
    });

    test('user: the member payload', async () => {
      const res = await server.request('GET', '/api/config', { token: user.token });
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body).sort(), sorted([...BASE_KEYS, ...MEMBER_KEYS]));
      assert.deepEqual(Object.keys(res.body.features).sort(), sorted([...ANONYMOUS_FEATURES, ...ACCOUNT_FEATURES]));
      assert.equal(res.body.user_count, 3);
      assert.equal(res.body.license_metadata, null);
      assert.equal(res.body.default_models, null);
      assert.deepEqual(Object.keys(res.body.audio).sort(), ['stt', 'tts']);
      assert.deepEqual(Object.keys(res.body.audio.tts).sort(), ['engine', 'split_on', 'voice']);
      assert.equal(typeof res.body.audio.stt.engine, 'string');
      assert.equal(typeof res.body.code.engine, 'string');
      assert.deepEqual(Object.keys(res.body.file).sort(), ['image_compression', 'max_count', 'max_size']);
      assert.deepEqual(Object.keys(res.body.file.image_compression).sort(), ['height', 'width']);
      assert.deepEqual(Object.keys(res.body.google_drive).sort(), ['api_key', 'client_id']);
      assert.deepEqual(Object.keys(res.body.onedrive).sort(), ['client_id_business', 'client_id_personal', 'sharepoint_tenant_id', 'sharepoint_url']);
      assert.deepEqual(Object.keys(res.body.ui).sort(), ['pending_user_overlay_content', 'pending_user_overlay_title', 'response_watermark']);
      assert.equal(res.body.active_entries, undefined);
      assert.equal(res.body.features.enable_onedrive_personal, undefined, 'only with OneDrive on');
      // The six starter prompts, as the client renders them.
      assert.equal(res.body.default_prompt_suggestions.length, 6);
      for (const s of res.body.default_prompt_suggestions) {
        assert.equal(s.title.length, 2);
        assert.equal(typeof s.content, 'string');
      }
      // The default permissions, the same object the admin reads from the users router.
      assert.equal(typeof res.body.permissions.chat, 'object');
      assert.equal(typeof res.body.permissions.features, 'object');
    });

    test('admin: the member payload plus active_entries', async () => {
      const res = await server.request('GET', '/api/config', { token: admin.token });
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body).sort(), sorted([...BASE_KEYS, ...MEMBER_KEYS, 'active_entries']));
      assert.equal(res.body.active_entries, null);
    });

    test('the token cookie alone is enough (the client calls without a header)', async () => {
      const res = await server.request('GET', '/api/config', { headers: cookieHeader(user.token) });
      assert.equal(res.status, 200);
      assert.equal(res.body.user_count, 3);
      const pendingRes = await server.request('GET', '/api/config', { headers: cookieHeader(pending.token) });
      assert.deepEqual(Object.keys(pendingRes.body).sort(), sorted([...BASE_KEYS, 'ui']));
    });

    test('the header wins over the cookie', async () => {
      const res = await server.request('GET', '/api/config', { token: admin.token, headers: cookieHeader(pending.token) });
      assert.equal(res.body.active_entries, null);
    });

    test('unusable credentials are anonymous, never an error', async () => {
      const credentials = [
        'garbage',
        makeJwt({ id: user.id, exp: nowSec() + 60 }, 'another-secret'),
        makeJwt({ id: user.id, exp: nowSec() - 60 }),
        makeJwt({ id: uuid(), exp: nowSec() + 60 }),
        'sk-0123456789abcdef0123456789abcdef',
      ];
      for (const token of credentials) {
        for (const options of [{ token }, { headers: cookieHeader(token) }]) {
          const res = await server.request('GET', '/api/config', options);
          assert.equal(res.status, 200, `${token}: ${res.text}`);
          assert.deepEqual(Object.keys(res.body).sort(), BASE_KEYS, token);
        }
      }
    });

    test('a signed-out (revoked) token is anonymous', async () => {
      const fresh = await server.request('POST', '/api/v1/auths/signin', { body: { email: user.email, password: user.password } });
      const token = fresh.body.token as string;
      assert.equal((await server.request('GET', '/api/config', { token })).body.user_count, 3);
      await server.request('GET', '/api/v1/auths/signout', { token });
      const res = await server.request('GET', '/api/config', { token });
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body).sort(), BASE_KEYS);
    });

    test('saved settings show up at once', async () => {
      const res = await server.request('POST', '/api/v1/auths/admin/config', {
        token: admin.token,
        body: { ...(await server.request('GET', '/api/v1/auths/admin/config', { token: admin.token })).body, ENABLE_SIGNUP: false, ENABLE_API_KEYS: true },
      });
      assert.equal(res.status, 200, res.text);
      const config = await server.request('GET', '/api/config');
      assert.equal(config.body.features.enable_signup, false);
      assert.equal(config.body.features.enable_api_keys, true);
    });

    test('405 for another method, as FastAPI answers', async () => {
      for (const method of ['DELETE', 'POST', 'PUT']) {
        const res = await server.request(method, '/api/config', { token: admin.token });
        assert.equal(res.status, 405, method);
        assert.deepEqual(res.body, { detail: 'Method Not Allowed' });
      }
    });
  });
});

describe('GET /api/config under deployment settings', () => {
  test('custom name, trusted header, no auth, update check off', async () => {
    const server = await startServer({ WEBUI_NAME: 'Acme Chat', WEBUI_AUTH_TRUSTED_EMAIL_HEADER: 'X-User-Email', OFFLINE_MODE: 'true', ENABLE_PUBLIC_ACTIVE_USERS_COUNT: 'false' });
    try {
      const res = await server.request('GET', '/api/config');
      assert.equal(res.body.name, 'Acme Chat (Open WebUI)');
      assert.equal(res.body.features.auth_trusted_header, true);
      assert.equal(res.body.features.enable_version_update_check, false);
      assert.equal(res.body.features.enable_public_active_users_count, false);
    } finally {
      await server.close();
    }
  });

  test('OneDrive: the picker switches and client ids', async () => {
    const server = await startServer({
      ENABLE_ONEDRIVE_INTEGRATION: 'true',
      ONEDRIVE_CLIENT_ID: 'shared-client',
      ONEDRIVE_CLIENT_ID_BUSINESS: 'business-client',
      ENABLE_ONEDRIVE_PERSONAL: 'false',
    });
    try {
      const { user } = await adminAndUser(server);
      const res = await server.request('GET', '/api/config', { token: user.token });
      assert.equal(res.body.features.enable_onedrive_integration, true);
      assert.equal(res.body.features.enable_onedrive_personal, false);
      assert.equal(res.body.features.enable_onedrive_business, true);
      assert.equal(res.body.onedrive.client_id_personal, 'shared-client');
      assert.equal(res.body.onedrive.client_id_business, 'business-client');
    } finally {
      await server.close();
    }
  });

  test('WEBUI_AUTH=false', async () => {
    const server = await startServer({ WEBUI_AUTH: 'false' });
    try {
      const res = await server.request('GET', '/api/config');
      assert.equal(res.body.features.auth, false);
      assert.equal(res.body.onboarding, true);
    } finally {
      await server.close();
    }
  });
});
