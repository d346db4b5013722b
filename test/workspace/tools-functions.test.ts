// The read-only lists the web UI loads when a chat opens: /api/v1/tools/ (what the user may read)
// and /api/v1/functions/ (without code).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';

describe('/api/v1/tools/ and /api/v1/functions/', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
    const tool = (id: string, owner: string, accessControl: unknown) => ({
      id, user_id: owner, name: id, content: 'class Tools: pass', specs: '[]', meta: JSON.stringify({ description: `${id} tool`, manifest: {} }), valves: null, access_control: accessControl === null ? null : JSON.stringify(accessControl), created_at: 1, updated_at: 1,
    });
    await server.services.database.db.insertInto('tool').values([tool('public', admin.id, null), tool('private', admin.id, {}), tool('mine', user.id, {})] as never).execute();
    await server.services.database.db
      .insertInto('function')
      .values({ id: 'f1', user_id: admin.id, name: 'Filter', type: 'filter', content: 'secret code', meta: JSON.stringify({ description: 'd' }), valves: null, is_active: true, is_global: false, created_at: 1, updated_at: 2 } as never)
      .execute();
  });
  after(() => server.close());

  it('tools: a user sees public tools and their own; an admin all; no content', async () => {
    const mine = await server.request('GET', '/api/v1/tools/', { token: user.token });
    assert.equal(mine.status, 200, mine.text);
    assert.deepEqual(mine.body.map((t: { id: string }) => t.id).sort(), ['mine', 'public']);
    assert.deepEqual(Object.keys(mine.body[0]).sort(), ['access_control', 'created_at', 'id', 'meta', 'name', 'updated_at', 'user_id']);
    assert.deepEqual(mine.body.find((t: { id: string }) => t.id === 'public').meta, { description: 'public tool', manifest: {} });
    const all = await server.request('GET', '/api/tools/', { token: admin.token });
    assert.deepEqual(all.body.map((t: { id: string }) => t.id).sort(), ['mine', 'private', 'public']);
    assert.equal((await server.request('GET', '/api/v1/tools/')).status, 401);
  });

  it('functions: listed without their code; 401 without credentials', async () => {
    const res = await server.request('GET', '/api/v1/functions/', { token: user.token });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, [{ id: 'f1', user_id: admin.id, type: 'filter', name: 'Filter', meta: { description: 'd' }, is_active: true, is_global: false, updated_at: 2, created_at: 1 }]);
    assert.equal((await server.request('GET', '/api/v1/functions/')).status, 401);
  });
});
