// App-level JSON routes: health, version and update check, changelog, usage, webhook, system status
// and reload, and the /api/auth/login alias.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { ERROR_MESSAGES, REDIS, assert422, assertDetail, closeReplica, cookieNamed, startReplica, whoami } from '../auths/support.ts';

const NOT_AUTHENTICATED = 'Not authenticated';

/** A local stand-in for a release feed: answers `body` after `delayMs`. */
async function feed(body: unknown, delayMs = 0): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/releases/latest`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('app-level routes', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  let pending: Account;
  before(async () => {
    server = await startServer({ DEPLOYMENT_ID: 'eu-west-7' });
    ({ admin, user } = await adminAndUser(server));
    pending = await addUser(server, admin, 'Pat Pending', 'pending@example.com', 'pending');
  });
  after(() => server.close());

  describe('health', () => {
    test('/health and /health/db answer without credentials', async () => {
      for (const path of ['/health', '/health/db']) {
        const res = await server.request('GET', path);
        assert.equal(res.status, 200, path);
        assert.deepEqual(res.body, { status: true });
      }
    });
  });

  describe('version', () => {
    test('GET /api/version is public', async () => {
      const res = await server.request('GET', '/api/version');
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { version: '0.6.43', deployment_id: 'eu-west-7' });
    });

    test('GET /api/version/updates needs a verified account', async () => {
      assertDetail(await server.request('GET', '/api/version/updates'), 401, NOT_AUTHENTICATED);
      assertDetail(await server.request('GET', '/api/version/updates', { token: pending.token }), 401, ERROR_MESSAGES.ACCESS_PROHIBITED);
      for (const account of [user, admin]) {
        const res = await server.request('GET', '/api/version/updates', { token: account.token });
        assert.equal(res.status, 200);
        assert.deepEqual(res.body, { current: '0.6.43', latest: '0.6.43' });
      }
    });

    test('VERSION_UPDATE_URL: a release feed names the latest version', async () => {
      const github = await feed({ tag_name: 'v0.6.44' });
      const registry = await feed({ version: '0.7.1' });
      const junk = await feed({ tag_name: '<script>' });
      const slow = await feed({ tag_name: 'v9.9.9' }, 2500);
      try {
        const latest = async (url: string) => {
          const checking = await startServer({ VERSION_UPDATE_URL: url });
          try {
            const { admin: owner } = await adminAndUser(checking);
            const started = Date.now();
            const res = await checking.request('GET', '/api/version/updates', { token: owner.token });
            assert.equal(res.status, 200);
            assert.equal(res.body.current, '0.6.43');
            return { latest: res.body.latest as string, ms: Date.now() - started };
          } finally {
            await checking.close();
          }
        };
        assert.equal((await latest(github.url)).latest, '0.6.44');
        assert.equal((await latest(registry.url)).latest, '0.7.1');
        assert.equal((await latest(junk.url)).latest, '0.6.43');
        assert.equal((await latest('http://127.0.0.1:1/unreachable')).latest, '0.6.43');
        const timedOut = await latest(slow.url);
        assert.equal(timedOut.latest, '0.6.43');
        assert.ok(timedOut.ms < 2000, `gave up after about a second, took ${timedOut.ms} ms`);
      } finally {
        await Promise.all([github.close(), registry.close(), junk.close(), slow.close()]);
      }
    });

    test('the update check is skipped when switched off', async () => {
      const github = await feed({ tag_name: 'v0.6.44' });
      const offline = await startServer({ ENABLE_VERSION_UPDATE_CHECK: 'false', VERSION_UPDATE_URL: github.url });
      try {
        const { admin: owner } = await adminAndUser(offline);
        const res = await offline.request('GET', '/api/version/updates', { token: owner.token });
        assert.deepEqual(res.body, { current: '0.6.43', latest: '0.6.43' });
      } finally {
        await offline.close();
        await github.close();
      }
    });

    test('GET /api/changelog: our CHANGELOG.md in Open WebUI’s shape', async () => {
      const res = await server.request('GET', '/api/changelog');
      assert.equal(res.status, 200);
      const versions = Object.keys(res.body);
      assert.ok(versions.length >= 1 && versions.length <= 5, versions.join());
      assert.equal(versions[0], '0.6.43');
      const entry = res.body['0.6.43'];
      assert.match(entry.date, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(Array.isArray(entry.added) && entry.added.length > 0);
      for (const item of entry.added) {
        assert.deepEqual(Object.keys(item).sort(), ['content', 'raw', 'title']);
        assert.match(item.raw, /^<li>.*<\/li>$/s);
        assert.doesNotMatch(item.content, /\*\*|<\w/);
      }
      assert.ok(entry.added.some((i: { raw: string }) => i.raw.includes('<strong>')), 'bold text becomes <strong>');
    });
  });

  describe('GET /api/usage', () => {
    test('counts accounts active in the last three minutes', async () => {
      assertDetail(await server.request('GET', '/api/usage'), 401, NOT_AUTHENTICATED);
      assertDetail(await server.request('GET', '/api/usage', { token: pending.token }), 401, ERROR_MESSAGES.ACCESS_PROHIBITED);
      const res = await server.request('GET', '/api/usage', { token: user.token });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.model_ids, []);
      // admin, user and pending all signed in just now.
      assert.equal(res.body.user_count, 3);
    });

    test('an account idle for longer is not counted', async () => {
      await server.services.users.touchLastActive(pending.id, Math.floor(Date.now() / 1000) - 181);
      const res = await server.request('GET', '/api/usage', { token: admin.token });
      assert.equal(res.body.user_count, 2);
    });

    test('ENABLE_PUBLIC_ACTIVE_USERS_COUNT=false: administrators only', async () => {
      const privateCount = await startServer({ ENABLE_PUBLIC_ACTIVE_USERS_COUNT: 'false' });
      try {
        const accounts = await adminAndUser(privateCount);
        assertDetail(
          await privateCount.request('GET', '/api/usage', { token: accounts.user.token }),
          403,
          'Access denied. Only administrators can view usage statistics.',
        );
        const res = await privateCount.request('GET', '/api/usage', { token: accounts.admin.token });
        assert.equal(res.status, 200);
        assert.equal(res.body.user_count, 2);
      } finally {
        await privateCount.close();
      }
    });
  });

  describe('/api/webhook', () => {
    test('admin only', async () => {
      for (const method of ['GET', 'POST']) {
        const body = method === 'POST' ? { url: 'https://hooks.example.com/x' } : undefined;
        assertDetail(await server.request(method, '/api/webhook', { body }), 401, NOT_AUTHENTICATED);
        assertDetail(await server.request(method, '/api/webhook', { token: user.token, body }), 401, ERROR_MESSAGES.ACCESS_PROHIBITED);
        assertDetail(await server.request(method, '/api/webhook', { token: pending.token, body }), 401, ERROR_MESSAGES.ACCESS_PROHIBITED);
      }
      assert.deepEqual((await server.request('GET', '/api/webhook', { token: admin.token })).body, { url: '' });
    });

    test('saves, persists and clears the URL', async () => {
      const saved = await server.request('POST', '/api/webhook', { token: admin.token, body: { url: 'https://hooks.example.com/new-users' } });
      assert.equal(saved.status, 200, saved.text);
      assert.deepEqual(saved.body, { url: 'https://hooks.example.com/new-users' });
      assert.deepEqual((await server.request('GET', '/api/webhook', { token: admin.token })).body, { url: 'https://hooks.example.com/new-users' });
      const stored = await server.services.config.exportDocument();
      assert.equal(stored['webhook_url'], 'https://hooks.example.com/new-users');
      const cleared = await server.request('POST', '/api/webhook', { token: admin.token, body: { url: '' } });
      assert.deepEqual(cleared.body, { url: '' });
      assert.deepEqual((await server.request('GET', '/api/webhook', { token: admin.token })).body, { url: '' });
    });

    test('rejects anything but an http(s) URL and keeps the old one', async () => {
      await server.request('POST', '/api/webhook', { token: admin.token, body: { url: 'https://hooks.example.com/keep' } });
      for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'not a url', 'ftp://example.com/x']) {
        const res = await server.request('POST', '/api/webhook', { token: admin.token, body: { url } });
        assert422(res, 'value_error', ['body', 'url']);
        assert.match(res.body.detail[0].msg, /http:\/\/ or https:\/\//);
      }
      assert422(await server.request('POST', '/api/webhook', { token: admin.token, body: {} }), 'missing', ['body', 'url']);
      assert422(await server.request('POST', '/api/webhook', { token: admin.token, body: { url: 42 } }), 'string_type', ['body', 'url']);
      assert422(await server.request('POST', '/api/webhook', { token: admin.token, body: { url: `https://e.com/${'a'.repeat(3000)}` } }), 'string_too_long', ['body', 'url']);
      assert.deepEqual((await server.request('GET', '/api/webhook', { token: admin.token })).body, { url: 'https://hooks.example.com/keep' });
    });
  });

  describe('/api/system', () => {
    test('status: admin only, with the database and Redis state', async () => {
      assertDetail(await server.request('GET', '/api/system/status'), 401, NOT_AUTHENTICATED);
      assertDetail(await server.request('GET', '/api/system/status', { token: user.token }), 401, ERROR_MESSAGES.ACCESS_PROHIBITED);
      const res = await server.request('GET', '/api/system/status', { token: admin.token });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.status, true);
      assert.equal(res.body.version, '0.6.43');
      assert.ok(Number.isInteger(res.body.uptime_s) && res.body.uptime_s >= 0);
      assert.deepEqual(res.body.db, { ok: true, dialect: server.services.database.dialect });
      assert.deepEqual(res.body.redis, REDIS ? { ok: true } : null);
      // The default connections (a local Ollama, api.openai.com) are not reachable from the tests.
      assert.deepEqual(res.body.upstreams, [
        { url: 'http://localhost:11434', ok: false },
        { url: 'https://api.openai.com/v1', ok: false },
      ]);
    });

    test('reload: admin only; picks up what another instance saved', async () => {
      assertDetail(await server.request('POST', '/api/system/reload'), 401, NOT_AUTHENTICATED);
      assertDetail(await server.request('POST', '/api/system/reload', { token: user.token }), 401, ERROR_MESSAGES.ACCESS_PROHIBITED);
      const replica = await startReplica(server);
      try {
        const saved = await replica.request('POST', '/api/webhook', { token: admin.token, body: { url: 'https://hooks.example.com/from-replica' } });
        assert.equal(saved.status, 200, saved.text);
        if (!REDIS) {
          // Without Redis nothing tells this instance until it reloads.
          assert.notEqual((await server.request('GET', '/api/webhook', { token: admin.token })).body.url, 'https://hooks.example.com/from-replica');
        }
        const res = await server.request('POST', '/api/system/reload', { token: admin.token });
        assert.equal(res.status, 200);
        assert.deepEqual(res.body, { status: true });
        assert.deepEqual((await server.request('GET', '/api/webhook', { token: admin.token })).body, { url: 'https://hooks.example.com/from-replica' });
      } finally {
        await closeReplica(replica);
      }
    });
  });

  describe('POST /api/auth/login', () => {
    test('signs in like /api/v1/auths/signin, cookie included', async () => {
      const res = await server.request('POST', '/api/auth/login', { body: { email: 'USER@example.com', password: user.password } });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.id, user.id);
      assert.equal(res.body.token_type, 'Bearer');
      assert.equal(res.body.role, 'user');
      assert.equal(cookieNamed(res, 'token')?.value, res.body.token);
      assert.equal((await whoami(server, res.body.token)).body.id, user.id);
    });

    test('wrong password and bad bodies', async () => {
      assertDetail(await server.request('POST', '/api/auth/login', { body: { email: user.email, password: 'nope' } }), 400, ERROR_MESSAGES.INVALID_CRED);
      assert422(await server.request('POST', '/api/auth/login', { body: { email: user.email } }), 'missing', ['body', 'password']);
      const malformed = await server.request('POST', '/api/auth/login', { raw: '{"email":' });
      assert.equal(malformed.status, 422);
      assert.equal(malformed.body.detail[0].type, 'json_invalid');
    });

    test('shares the sign-in rate limit with /api/v1/auths/signin', async () => {
      const limited = await startServer();
      try {
        const { user: victim } = await adminAndUser(limited);
        for (let i = 0; i < 15; i++) {
          const path = i % 2 ? '/api/auth/login' : '/api/v1/auths/signin';
          await limited.request('POST', path, { body: { email: victim.email, password: 'wrong' } });
        }
        assertDetail(await limited.request('POST', '/api/auth/login', { body: { email: victim.email, password: victim.password } }), 429, ERROR_MESSAGES.RATE_LIMIT_EXCEEDED);
        assertDetail(await limited.request('POST', '/api/v1/auths/signin', { body: { email: victim.email, password: victim.password } }), 429, ERROR_MESSAGES.RATE_LIMIT_EXCEEDED);
      } finally {
        await limited.close();
      }
    });
  });
});
