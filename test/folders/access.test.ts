// Who may call the 7 folders routes (verified users and admins), and bad input: 401 without
// credentials, 401 ACCESS_PROHIBITED for a pending account, 422 for malformed bodies and queries.
// Every refused call leaves the folders as they were.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { ERROR_MESSAGES, assert422, assertDetail, createFolder, folderRows, insertFolderRow } from './support.ts';

interface Route {
  method: string;
  path: (id: string) => string;
  body?: unknown;
}

const ROUTES: Route[] = [
  { method: 'GET', path: () => '/api/v1/folders/' },
  { method: 'POST', path: () => '/api/v1/folders/', body: { name: 'New' } },
  { method: 'GET', path: (id) => `/api/v1/folders/${id}` },
  { method: 'POST', path: (id) => `/api/v1/folders/${id}/update`, body: { name: 'Renamed', data: { x: 1 } } },
  { method: 'POST', path: (id) => `/api/v1/folders/${id}/update/parent`, body: { parent_id: null } },
  { method: 'POST', path: (id) => `/api/v1/folders/${id}/update/expanded`, body: { is_expanded: true } },
  { method: 'DELETE', path: (id) => `/api/v1/folders/${id}` },
];

describe('folders: access and bad input', () => {
  let server: TestServer;
  let user: Account;
  let pending: Account;
  let pendingFolder: string;

  before(async () => {
    server = await startServer();
    let admin: Account;
    ({ admin, user } = await adminAndUser(server));
    pending = await addUser(server, admin, 'Pat Pending', 'pending@example.com', 'pending');
    // A folder the pending account owns (e.g. from before it was demoted): role, not ownership, refuses.
    const parent = await insertFolderRow(server, pending.id, 'Parent', null);
    pendingFolder = await insertFolderRow(server, pending.id, 'Kept', parent);
  });
  after(async () => {
    await server.close();
  });

  it('covers the 7 routes', () => {
    assert.equal(new Set(ROUTES.map((r) => `${r.method} ${r.path('{id}')}`)).size, 7);
  });

  it('no credentials → 401 Not authenticated, on both mounts', async () => {
    for (const route of ROUTES) {
      for (const path of [route.path(pendingFolder), route.path(pendingFolder).replace('/api/v1/', '/api/')]) {
        const res = await server.request(route.method, path, route.body === undefined ? {} : { body: route.body });
        assertDetail(res, 401, 'Not authenticated', `${route.method} ${path}`);
      }
    }
  });

  it('a pending account → 401 ACCESS_PROHIBITED, and its folders stay as they were', async () => {
    const before = await folderRows(server, pending.id);
    for (const route of ROUTES) {
      const res = await server.request(route.method, route.path(pendingFolder), { token: pending.token, ...(route.body === undefined ? {} : { body: route.body }) });
      assertDetail(res, 401, ERROR_MESSAGES.ACCESS_PROHIBITED, `${route.method} ${route.path(pendingFolder)}`);
    }
    assert.deepEqual(await folderRows(server, pending.id), before);
  });

  it('malformed create bodies → 422, nothing written', async () => {
    const post = (body: unknown) => server.request('POST', '/api/v1/folders/', { token: user.token, body });
    assert422(await post({}), 'missing', ['body', 'name']);
    assert422(await post({ name: 42 }), 'string_type', ['body', 'name']);
    assert422(await post({ name: '   ' }), 'value_error', ['body', 'name']);
    assert422(await post({ name: 'x'.repeat(256) }), 'string_too_long', ['body', 'name']);
    assert422(await post({ name: 'Ok', data: [1, 2] }), 'dict_type', ['body', 'data']);
    assert422(await post({ name: 'Ok', meta: 'icon' }), 'dict_type', ['body', 'meta']);
    assert422(await post({ name: 'Ok', parent_id: 7 }), 'string_type', ['body', 'parent_id']);
    assert422(await post(['Ok']), 'model_attributes_type', ['body']);
    const malformed = await server.request('POST', '/api/v1/folders/', { token: user.token, raw: '{"name": ' });
    assert.equal(malformed.status, 422, malformed.text);
    assert.deepEqual(await folderRows(server, user.id), []);
  });

  it('malformed update, move, expand and delete requests → 422, nothing changed', async () => {
    const folder = await createFolder(server, user, { name: 'Stable', data: { a: 1 } });
    const before = await folderRows(server, user.id);
    const post = (suffix: string, body: unknown) => server.request('POST', `/api/v1/folders/${folder.id}${suffix}`, { token: user.token, body });
    assert422(await post('/update', { name: 'Fine', data: 'not a dict' }), 'dict_type', ['body', 'data']);
    assert422(await post('/update', { name: '' }), 'value_error', ['body', 'name']);
    assert422(await post('/update', { meta: [] }), 'dict_type', ['body', 'meta']);
    assert422(await post('/update/parent', { parent_id: { id: 'x' } }), 'string_type', ['body', 'parent_id']);
    assert422(await post('/update/expanded', {}), 'missing', ['body', 'is_expanded']);
    assert422(await post('/update/expanded', { is_expanded: 'maybe' }), 'bool_type', ['body', 'is_expanded']);
    assert422(await server.request('DELETE', `/api/v1/folders/${folder.id}?delete_contents=perhaps`, { token: user.token }), 'bool_parsing', ['query', 'delete_contents']);
    assert422(await server.request('GET', `/api/v1/folders/${'x'.repeat(300)}`, { token: user.token }), 'string_too_long', ['path', 'id']);
    assert.deepEqual(await folderRows(server, user.id), before);
  });
});
