// /api/chat/completed (the web UI's call after each reply) and /api/chat/actions/{id}: Open WebUI's
// payload back for a known model; refusals as 400 with the reason.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { MODEL_NOT_FOUND, mockEnv } from '../openai/support.ts';

const messages = [
  { id: 'u1', role: 'user', content: 'hello', timestamp: 1 },
  { id: 'a1', role: 'assistant', content: 'tok0 tok1 ', timestamp: 2, usage: { total_tokens: 3 } },
];
const completed = { model: 'gpt-4o', messages, chat_id: 'c1', id: 'a1', session_id: 's1', filter_ids: [] };

describe('/api/chat/completed and /api/chat/actions/{id}', () => {
  let mock: MockUpstream;
  let server: TestServer;
  let admin: Account;
  let user: Account;

  before(async () => {
    mock = await startMockUpstream();
    server = await startServer(mockEnv(mock));
    ({ admin, user } = await adminAndUser(server));
  });
  after(async () => {
    await server.close();
    await mock.close();
  });

  it('completed: the payload back (the UI reads its messages), model_item dropped', async () => {
    const res = await server.request('POST', '/api/chat/completed', { token: user.token, body: { ...completed, model_item: { id: 'gpt-4o' } } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, completed);
    const direct = await server.request('POST', '/api/chat/completed', { token: user.token, body: { ...completed, model: 'my-browser-model', model_item: { id: 'my-browser-model', direct: true } } });
    assert.equal(direct.status, 200, direct.text);
  });

  it('completed: the reply as stored wins over the client\'s copy, only in the caller\'s own stored chat', async () => {
    const stored = { id: 'a1', parentId: 'u1', childrenIds: [], role: 'assistant', content: 'the whole answer', usage: { total_tokens: 9 }, done: true };
    const history = { currentId: 'a1', messages: { u1: { id: 'u1', parentId: null, childrenIds: ['a1'], role: 'user', content: 'hello' }, a1: stored } };
    const created = await server.request('POST', '/api/v1/chats/new', { token: user.token, body: { chat: { title: 'T', history } } });
    assert.equal(created.status, 200, created.text);
    const res = await server.request('POST', '/api/chat/completed', { token: user.token, body: { ...completed, chat_id: created.body.id } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.messages, [messages[0], { ...messages[1], content: 'the whole answer', usage: { total_tokens: 9 } }]);
    for (const [account, chatId] of [[admin, created.body.id], [user, 'local:abc']] as const) {
      const untouched = await server.request('POST', '/api/chat/completed', { token: account.token, body: { ...completed, chat_id: chatId } });
      assert.equal(untouched.status, 200, untouched.text);
      assert.deepEqual(untouched.body.messages, messages, `${account.email} ${chatId}`);
    }
  });

  it('completed: 401 without credentials, 400 for an unknown model, 422 without messages', async () => {
    assert.equal((await server.request('POST', '/api/chat/completed', { body: completed })).status, 401);
    const unknown = await server.request('POST', '/api/chat/completed', { token: user.token, body: { ...completed, model: 'nope' } });
    assert.deepEqual([unknown.status, unknown.body], [400, { detail: MODEL_NOT_FOUND }]);
    assert.equal((await server.request('POST', '/api/chat/completed', { token: user.token, body: { model: 'gpt-4o' } })).status, 422);
  });

  it('actions: unknown action 400 "Action not found: <id>"; a stored (Python) action cannot run', async () => {
    const unknown = await server.request('POST', '/api/chat/actions/summarise.short', { token: user.token, body: completed });
    assert.deepEqual([unknown.status, unknown.body], [400, { detail: 'Action not found: summarise' }]);
    await server.services.database.db
      .insertInto('function')
      .values({ id: 'summarise', user_id: user.id, name: 'Summarise', type: 'action', content: 'class Action: pass', meta: '{}', valves: null, is_active: true, is_global: false, created_at: 1, updated_at: 1 } as never)
      .execute();
    const stored = await server.request('POST', '/api/chat/actions/summarise', { token: user.token, body: completed });
    assert.equal(stored.status, 400);
    assert.match(stored.body.detail, /Python function/);
    assert.equal((await server.request('POST', '/api/chat/actions/summarise', { body: completed })).status, 401);
  });
});
