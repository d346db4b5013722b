// Embedding engines against a local fake: the request each engine sends (path, body, auth headers),
// batching in order (parallel and sequential), prefixes prepended or sent as a body field, newline
// folding for stored content, readable errors, and the embedder the configuration names.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { envConfigValues } from '../../src/config/persistent.ts';
import type { ConfigKey, ConfigValue } from '../../src/config/registry/index.ts';
import {
  AzureOpenAIEmbedder,
  embedderFromConfig,
  OllamaEmbedder,
  OpenAIEmbedder,
  type HttpEmbedderOptions,
} from '../../src/retrieval/embeddings/index.ts';
import { FakeHttp, sendJson, sleep, type Recorded } from './fake-http.ts';

/** The fake's vector for a text: its first char code and its length. */
const vec = (t: string): number[] => [t.charCodeAt(0), t.length];

const inputOf = (r: Recorded): string[] => (r.json as { input: string[] }).input;

function configOf(env: Record<string, string>): { get<K extends ConfigKey>(key: K): ConfigValue<K> } {
  const values = envConfigValues(env);
  return { get: (key) => values[key] };
}

describe('embeddings', () => {
  const fake = new FakeHttp();
  before(async () => {
    await fake.start();
  });
  after(async () => {
    await fake.stop();
  });

  const opts = (over: Partial<HttpEmbedderOptions> = {}): HttpEmbedderOptions => ({
    model: 'nomic-embed-text',
    url: fake.base,
    key: '',
    batchSize: 10,
    parallel: true,
    timeoutMs: 2000,
    ...over,
  });

  describe('ollama', () => {
    beforeEach(() => fake.reset((req, res) => sendJson(res, { model: 'x', embeddings: inputOf(req).map(vec) })));

    it('POSTs {model, input} to {url}/api/embed with the Bearer key and returns `embeddings`', async () => {
      const e = new OllamaEmbedder(opts({ url: `${fake.base}/`, key: 'ok-key' }));
      assert.equal(e.engine, 'ollama');
      assert.equal(e.model, 'nomic-embed-text');
      const out = await e.embed(['alpha', 'be'], 'content');
      assert.deepEqual(out, [vec('alpha'), vec('be')]);
      assert.equal(fake.requests.length, 1);
      const r = fake.requests[0]!;
      assert.equal(r.method, 'POST');
      assert.equal(r.url, '/api/embed');
      assert.equal(r.headers['authorization'], 'Bearer ok-key');
      assert.match(String(r.headers['content-type']), /^application\/json/);
      assert.deepEqual(r.json, { model: 'nomic-embed-text', input: ['alpha', 'be'] });
    });

    it('sends no Authorization header without a key, and nothing at all for no texts', async () => {
      const e = new OllamaEmbedder(opts());
      assert.deepEqual(await e.embed([], 'query'), []);
      assert.equal(fake.requests.length, 0);
      await e.embed(['q'], 'query');
      assert.equal(fake.requests[0]!.headers['authorization'], undefined);
    });
  });

  describe('openai', () => {
    it('POSTs {model, input} to {url}/embeddings and orders data[] by index', async () => {
      fake.reset((req, res) => {
        const data = inputOf(req).map((t, index) => ({ object: 'embedding', index, embedding: vec(t) }));
        sendJson(res, { object: 'list', data: data.reverse(), model: 'text-embedding-3-small' });
      });
      const e = new OpenAIEmbedder(opts({ url: `${fake.base}/v1`, key: 'sk-test', model: 'text-embedding-3-small' }));
      assert.equal(e.engine, 'openai');
      const out = await e.embed(['one', 'two', 'three'], 'content');
      assert.deepEqual(out, [vec('one'), vec('two'), vec('three')]);
      const r = fake.requests[0]!;
      assert.equal(r.url, '/v1/embeddings');
      assert.equal(r.headers['authorization'], 'Bearer sk-test');
      assert.deepEqual(r.json, { model: 'text-embedding-3-small', input: ['one', 'two', 'three'] });
    });
  });

  describe('azure_openai', () => {
    it('POSTs {input} to /openai/deployments/{model}/embeddings?api-version= with an api-key header', async () => {
      fake.reset((req, res) => sendJson(res, { data: inputOf(req).map((t, index) => ({ index, embedding: vec(t) })) }));
      const e = new AzureOpenAIEmbedder({ ...opts({ key: 'azure-key', model: 'my-deploy' }), apiVersion: '2024-02-01' });
      assert.equal(e.engine, 'azure_openai');
      assert.deepEqual(await e.embed(['x1'], 'query'), [vec('x1')]);
      const r = fake.requests[0]!;
      assert.equal(r.url, '/openai/deployments/my-deploy/embeddings?api-version=2024-02-01');
      assert.equal(r.headers['api-key'], 'azure-key');
      assert.equal(r.headers['authorization'], undefined);
      assert.deepEqual(r.json, { input: ['x1'] });
    });
  });

  describe('batching', () => {
    const texts = ['a1', 'b22', 'c333', 'd4444', 'e55555'];

    it('parallel: batch size 2 and 5 texts → 3 requests at once; answers arriving out of order keep input order', async () => {
      let inFlight = 0;
      let maxInFlight = 0;
      fake.reset(async (req, res) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const input = inputOf(req);
        // The first batch answers last.
        await sleep(input[0] === 'a1' ? 120 : input[0] === 'c333' ? 60 : 5);
        inFlight--;
        sendJson(res, { embeddings: input.map(vec) });
      });
      const out = await new OllamaEmbedder(opts({ batchSize: 2, parallel: true })).embed(texts, 'content');
      assert.deepEqual(out, texts.map(vec));
      assert.deepEqual(fake.requests.map(inputOf).sort(), [['a1', 'b22'], ['c333', 'd4444'], ['e55555']]);
      assert.equal(maxInFlight, 3);
    });

    it('parallel batches stay within the concurrency bound', async () => {
      let inFlight = 0;
      let maxInFlight = 0;
      fake.reset(async (req, res) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await sleep(15);
        inFlight--;
        sendJson(res, { embeddings: inputOf(req).map(vec) });
      });
      const many = Array.from({ length: 12 }, (_, i) => `t${i}`);
      const out = await new OllamaEmbedder(opts({ batchSize: 1, parallel: true, concurrency: 3 })).embed(many, 'content');
      assert.deepEqual(out, many.map(vec));
      assert.equal(fake.requests.length, 12);
      assert.equal(maxInFlight, 3);
    });

    it('sequential (ENABLE_ASYNC_EMBEDDING off): one request at a time, in order', async () => {
      let inFlight = 0;
      let maxInFlight = 0;
      fake.reset(async (req, res) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await sleep(5);
        inFlight--;
        sendJson(res, { embeddings: inputOf(req).map(vec) });
      });
      const out = await new OllamaEmbedder(opts({ batchSize: 2, parallel: false })).embed(texts, 'content');
      assert.deepEqual(out, texts.map(vec));
      assert.deepEqual(fake.requests.map(inputOf), [['a1', 'b22'], ['c333', 'd4444'], ['e55555']]);
      assert.equal(maxInFlight, 1);
    });
  });

  describe('prefixes and newlines', () => {
    beforeEach(() => fake.reset((req, res) => sendJson(res, { embeddings: inputOf(req).map(vec) })));

    it('prepends the query or content prefix to every text', async () => {
      const e = new OllamaEmbedder(opts({ queryPrefix: 'query: ', contentPrefix: 'passage: ' }));
      await e.embed(['what is x'], 'query');
      await e.embed(['x is y', 'z'], 'content');
      assert.deepEqual(fake.requests[0]!.json, { model: 'nomic-embed-text', input: ['query: what is x'] });
      assert.deepEqual(fake.requests[1]!.json, { model: 'nomic-embed-text', input: ['passage: x is y', 'passage: z'] });
    });

    it('with RAG_EMBEDDING_PREFIX_FIELD_NAME sends the prefix as that body field and the texts unchanged', async () => {
      const e = new OpenAIEmbedder(opts({ queryPrefix: 'search_query', contentPrefix: 'search_document', prefixFieldName: 'input_type' }));
      fake.reset((req, res) => sendJson(res, { data: inputOf(req).map((t, index) => ({ index, embedding: vec(t) })) }));
      await e.embed(['q'], 'query');
      await e.embed(['doc'], 'content');
      assert.deepEqual(fake.requests[0]!.json, { input_type: 'search_query', model: 'nomic-embed-text', input: ['q'] });
      assert.deepEqual(fake.requests[1]!.json, { input_type: 'search_document', model: 'nomic-embed-text', input: ['doc'] });
    });

    it('no prefix configured for a purpose: no field and nothing prepended', async () => {
      const e = new OllamaEmbedder(opts({ queryPrefix: 'query: ', prefixFieldName: 'prefix' }));
      await e.embed(['doc'], 'content');
      assert.deepEqual(fake.requests[0]!.json, { model: 'nomic-embed-text', input: ['doc'] });
    });

    it('folds newlines to spaces in content (every one), not in queries', async () => {
      const e = new OllamaEmbedder(opts({ contentPrefix: 'p:\n' }));
      await e.embed(['line one\nline two\nthree'], 'content');
      await e.embed(['ask\nthis'], 'query');
      assert.deepEqual(inputOf(fake.requests[0]!), ['p:\nline one line two three']);
      assert.deepEqual(inputOf(fake.requests[1]!), ['ask\nthis']);
    });
  });

  describe('user info headers', () => {
    beforeEach(() => fake.reset((req, res) => sendJson(res, { embeddings: inputOf(req).map(vec) })));
    const user = { id: 'u1', name: 'Zoë Doe', email: 'z@example.com', role: 'user' };

    it('sent with ENABLE_FORWARD_USER_INFO_HEADERS and a user, not otherwise', async () => {
      await new OllamaEmbedder(opts({ forwardUserInfoHeaders: true })).embed(['a'], 'query', user);
      await new OllamaEmbedder(opts({ forwardUserInfoHeaders: false })).embed(['a'], 'query', user);
      await new OllamaEmbedder(opts({ forwardUserInfoHeaders: true })).embed(['a'], 'query');
      const [on, off, none] = fake.requests;
      assert.equal(on!.headers['x-openwebui-user-id'], 'u1');
      assert.equal(on!.headers['x-openwebui-user-email'], 'z@example.com');
      assert.equal(on!.headers['x-openwebui-user-role'], 'user');
      assert.equal(decodeURIComponent(String(on!.headers['x-openwebui-user-name'])), 'Zoë Doe');
      assert.equal(off!.headers['x-openwebui-user-id'], undefined);
      assert.equal(none!.headers['x-openwebui-user-id'], undefined);
    });
  });

  describe('errors', () => {
    it('an HTTP error names the engine, the status and the body', async () => {
      fake.reset((_req, res) => sendJson(res, { error: 'model "nope" not found, try pulling it first' }, 404));
      await assert.rejects(new OllamaEmbedder(opts({ model: 'nope' })).embed(['a'], 'query'), {
        message: 'Embedding engine ollama: HTTP 404: {"error":"model \\"nope\\" not found, try pulling it first"}',
      });
    });

    it('one failing batch fails the whole call', async () => {
      fake.reset((req, res) => (inputOf(req)[0] === 'c' ? sendJson(res, { error: 'boom' }, 500) : sendJson(res, { embeddings: inputOf(req).map(vec) })));
      await assert.rejects(new OllamaEmbedder(opts({ batchSize: 1 })).embed(['a', 'b', 'c', 'd'], 'content'), { name: 'UpstreamError', message: /^Embedding engine ollama: HTTP 500: / });
    });

    it('a wrong number of vectors, a missing field or non-numeric vectors are errors', async () => {
      fake.reset((_req, res) => sendJson(res, { embeddings: [[1, 2]] }));
      await assert.rejects(new OllamaEmbedder(opts()).embed(['a', 'b'], 'content'), { message: 'Embedding engine ollama: expected 2 embeddings, got 1' });
      fake.reset((_req, res) => sendJson(res, { something: 'else' }));
      await assert.rejects(new OpenAIEmbedder(opts()).embed(['a'], 'content'), { message: 'Embedding engine openai: the response has no data' });
      fake.reset((_req, res) => sendJson(res, { data: [{ index: 0, embedding: ['x'] }] }));
      await assert.rejects(new OpenAIEmbedder(opts()).embed(['a'], 'content'), /not a list of numbers/);
      fake.reset((_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>proxy login</html>'));
      await assert.rejects(new OllamaEmbedder(opts()).embed(['a'], 'content'), { message: 'Embedding engine ollama: the response is not JSON: <html>proxy login</html>' });
    });

    it('a request that takes too long is abandoned with a timeout error', async () => {
      fake.reset(() => undefined); // never answers
      const started = Date.now();
      await assert.rejects(new OllamaEmbedder(opts({ timeoutMs: 150 })).embed(['a'], 'query'), { message: 'Embedding engine ollama: timed out after 0.15 s' });
      assert.ok(Date.now() - started < 1500);
    });

    it('an unreachable engine says so', async () => {
      const dead = await new FakeHttp().start();
      const url = dead.base;
      await dead.stop();
      await assert.rejects(new OllamaEmbedder(opts({ url })).embed(['a'], 'query'), { message: /^Embedding engine ollama: fetch failed \(.*ECONNREFUSED/ });
    });
  });

  describe('embedderFromConfig', () => {
    const prefixes = { queryPrefix: undefined, contentPrefix: undefined, prefixFieldName: undefined };

    it("'' (local SentenceTransformers) → null", () => {
      assert.equal(embedderFromConfig(configOf({}), prefixes), null);
    });

    it('ollama with RAG_OLLAMA_BASE_URL / RAG_OLLAMA_API_KEY, batch size and async from the config', async () => {
      const config = configOf({
        RAG_EMBEDDING_ENGINE: 'ollama',
        RAG_EMBEDDING_MODEL: 'bge-m3',
        RAG_OLLAMA_BASE_URL: fake.base,
        RAG_OLLAMA_API_KEY: 'ollama-key',
        RAG_EMBEDDING_BATCH_SIZE: '2',
        ENABLE_ASYNC_EMBEDDING: 'false',
      });
      const e = embedderFromConfig(config, { queryPrefix: 'Q:', contentPrefix: undefined, prefixFieldName: undefined });
      assert.ok(e instanceof OllamaEmbedder);
      assert.equal(e.model, 'bge-m3');
      fake.reset((req, res) => sendJson(res, { embeddings: inputOf(req).map(vec) }));
      assert.deepEqual(await e.embed(['a', 'b', 'c'], 'query'), ['Q:a', 'Q:b', 'Q:c'].map(vec));
      assert.deepEqual(fake.requests.map(inputOf), [['Q:a', 'Q:b'], ['Q:c']]);
      assert.equal(fake.requests[0]!.headers['authorization'], 'Bearer ollama-key');
    });

    it('openai and azure_openai read their own URL, key (and version)', async () => {
      const openai = embedderFromConfig(configOf({ RAG_EMBEDDING_ENGINE: 'openai', RAG_OPENAI_API_BASE_URL: `${fake.base}/v1`, RAG_OPENAI_API_KEY: 'sk-1' }), prefixes);
      const azure = embedderFromConfig(
        configOf({
          RAG_EMBEDDING_ENGINE: 'azure_openai',
          RAG_EMBEDDING_MODEL: 'dep',
          RAG_AZURE_OPENAI_BASE_URL: fake.base,
          RAG_AZURE_OPENAI_API_KEY: 'az',
          RAG_AZURE_OPENAI_API_VERSION: '2023-05-15',
        }),
        prefixes,
      );
      assert.ok(openai instanceof OpenAIEmbedder);
      assert.ok(azure instanceof AzureOpenAIEmbedder);
      fake.reset((req, res) => sendJson(res, { data: inputOf(req).map((t, index) => ({ index, embedding: vec(t) })) }));
      await openai.embed(['a'], 'query');
      await azure.embed(['a'], 'query');
      assert.equal(fake.requests[0]!.url, '/v1/embeddings');
      assert.equal(fake.requests[0]!.headers['authorization'], 'Bearer sk-1');
      assert.equal(fake.requests[1]!.url, '/openai/deployments/dep/embeddings?api-version=2023-05-15');
      assert.equal(fake.requests[1]!.headers['api-key'], 'az');
    });

    it('an unknown engine is an error', () => {
      assert.throws(() => embedderFromConfig(configOf({ RAG_EMBEDDING_ENGINE: 'cohere' }), prefixes), { message: 'Unknown embedding engine: cohere' });
    });
  });
});
