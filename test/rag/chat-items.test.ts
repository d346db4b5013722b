// What each kind of item in a chat request puts in front of the model (API-client mode: the answer
// comes back directly, and the mock upstream shows the prompt it got): files, whole documents, pasted
// text, another chat, the user's memories, a web search — and nothing from what the caller may not read.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { lastRequest, mockEnv } from '../openai/support.ts';
import { upload } from '../files/support.ts';
import { FakeHttp } from '../retrieval/fake-http.ts';

type Message = { role: string; content: string };

describe('chat completions: items → context', () => {
  let mock: MockUpstream;
  let web: FakeHttp;
  let server: TestServer;
  let admin: Account;
  let user: Account;
  let other: Account;

  /** Asks as `account` and returns the messages the model received. */
  async function ask(account: Account, question: string, extra: Record<string, unknown>): Promise<Message[]> {
    const res = await server.request('POST', '/api/chat/completions', { token: account.token, body: { model: 'gpt-4o', stream: false, messages: [{ role: 'user', content: question }], ...extra } });
    assert.equal(res.status, 200, res.text);
    return (lastRequest(mock, 'POST', '/v1/chat/completions').body as { messages: Message[] }).messages;
  }

  before(async () => {
    mock = await startMockUpstream();
    web = await new FakeHttp().start();
    web.reset((req, res) => {
      if (req.path === '/search') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results: [{ url: `${web.base}/page`, title: 'Comets', content: 'icy bodies' }] }));
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><p>Comets grow tails of gas and dust near the sun.</p></body></html>');
    });
    server = await startServer(
      mockEnv(mock, false, {
        BYPASS_MODEL_ACCESS_CONTROL: 'true',
        USER_PERMISSIONS_WORKSPACE_KNOWLEDGE_ACCESS: 'true',
        ENABLE_RAG_LOCAL_WEB_FETCH: 'true',
        ENABLE_WEB_SEARCH: 'true',
        WEB_SEARCH_ENGINE: 'searxng',
        SEARXNG_QUERY_URL: `${web.base}/search`,
      }),
    );
    ({ admin, user } = await adminAndUser(server));
    other = await addUser(server, admin, 'Other', 'other@example.com', 'user');
  });
  after(async () => {
    await server.close();
    await web.stop();
    await mock.close();
  });
  beforeEach(() => mock.reset());

  it('a file item: its best chunks as <source> elements in the RAG template, before the question', async () => {
    const file = (await upload(server, user.token, 'otters.txt', 'Sea otters hold hands while sleeping so they do not drift apart.', { query: '?process_in_background=false' })).body;
    const messages = await ask(user, 'Why do otters hold hands?', { files: [{ type: 'file', id: file.id, name: 'otters.txt' }] });
    const last = messages.at(-1)?.content ?? '';
    assert.match(last, /<source id="1" name="otters.txt">Sea otters hold hands/);
    assert.match(last, /<context>/);
    assert.ok(last.endsWith('\nWhy do otters hold hands?'));
    assert.ok(mock.requests.filter((r) => r.path.startsWith('/v1/chat/completions')).length >= 2, 'the task model was asked for queries');
  });

  it('API clients get the sources too: first in a stream, beside the completion otherwise', async () => {
    const file = (await upload(server, user.token, 'bees.txt', 'Honey bees dance to show where flowers are.', { query: '?process_in_background=false' })).body;
    const files = [{ type: 'file', id: file.id, name: 'bees.txt' }];
    const whole = await server.request('POST', '/api/chat/completions', { token: user.token, body: { model: 'gpt-4o', stream: false, messages: [{ role: 'user', content: 'Why do bees dance?' }], files } });
    assert.equal(whole.status, 200, whole.text);
    assert.equal(whole.body.object, 'chat.completion');
    assert.deepEqual(whole.body.sources[0].document, ['Honey bees dance to show where flowers are.']);
    const streamed = await server.request('POST', '/api/chat/completions', { token: user.token, body: { model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'Why do bees dance?' }], files } });
    const first = JSON.parse(streamed.text.split('\n\n')[0]?.replace(/^data: /, '') ?? '{}');
    assert.equal(first.sources[0].source.id, file.id);
    assert.match(streamed.text, /data: \[DONE\]/);
  });

  it('context "full": the whole document, and no query generation', async () => {
    const file = (await upload(server, user.token, 'full.txt', 'Every word of this document counts.', { query: '?process_in_background=false' })).body;
    const messages = await ask(user, 'Summarise', { files: [{ type: 'file', id: file.id, name: 'full.txt', context: 'full' }] });
    assert.match(messages.at(-1)?.content ?? '', /<source id="1" name="full.txt">Every word of this document counts.<\/source>/);
    assert.equal(mock.requests.filter((r) => r.path.startsWith('/v1/chat/completions')).length, 1);
  });

  it('pasted text and another chat of the same user', async () => {
    const history = { currentId: 'm2', messages: { m1: { id: 'm1', parentId: null, role: 'user', content: 'Plan the trip' }, m2: { id: 'm2', parentId: 'm1', role: 'assistant', content: 'Go to Lisbon in May' } } };
    const chat = await server.request('POST', '/api/v1/chats/new', { token: user.token, body: { chat: { title: 'Trip', history } } });
    const messages = await ask(user, 'Where?', { files: [{ type: 'text', content: 'Budget: 900 euros', name: 'note' }, { type: 'chat', id: chat.body.id, name: 'Trip' }] });
    const last = messages.at(-1)?.content ?? '';
    assert.match(last, /<source id="1" name="note">Budget: 900 euros<\/source>/);
    assert.match(last, /<source id="2" name="Trip">#### User\nPlan the trip\n\n#### Assistant\nGo to Lisbon in May<\/source>/);
  });

  it("nothing from what the caller may not read: another user's file, knowledge base or chat", async () => {
    const file = (await upload(server, user.token, 'secret.txt', 'The vault code is 4711.', { query: '?process_in_background=false' })).body;
    const kb = await server.request('POST', '/api/v1/knowledge/create', { token: user.token, body: { name: 'Vault', description: '' } });
    await server.request('POST', `/api/v1/knowledge/${kb.body.id}/file/add`, { token: user.token, body: { file_id: file.id } });
    const chat = await server.request('POST', '/api/v1/chats/new', { token: user.token, body: { chat: { title: 'x', history: { currentId: 'a', messages: { a: { id: 'a', parentId: null, role: 'user', content: 'code 4711' } } } } } });
    const items = [
      { type: 'file', id: file.id },
      { type: 'collection', id: kb.body.id },
      { type: 'chat', id: chat.body.id },
      { type: 'text', file: { id: file.id }, context: 'full' },
      { collection_name: `file-${file.id}` },
      { collection_names: [kb.body.id] },
    ];
    const messages = await ask(other, 'What is the vault code?', { files: items });
    assert.deepEqual(messages, [{ role: 'user', content: 'What is the vault code?' }]);
  });

  it('features.memory: the matching memories join the system message', async () => {
    await server.request('POST', '/api/v1/memories/add', { token: user.token, body: { content: 'I am allergic to peanuts' } });
    const messages = await ask(user, 'Suggest a snack without peanuts', { features: { memory: true } });
    assert.equal(messages[0]?.role, 'system');
    assert.match(messages[0]?.content ?? '', /User Context:\n1\. \[\d{4}-\d{2}-\d{2}\] I am allergic to peanuts/);
    const without = await ask(user, 'Suggest a snack without peanuts', {});
    assert.equal(without[0]?.role, 'user');
  });

  it('features.web_search: the result pages become a source', async () => {
    const messages = await ask(user, 'How do comets get tails?', { features: { web_search: true } });
    assert.match(messages.at(-1)?.content ?? '', /<source id="1"[^>]*>Comets grow tails of gas and dust near the sun.<\/source>/);
  });
});
