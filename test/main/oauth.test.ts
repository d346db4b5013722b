// OAuth routes with nothing configured answer as Open WebUI does for an unregistered provider.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let user: Account;

before(async () => {
  server = await startServer();
  ({ user } = await adminAndUser(server));
});
after(() => server.close());

test('sign-in with an unconfigured provider: 404 Not Found', async () => {
  for (const path of ['/oauth/google/login', '/oauth/oidc/login/callback?code=x&state=y', '/oauth/github/callback']) {
    const res = await server.request('GET', path);
    assert.equal(res.status, 404, path);
    assert.deepEqual(res.body, { detail: 'Not Found' });
  }
});

test('tool-server OAuth: verified users only, then 404 for an unknown client', async () => {
  assert.equal((await server.request('GET', '/oauth/clients/mcp:x/authorize')).status, 401);
  const res = await server.request('GET', '/oauth/clients/mcp:x/authorize', { token: user.token });
  assert.equal(res.status, 404);
  assert.equal((await server.request('GET', '/oauth/clients/mcp:x/callback', { token: user.token })).status, 404);
});

test('a known path with the wrong method: 405 with Allow', async () => {
  const res = await server.request('PUT', '/api/v1/auths/signin', { body: {} });
  assert.equal(res.status, 405);
  assert.deepEqual(res.body, { detail: 'Method Not Allowed' });
  assert.equal(res.headers.get('allow'), 'POST');
});
