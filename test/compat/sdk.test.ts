// The real client libraries against our server: the `openai` package on /v1 (with an `sk-` API
// key) and the `ollama` package on /ollama (with a JWT), both backed by the mock upstream.
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import OpenAI from 'openai';
import { Ollama } from 'ollama';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { mockEnv, tokens } from '../openai/support.ts';

const messages = [{ role: 'user' as const, content: 'say something nice' }];

describe('client SDKs against the server', () => {
  let mock: MockUpstream;
  let server: TestServer;
  let admin: Account;
  let apiKey: string;
  let openai: OpenAI;
  let ollama: Ollama;
  /** Why the ollama-SDK tests are skipped (the /ollama router is not there), or undefined. */
  let ollamaMissing: string | undefined;

  before(async () => {
    mock = await startMockUpstream();
    server = await startServer(mockEnv(mock, true, { ENABLE_API_KEYS: 'true', USER_PERMISSIONS_FEATURES_API_KEYS: 'true' }));
    ({ admin } = await adminAndUser(server));
    const key = await server.request('POST', '/api/v1/auths/api_key', { token: admin.token });
    assert.equal(key.status, 200, key.text);
    apiKey = key.body.api_key;
    assert.match(apiKey, /^sk-/);
    openai = new OpenAI({ apiKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
    ollama = new Ollama({ host: `${server.url}/ollama`, headers: { Authorization: `Bearer ${admin.token}` } });
    for (const [method, path, body] of [
      ['GET', '/ollama/api/tags', undefined],
      ['POST', '/ollama/api/chat', { model: 'llama3.2:3b', messages, stream: false }],
    ] as const) {
      const res = await server.request(method, path, { token: admin.token, body });
      if (res.status === 404) ollamaMissing = `${method} ${path} is not routed yet (404): the /ollama router is unfinished`;
    }
  });
  after(async () => {
    await server.close();
    await mock.close();
  });

  describe('openai SDK (v6) on /v1 with an sk- API key', () => {
    it('models.list()', async () => {
      const ids: string[] = [];
      for await (const model of openai.models.list()) {
        assert.equal(model.object, 'model');
        ids.push(model.id);
      }
      assert.deepEqual(ids.sort(), ['gpt-4o', 'gpt-4o-mini', 'llama3.2:3b', 'qwen2.5:7b']);
    });

    for (const model of ['llama3.2:3b', 'gpt-4o']) {
      it(`chat.completions.create, not streamed (${model})`, async () => {
        const completion = await openai.chat.completions.create({ model, messages });
        assert.equal(completion.object, 'chat.completion');
        assert.equal(completion.choices[0]?.message.content, tokens(5));
        assert.equal(completion.choices[0]?.finish_reason, 'stop');
        assert.equal(completion.usage?.completion_tokens, 5);
        assert.equal(completion.usage?.prompt_tokens, 3);
      });

      it(`chat.completions.create, streamed with usage (${model})`, async () => {
        const stream = await openai.chat.completions.create({ model, messages, stream: true, stream_options: { include_usage: true } });
        let text = '';
        let finish: string | null | undefined;
        let usage: OpenAI.CompletionUsage | null | undefined;
        for await (const chunk of stream) {
          assert.equal(chunk.object, 'chat.completion.chunk');
          text += chunk.choices[0]?.delta.content ?? '';
          finish = chunk.choices[0]?.finish_reason ?? finish;
          usage = chunk.usage ?? usage;
        }
        assert.equal(text, tokens(5));
        assert.equal(finish, 'stop');
        assert.equal(usage?.completion_tokens, 5);
      });
    }

    it('an unknown model is a NotFoundError', async () => {
      await assert.rejects(openai.chat.completions.create({ model: 'nope', messages }), (error: unknown) => error instanceof OpenAI.NotFoundError);
    });

    it('a bad key is an AuthenticationError', async () => {
      const bad = new OpenAI({ apiKey: 'sk-0000', baseURL: `${server.url}/v1`, maxRetries: 0 });
      await assert.rejects(bad.models.list(), (error: unknown) => error instanceof OpenAI.AuthenticationError);
    });
  });

  describe('ollama SDK (0.6) on /ollama with a JWT', () => {
    const skipIfMissing = (t: TestContext): boolean => {
      if (ollamaMissing) t.skip(ollamaMissing);
      return ollamaMissing !== undefined;
    };

    it('list()', async (t) => {
      if (skipIfMissing(t)) return;
      const { models } = await ollama.list();
      assert.deepEqual(models.map((m) => m.model).sort(), ['llama3.2:3b', 'qwen2.5:7b']);
    });

    it('chat({ stream: false })', async (t) => {
      if (skipIfMissing(t)) return;
      const answer = await ollama.chat({ model: 'llama3.2:3b', messages, stream: false });
      assert.equal(answer.message.content, tokens(5));
      assert.equal(answer.done, true);
      assert.equal(answer.eval_count, 5);
    });

    it('chat({ stream: true })', async (t) => {
      if (skipIfMissing(t)) return;
      let text = '';
      let done = false;
      for await (const part of await ollama.chat({ model: 'llama3.2:3b', messages, stream: true })) {
        text += part.message.content;
        done = part.done;
      }
      assert.equal(text, tokens(5));
      assert.equal(done, true);
    });
  });
});
