// The external reranker against a local fake: request shape and auth, scores put back in document
// order (missing ones 0), the TEI answer shape, errors and time-outs, and when the configuration
// gives a reranker at all.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { envConfigValues } from '../../src/config/persistent.ts';
import type { ConfigKey, ConfigValue } from '../../src/config/registry/index.ts';
import { DEFAULT_RERANKER_TIMEOUT_MS, ExternalReranker, rerankerFromConfig, rerankerTimeoutMs } from '../../src/retrieval/rerank/index.ts';
import { FakeHttp, sendJson } from './fake-http.ts';

function configOf(env: Record<string, string>): { get<K extends ConfigKey>(key: K): ConfigValue<K> } {
  const values = envConfigValues(env);
  return { get: (key) => values[key] };
}

describe('external reranker', () => {
  const fake = new FakeHttp();
  before(async () => {
    await fake.start();
  });
  after(async () => {
    await fake.stop();
  });

  it('POSTs {model, query, documents, top_n} with the Bearer key; scores come back in document order', async () => {
    fake.reset((_req, res) =>
      sendJson(res, {
        id: 'r1',
        results: [
          { index: 2, relevance_score: 0.9, document: { text: 'c' } },
          { index: 0, relevance_score: 0.5 },
          { index: 1, relevance_score: 0.1 },
        ],
      }),
    );
    const r = new ExternalReranker({ url: `${fake.base}/v1/rerank`, apiKey: 'rk', model: 'bge-reranker-v2-m3', timeoutMs: 2000 });
    assert.deepEqual(await r.rerank('which?', ['a', 'b', 'c']), [0.5, 0.1, 0.9]);
    const req = fake.requests[0]!;
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/v1/rerank');
    assert.equal(req.headers['authorization'], 'Bearer rk');
    assert.deepEqual(req.json, { model: 'bge-reranker-v2-m3', query: 'which?', documents: ['a', 'b', 'c'], top_n: 3 });
  });

  it('documents the answer leaves out (or gives nonsense for) score 0; a bare [{index, score}] list (TEI) is read too', async () => {
    fake.reset((_req, res) => sendJson(res, { results: [{ index: 1, relevance_score: 0.7 }, { index: 9, relevance_score: 1 }, { index: 0, relevance_score: 'high' }] }));
    const r = new ExternalReranker({ url: fake.base, apiKey: '', model: '', timeoutMs: 2000 });
    assert.deepEqual(await r.rerank('q', ['a', 'b', 'c']), [0, 0.7, 0]);
    assert.equal(fake.requests[0]!.headers['authorization'], undefined);
    fake.reset((_req, res) => sendJson(res, [{ index: 0, score: 0.25 }, { index: 1, score: 0.75 }]));
    assert.deepEqual(await r.rerank('q', ['a', 'b']), [0.25, 0.75]);
  });

  it('no documents → no request', async () => {
    fake.reset((_req, res) => sendJson(res, { results: [] }));
    assert.deepEqual(await new ExternalReranker({ url: fake.base, apiKey: 'k', model: 'm' }).rerank('q', []), []);
    assert.equal(fake.requests.length, 0);
  });

  it('user info headers only with ENABLE_FORWARD_USER_INFO_HEADERS', async () => {
    fake.reset((_req, res) => sendJson(res, { results: [{ index: 0, relevance_score: 1 }] }));
    const user = { id: 'u9', name: 'Ann', email: 'ann@example.com', role: 'admin' };
    await new ExternalReranker({ url: fake.base, apiKey: 'k', model: 'm', forwardUserInfoHeaders: true }).rerank('q', ['a'], user);
    await new ExternalReranker({ url: fake.base, apiKey: 'k', model: 'm' }).rerank('q', ['a'], user);
    assert.equal(fake.requests[0]!.headers['x-openwebui-user-id'], 'u9');
    assert.equal(fake.requests[0]!.headers['x-openwebui-user-role'], 'admin');
    assert.equal(fake.requests[1]!.headers['x-openwebui-user-id'], undefined);
  });

  it('errors: HTTP status with the body, an answer without results, a time-out', async () => {
    const r = new ExternalReranker({ url: fake.base, apiKey: 'bad', model: 'm', timeoutMs: 150 });
    fake.reset((_req, res) => sendJson(res, { detail: 'Invalid API key' }, 401));
    await assert.rejects(r.rerank('q', ['a']), { name: 'UpstreamError', message: 'Reranker external: HTTP 401: {"detail":"Invalid API key"}' });
    fake.reset((_req, res) => sendJson(res, { data: [] }));
    await assert.rejects(r.rerank('q', ['a']), { message: 'Reranker external: the response has no results' });
    fake.reset(() => undefined);
    await assert.rejects(r.rerank('q', ['a']), { message: 'Reranker external: timed out after 0.15 s' });
  });

  it('RAG_EXTERNAL_RERANKER_TIMEOUT: seconds; empty or invalid → 60 s', () => {
    assert.equal(rerankerTimeoutMs('5'), 5000);
    assert.equal(rerankerTimeoutMs(' 2.5 '), 2500);
    assert.equal(rerankerTimeoutMs(''), DEFAULT_RERANKER_TIMEOUT_MS);
    assert.equal(rerankerTimeoutMs('soon'), DEFAULT_RERANKER_TIMEOUT_MS);
    assert.equal(rerankerTimeoutMs('0'), DEFAULT_RERANKER_TIMEOUT_MS);
    assert.equal(DEFAULT_RERANKER_TIMEOUT_MS, 60_000);
  });

  describe('rerankerFromConfig', () => {
    it("null for engine '' (local CrossEncoder), for external without a URL, and for other names", () => {
      assert.equal(rerankerFromConfig(configOf({ RAG_RERANKING_MODEL: 'BAAI/bge-reranker-v2-m3' })), null);
      assert.equal(rerankerFromConfig(configOf({ RAG_RERANKING_ENGINE: 'external' })), null);
      assert.equal(rerankerFromConfig(configOf({ RAG_RERANKING_ENGINE: 'colbert', RAG_EXTERNAL_RERANKER_URL: fake.base })), null);
    });

    it('external with a URL: model, key and timeout from the configuration', async () => {
      const r = rerankerFromConfig(
        configOf({
          RAG_RERANKING_ENGINE: 'external',
          RAG_RERANKING_MODEL: 'rerank-v3.5',
          RAG_EXTERNAL_RERANKER_URL: `${fake.base}/rerank`,
          RAG_EXTERNAL_RERANKER_API_KEY: 'cfg-key',
          RAG_EXTERNAL_RERANKER_TIMEOUT: '3',
        }),
      );
      assert.ok(r instanceof ExternalReranker);
      fake.reset((_req, res) => sendJson(res, { results: [{ index: 0, relevance_score: 0.3 }] }));
      assert.deepEqual(await r.rerank('q', ['d']), [0.3]);
      assert.equal(fake.requests[0]!.url, '/rerank');
      assert.equal(fake.requests[0]!.headers['authorization'], 'Bearer cfg-key');
      assert.equal((fake.requests[0]!.json as { model: string }).model, 'rerank-v3.5');
    });
  });
});
