// Chat tags: normalisation, 'none' refused, tag rows created on first use and removed when orphaned.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { DEFAULT, NOT_FOUND, clientChat, createChat, tagIds, type Chat } from './support.ts';

describe('chats: tags', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  let other: Account;

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
    other = await addUser(server, admin, 'Otto Other', 'other@example.com', 'user');
  });
  after(async () => {
    await server.close();
  });

  const fresh = async (email: string): Promise<Account> => addUser(server, admin, 'Fresh', email, 'user');
  const addTag = (token: string, id: string, name: string) => server.request('POST', `/api/v1/chats/${id}/tags`, { token, body: { name } });
  const removeTag = (token: string, id: string, name: string) => server.request('DELETE', `/api/v1/chats/${id}/tags`, { token, body: { name } });

  it('POST /{id}/tags normalises the id, keeps the typed name and stores the id in meta.tags', async () => {
    const u = await fresh('tag1@example.com');
    const chat = await createChat(server, u.token);
    const res = await addTag(u.token, chat.id, 'My Project');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, [{ id: 'my_project', name: 'My Project', user_id: u.id, meta: null }]);
    // The same tag again (other spelling) is not duplicated.
    assert.equal((await addTag(u.token, chat.id, 'my project')).body.length, 1);
    const second = await addTag(u.token, chat.id, 'Work');
    assert.deepEqual(second.body.map((t: { id: string }) => t.id).sort(), ['my_project', 'work']);
    const read = await server.request<Chat>('GET', `/api/v1/chats/${chat.id}`, { token: u.token });
    assert.deepEqual([...read.body.meta['tags']].sort(), ['my_project', 'work']);
    const listed = await server.request('GET', `/api/v1/chats/${chat.id}/tags`, { token: u.token });
    assert.deepEqual(listed.body.map((t: { id: string }) => t.id).sort(), ['my_project', 'work']);
    assert.deepEqual(await tagIds(server, u.token), ['my_project', 'work']);
  });

  it("refuses 'none' (any case) with 400 and empty names with 422, writing nothing", async () => {
    const u = await fresh('tag2@example.com');
    const chat = await createChat(server, u.token);
    for (const name of ['none', 'None', 'NONE']) {
      const res = await addTag(u.token, chat.id, name);
      assert.equal(res.status, 400);
      assert.equal(res.body.detail, "[ERROR: Tag name cannot be 'None']");
    }
    for (const body of [{ name: '' }, {}, { name: 5 }, { name: 'x'.repeat(256) }]) {
      assert.equal((await server.request('POST', `/api/v1/chats/${chat.id}/tags`, { token: u.token, body })).status, 422, JSON.stringify(body));
    }
    assert.deepEqual(await tagIds(server, u.token), []);
    assert.deepEqual((await server.request<Chat>('GET', `/api/v1/chats/${chat.id}`, { token: u.token })).body.meta, {});
  });

  it("tag routes refuse other users' and unknown chats and change nothing", async () => {
    const chat = await createChat(server, user.token);
    await addTag(user.token, chat.id, 'keep');
    const cases = [
      ['GET', `/api/v1/chats/${chat.id}/tags`, undefined, NOT_FOUND],
      ['POST', `/api/v1/chats/${chat.id}/tags`, { name: 'evil' }, DEFAULT],
      ['DELETE', `/api/v1/chats/${chat.id}/tags`, { name: 'keep' }, NOT_FOUND],
      ['DELETE', `/api/v1/chats/${chat.id}/tags/all`, undefined, NOT_FOUND],
    ] as const;
    for (const [method, path, body, detail] of cases) {
      for (const token of [other.token, admin.token]) {
        const res = await server.request(method, path, { token, body });
        assert.equal(res.status, 401, `${method} ${path}`);
        assert.equal(res.body.detail, detail);
      }
      assert.equal((await server.request(method, path.replace(chat.id, 'nope'), { token: user.token, body })).status, 401);
      assert.equal((await server.request(method, path, { body })).status, 401);
    }
    assert.deepEqual((await server.request<Chat>('GET', `/api/v1/chats/${chat.id}`, { token: user.token })).body.meta['tags'], ['keep']);
    assert.deepEqual(await tagIds(server, user.token), ['keep']);
    assert.deepEqual(await tagIds(server, other.token), []);
    assert.equal((await server.request('GET', '/api/v1/chats/all/tags')).status, 401);
  });

  it('DELETE /{id}/tags removes the tag row only when the last chat drops it', async () => {
    const u = await fresh('tag3@example.com');
    const a = await createChat(server, u.token);
    const b = await createChat(server, u.token);
    await addTag(u.token, a.id, 'Shared Tag');
    await addTag(u.token, b.id, 'Shared Tag');
    const res = await removeTag(u.token, a.id, 'Shared Tag');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, []);
    assert.deepEqual(await tagIds(server, u.token), ['shared_tag']);
    await removeTag(u.token, b.id, 'shared tag');
    assert.deepEqual(await tagIds(server, u.token), []);
    assert.equal((await server.request('DELETE', `/api/v1/chats/${a.id}/tags`, { token: u.token, body: {} })).status, 422);
  });

  it('DELETE /{id}/tags/all clears meta.tags and orphaned rows', async () => {
    const u = await fresh('tag4@example.com');
    const a = await createChat(server, u.token);
    const b = await createChat(server, u.token);
    await addTag(u.token, a.id, 'only-a');
    await addTag(u.token, a.id, 'both');
    await addTag(u.token, b.id, 'both');
    const res = await server.request('DELETE', `/api/v1/chats/${a.id}/tags/all`, { token: u.token });
    assert.equal(res.status, 200);
    assert.equal(res.body, true);
    assert.deepEqual((await server.request<Chat>('GET', `/api/v1/chats/${a.id}`, { token: u.token })).body.meta['tags'], []);
    assert.deepEqual(await tagIds(server, u.token), ['both']);
  });

  it('deleting a chat removes the tags only it used', async () => {
    const u = await fresh('tag5@example.com');
    const a = await createChat(server, u.token);
    const b = await createChat(server, u.token);
    await addTag(u.token, a.id, 'solo');
    await addTag(u.token, a.id, 'common');
    await addTag(u.token, b.id, 'common');
    await server.request('DELETE', `/api/v1/chats/${a.id}`, { token: u.token });
    assert.deepEqual(await tagIds(server, u.token), ['common']);
    await server.request('DELETE', '/api/v1/chats/', { token: u.token });
    assert.deepEqual(await tagIds(server, u.token), []);
  });

  it('archiving drops tags no live chat uses; unarchiving brings them back', async () => {
    const u = await fresh('tag6@example.com');
    const chat = await createChat(server, u.token);
    await addTag(u.token, chat.id, 'Topic');
    await server.request('POST', `/api/v1/chats/${chat.id}/archive`, { token: u.token });
    assert.deepEqual(await tagIds(server, u.token), []);
    await server.request('POST', `/api/v1/chats/${chat.id}/archive`, { token: u.token });
    assert.deepEqual(await tagIds(server, u.token), ['topic']);
  });

  it('POST /tags lists chats carrying a tag and deletes the tag when none does', async () => {
    const u = await fresh('tag7@example.com');
    const a = await createChat(server, u.token, clientChat('Tagged'));
    await createChat(server, u.token, clientChat('Plain'));
    await addTag(u.token, a.id, 'Red Things');
    const res = await server.request('POST', '/api/v1/chats/tags', { token: u.token, body: { name: 'Red Things' } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, [{ id: a.id, title: 'Tagged', updated_at: res.body[0].updated_at, created_at: a.created_at }]);
    // A stale tag row (no chat carries it any more) is cleaned up by asking for it.
    await server.services.database.db.insertInto('tag').values({ id: 'stale', name: 'stale', user_id: u.id, meta: null }).execute();
    assert.deepEqual((await server.request('POST', '/api/v1/chats/tags', { token: u.token, body: { name: 'stale' } })).body, []);
    assert.deepEqual(await tagIds(server, u.token), ['red_things']);
    assert.equal((await server.request('POST', '/api/v1/chats/tags', { token: u.token, body: {} })).status, 422);
    assert.equal((await server.request('POST', '/api/v1/chats/tags', { body: { name: 'x' } })).status, 401);
  });
});
