// Who may call each of the 37 chats routes: no credentials → 401 "Not authenticated", a pending user
// → 401 ACCESS_PROHIBITED, an ordinary user on the admin routes → 401 ACCESS_PROHIBITED.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { ACCESS_PROHIBITED, NOT_AUTHENTICATED, createChat } from './support.ts';

interface Route {
  method: string;
  path: (id: string) => string;
  admin?: boolean;
  body?: unknown;
}

const ROUTES: Route[] = [
  { method: 'GET', path: () => '/' },
  { method: 'GET', path: () => '/list' },
  { method: 'GET', path: () => '/stats/usage' },
  { method: 'DELETE', path: () => '/' },
  { method: 'GET', path: () => '/list/user/someone', admin: true },
  { method: 'POST', path: () => '/new', body: { chat: {} } },
  { method: 'POST', path: () => '/import', body: { chats: [] } },
  { method: 'GET', path: () => '/search?text=x' },
  { method: 'GET', path: () => '/folder/f' },
  { method: 'GET', path: () => '/folder/f/list' },
  { method: 'GET', path: () => '/pinned' },
  { method: 'GET', path: () => '/all' },
  { method: 'GET', path: () => '/all/archived' },
  { method: 'GET', path: () => '/all/tags' },
  { method: 'GET', path: () => '/all/db', admin: true },
  { method: 'GET', path: () => '/archived' },
  { method: 'POST', path: () => '/archive/all' },
  { method: 'POST', path: () => '/unarchive/all' },
  { method: 'GET', path: (id) => `/share/${id}` },
  { method: 'POST', path: () => '/tags', body: { name: 'x' } },
  { method: 'GET', path: (id) => `/${id}` },
  { method: 'POST', path: (id) => `/${id}`, body: { chat: {} } },
  { method: 'POST', path: (id) => `/${id}/messages/m1`, body: { content: 'x' } },
  { method: 'POST', path: (id) => `/${id}/messages/m1/event`, body: { type: 't', data: {} } },
  { method: 'DELETE', path: (id) => `/${id}` },
  { method: 'GET', path: (id) => `/${id}/pinned` },
  { method: 'POST', path: (id) => `/${id}/pin` },
  { method: 'POST', path: (id) => `/${id}/clone`, body: {} },
  { method: 'POST', path: (id) => `/${id}/clone/shared` },
  { method: 'POST', path: (id) => `/${id}/archive` },
  { method: 'POST', path: (id) => `/${id}/share` },
  { method: 'DELETE', path: (id) => `/${id}/share` },
  { method: 'POST', path: (id) => `/${id}/folder`, body: { folder_id: null } },
  { method: 'GET', path: (id) => `/${id}/tags` },
  { method: 'POST', path: (id) => `/${id}/tags`, body: { name: 'x' } },
  { method: 'DELETE', path: (id) => `/${id}/tags`, body: { name: 'x' } },
  { method: 'DELETE', path: (id) => `/${id}/tags/all` },
];

describe('chats: access to every route', () => {
  let server: TestServer;
  let user: Account;
  let pending: Account;
  let chatId: string;

  before(async () => {
    server = await startServer();
    let admin: Account;
    ({ admin, user } = await adminAndUser(server));
    pending = await addUser(server, admin, 'Pete Pending', 'pending@example.com', 'pending');
    chatId = (await createChat(server, user.token)).id;
  });
  after(async () => {
    await server.close();
  });

  it('lists 37 routes', () => assert.equal(ROUTES.length, 37));

  it('answers 401 without credentials and for pending users, and changes nothing', async () => {
    for (const route of ROUTES) {
      const path = `/api/v1/chats${route.path(chatId)}`;
      const anonymous = await server.request(route.method, path, { body: route.body });
      assert.equal(anonymous.status, 401, `${route.method} ${path}`);
      assert.equal(anonymous.body.detail, NOT_AUTHENTICATED, `${route.method} ${path}`);
      const byPending = await server.request(route.method, path, { token: pending.token, body: route.body });
      assert.equal(byPending.status, 401, `pending ${route.method} ${path}`);
      assert.equal(byPending.body.detail, ACCESS_PROHIBITED, `pending ${route.method} ${path}`);
    }
    assert.equal((await server.request('GET', `/api/v1/chats/${chatId}`, { token: user.token })).status, 200);
  });

  it('answers 401 ACCESS_PROHIBITED to users on the admin routes', async () => {
    for (const route of ROUTES.filter((r) => r.admin)) {
      const res = await server.request(route.method, `/api/v1/chats${route.path(chatId)}`, { token: user.token });
      assert.equal(res.status, 401);
      assert.equal(res.body.detail, ACCESS_PROHIBITED);
    }
  });
});
