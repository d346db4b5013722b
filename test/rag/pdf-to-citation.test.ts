// The whole path a user takes: upload a PDF, add it to a knowledge base, ask a question in the web
// UI's mode with the knowledge base attached, and find the right chunk cited in the reply's sources
// (and given to the model inside the RAG template). On SQLite with full-text search only; on
// PostgreSQL with pgvector and a fake embedding server, when that is where the tests run.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { lastRequest, mockEnv } from '../openai/support.ts';
import { upload } from '../files/support.ts';
import { FakeHttp } from '../retrieval/fake-http.ts';
import { pdf } from '../retrieval/support/pdf.ts';

const PAGES = [
  'Volcanoes form where magma rises through cracks in the crust of the planet and erupts as lava and ash.',
  'Coral reefs grow in warm shallow seas; the polyps build skeletons of calcium carbonate over centuries.',
  'Glaciers carve valleys into a U shape as the moving ice grinds the bedrock beneath it over millennia.',
];
const QUESTION = 'How do coral reefs grow?';
const DIMENSIONS = 1024;

/** A deterministic bag-of-words embedding: texts that share words point the same way. */
function embed(text: string): number[] {
  const vector = new Array<number>(DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    let h = 0;
    for (const c of word) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    vector[h % DIMENSIONS] = (vector[h % DIMENSIONS] as number) + 1;
  }
  return vector;
}

const onPostgres = /^postgres/.test(process.env['DATABASE_URL'] ?? '');

for (const mode of onPostgres ? (['full-text', 'pgvector'] as const) : (['full-text'] as const)) {
  describe(`PDF → knowledge base → cited answer (${mode})`, () => {
    let mock: MockUpstream;
    let embedder: FakeHttp;
    let server: TestServer;
    let user: Account;
    let vectorsMissing = false;

    before(async () => {
      mock = await startMockUpstream();
      embedder = await new FakeHttp().start();
      embedder.reset((req, res) => {
        const input = ((req.json as { input: string[] }).input ?? []).map(embed);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ embeddings: input }));
      });
      const vectors: Record<string, string> = mode === 'pgvector' ? { RAG_EMBEDDING_ENGINE: 'ollama', RAG_OLLAMA_BASE_URL: embedder.base, RAG_EMBEDDING_MODEL: 'fake-bow' } : {};
      server = await startServer(mockEnv(mock, false, { CHUNK_SIZE: '120', CHUNK_OVERLAP: '0', RAG_TOP_K: '1', USER_PERMISSIONS_WORKSPACE_KNOWLEDGE_ACCESS: 'true', BYPASS_MODEL_ACCESS_CONTROL: 'true', ...vectors }));
      ({ user } = await adminAndUser(server));
      if (mode === 'pgvector') {
        try {
          await server.services.retrieval.store.upsert('probe', [{ id: 'probe', text: 'probe', vector: [1, 0], metadata: {} }]);
          await server.services.retrieval.store.deleteCollection('probe');
        } catch {
          vectorsMissing = true;
        }
      }
    });
    after(async () => {
      await server.close();
      await embedder.stop();
      await mock.close();
    });

    it('the chunk about coral reefs is cited and given to the model', async (t) => {
      if (vectorsMissing) return t.skip('pgvector is not installed');
      mock.script.replies = [{ when: 'search queries', text: '{"queries": ["coral reefs growth"]}' }];
      const file = await upload(server, user.token, 'earth-science.pdf', pdf(PAGES), { type: 'application/pdf', query: '?process_in_background=false' });
      assert.equal(file.status, 200, JSON.stringify(file.body));
      assert.equal(file.body.data.status, 'completed', JSON.stringify(file.body.data));

      const kb = await server.request('POST', '/api/v1/knowledge/create', { token: user.token, body: { name: 'Earth', description: 'science notes' } });
      assert.equal(kb.status, 200, kb.text);
      const added = await server.request('POST', `/api/v1/knowledge/${kb.body.id}/file/add`, { token: user.token, body: { file_id: file.body.id } });
      assert.equal(added.status, 200, added.text);

      const userMessageId = 'u-1';
      const replyId = 'a-1';
      const history = {
        currentId: replyId,
        messages: {
          [userMessageId]: { id: userMessageId, parentId: null, childrenIds: [replyId], role: 'user', content: QUESTION, models: ['gpt-4o'] },
          [replyId]: { id: replyId, parentId: userMessageId, childrenIds: [], role: 'assistant', content: '', model: 'gpt-4o' },
        },
      };
      const chat = await server.request('POST', '/api/v1/chats/new', { token: user.token, body: { chat: { title: 'Reefs', models: ['gpt-4o'], history } } });
      assert.equal(chat.status, 200, chat.text);
      const res = await server.request('POST', '/api/chat/completions', {
        token: user.token,
        body: {
          model: 'gpt-4o',
          stream: true,
          messages: [{ role: 'user', content: QUESTION }],
          files: [{ type: 'collection', id: kb.body.id, name: 'Earth' }],
          chat_id: chat.body.id,
          id: replyId,
          parent_id: userMessageId,
          session_id: 'session-1',
        },
      });
      assert.equal(res.status, 200, res.text);

      let reply: Record<string, any> = {};
      for (let i = 0; i < 200 && reply['done'] !== true; i++) {
        reply = (await server.request('GET', `/api/v1/chats/${chat.body.id}`, { token: user.token })).body.chat.history.messages[replyId];
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(reply['done'], true, JSON.stringify(reply));
      const sources = reply['sources'] as { source: Record<string, unknown>; document: string[]; metadata: Record<string, unknown>[] }[];
      assert.equal(sources.length, 1);
      assert.equal(sources[0]?.source['id'], kb.body.id);
      assert.equal(sources[0]?.document.length, 1);
      assert.match(sources[0]?.document[0] ?? '', /Coral reefs grow/);
      assert.equal(sources[0]?.metadata[0]?.['file_id'], file.body.id);
      assert.equal(sources[0]?.metadata[0]?.['source'], 'earth-science.pdf');

      const sent = lastRequest(mock, 'POST', '/v1/chat/completions').body as { messages: { role: string; content: string }[] };
      const asked = sent.messages.at(-1)?.content ?? '';
      assert.match(asked, /<source id="1" name="Earth">Coral reefs grow/);
      assert.ok(asked.endsWith(`\n${QUESTION}`), asked);
      if (mode === 'pgvector') assert.ok(embedder.requests.length > 0, 'the fake embedding server was used');
    });
  });
}
