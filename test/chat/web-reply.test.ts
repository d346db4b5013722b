// The web UI's way of chatting: /api/chat/completions with session_id, chat_id and id answers
// {status, task_id} at once; the reply arrives over Socket.IO and is written into the stored chat.
// Stop, a tab that goes away and comes back, an upstream that dies, a foreign chat, a temporary
// chat; with Redis, the socket on one instance and the request and stop on the other.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Socket } from 'socket.io-client';
import type { ChatEvent } from '../../src/realtime/hub.ts';
import { closeReplica, startReplica } from '../auths/support.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { mockEnv, tokens, waitFor } from '../openai/support.ts';
import { connect, join } from '../realtime/support.ts';

async function joinedSocket(server: TestServer, token: string): Promise<Socket> {
  const socket = await connect(server);
  await join(socket, token);
  return socket;
}

/** The chat events of one reply, as a socket receives them. */
function replyEvents(socket: Socket, messageId: string) {
  const events: ChatEvent['data'][] = [];
  socket.on('events', (event: ChatEvent) => {
    if (event.message_id === messageId) events.push(event.data);
  });
  const has = (type: string, test: (data: Record<string, unknown>) => boolean = () => true) =>
    events.some((e) => e.type === type && test((e.data ?? {}) as Record<string, unknown>));
  return { events, has, done: () => has('chat:completion', (d) => d['done'] === true) };
}

/** A chat as the web UI creates it: the user message, and the empty assistant placeholder. */
async function newChat(server: TestServer, account: Account, model: string): Promise<{ chatId: string; userMessageId: string; replyId: string }> {
  const userMessageId = `u-${Math.random().toString(36).slice(2)}`;
  const replyId = `a-${Math.random().toString(36).slice(2)}`;
  const messages = {
    [userMessageId]: { id: userMessageId, parentId: null, childrenIds: [replyId], role: 'user', content: 'hello', models: [model] },
    [replyId]: { id: replyId, parentId: userMessageId, childrenIds: [], role: 'assistant', content: '', model },
  };
  const res = await server.request('POST', '/api/v1/chats/new', {
    token: account.token,
    body: { chat: { title: 'A chat', models: [model], history: { messages, currentId: replyId }, messages: Object.values(messages) } },
  });
  assert.equal(res.status, 200, res.text);
  return { chatId: res.body.id, userMessageId, replyId };
}

function completionBody(model: string, chat: { chatId: string; userMessageId: string; replyId: string }, sessionId: string) {
  return { model, stream: true, messages: [{ role: 'user', content: 'hello' }], chat_id: chat.chatId, id: chat.replyId, parent_id: chat.userMessageId, session_id: sessionId, background_tasks: { title_generation: true } };
}

/** Polls `read` until it gives `{task_ids: []}`-like emptiness or 2 s pass; returns the last value. */
async function eventually<T>(read: () => Promise<T>): Promise<T> {
  const until = Date.now() + 2000;
  let value = await read();
  while (JSON.stringify(value).includes('-') && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
}

/** A new chat of `account` on `model`, its reply asked for over HTTP (on `via`, default the chat's server) and watched on `socket`. */
async function askReply(server: TestServer, account: Account, socket: Socket, model: string, via: TestServer = server) {
  const chat = await newChat(server, account, model);
  const reply = replyEvents(socket, chat.replyId);
  const res = await via.request('POST', '/api/chat/completions', { token: account.token, body: completionBody(model, chat, socket.id as string) });
  return { chat, reply, res };
}

async function storedReply(server: TestServer, account: Account, chatId: string, replyId: string): Promise<Record<string, unknown>> {
  const res = await server.request('GET', `/api/v1/chats/${chatId}`, { token: account.token });
  assert.equal(res.status, 200, res.text);
  return res.body.chat.history.messages[replyId];
}

describe('/api/chat/completions for the web UI', () => {
  let mock: MockUpstream;
  let server: TestServer;
  let admin: Account;
  let user: Account;
  const sockets: Socket[] = [];
  const socketFor = async (account: Account) => {
    const socket = await joinedSocket(server, account.token);
    sockets.push(socket);
    return socket;
  };

  before(async () => {
    mock = await startMockUpstream();
    server = await startServer(mockEnv(mock, true, { BYPASS_MODEL_ACCESS_CONTROL: 'true' }));
    ({ admin, user } = await adminAndUser(server));
  });
  afterEach(() => mock.reset());
  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await server.close();
    await mock.close();
  });

  for (const model of ['gpt-4o', 'llama3.2:3b']) {
    it(`${model}: {status, task_id} at once; content, then done with the title; the reply is stored`, async () => {
      const socket = await socketFor(user);
      const { chat, reply, res } = await askReply(server, user, socket, model);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.status, true);
      assert.match(res.body.task_id, /^[0-9a-f-]{36}$/);
      await waitFor(reply.done);
      const final = reply.events.find((e) => e.type === 'chat:completion' && (e.data as Record<string, unknown>)['done'] === true);
      const { usage, ...done } = final?.data as Record<string, unknown>;
      assert.deepEqual(done, { done: true, content: tokens(5), title: 'A chat' });
      // Ollama reports token counts (converted to OpenAI's usage); they ride with `done`.
      if (model === 'llama3.2:3b') assert.deepEqual(usage, { prompt_tokens: 1, completion_tokens: 5, total_tokens: 6 });
      assert.ok(reply.has('chat:completion', (d) => typeof d['content'] === 'string' && d['done'] === undefined), 'content before done');
      const stored = await storedReply(server, user, chat.chatId, chat.replyId);
      assert.equal(stored['content'], tokens(5));
      assert.equal(stored['done'], true);
      assert.equal(stored['model'], model);
      assert.equal(stored['parentId'], chat.userMessageId);
      const sent = mock.requests.at(-1)?.body as Record<string, unknown>;
      for (const field of ['chat_id', 'id', 'session_id', 'parent_id', 'background_tasks']) assert.equal(field in sent, false, field);
      assert.deepEqual(await eventually(async () => (await server.request('GET', `/api/tasks/chat/${chat.chatId}`, { token: user.token })).body), { task_ids: [] });
    });
  }

  it('background tasks after the reply: follow-ups, title and tags written into the chat and sent as events', async () => {
    mock.script.replies = [
      { when: '"follow_ups"', text: 'Sure! {"follow_ups": ["Why?", "How?"]}' },
      { when: '"title"', text: '```json\n{"title": "👋 A friendly hello"}\n```' },
      { when: '"tags"', text: '{"tags": ["Greetings", "Small Talk"]}' },
    ];
    const socket = await socketFor(user);
    const chat = await newChat(server, user, 'gpt-4o');
    const all: ChatEvent[] = [];
    socket.on('events', (event: ChatEvent) => all.push(event));
    const body = { ...completionBody('gpt-4o', chat, socket.id as string), background_tasks: { title_generation: true, tags_generation: true, follow_up_generation: true } };
    assert.equal((await server.request('POST', '/api/chat/completions', { token: user.token, body })).status, 200);
    await waitFor(() => all.some((e) => e.data.type === 'chat:tags'), 5000);
    const data = (type: string) => all.find((e) => e.data.type === type)?.data.data;
    assert.deepEqual(data('chat:message:follow_ups'), { follow_ups: ['Why?', 'How?'] });
    assert.equal(data('chat:title'), '👋 A friendly hello');
    assert.deepEqual(data('chat:tags'), ['Greetings', 'Small Talk']);
    const stored = await server.request('GET', `/api/v1/chats/${chat.chatId}`, { token: user.token });
    assert.equal(stored.body.title, '👋 A friendly hello');
    assert.deepEqual(stored.body.chat.history.messages[chat.replyId].followUps, ['Why?', 'How?']);
    assert.deepEqual(stored.body.meta.tags, ['greetings', 'small_talk']);
    // The task prompts carried the conversation, the reply included.
    const titlePrompt = mock.requests.find((r) => JSON.stringify(r.body).includes('\\"title\\"'));
    assert.match(JSON.stringify(titlePrompt?.body), /USER: hello/);
    assert.match(JSON.stringify(titlePrompt?.body), /ASSISTANT: tok0 tok1/);
  });

  it('while it runs the task is listed (to its owner); stop ends the upstream stream and keeps the text so far', async () => {
    mock.script.tokens = 200;
    mock.script.tokenDelayMs = 20;
    const socket = await socketFor(user);
    const { chat, reply, res } = await askReply(server, user, socket, 'gpt-4o');
    const taskId = res.body.task_id;
    await waitFor(() => reply.has('chat:completion', (d) => typeof d['content'] === 'string'));
    assert.deepEqual((await server.request('GET', `/api/tasks/chat/${chat.chatId}`, { token: user.token })).body, { task_ids: [taskId] });
    assert.deepEqual((await server.request('GET', `/api/tasks/chat/${chat.chatId}`, { token: admin.token })).body, { task_ids: [] }, 'not the admin\'s chat');
    assert.deepEqual((await server.request('GET', '/api/tasks', { token: user.token })).body, { tasks: [taskId] });
    const stopped = await server.request('POST', `/api/tasks/stop/${taskId}`, { token: admin.token });
    assert.deepEqual(stopped.body, { status: true, message: `Task ${taskId} successfully stopped.` }, 'an admin may stop any task');
    await waitFor(() => reply.has('chat:tasks:cancel'));
    await waitFor(() => mock.stats.abortedStreams >= 1);
    assert.equal(reply.done(), false);
    const stored = await storedReply(server, user, chat.chatId, chat.replyId);
    assert.equal(stored['done'], true);
    assert.match(String(stored['content']), /^tok0 /);
    assert.ok(String(stored['content']).length < tokens(200).length);
    assert.deepEqual((await server.request('POST', `/api/tasks/stop/${taskId}`, { token: user.token })).body, { status: false, message: `Task with ID ${taskId} not found.` });
  });

  it('a tab that goes away mid-reply does not stop it: a new tab receives the rest, and the whole reply is stored; the model counts as in use meanwhile', async () => {
    mock.script.tokens = 60;
    mock.script.tokenDelayMs = 20;
    const first = await socketFor(user);
    const { chat, reply: early } = await askReply(server, user, first, 'llama3.2:3b');
    await waitFor(() => early.has('chat:completion', (d) => typeof d['content'] === 'string'));
    first.disconnect();
    const usage = await server.request('GET', '/api/usage', { token: admin.token });
    assert.ok(usage.body.model_ids.includes('llama3.2:3b'), 'marked by the server, no tab sends `usage`');
    const second = await socketFor(user);
    const late = replyEvents(second, chat.replyId);
    await waitFor(late.done, 5000);
    assert.equal((late.events.at(-1)?.data as Record<string, unknown>)['content'], tokens(60));
    assert.equal((await storedReply(server, user, chat.chatId, chat.replyId))['content'], tokens(60));
    assert.equal(mock.stats.abortedStreams, 0);
  });

  it('an upstream that dies mid-reply: error event, then cancel; the partial text is kept with the error', async () => {
    mock.script.tokens = 20;
    mock.script.disconnectAfterTokens = 3;
    const socket = await socketFor(user);
    const { chat, reply } = await askReply(server, user, socket, 'llama3.2:3b');
    await waitFor(() => reply.has('chat:tasks:cancel'));
    const error = reply.events.find((e) => e.type === 'chat:message:error');
    assert.ok(error, JSON.stringify(reply.events));
    const stored = await storedReply(server, user, chat.chatId, chat.replyId);
    assert.equal(stored['content'], tokens(3));
    assert.deepEqual(stored['error'], (error.data as Record<string, unknown>)['error']);
  });

  it('refused before any upstream call: another user\'s chat, an unknown model; a temporary chat is answered but not stored', async () => {
    const socket = await socketFor(user);
    const adminChat = await newChat(server, admin, 'gpt-4o');
    const foreign = await server.request('POST', '/api/chat/completions', { token: user.token, body: completionBody('gpt-4o', adminChat, socket.id as string) });
    assert.deepEqual([foreign.status, foreign.body], [400, { detail: '404: Something went wrong :/' }]);
    const own = await newChat(server, user, 'gpt-4o');
    const byAdmin = await server.request('POST', '/api/chat/completions', { token: admin.token, body: completionBody('gpt-4o', own, socket.id as string) });
    assert.deepEqual([byAdmin.status, byAdmin.body], [400, { detail: '404: Something went wrong :/' }], 'no reply written into another user\'s chat, even by an admin');
    const unknown = await server.request('POST', '/api/chat/completions', { token: user.token, body: completionBody('nope', own, socket.id as string) });
    assert.deepEqual([unknown.status, unknown.body], [400, { detail: 'Model not found' }]);
    assert.equal(mock.requests.length, 0);

    const temporary = { chatId: 'local', userMessageId: 'u1', replyId: 'a-temporary' };
    const reply = replyEvents(socket, 'a-temporary');
    const res = await server.request('POST', '/api/chat/completions', { token: user.token, body: completionBody('gpt-4o', temporary, socket.id as string) });
    assert.equal(res.status, 200, res.text);
    await waitFor(reply.done);
    assert.deepEqual(reply.events.at(-1)?.data, { done: true, content: tokens(5), title: '' });
  });
});

describe('web UI replies across two instances sharing Redis', { skip: process.env['REDIS_URL'] ? false : 'REDIS_URL is not set' }, () => {
  let mock: MockUpstream;
  let a: TestServer;
  let b: TestServer;
  let user: Account;

  before(async () => {
    mock = await startMockUpstream();
    a = await startServer(mockEnv(mock, false, { BYPASS_MODEL_ACCESS_CONTROL: 'true' }));
    b = await startReplica(a, mockEnv(mock, false, { BYPASS_MODEL_ACCESS_CONTROL: 'true' }));
    ({ user } = await adminAndUser(a));
  });
  after(async () => {
    await closeReplica(b);
    await a.close();
    await mock.close();
  });

  it('socket on A, request on B: the reply reaches A; a stop sent to A stops the generation on B', async () => {
    const socket = await joinedSocket(a, user.token);
    try {
      const { reply, res } = await askReply(a, user, socket, 'gpt-4o', b);
      assert.equal(res.status, 200, res.text);
      await waitFor(reply.done);

      mock.script.tokens = 200;
      mock.script.tokenDelayMs = 20;
      const { chat: slow, reply: slowReply, res: started } = await askReply(a, user, socket, 'gpt-4o', b);
      const taskId = started.body.task_id;
      await waitFor(() => slowReply.has('chat:completion', (d) => typeof d['content'] === 'string'));
      assert.deepEqual((await a.request('GET', `/api/tasks/chat/${slow.chatId}`, { token: user.token })).body, { task_ids: [taskId] });
      assert.deepEqual((await a.request('POST', `/api/tasks/stop/${taskId}`, { token: user.token })).body, { status: true, message: `Stop signal sent for ${taskId}` });
      await waitFor(() => slowReply.has('chat:tasks:cancel'));
      await waitFor(() => mock.stats.abortedStreams >= 1);
    } finally {
      socket.disconnect();
    }
  });
});
