// Web search engines against one local fake that answers each engine's path in that engine's
// response shape: per engine, the request it sends (query parameters or body, auth header) and the
// results it gives back; then the domain filter, the result count, missing credentials, unknown
// and unsupported engines, and engine errors.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { envConfigValues } from '../../src/config/persistent.ts';
import type { ConfigKey, ConfigValue, ConfigValues } from '../../src/config/registry/index.ts';
import { filterResults, searchWeb, WEB_SEARCH_ENGINES, type SearchResult, type SearchWebOptions } from '../../src/retrieval/web-search/index.ts';
import { tc3Authorization } from '../../src/retrieval/web-search/sougou.ts';
import { digestAuthorization, parseDigestChallenge } from '../../src/retrieval/web-search/yacy.ts';
import { FakeHttp, sendJson, type Recorded } from './fake-http.ts';

type Config = { get<K extends ConfigKey>(key: K): ConfigValue<K> };

function configOf(env: Record<string, string>, overrides: Partial<ConfigValues> = {}): Config {
  const values: ConfigValues = { ...envConfigValues(env), ...overrides };
  return { get: (key) => values[key] };
}

const A = { link: 'https://a.example.com/1', title: 'Alpha', snippet: 'first' };
const B = { link: 'https://docs.example.org/2', title: 'Beta', snippet: 'second' };
const C = { link: 'https://c.test/3', title: 'Gamma', snippet: 'third' };

/** Each engine's canned answer, by the path the tests point that engine at. */
const ANSWERS: Record<string, (req: Recorded) => unknown> = {
  '/searxng/search': () => ({
    query: 'q',
    results: [
      { url: C.link, title: C.title, content: C.snippet, score: 0.5 },
      { url: A.link, title: A.title, content: A.snippet, score: 3 },
      { url: B.link, title: B.title, content: B.snippet, score: 1 },
    ],
  }),
  '/yacy/yacysearch.json': () => ({
    channels: [
      {
        title: 'YaCy',
        items: [
          { link: B.link, title: B.title, description: B.snippet, ranking: '10' },
          { link: A.link, title: A.title, description: A.snippet, ranking: '20' },
        ],
      },
    ],
  }),
  '/brave': () => ({ type: 'search', web: { results: [A, B].map((r) => ({ url: r.link, title: r.title, description: r.snippet })) } }),
  '/kagi': () => ({
    meta: {},
    data: [
      { t: 0, url: A.link, title: A.title, snippet: A.snippet },
      { t: 1, list: ['related search'] },
      { t: 0, url: B.link, title: B.title, snippet: B.snippet },
    ],
  }),
  '/mojeek': () => ({ response: { status: 'OK', results: [A, B].map((r) => ({ url: r.link, title: r.title, desc: r.snippet })) } }),
  '/bocha': () => ({
    code: 200,
    data: { webPages: { value: [A, B].map((r, i) => ({ id: String(i), name: r.title, url: r.link, snippet: 'short', summary: r.snippet })) } },
  }),
  '/serpstack': () => ({
    organic_results: [
      { position: 2, url: B.link, title: B.title, snippet: B.snippet },
      { position: 1, url: A.link, title: A.title, snippet: A.snippet },
    ],
  }),
  '/serper': () => ({
    organic: [
      { position: 2, link: B.link, title: B.title, snippet: B.snippet },
      { position: 1, link: A.link, title: A.title, snippet: A.snippet },
    ],
  }),
  '/serply/': () => ({
    results: [
      { realPosition: 2, link: B.link, title: B.title, description: B.snippet },
      { realPosition: 1, link: A.link, title: A.title, description: A.snippet },
    ],
  }),
  '/tavily': () => ({ query: 'q', results: [A, B].map((r) => ({ url: r.link, title: r.title, content: r.snippet, score: 0.9 })) }),
  '/exa': () => ({ results: [A, B].map((r) => ({ url: r.link, title: r.title, text: r.snippet, highlights: [] })) }),
  '/searchapi': () => ({
    organic_results: [
      { position: 2, link: B.link, title: B.title, snippet: B.snippet },
      { position: 1, link: A.link, title: A.title, snippet: A.snippet },
    ],
  }),
  '/serpapi': () => ({
    organic_results: [
      { position: 1, link: A.link, title: A.title, snippet: A.snippet },
      { position: 2, link: B.link, title: B.title, snippet: B.snippet },
    ],
  }),
  '/jina': () => ({ code: 200, data: [A, B].map((r) => ({ url: r.link, title: r.title, content: r.snippet, description: 'd' })) }),
  '/bing': () => ({ webPages: { value: [A, B].map((r) => ({ url: r.link, name: r.title, snippet: r.snippet })) } }),
  '/azure/indexes/docs-idx/docs/search': () => ({
    value: [
      { '@search.score': 2, url: A.link, title: A.title, content: A.snippet },
      { '@search.score': 1, metadata_storage_path: B.link, metadata_storage_name: B.title, text: 'x'.repeat(600) },
      { '@search.score': 0.5, title: 'no link' },
    ],
  }),
  '/perplexity/chat': () => ({
    choices: [{ message: { role: 'assistant', content: 'The answer [1][2].' } }],
    citations: [A.link, B.link, C.link],
    search_results: [{ url: B.link, title: 'Beta page' }],
  }),
  '/perplexity/search': () => ({ results: [A, B].map((r) => ({ url: r.link, title: r.title, snippet: r.snippet, date: null })) }),
  '/sougou/': () => ({
    Response: {
      Pages: [
        JSON.stringify({ url: B.link, title: B.title, passage: B.snippet, scour: 0.4 }),
        JSON.stringify({ url: A.link, title: A.title, passage: A.snippet, scour: 0.9 }),
        'not json',
      ],
      RequestId: 'r',
    },
  }),
  '/firecrawl/v2/search': () => ({ success: true, data: { web: [A, B].map((r) => ({ url: r.link, title: r.title, description: r.snippet, position: 1 })) } }),
  '/external': () => [A, B],
  '/ollama/api/web_search': () => ({ results: [A, B].map((r) => ({ url: r.link, title: r.title, content: r.snippet })) }),
};

describe('web search', () => {
  const fake = new FakeHttp();
  let endpoints: SearchWebOptions['endpoints'] = {};
  const answer = (req: Recorded, res: ServerResponse): void => {
    const route = Object.keys(ANSWERS).find((p) => req.path === p || (p.endsWith('/') && req.path.startsWith(p)));
    if (!route) return void sendJson(res, { error: `no route for ${req.path}` }, 404);
    sendJson(res, ANSWERS[route]!(req));
  };

  before(async () => {
    await fake.start();
    const b = fake.base;
    endpoints = {
      google_pse: `${b}/pse`,
      brave: `${b}/brave`,
      kagi: `${b}/kagi`,
      mojeek: `${b}/mojeek`,
      bocha: `${b}/bocha?utm_source=ollama`,
      serpstack: `${b}/serpstack`,
      serper: `${b}/serper`,
      serply: `${b}/serply/`,
      tavily: `${b}/tavily`,
      exa: `${b}/exa`,
      searchapi: `${b}/searchapi`,
      serpapi: `${b}/serpapi`,
      jina: `${b}/jina`,
      perplexity: `${b}/perplexity/chat`,
      sougou: `${b}/sougou/`,
      ollama_cloud: `${b}/ollama/api/web_search`,
    };
  });
  after(async () => {
    await fake.stop();
  });
  beforeEach(() => fake.reset(answer));

  const search = (env: Record<string, string>, query = 'open webui', options: SearchWebOptions = {}, overrides: Partial<ConfigValues> = {}): Promise<SearchResult[]> =>
    searchWeb(configOf(env, overrides), query, undefined, { endpoints, timeoutMs: 2000, ...options });
  const only = (): Recorded => {
    assert.equal(fake.requests.length, 1);
    return fake.requests[0]!;
  };

  describe('engines', () => {
    it('searxng: GET the query URL with q, format=json, language; results by score', async () => {
      const out = await search({ WEB_SEARCH_ENGINE: 'searxng', SEARXNG_QUERY_URL: `${fake.base}/searxng/search`, SEARXNG_LANGUAGE: 'de', WEB_SEARCH_RESULT_COUNT: '5' });
      assert.deepEqual(out, [A, B, C]);
      const r = only();
      assert.equal(r.method, 'GET');
      assert.equal(r.query.get('q'), 'open webui');
      assert.equal(r.query.get('format'), 'json');
      assert.equal(r.query.get('language'), 'de');
      assert.equal(r.query.get('pageno'), '1');
      assert.match(String(r.headers['user-agent']), /Open WebUI .* RAG Bot/);
    });

    it('searxng: the legacy <query> URL form has its query string dropped', async () => {
      await search({ WEB_SEARCH_ENGINE: 'searxng', SEARXNG_QUERY_URL: `${fake.base}/searxng/search?q=<query>&x=1` });
      const r = only();
      assert.equal(r.query.get('q'), 'open webui');
      assert.equal(r.query.get('x'), null);
    });

    it('yacy: GET {url}/yacysearch.json with query and maximumRecords; results by ranking', async () => {
      const out = await search({ WEB_SEARCH_ENGINE: 'yacy', YACY_QUERY_URL: `${fake.base}/yacy/`, WEB_SEARCH_RESULT_COUNT: '4' });
      assert.deepEqual(out, [A, B]);
      const r = only();
      assert.equal(r.path, '/yacy/yacysearch.json');
      assert.equal(r.query.get('query'), 'open webui');
      assert.equal(r.query.get('maximumRecords'), '4');
      assert.equal(r.query.get('resource'), 'global');
      assert.equal(r.headers['authorization'], undefined);
    });

    it('yacy: with a username, answers the server’s Digest challenge', async () => {
      const realm = 'YaCy-AdminUI';
      const nonce = 'abc123';
      fake.reset((req, res) => {
        const auth = req.headers['authorization'];
        if (!auth) return void res.writeHead(401, { 'www-authenticate': `Digest realm="${realm}", nonce="${nonce}", qop="auth", algorithm=MD5` }).end('auth');
        const p = parseDigestChallenge(auth)!;
        const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
        const expected = md5(`${md5(`admin:${realm}:s3cret`)}:${nonce}:${p['nc']}:${p['cnonce']}:auth:${md5(`GET:${req.url}`)}`);
        if (p['username'] !== 'admin' || p['uri'] !== req.url || p['response'] !== expected) return void res.writeHead(401).end('bad digest');
        answer(req, res);
      });
      const out = await search({ WEB_SEARCH_ENGINE: 'yacy', YACY_QUERY_URL: `${fake.base}/yacy`, YACY_USERNAME: 'admin', YACY_PASSWORD: 's3cret' });
      assert.deepEqual(out, [A, B]);
      assert.equal(fake.requests.length, 2);
    });

    it('google_pse: cx, key, q, num, start; pages of 10 until the count; Referer = WEBUI_URL', async () => {
      fake.reset((req, res) => {
        const start = Number(req.query.get('start'));
        const num = Number(req.query.get('num'));
        sendJson(res, { items: Array.from({ length: num }, (_, i) => ({ link: `https://r${start + i}.example.com/`, title: `T${start + i}`, snippet: `S${start + i}` })) });
      });
      const out = await search({
        WEB_SEARCH_ENGINE: 'google_pse',
        GOOGLE_PSE_API_KEY: 'gk',
        GOOGLE_PSE_ENGINE_ID: 'cx1',
        WEB_SEARCH_RESULT_COUNT: '12',
        WEBUI_URL: 'https://chat.example.com',
      });
      assert.equal(out.length, 12);
      assert.deepEqual(out[0], { link: 'https://r1.example.com/', title: 'T1', snippet: 'S1' });
      assert.deepEqual(out[11], { link: 'https://r12.example.com/', title: 'T12', snippet: 'S12' });
      assert.deepEqual(
        fake.requests.map((r) => [r.path, r.query.get('cx'), r.query.get('key'), r.query.get('q'), r.query.get('num'), r.query.get('start')]),
        [
          ['/pse', 'cx1', 'gk', 'open webui', '10', '1'],
          ['/pse', 'cx1', 'gk', 'open webui', '2', '11'],
        ],
      );
      assert.equal(fake.requests[0]!.headers['referer'], 'https://chat.example.com');
    });

    it('google_pse: stops at an empty page', async () => {
      fake.reset((req, res) => sendJson(res, req.query.get('start') === '1' ? { items: [{ link: A.link, title: A.title, snippet: A.snippet }] } : {}));
      const out = await search({ WEB_SEARCH_ENGINE: 'google_pse', GOOGLE_PSE_API_KEY: 'gk', GOOGLE_PSE_ENGINE_ID: 'cx1', WEB_SEARCH_RESULT_COUNT: '3' });
      assert.deepEqual(out, [A]);
      assert.equal(fake.requests.length, 2);
    });

    it('brave: GET q & count with X-Subscription-Token', async () => {
      assert.deepEqual(await search({ WEB_SEARCH_ENGINE: 'brave', BRAVE_SEARCH_API_KEY: 'bk', WEB_SEARCH_RESULT_COUNT: '7' }), [A, B]);
      const r = only();
      assert.equal(r.query.get('q'), 'open webui');
      assert.equal(r.query.get('count'), '7');
      assert.equal(r.headers['x-subscription-token'], 'bk');
    });

    it('kagi: Authorization: Bot <key>, q & limit; only result items (t = 0)', async () => {
      assert.deepEqual(await search({ WEB_SEARCH_ENGINE: 'kagi', KAGI_SEARCH_API_KEY: 'kk' }), [A, B]);
      const r = only();
      assert.equal(r.headers['authorization'], 'Bot kk');
      assert.equal(r.query.get('q'), 'open webui');
      assert.equal(r.query.get('limit'), '3');
    });

    it('mojeek: q, api_key, fmt=json, t=<count>', async () => {
      assert.deepEqual(await search({ WEB_SEARCH_ENGINE: 'mojeek', MOJEEK_SEARCH_API_KEY: 'mk' }), [A, B]);
      const r = only();
      assert.deepEqual([r.query.get('q'), r.query.get('api_key'), r.query.get('fmt'), r.query.get('t')], ['open webui', 'mk', 'json', '3']);
    });

    it('bocha: POST {query, summary, freshness, count} with a Bearer key; summary is the snippet', async () => {
      assert.deepEqual(await search({ WEB_SEARCH_ENGINE: 'bocha', BOCHA_SEARCH_API_KEY: 'bo' }), [A, B]);
      const r = only();
      assert.equal(r.method, 'POST');
      assert.equal(r.headers['authorization'], 'Bearer bo');
      assert.deepEqual(r.json, { query: 'open webui', summary: true, freshness: 'noLimit', count: 3 });
    });

    it('serpstack: access_key & query; organic results by position', async () => {
      assert.deepEqual(await search({ WEB_SEARCH_ENGINE: 'serpstack', SERPSTACK_API_KEY: 'ss' }), [A, B]);
      const r = only();
      assert.equal(r.query.get('access_key'), 'ss');
      assert.equal(r.query.get('query'), 'open webui');
    });

    it('serper: POST {q} with X-API-KEY; organic results by position', async () => {
      assert.deepEqual(await search({ WEB_SEARCH_ENGINE: 'serper', SERPER_API_KEY: 'sp' }), [A, B]);
      const r = only();
      assert.equal(r.method, 'POST');
      assert.equal(r.headers['x-api-key'], 'sp');
      assert.deepEqual(r.json, { q: 'open webui' });
    });

    it('serply: parameters in the path, X-API-KEY and proxy headers; results by realPosition', async () => {
      assert.deepEqual(await search({ WEB_SEARCH_ENGINE: 'serply', SERPLY_API_KEY: 'sy' }), [A, B]);
      const r = only();
      assert.equal(r.url, '/serply/q=open+webui&language=en&num=10&gl=US&hl=us');
      assert.equal(r.headers['x-api-key'], 'sy');
      assert.equal(r.headers['x-proxy-location'], 'US');
      assert.equal(r.headers['x-user-agent'], 'desktop');
    });

    it('tavily: POST {query, max_results} with a Bearer key', async () => {
      assert.deepEqual(await search({ WEB_SEARCH_ENGINE: 'tavily', TAVILY_API_KEY: 'tv' }), [A, B]);
      const r = only();
      assert.equal(r.headers['authorization'], 'Bearer tv');
      assert.deepEqual(r.json, { query: 'open webui', max_results: 3 });
    });

    it('exa: POST {query, numResults, contents, type} and the domain filter as include/exclude lists', async () => {
      await search({ WEB_SEARCH_ENGINE: 'exa', EXA_API_KEY: 'ex' }, 'q1', {}, { WEB_SEARCH_DOMAIN_FILTER_LIST: ['example.com', '!docs.example.org'] });
      const r = only();
      assert.equal(r.headers['authorization'], 'Bearer ex');
      assert.deepEqual(r.json, {
        query: 'q1',
        numResults: 3,
        includeDomains: ['example.com'],
        excludeDomains: ['docs.example.org'],
        contents: { text: true, highlights: true },
        type: 'auto',
      });
      fake.reset(answer);
      assert.deepEqual(await search({ WEB_SEARCH_ENGINE: 'exa', EXA_API_KEY: 'ex' }), [A, B]);
      assert.equal((only().json as Record<string, unknown>)['includeDomains'], undefined);
    });

    it('searchapi and serpapi: GET engine (google by default), q, api_key', async () => {
      assert.deepEqual(await search({ WEB_SEARCH_ENGINE: 'searchapi', SEARCHAPI_API_KEY: 'sa' }), [A, B]);
      const r = only();
      assert.deepEqual([r.query.get('engine'), r.query.get('q'), r.query.get('api_key')], ['google', 'open webui', 'sa']);
      fake.reset(answer);
      assert.deepEqual(await search({ WEB_SEARCH_ENGINE: 'serpapi', SERPAPI_API_KEY: 'sp', SERPAPI_ENGINE: 'bing' }), [A, B]);
      const s = only();
      assert.deepEqual([s.path, s.query.get('engine'), s.query.get('api_key')], ['/serpapi', 'bing', 'sp']);
    });

    it('jina: POST {q, count ≤ 10}; a bare key is sent as Bearer', async () => {
      assert.deepEqual(await search({ WEB_SEARCH_ENGINE: 'jina', JINA_API_KEY: 'jina_x', WEB_SEARCH_RESULT_COUNT: '20' }), [A, B]);
      const r = only();
      assert.equal(r.headers['authorization'], 'Bearer jina_x');
      assert.equal(r.headers['accept'], 'application/json');
      assert.equal(r.headers['x-retain-images'], 'none');
      assert.deepEqual(r.json, { q: 'open webui', count: 10 });
    });

    it('bing: GET BING_SEARCH_V7_ENDPOINT with q, mkt = DEFAULT_LOCALE, count and the subscription key', async () => {
      assert.deepEqual(
        await search({ WEB_SEARCH_ENGINE: 'bing', BING_SEARCH_V7_ENDPOINT: `${fake.base}/bing`, BING_SEARCH_V7_SUBSCRIPTION_KEY: 'bg', DEFAULT_LOCALE: 'en-GB' }),
        [A, B],
      );
      const r = only();
      assert.deepEqual([r.query.get('q'), r.query.get('mkt'), r.query.get('count')], ['open webui', 'en-GB', '3']);
      assert.equal(r.headers['ocp-apim-subscription-key'], 'bg');
    });

    it('azure: POST {search, top} to the index with an api-key; fields by their usual names, long snippets cut', async () => {
      const out = await search({
        WEB_SEARCH_ENGINE: 'azure',
        AZURE_AI_SEARCH_API_KEY: 'az',
        AZURE_AI_SEARCH_ENDPOINT: `${fake.base}/azure/`,
        AZURE_AI_SEARCH_INDEX_NAME: 'docs-idx',
      });
      assert.deepEqual(out, [A, { link: B.link, title: B.title, snippet: `${'x'.repeat(497)}...` }]);
      const r = only();
      assert.equal(r.query.get('api-version'), '2024-07-01');
      assert.equal(r.headers['api-key'], 'az');
      assert.deepEqual(r.json, { search: 'open webui', top: 3 });
    });

    it('perplexity: chat completion with the model and context size; citations become results', async () => {
      const out = await search({ WEB_SEARCH_ENGINE: 'perplexity', PERPLEXITY_API_KEY: 'px', PERPLEXITY_MODEL: 'sonar-pro', PERPLEXITY_SEARCH_CONTEXT_USAGE: 'high' });
      assert.deepEqual(out, [
        { link: A.link, title: 'Source 1', snippet: 'The answer [1][2].' },
        { link: B.link, title: 'Beta page', snippet: '' },
        { link: C.link, title: 'Source 3', snippet: '' },
      ]);
      const r = only();
      const body = r.json as { model: string; messages: { role: string; content: string }[]; web_search_options: unknown; stream: boolean };
      assert.equal(r.headers['authorization'], 'Bearer px');
      assert.equal(body.model, 'sonar-pro');
      assert.deepEqual(body.messages[1], { role: 'user', content: 'open webui' });
      assert.equal(body.stream, false);
      assert.deepEqual(body.web_search_options, { search_context_size: 'high' });
    });

    it('perplexity_search: POST {query, max_results} to PERPLEXITY_SEARCH_API_URL, with the user’s headers', async () => {
      const user = { id: 'u1', name: 'Ann', email: 'ann@example.com', role: 'user' };
      const out = await search({ WEB_SEARCH_ENGINE: 'perplexity_search', PERPLEXITY_API_KEY: 'px', PERPLEXITY_SEARCH_API_URL: `${fake.base}/perplexity/search` }, 'open webui', { user });
      assert.deepEqual(out, [A, B]);
      const r = only();
      assert.equal(r.headers['authorization'], 'Bearer px');
      assert.equal(r.headers['x-openwebui-user-id'], 'u1');
      assert.deepEqual(r.json, { query: 'open webui', max_results: 3 });
    });

    it('sougou: a TC3-HMAC-SHA256 signed SearchPro call; pages parsed and sorted by scour', async () => {
      const out = await search({ WEB_SEARCH_ENGINE: 'sougou', SOUGOU_API_SID: 'AKIDtest', SOUGOU_API_SK: 'secret' });
      assert.deepEqual(out, [A, B]);
      const r = only();
      assert.equal(r.method, 'POST');
      assert.equal(r.headers['x-tc-action'], 'SearchPro');
      assert.equal(r.headers['x-tc-version'], '2020-12-29');
      assert.deepEqual(r.json, { Query: 'open webui', Cnt: 20 });
      const timestamp = Number(r.headers['x-tc-timestamp']);
      const expected = tc3Authorization({
        secretId: 'AKIDtest',
        secretKey: 'secret',
        service: 'tms',
        host: String(r.headers['host']),
        payload: r.raw,
        timestamp,
        contentType: String(r.headers['content-type']),
      });
      assert.equal(r.headers['authorization'], expected);
      assert.match(expected, /^TC3-HMAC-SHA256 Credential=AKIDtest\/\d{4}-\d{2}-\d{2}\/tms\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/);
    });

    it('sougou: the TC3 signature matches Tencent Cloud’s published example', () => {
      const payload = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
      assert.equal(
        tc3Authorization({
          secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
          secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******',
          service: 'cvm',
          host: 'cvm.tencentcloudapi.com',
          payload,
          timestamp: 1551113065,
          contentType: 'application/json; charset=utf-8',
        }),
        'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
      );
    });

    it('sougou: a Tencent error answer is an error', async () => {
      fake.reset((_req, res) => sendJson(res, { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'bad signature' }, RequestId: 'x' } }));
      await assert.rejects(search({ WEB_SEARCH_ENGINE: 'sougou', SOUGOU_API_SID: 'a', SOUGOU_API_SK: 'b' }), {
        message: 'Web search engine sougou: AuthFailure.SignatureFailure: bad signature',
      });
    });

    it('firecrawl: POST {base}/v2/search {query, limit, ignoreInvalidURLs} with a Bearer key', async () => {
      const out = await search({ WEB_SEARCH_ENGINE: 'firecrawl', FIRECRAWL_API_BASE_URL: `${fake.base}/firecrawl/`, FIRECRAWL_API_KEY: 'fc-1' });
      assert.deepEqual(out, [A, B]);
      const r = only();
      assert.equal(r.path, '/firecrawl/v2/search');
      assert.equal(r.headers['authorization'], 'Bearer fc-1');
      assert.deepEqual(r.json, { query: 'open webui', limit: 3, ignoreInvalidURLs: true });
    });

    it('external: POST {query, count} with the key, user headers and chat id; the answer is the list', async () => {
      const user = { id: 'u2', name: 'Bob', email: 'bob@example.com', role: 'admin' };
      const out = await search(
        { WEB_SEARCH_ENGINE: 'external', EXTERNAL_WEB_SEARCH_URL: `${fake.base}/external`, EXTERNAL_WEB_SEARCH_API_KEY: 'ext' },
        'open webui',
        { user, chatId: 'chat-9' },
      );
      assert.deepEqual(out, [A, B]);
      const r = only();
      assert.equal(r.headers['authorization'], 'Bearer ext');
      assert.equal(r.headers['x-openwebui-user-email'], 'bob@example.com');
      assert.equal(r.headers['x-openwebui-chat-id'], 'chat-9');
      assert.deepEqual(r.json, { query: 'open webui', count: 3 });
    });

    it('ollama_cloud: POST /api/web_search {query, max_results} with a Bearer key', async () => {
      assert.deepEqual(await search({ WEB_SEARCH_ENGINE: 'ollama_cloud', OLLAMA_CLOUD_API_KEY: 'ol' }), [A, B]);
      const r = only();
      assert.equal(r.headers['authorization'], 'Bearer ol');
      assert.deepEqual(r.json, { query: 'open webui', max_results: 3 });
    });

    it('every engine name of the reference but duckduckgo is implemented', () => {
      const named = ['ollama_cloud', 'perplexity_search', 'searxng', 'yacy', 'google_pse', 'brave', 'kagi', 'mojeek', 'bocha', 'serpstack', 'serper', 'serply', 'duckduckgo', 'tavily', 'exa', 'searchapi', 'serpapi', 'jina', 'bing', 'azure', 'perplexity', 'sougou', 'firecrawl', 'external'];
      assert.deepEqual(named.filter((n) => !WEB_SEARCH_ENGINES.includes(n)), ['duckduckgo']);
    });
  });

  describe('results', () => {
    it('WEB_SEARCH_RESULT_COUNT cuts the results', async () => {
      assert.deepEqual(await search({ WEB_SEARCH_ENGINE: 'searxng', SEARXNG_QUERY_URL: `${fake.base}/searxng/search`, WEB_SEARCH_RESULT_COUNT: '2' }), [A, B]);
      fake.reset(answer);
      assert.deepEqual(await search({ WEB_SEARCH_ENGINE: 'perplexity', PERPLEXITY_API_KEY: 'px', WEB_SEARCH_RESULT_COUNT: '1' }), [
        { link: A.link, title: 'Source 1', snippet: 'The answer [1][2].' },
      ]);
    });

    it('WEB_SEARCH_DOMAIN_FILTER_LIST keeps listed domains and their subdomains, drops `!` ones', async () => {
      const env = { WEB_SEARCH_ENGINE: 'searxng', SEARXNG_QUERY_URL: `${fake.base}/searxng/search`, WEB_SEARCH_RESULT_COUNT: '10' };
      assert.deepEqual(await search(env, 'q', {}, { WEB_SEARCH_DOMAIN_FILTER_LIST: ['example.com', 'example.org'] }), [A, B]);
      assert.deepEqual(await search(env, 'q', {}, { WEB_SEARCH_DOMAIN_FILTER_LIST: ['!example.org'] }), [A, C]);
      assert.deepEqual(await search(env, 'q', {}, { WEB_SEARCH_DOMAIN_FILTER_LIST: ['example.com', 'example.org', '!docs.example.org'] }), [A]);
      assert.deepEqual(await search(env, 'q', {}, { WEB_SEARCH_DOMAIN_FILTER_LIST: [] }), [A, B, C]);
    });

    it('the filter matches whole labels, ignores case and ports, and drops links that are not http(s) URLs', () => {
      const rs: SearchResult[] = [
        { link: 'https://Example.COM:8443/x' },
        { link: 'https://notexample.com/' },
        { link: 'https://sub.example.com./y' },
        { link: 'ftp://example.com/file' },
        { link: 'not a url' },
      ];
      assert.deepEqual(filterResults(rs, ['example.com']).map((r) => r.link), ['https://Example.COM:8443/x', 'https://sub.example.com./y']);
      assert.deepEqual(filterResults(rs, ['.com']).map((r) => r.link), ['https://Example.COM:8443/x', 'https://notexample.com/', 'https://sub.example.com./y']);
      assert.deepEqual(filterResults(rs, []), rs);
    });
  });

  describe('errors', () => {
    it('a missing credential is named as Open WebUI names it, before any request', async () => {
      const cases: [Record<string, string>, string][] = [
        [{ WEB_SEARCH_ENGINE: 'searxng' }, 'No SEARXNG_QUERY_URL found in environment variables'],
        [{ WEB_SEARCH_ENGINE: 'brave' }, 'No BRAVE_SEARCH_API_KEY found in environment variables'],
        [{ WEB_SEARCH_ENGINE: 'google_pse', GOOGLE_PSE_API_KEY: 'k' }, 'No GOOGLE_PSE_API_KEY or GOOGLE_PSE_ENGINE_ID found in environment variables'],
        [{ WEB_SEARCH_ENGINE: 'perplexity_search' }, 'No PERPLEXITY_API_KEY found in environment variables'],
        [{ WEB_SEARCH_ENGINE: 'sougou', SOUGOU_API_SID: 'x' }, 'No SOUGOU_API_SID or SOUGOU_API_SK found in environment variables'],
        [{ WEB_SEARCH_ENGINE: 'azure' }, 'AZURE_AI_SEARCH_API_KEY, AZURE_AI_SEARCH_ENDPOINT, and AZURE_AI_SEARCH_INDEX_NAME are required for Azure AI Search'],
        [{ WEB_SEARCH_ENGINE: 'external' }, 'No EXTERNAL_WEB_SEARCH_URL found in environment variables'],
      ];
      for (const [env, message] of cases) await assert.rejects(search(env), { name: 'WebSearchConfigError', message });
      assert.equal(fake.requests.length, 0);
    });

    it('unknown or empty engine → upstream’s text; duckduckgo → not supported', async () => {
      await assert.rejects(search({ WEB_SEARCH_ENGINE: 'altavista' }), { message: 'No search engine API key found in environment variables' });
      await assert.rejects(search({}), { message: 'No search engine API key found in environment variables' });
      await assert.rejects(search({ WEB_SEARCH_ENGINE: 'duckduckgo' }), { message: 'duckduckgo web search is not supported' });
    });

    it('an engine HTTP error names the engine, the status and the body', async () => {
      fake.reset((_req, res) => sendJson(res, { error: { message: 'Invalid subscription token' } }, 422));
      await assert.rejects(search({ WEB_SEARCH_ENGINE: 'brave', BRAVE_SEARCH_API_KEY: 'bad' }), {
        name: 'UpstreamError',
        message: 'Web search engine brave: HTTP 422: {"error":{"message":"Invalid subscription token"}}',
      });
    });

    it('a slow engine times out; an answer that is not JSON is an error', async () => {
      fake.reset(() => undefined);
      await assert.rejects(search({ WEB_SEARCH_ENGINE: 'tavily', TAVILY_API_KEY: 't' }, 'q', { timeoutMs: 100 }), { message: 'Web search engine tavily: timed out after 0.1 s' });
      fake.reset((_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>captcha</html>'));
      await assert.rejects(search({ WEB_SEARCH_ENGINE: 'serper', SERPER_API_KEY: 's' }), { message: 'Web search engine serper: the response is not JSON: <html>captcha</html>' });
    });

    it('an injected fetcher is used for the request', async () => {
      const seen: string[] = [];
      const fetcher = async (input: string | URL): Promise<Response> => {
        seen.push(String(input));
        return new Response(JSON.stringify({ results: [{ url: A.link, title: A.title, content: A.snippet }] }), { status: 200 });
      };
      const out = await searchWeb(configOf({ WEB_SEARCH_ENGINE: 'tavily', TAVILY_API_KEY: 't' }), 'q', fetcher);
      assert.deepEqual(out, [A]);
      assert.deepEqual(seen, ['https://api.tavily.com/search']);
    });
  });

  it('digest helper: MD5-sess and SHA-256 answers are computed per RFC 7616', () => {
    const ch = parseDigestChallenge('Digest realm="r", nonce="n", qop="auth,auth-int", algorithm=SHA-256, opaque="o"')!;
    assert.deepEqual(ch, { realm: 'r', nonce: 'n', qop: 'auth,auth-int', algorithm: 'SHA-256', opaque: 'o' });
    const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
    const header = digestAuthorization(ch, 'GET', '/p', 'u', 'pw', 'c');
    const expected = sha(`${sha('u:r:pw')}:n:00000001:c:auth:${sha('GET:/p')}`);
    assert.ok(header.includes(`response="${expected}"`), header);
    assert.ok(header.includes('opaque="o"'));
    assert.equal(parseDigestChallenge('Basic realm="x"'), undefined);
  });
});
