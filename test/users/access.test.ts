// Who may call each of the 20 users routes: no credentials → 401 "Not authenticated", a pending
// account → 401 ACCESS_PROHIBITED on every route (verified or admin), an ordinary user → 401
// ACCESS_PROHIBITED on the admin routes. Refused calls change nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { assertDetail, ERROR_MESSAGES, getUser, insertChat } from './support.ts';

type Level = 'verified' | 'admin';
interface Route {
  method: string;
  path: (ids: Ids) => string;
  level: Level;
  body?: unknown;
}
interface Ids {
  user: string;
  pending: string;
  chat: string;
}

const ROUTES: Route[] = [
  { method: 'GET', path: () => '/api/v1/users/', level: 'admin' },
  { method: 'GET', path: () => '/api/v1/users/all', level: 'admin' },
  { method: 'GET', path: () => '/api/v1/users/search?query=a', level: 'verified' },
  { method: 'GET', path: () => '/api/v1/users/groups', level: 'verified' },
  { method: 'GET', path: () => '/api/v1/users/permissions', level: 'verified' },
  { method: 'GET', path: () => '/api/v1/users/default/permissions', level: 'admin' },
  { method: 'POST', path: () => '/api/v1/users/default/permissions', level: 'admin', body: { workspace: { models: true }, sharing: {}, chat: {}, features: {} } },
  { method: 'GET', path: () => '/api/v1/users/user/settings', level: 'verified' },
  { method: 'POST', path: () => '/api/v1/users/user/settings/update', level: 'verified', body: { ui: { hacked: true } } },
  { method: 'GET', path: () => '/api/v1/users/user/status', level: 'verified' },
  { method: 'POST', path: () => '/api/v1/users/user/status/update', level: 'verified', body: { status_message: 'hacked' } },
  { method: 'GET', path: () => '/api/v1/users/user/info', level: 'verified' },
  { method: 'POST', path: () => '/api/v1/users/user/info/update', level: 'verified', body: { hacked: true } },
  { method: 'GET', path: (ids) => `/api/v1/users/${ids.user}`, level: 'verified' },
  { method: 'GET', path: (ids) => `/api/v1/users/shared-${ids.chat}`, level: 'verified' },
  { method: 'GET', path: (ids) => `/api/v1/users/${ids.user}/oauth/sessions`, level: 'admin' },
  { method: 'GET', path: (ids) => `/api/v1/users/${ids.user}/profile/image`, level: 'verified' },
  { method: 'GET', path: (ids) => `/api/v1/users/${ids.user}/active`, level: 'verified' },
  { method: 'POST', path: (ids) => `/api/v1/users/${ids.pending}/update`, level: 'admin', body: { role: 'admin', name: 'Hacked', email: 'hacked@example.com', profile_image_url: '/user.png' } },
  { method: 'DELETE', path: (ids) => `/api/v1/users/${ids.pending}`, level: 'admin' },
  { method: 'GET', path: (ids) => `/api/v1/users/${ids.user}/groups`, level: 'admin' },
];

describe('users router: access per role', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  let pending: Account;
  let ids: Ids;

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
    pending = await addUser(server, admin, 'Pat Pending', 'pending@example.com', 'pending');
    ids = { user: user.id, pending: pending.id, chat: await insertChat(server, user.id) };
  });
  after(async () => server?.close());

  test('all 20 routes are covered, on both mounts', async () => {
    assert.equal(new Set(ROUTES.map((r) => `${r.method} ${r.path({ user: '{id}', pending: '{id}', chat: '{chat}' }).replace('shared-{chat}', '{id}').split('?')[0]}`)).size, 20);
    for (const mount of ['/api/v1/users', '/api/users']) {
      const res = await server.request('GET', `${mount}/${user.id}/active`, { token: user.token });
      assert.equal(res.status, 200, `${mount}: ${res.text}`);
    }
  });

  test('no credentials → 401 Not authenticated', async () => {
    for (const route of ROUTES) {
      const res = await server.request(route.method, route.path(ids), route.body === undefined ? {} : { body: route.body });
      assertDetail(res, 401, 'Not authenticated', `${route.method} ${route.path(ids)}`);
    }
  });

  test('a pending account → 401 ACCESS_PROHIBITED everywhere', async () => {
    for (const route of ROUTES) {
      const res = await server.request(route.method, route.path(ids), { token: pending.token, ...(route.body === undefined ? {} : { body: route.body }) });
      assertDetail(res, 401, ERROR_MESSAGES.ACCESS_PROHIBITED, `${route.method} ${route.path(ids)}`);
    }
  });

  test('an ordinary user → 401 ACCESS_PROHIBITED on the admin routes, 200 on the others', async () => {
    for (const route of ROUTES) {
      const res = await server.request(route.method, route.path(ids), { token: user.token, ...(route.body === undefined ? {} : { body: route.body }) });
      if (route.level === 'admin') assertDetail(res, 401, ERROR_MESSAGES.ACCESS_PROHIBITED, `${route.method} ${route.path(ids)}`);
      else assert.equal(res.status, 200, `${route.method} ${route.path(ids)}: ${res.text}`);
    }
  });

  test('the refused calls changed nothing', async () => {
    const target = await getUser(server, admin, pending.id);
    assert.equal(target['role'], 'pending');
    assert.equal(target['name'], 'Pat Pending');
    assert.equal(target['email'], 'pending@example.com');
    assert.equal(target['settings'], null);
    assert.equal(target['info'], null);
    assert.equal(target['status_message'], null);
    const defaults = await server.request('GET', '/api/v1/users/default/permissions', { token: admin.token });
    assert.equal(defaults.body.workspace.models, false);
  });
});
