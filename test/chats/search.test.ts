// GET /search: free text over titles and message contents, tag:/folder:/pinned:/archived:/shared: filters.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { TITLE_ID_KEYS, clientChat, createChat, setUpdatedAt, tagIds, type Chat } from './support.ts';

describe('chats: search', () => {
  let server: TestServer;
  let user: Account;
  let other: Account;
  const chats: Record<string, Chat> = {};

  const search = async (text: string, token = user.token): Promise<string[]> => {
    const res = await server.request<{ id: string; title: string }[]>('GET', `/api/v1/chats/search?text=${encodeURIComponent(text)}`, { token });
    assert.equal(res.status, 200, res.text);
    return res.body.map((c) => c.title).sort();
  };

  before(async () => {
    server = await startServer();
    let admin: Account;
    ({ admin, user } = await adminAndUser(server));
    other = await addUser(server, admin, 'Otto Other', 'other@example.com', 'user');
    const folder = await server.request('POST', '/api/v1/folders/', { token: user.token, body: { name: 'Work Stuff' } });
    const sub = await server.request('POST', '/api/v1/folders/', { token: user.token, body: { name: 'Deep' } });
    await server.request('POST', `/api/v1/folders/${sub.body.id}/update/parent`, { token: user.token, body: { parent_id: folder.body.id } });
    chats['recipe'] = await createChat(server, user.token, clientChat('Pasta Recipe', 'how long to boil spaghetti'));
    chats['budget'] = await createChat(server, user.token, clientChat('Budget', 'quarterly numbers with 100% growth'), folder.body.id);
    chats['deep'] = await createChat(server, user.token, clientChat('Deep note', 'nested folder chat'), sub.body.id);
    chats['old'] = await createChat(server, user.token, clientChat('Old spaghetti', 'archived one'));
    chats['pinned'] = await createChat(server, user.token, clientChat('Pinned', 'café au lait'));
    await server.request('POST', `/api/v1/chats/${chats['old'].id}/archive`, { token: user.token });
    await server.request('POST', `/api/v1/chats/${chats['pinned'].id}/pin`, { token: user.token });
    await server.request('POST', `/api/v1/chats/${chats['recipe'].id}/tags`, { token: user.token, body: { name: 'Food' } });
    await server.request('POST', `/api/v1/chats/${chats['recipe'].id}/tags`, { token: user.token, body: { name: 'Italian' } });
    await server.request('POST', `/api/v1/chats/${chats['budget'].id}/tags`, { token: user.token, body: { name: 'food' } });
    await createChat(server, other.token, clientChat('Spaghetti of another user', 'spaghetti'));
  });
  after(async () => {
    await server.close();
  });

  it('matches titles and message contents case-insensitively, never archived by default', async () => {
    assert.deepEqual(await search('SPAGHETTI'), ['Pasta Recipe']);
    assert.deepEqual(await search('recipe'), ['Pasta Recipe']);
    assert.deepEqual(await search('100%'), ['Budget']);
    assert.deepEqual(await search('café'), ['Pinned']);
    assert.deepEqual(await search('models'), []);
    const res = await server.request('GET', '/api/v1/chats/search?text=budget', { token: user.token });
    assert.deepEqual(Object.keys(res.body[0]).sort(), TITLE_ID_KEYS);
  });

  it('finds non-ASCII text in bodies stored by Python (ensure_ascii escapes)', async () => {
    const body = '{"title": "Escaped", "messages": [{"role": "user", "content": "cr\\u00e8me br\\u00fbl\\u00e9e"}]}';
    await server.services.database.db
      .insertInto('chat')
      .values({ id: 'py-escaped', user_id: other.id, title: 'Escaped', chat: body, created_at: 1, updated_at: 1, archived: false, pinned: false, meta: '{}', share_id: null, folder_id: null })
      .execute();
    assert.deepEqual(await search('crème brûlée', other.token), ['Escaped']);
    assert.deepEqual(await search('crème', user.token), []);
  });

  it('empty text lists all non-archived chats, newest first', async () => {
    await setUpdatedAt(server, chats['budget']!.id, 99_999_999_999);
    const res = await server.request<{ title: string }[]>('GET', '/api/v1/chats/search?text=', { token: user.token });
    assert.equal(res.body[0]?.title, 'Budget');
    assert.deepEqual(res.body.map((c) => c.title).sort(), ['Budget', 'Deep note', 'Pasta Recipe', 'Pinned']);
  });

  it('tag: filters need every tag; tag:none means untagged', async () => {
    assert.deepEqual(await search('tag:food'), ['Budget', 'Pasta Recipe']);
    assert.deepEqual(await search('tag:food tag:italian'), ['Pasta Recipe']);
    assert.deepEqual(await search('tag:food numbers'), ['Budget']);
    assert.deepEqual(await search('tag:none'), ['Deep note', 'Pinned']);
  });

  it('folder: matches names with _ as space, sub-folders included', async () => {
    assert.deepEqual(await search('folder:work_stuff'), ['Budget', 'Deep note']);
    assert.deepEqual(await search('folder:deep'), ['Deep note']);
    assert.deepEqual(await search('folder:missing'), []);
  });

  it('pinned:, archived: and shared: flags', async () => {
    assert.deepEqual(await search('pinned:true'), ['Pinned']);
    assert.deepEqual(await search('archived:true'), ['Old spaghetti']);
    assert.deepEqual(await search('archived:true spaghetti'), ['Old spaghetti']);
    assert.deepEqual(await search('shared:true'), []);
    assert.deepEqual(await search('shared:false pasta'), ['Pasta Recipe']);
  });

  it('a lone tag: search with no hits on page 1 deletes that tag row', async () => {
    await server.services.database.db.insertInto('tag').values({ id: 'ghost', name: 'ghost', user_id: user.id, meta: null }).execute();
    assert.deepEqual(await search('tag:ghost'), []);
    assert.ok(!(await tagIds(server, user.token)).includes('ghost'));
    assert.ok((await tagIds(server, user.token)).includes('food'));
  });

  it('pages by 60, and refuses bad queries and anonymous callers', async () => {
    assert.deepEqual((await server.request('GET', '/api/v1/chats/search?text=spaghetti&page=2', { token: user.token })).body, []);
    assert.equal((await server.request('GET', '/api/v1/chats/search', { token: user.token })).status, 422);
    assert.equal((await server.request('GET', '/api/v1/chats/search?text=a&page=0', { token: user.token })).status, 422);
    assert.equal((await server.request('GET', `/api/v1/chats/search?text=${'a'.repeat(1001)}`, { token: user.token })).status, 422);
    assert.equal((await server.request('GET', '/api/v1/chats/search?text=a')).status, 401);
  });
});
