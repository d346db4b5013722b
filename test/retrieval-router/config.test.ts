// The retrieval router's settings routes: GET / (no sign-in), the embedding settings and the
// document + web search settings (/config, /config/update): defaults, update semantics, coercion,
// validation, permissions and persistence.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAndUser, startServer, testEnv, type Account, type TestServer } from '../helpers/server.ts';

const BASE = '/api/v1/retrieval';
const ACCESS_PROHIBITED = 'You do not have permission to access this resource. Please contact your administrator for assistance.';

/** api-rest.md §2.4: every top-level key of RagConfig, then every key of its `web` object. */
const TOP_KEYS = [
  'RAG_TEMPLATE', 'TOP_K', 'BYPASS_EMBEDDING_AND_RETRIEVAL', 'RAG_FULL_CONTEXT',
  'ENABLE_RAG_HYBRID_SEARCH', 'ENABLE_RAG_HYBRID_SEARCH_ENRICHED_TEXTS', 'TOP_K_RERANKER', 'RELEVANCE_THRESHOLD', 'HYBRID_BM25_WEIGHT',
  'CONTENT_EXTRACTION_ENGINE', 'PDF_EXTRACT_IMAGES', 'DATALAB_MARKER_API_KEY', 'DATALAB_MARKER_API_BASE_URL',
  'DATALAB_MARKER_ADDITIONAL_CONFIG', 'DATALAB_MARKER_SKIP_CACHE', 'DATALAB_MARKER_FORCE_OCR', 'DATALAB_MARKER_PAGINATE',
  'DATALAB_MARKER_STRIP_EXISTING_OCR', 'DATALAB_MARKER_DISABLE_IMAGE_EXTRACTION', 'DATALAB_MARKER_FORMAT_LINES',
  'DATALAB_MARKER_USE_LLM', 'DATALAB_MARKER_OUTPUT_FORMAT', 'EXTERNAL_DOCUMENT_LOADER_URL', 'EXTERNAL_DOCUMENT_LOADER_API_KEY',
  'TIKA_SERVER_URL', 'DOCLING_SERVER_URL', 'DOCLING_API_KEY', 'DOCLING_PARAMS', 'DOCUMENT_INTELLIGENCE_ENDPOINT',
  'DOCUMENT_INTELLIGENCE_KEY', 'DOCUMENT_INTELLIGENCE_MODEL', 'MISTRAL_OCR_API_BASE_URL', 'MISTRAL_OCR_API_KEY',
  'MINERU_API_MODE', 'MINERU_API_URL', 'MINERU_API_KEY', 'MINERU_API_TIMEOUT', 'MINERU_PARAMS',
  'RAG_RERANKING_MODEL', 'RAG_RERANKING_ENGINE', 'RAG_EXTERNAL_RERANKER_URL', 'RAG_EXTERNAL_RERANKER_API_KEY', 'RAG_EXTERNAL_RERANKER_TIMEOUT',
  'TEXT_SPLITTER', 'CHUNK_SIZE', 'CHUNK_OVERLAP',
  'FILE_MAX_SIZE', 'FILE_MAX_COUNT', 'FILE_IMAGE_COMPRESSION_WIDTH', 'FILE_IMAGE_COMPRESSION_HEIGHT', 'ALLOWED_FILE_EXTENSIONS',
  'ENABLE_GOOGLE_DRIVE_INTEGRATION', 'ENABLE_ONEDRIVE_INTEGRATION',
];
const WEB_KEYS = [
  'ENABLE_WEB_SEARCH', 'WEB_SEARCH_ENGINE', 'WEB_SEARCH_TRUST_ENV', 'WEB_SEARCH_RESULT_COUNT', 'WEB_SEARCH_CONCURRENT_REQUESTS',
  'WEB_LOADER_CONCURRENT_REQUESTS', 'WEB_SEARCH_DOMAIN_FILTER_LIST', 'BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL',
  'BYPASS_WEB_SEARCH_WEB_LOADER', 'OLLAMA_CLOUD_WEB_SEARCH_API_KEY', 'SEARXNG_QUERY_URL', 'SEARXNG_LANGUAGE', 'YACY_QUERY_URL',
  'YACY_USERNAME', 'YACY_PASSWORD', 'GOOGLE_PSE_API_KEY', 'GOOGLE_PSE_ENGINE_ID', 'BRAVE_SEARCH_API_KEY', 'KAGI_SEARCH_API_KEY',
  'MOJEEK_SEARCH_API_KEY', 'BOCHA_SEARCH_API_KEY', 'SERPSTACK_API_KEY', 'SERPSTACK_HTTPS', 'SERPER_API_KEY', 'SERPLY_API_KEY',
  'TAVILY_API_KEY', 'SEARCHAPI_API_KEY', 'SEARCHAPI_ENGINE', 'SERPAPI_API_KEY', 'SERPAPI_ENGINE', 'JINA_API_KEY',
  'BING_SEARCH_V7_ENDPOINT', 'BING_SEARCH_V7_SUBSCRIPTION_KEY', 'EXA_API_KEY', 'PERPLEXITY_API_KEY', 'PERPLEXITY_MODEL',
  'PERPLEXITY_SEARCH_CONTEXT_USAGE', 'PERPLEXITY_SEARCH_API_URL', 'SOUGOU_API_SID', 'SOUGOU_API_SK', 'WEB_LOADER_ENGINE',
  'WEB_LOADER_TIMEOUT', 'ENABLE_WEB_LOADER_SSL_VERIFICATION', 'PLAYWRIGHT_WS_URL', 'PLAYWRIGHT_TIMEOUT', 'FIRECRAWL_API_KEY',
  'FIRECRAWL_API_BASE_URL', 'TAVILY_EXTRACT_DEPTH', 'EXTERNAL_WEB_SEARCH_URL', 'EXTERNAL_WEB_SEARCH_API_KEY',
  'EXTERNAL_WEB_LOADER_URL', 'EXTERNAL_WEB_LOADER_API_KEY', 'YOUTUBE_LOADER_LANGUAGE', 'YOUTUBE_LOADER_PROXY_URL',
  'YOUTUBE_LOADER_TRANSLATION',
];

/** Open WebUI 0.6.43's defaults (config.py) for an empty environment; RAG_TEMPLATE is this project's own text. */
const TOP_DEFAULTS: Record<string, unknown> = {
  TOP_K: 3, BYPASS_EMBEDDING_AND_RETRIEVAL: false, RAG_FULL_CONTEXT: false,
  ENABLE_RAG_HYBRID_SEARCH: false, ENABLE_RAG_HYBRID_SEARCH_ENRICHED_TEXTS: false, TOP_K_RERANKER: 3, RELEVANCE_THRESHOLD: 0, HYBRID_BM25_WEIGHT: 0.5,
  CONTENT_EXTRACTION_ENGINE: '', PDF_EXTRACT_IMAGES: false, DATALAB_MARKER_API_KEY: '', DATALAB_MARKER_API_BASE_URL: '',
  DATALAB_MARKER_ADDITIONAL_CONFIG: '', DATALAB_MARKER_SKIP_CACHE: false, DATALAB_MARKER_FORCE_OCR: false, DATALAB_MARKER_PAGINATE: false,
  DATALAB_MARKER_STRIP_EXISTING_OCR: false, DATALAB_MARKER_DISABLE_IMAGE_EXTRACTION: false, DATALAB_MARKER_FORMAT_LINES: false,
  DATALAB_MARKER_USE_LLM: false, DATALAB_MARKER_OUTPUT_FORMAT: 'markdown', EXTERNAL_DOCUMENT_LOADER_URL: '', EXTERNAL_DOCUMENT_LOADER_API_KEY: '',
  TIKA_SERVER_URL: 'http://tika:9998', DOCLING_SERVER_URL: 'http://docling:5001', DOCLING_API_KEY: '', DOCLING_PARAMS: {},
  DOCUMENT_INTELLIGENCE_ENDPOINT: '', DOCUMENT_INTELLIGENCE_KEY: '', DOCUMENT_INTELLIGENCE_MODEL: 'prebuilt-layout',
  MISTRAL_OCR_API_BASE_URL: 'https://api.mistral.ai/v1', MISTRAL_OCR_API_KEY: '',
  MINERU_API_MODE: 'local', MINERU_API_URL: 'http://localhost:8000', MINERU_API_KEY: '', MINERU_API_TIMEOUT: '300', MINERU_PARAMS: {},
  RAG_RERANKING_MODEL: '', RAG_RERANKING_ENGINE: '', RAG_EXTERNAL_RERANKER_URL: '', RAG_EXTERNAL_RERANKER_API_KEY: '', RAG_EXTERNAL_RERANKER_TIMEOUT: '',
  TEXT_SPLITTER: '', CHUNK_SIZE: 1000, CHUNK_OVERLAP: 100,
  FILE_MAX_SIZE: null, FILE_MAX_COUNT: null, FILE_IMAGE_COMPRESSION_WIDTH: null, FILE_IMAGE_COMPRESSION_HEIGHT: null, ALLOWED_FILE_EXTENSIONS: [],
  ENABLE_GOOGLE_DRIVE_INTEGRATION: false, ENABLE_ONEDRIVE_INTEGRATION: false,
};
const WEB_DEFAULTS: Record<string, unknown> = {
  ENABLE_WEB_SEARCH: false, WEB_SEARCH_ENGINE: '', WEB_SEARCH_TRUST_ENV: false, WEB_SEARCH_RESULT_COUNT: 3, WEB_SEARCH_CONCURRENT_REQUESTS: 0,
  WEB_LOADER_CONCURRENT_REQUESTS: 10, WEB_SEARCH_DOMAIN_FILTER_LIST: [], BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL: false,
  BYPASS_WEB_SEARCH_WEB_LOADER: false, OLLAMA_CLOUD_WEB_SEARCH_API_KEY: '', SEARXNG_QUERY_URL: '', SEARXNG_LANGUAGE: 'all', YACY_QUERY_URL: '',
  YACY_USERNAME: '', YACY_PASSWORD: '', GOOGLE_PSE_API_KEY: '', GOOGLE_PSE_ENGINE_ID: '', BRAVE_SEARCH_API_KEY: '', KAGI_SEARCH_API_KEY: '',
  MOJEEK_SEARCH_API_KEY: '', BOCHA_SEARCH_API_KEY: '', SERPSTACK_API_KEY: '', SERPSTACK_HTTPS: true, SERPER_API_KEY: '', SERPLY_API_KEY: '',
  TAVILY_API_KEY: '', SEARCHAPI_API_KEY: '', SEARCHAPI_ENGINE: '', SERPAPI_API_KEY: '', SERPAPI_ENGINE: '', JINA_API_KEY: '',
  BING_SEARCH_V7_ENDPOINT: 'https://api.bing.microsoft.com/v7.0/search', BING_SEARCH_V7_SUBSCRIPTION_KEY: '', EXA_API_KEY: '',
  PERPLEXITY_API_KEY: '', PERPLEXITY_MODEL: 'sonar', PERPLEXITY_SEARCH_CONTEXT_USAGE: 'medium',
  PERPLEXITY_SEARCH_API_URL: 'https://api.perplexity.ai/search', SOUGOU_API_SID: '', SOUGOU_API_SK: '', WEB_LOADER_ENGINE: '',
  WEB_LOADER_TIMEOUT: '', ENABLE_WEB_LOADER_SSL_VERIFICATION: true, PLAYWRIGHT_WS_URL: '', PLAYWRIGHT_TIMEOUT: 10000, FIRECRAWL_API_KEY: '',
  FIRECRAWL_API_BASE_URL: 'https://api.firecrawl.dev', TAVILY_EXTRACT_DEPTH: 'basic', EXTERNAL_WEB_SEARCH_URL: '',
  EXTERNAL_WEB_SEARCH_API_KEY: '', EXTERNAL_WEB_LOADER_URL: '', EXTERNAL_WEB_LOADER_API_KEY: '', YOUTUBE_LOADER_LANGUAGE: ['en'],
  YOUTUBE_LOADER_PROXY_URL: '', YOUTUBE_LOADER_TRANSLATION: null,
};

const EMBEDDING_DEFAULTS = {
  status: true,
  RAG_EMBEDDING_ENGINE: '',
  RAG_EMBEDDING_MODEL: 'sentence-transformers/all-MiniLM-L6-v2',
  RAG_EMBEDDING_BATCH_SIZE: 1,
  ENABLE_ASYNC_EMBEDDING: true,
  openai_config: { url: 'https://api.openai.com/v1', key: '' },
  ollama_config: { url: 'http://localhost:11434', key: '' },
  azure_openai_config: { url: '', key: '', version: '' },
};

async function getConfig(server: TestServer, admin: Account): Promise<Record<string, any>> {
  const res = await server.request('GET', `${BASE}/config`, { token: admin.token });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

async function update(server: TestServer, admin: Account, body: unknown): Promise<Record<string, any>> {
  const res = await server.request('POST', `${BASE}/config/update`, { token: admin.token, body });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

describe('retrieval settings', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
  });
  after(async () => {
    await server.close();
  });

  it('GET / answers the chunking and embedding summary without sign-in', async () => {
    const res = await server.request('GET', `${BASE}/`);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(Object.keys(res.body), [
      'status', 'CHUNK_SIZE', 'CHUNK_OVERLAP', 'RAG_TEMPLATE', 'RAG_EMBEDDING_ENGINE', 'RAG_EMBEDDING_MODEL',
      'RAG_RERANKING_MODEL', 'RAG_EMBEDDING_BATCH_SIZE', 'ENABLE_ASYNC_EMBEDDING',
    ]);
    assert.equal(res.body.status, true);
    assert.equal(res.body.CHUNK_SIZE, 1000);
    assert.equal(res.body.CHUNK_OVERLAP, 100);
    assert.match(res.body.RAG_TEMPLATE, /\{\{CONTEXT\}\}/);
    assert.equal(res.body.RAG_EMBEDDING_ENGINE, '');
    assert.equal(res.body.RAG_EMBEDDING_MODEL, 'sentence-transformers/all-MiniLM-L6-v2');
    assert.equal(res.body.RAG_RERANKING_MODEL, '');
    assert.equal(res.body.RAG_EMBEDDING_BATCH_SIZE, 1);
    assert.equal(res.body.ENABLE_ASYNC_EMBEDDING, true);
  });

  it('GET /config answers every setting of the reference table with its default', async () => {
    const config = await getConfig(server, admin);
    assert.deepEqual(Object.keys(config), ['status', ...TOP_KEYS, 'web']);
    assert.deepEqual(Object.keys(config.web), WEB_KEYS);
    assert.equal(config.status, true);
    for (const [key, value] of Object.entries(TOP_DEFAULTS)) assert.deepEqual(config[key], value, key);
    assert.deepEqual(config.web, WEB_DEFAULTS);
    assert.equal(typeof config.RAG_TEMPLATE, 'string');
  });

  it('GET /embedding answers the engine, model and the three connections', async () => {
    const res = await server.request('GET', `${BASE}/embedding`, { token: admin.token });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, EMBEDDING_DEFAULTS);
  });

  it('admin routes refuse a user (401 ACCESS_PROHIBITED) and a caller without a token (401)', async () => {
    const routes: [string, string, unknown][] = [
      ['GET', '/embedding', undefined],
      ['POST', '/embedding/update', { RAG_EMBEDDING_ENGINE: 'openai', RAG_EMBEDDING_MODEL: 'x' }],
      ['GET', '/config', undefined],
      ['POST', '/config/update', { TOP_K: 9 }],
    ];
    for (const [method, path, body] of routes) {
      const asUser = await server.request(method, BASE + path, { token: user.token, body });
      assert.equal(asUser.status, 401, `${method} ${path}`);
      assert.equal(asUser.body.detail, ACCESS_PROHIBITED);
      const anonymous = await server.request(method, BASE + path, { body });
      assert.equal(anonymous.status, 401, `${method} ${path} without a token`);
      assert.equal(typeof anonymous.body.detail, 'string');
    }
    const config = await getConfig(server, admin);
    assert.equal(config.TOP_K, 3, 'a refused update wrote nothing');
    const embedding = await server.request('GET', `${BASE}/embedding`, { token: admin.token });
    assert.equal(embedding.body.RAG_EMBEDDING_ENGINE, '');
  });

  it('an update round-trips settings of every group, the web block included', async () => {
    const body = {
      RAG_TEMPLATE: 'Use {{CONTEXT}} to answer.',
      TOP_K: 7,
      RAG_FULL_CONTEXT: true,
      ENABLE_RAG_HYBRID_SEARCH: true,
      ENABLE_RAG_HYBRID_SEARCH_ENRICHED_TEXTS: true,
      TOP_K_RERANKER: 4,
      RELEVANCE_THRESHOLD: 0.25,
      HYBRID_BM25_WEIGHT: 0.3,
      CONTENT_EXTRACTION_ENGINE: 'tika',
      TIKA_SERVER_URL: 'http://tika.internal:9998',
      DOCLING_PARAMS: { do_ocr: true, ocr_lang: ['en', 'de'] },
      MINERU_PARAMS: { backend: 'pipeline' },
      DATALAB_MARKER_FORMAT_LINES: true,
      RAG_RERANKING_ENGINE: 'external',
      RAG_RERANKING_MODEL: 'rerank-v3',
      RAG_EXTERNAL_RERANKER_URL: 'http://reranker/v1/rerank',
      RAG_EXTERNAL_RERANKER_TIMEOUT: '30',
      TEXT_SPLITTER: 'token',
      CHUNK_SIZE: 512,
      CHUNK_OVERLAP: 64,
      FILE_MAX_SIZE: 25,
      FILE_MAX_COUNT: 5,
      FILE_IMAGE_COMPRESSION_WIDTH: 1024,
      FILE_IMAGE_COMPRESSION_HEIGHT: 768,
      ALLOWED_FILE_EXTENSIONS: ['pdf', 'md'],
      ENABLE_GOOGLE_DRIVE_INTEGRATION: true,
      ENABLE_ONEDRIVE_INTEGRATION: true,
      web: {
        ...WEB_DEFAULTS,
        ENABLE_WEB_SEARCH: true,
        WEB_SEARCH_ENGINE: 'searxng',
        SEARXNG_QUERY_URL: 'http://searxng:8080/search?q=<query>',
        WEB_SEARCH_RESULT_COUNT: 6,
        WEB_SEARCH_DOMAIN_FILTER_LIST: ['example.com', '!spam.example'],
        ENABLE_WEB_LOADER_SSL_VERIFICATION: false,
        PLAYWRIGHT_TIMEOUT: 5000,
        YOUTUBE_LOADER_LANGUAGE: ['de', 'en'],
        YOUTUBE_LOADER_TRANSLATION: 'fr',
      },
    };
    const answered = await update(server, admin, body);
    const config = await getConfig(server, admin);
    assert.deepEqual(answered, config, 'the update answers what GET then reads');
    for (const [key, value] of Object.entries(body)) {
      if (key !== 'web') assert.deepEqual(config[key], value, key);
    }
    assert.deepEqual(config.web, body.web);
    // Untouched settings keep their values.
    assert.equal(config.PDF_EXTRACT_IMAGES, false);
    assert.equal(config.DOCUMENT_INTELLIGENCE_MODEL, 'prebuilt-layout');
    // GET / follows.
    const status = await server.request('GET', `${BASE}/`);
    assert.equal(status.body.CHUNK_SIZE, 512);
    assert.equal(status.body.RAG_TEMPLATE, 'Use {{CONTEXT}} to answer.');
    assert.equal(status.body.RAG_RERANKING_MODEL, 'rerank-v3');
  });

  it('posting back what GET answered (as the admin UI does) changes nothing', async () => {
    const before = await getConfig(server, admin);
    const answered = await update(server, admin, before);
    assert.deepEqual(answered, before);
    assert.deepEqual(await getConfig(server, admin), before);
  });

  it('null or absent keeps a setting, but the upload limits are always written (absent = unlimited)', async () => {
    await update(server, admin, { TOP_K: 8, CHUNK_SIZE: 700, FILE_MAX_SIZE: 10, FILE_MAX_COUNT: 3, FILE_IMAGE_COMPRESSION_WIDTH: 640, FILE_IMAGE_COMPRESSION_HEIGHT: 480 });
    const before = await getConfig(server, admin);
    const after = await update(server, admin, { TOP_K: null, CHUNK_SIZE: null, RAG_TEMPLATE: null, DOCLING_PARAMS: null, ALLOWED_FILE_EXTENSIONS: null, FILE_MAX_COUNT: 4 });
    assert.equal(after.TOP_K, 8);
    assert.equal(after.CHUNK_SIZE, 700);
    assert.equal(after.RAG_TEMPLATE, before.RAG_TEMPLATE);
    assert.deepEqual(after.DOCLING_PARAMS, before.DOCLING_PARAMS);
    assert.deepEqual(after.ALLOWED_FILE_EXTENSIONS, before.ALLOWED_FILE_EXTENSIONS);
    assert.equal(after.FILE_MAX_COUNT, 4);
    assert.equal(after.FILE_MAX_SIZE, null);
    assert.equal(after.FILE_IMAGE_COMPRESSION_WIDTH, null);
    assert.equal(after.FILE_IMAGE_COMPRESSION_HEIGHT, null);
    assert.deepEqual(after.web, before.web, 'no web block: web settings untouched');
    const { FILE_MAX_SIZE, FILE_MAX_COUNT, FILE_IMAGE_COMPRESSION_WIDTH, FILE_IMAGE_COMPRESSION_HEIGHT, ...rest } = after;
    const { FILE_MAX_SIZE: a, FILE_MAX_COUNT: b, FILE_IMAGE_COMPRESSION_WIDTH: c, FILE_IMAGE_COMPRESSION_HEIGHT: d, ...restBefore } = before;
    assert.deepEqual(rest, restBefore, 'nothing else changed');
    assert.deepEqual(await getConfig(server, admin), after);
  });

  it('a web block replaces every web setting: the ones it leaves out or sends null go back to their defaults', async () => {
    await update(server, admin, {
      web: { ...WEB_DEFAULTS, ENABLE_WEB_SEARCH: true, WEB_SEARCH_ENGINE: 'brave', BRAVE_SEARCH_API_KEY: 'brave-key', WEB_SEARCH_RESULT_COUNT: 9, YOUTUBE_LOADER_TRANSLATION: 'de' },
    });
    const after = await update(server, admin, { web: { ENABLE_WEB_SEARCH: true, WEB_SEARCH_ENGINE: 'tavily', TAVILY_API_KEY: 'tvly', WEB_SEARCH_RESULT_COUNT: null } });
    assert.equal(after.web.BRAVE_SEARCH_API_KEY, '');
    assert.equal(after.web.YOUTUBE_LOADER_TRANSLATION, null);
    assert.deepEqual(after.web, { ...WEB_DEFAULTS, ENABLE_WEB_SEARCH: true, WEB_SEARCH_ENGINE: 'tavily', TAVILY_API_KEY: 'tvly' });
  });

  it('reads numbers and booleans the way pydantic does: numeric strings, 0/1, "true"', async () => {
    const after = await update(server, admin, {
      TOP_K: '5',
      RELEVANCE_THRESHOLD: '0.4',
      PDF_EXTRACT_IMAGES: 'true',
      RAG_FULL_CONTEXT: 0,
      MINERU_API_TIMEOUT: 120,
      status: true,
      UNKNOWN_SETTING: 'ignored',
      web: { WEB_SEARCH_RESULT_COUNT: '4', WEB_LOADER_CONCURRENT_REQUESTS: ' 2 ', PLAYWRIGHT_TIMEOUT: '3000', ENABLE_WEB_SEARCH: 1 },
    });
    assert.equal(after.TOP_K, 5);
    assert.equal(after.RELEVANCE_THRESHOLD, 0.4);
    assert.equal(after.PDF_EXTRACT_IMAGES, true);
    assert.equal(after.RAG_FULL_CONTEXT, false);
    assert.equal(after.MINERU_API_TIMEOUT, '120', 'the admin UI sends this text setting from a number input');
    assert.equal(after.UNKNOWN_SETTING, undefined);
    assert.equal(after.web.WEB_SEARCH_RESULT_COUNT, 4);
    assert.equal(after.web.WEB_LOADER_CONCURRENT_REQUESTS, 2);
    assert.equal(after.web.PLAYWRIGHT_TIMEOUT, 3000);
    assert.equal(after.web.ENABLE_WEB_SEARCH, true);
  });

  it('wrong types answer 422 in FastAPI\'s shape and write nothing', async () => {
    const before = await getConfig(server, admin);
    const cases: [Record<string, unknown>, (string | number)[], string][] = [
      [{ TOP_K: 'many', CHUNK_SIZE: 300 }, ['body', 'TOP_K'], 'int_type'],
      [{ TOP_K: 2.5 }, ['body', 'TOP_K'], 'int_type'],
      [{ PDF_EXTRACT_IMAGES: 'maybe', TOP_K: 4 }, ['body', 'PDF_EXTRACT_IMAGES'], 'bool_type'],
      [{ RELEVANCE_THRESHOLD: 'high' }, ['body', 'RELEVANCE_THRESHOLD'], 'float_type'],
      [{ RAG_TEMPLATE: 42 }, ['body', 'RAG_TEMPLATE'], 'string_type'],
      [{ DOCLING_PARAMS: ['a'] }, ['body', 'DOCLING_PARAMS'], 'dict_type'],
      [{ ALLOWED_FILE_EXTENSIONS: 'pdf' }, ['body', 'ALLOWED_FILE_EXTENSIONS'], 'list_type'],
      [{ FILE_MAX_SIZE: -1 }, ['body', 'FILE_MAX_SIZE'], 'greater_than_equal'],
      [{ CHUNK_SIZE: 0 }, ['body', 'CHUNK_SIZE'], 'greater_than_equal'],
      [{ web: { ENABLE_WEB_SEARCH: true, WEB_SEARCH_RESULT_COUNT: 'ten' } }, ['body', 'web', 'WEB_SEARCH_RESULT_COUNT'], 'int_type'],
      [{ web: { WEB_SEARCH_DOMAIN_FILTER_LIST: [1] } }, ['body', 'web', 'WEB_SEARCH_DOMAIN_FILTER_LIST', 0], 'string_type'],
      [{ web: 'on' }, ['body', 'web'], 'dict_type'],
    ];
    for (const [body, loc, type] of cases) {
      const res = await server.request('POST', `${BASE}/config/update`, { token: admin.token, body });
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.ok(Array.isArray(res.body.detail), res.text);
      assert.deepEqual(res.body.detail[0].loc, loc, JSON.stringify(body));
      assert.equal(res.body.detail[0].type, type, JSON.stringify(body));
      assert.equal(typeof res.body.detail[0].msg, 'string');
    }
    const malformed = await server.request('POST', `${BASE}/config/update`, { token: admin.token, raw: '{"TOP_K": ' });
    assert.equal(malformed.status, 422);
    assert.deepEqual(await getConfig(server, admin), before);
  });

  it('hybrid search is switched off when the reranker cannot be built (a timeout that is not an integer)', async () => {
    const ok = await update(server, admin, { ENABLE_RAG_HYBRID_SEARCH: true, RAG_EXTERNAL_RERANKER_TIMEOUT: '45' });
    assert.equal(ok.ENABLE_RAG_HYBRID_SEARCH, true);
    const broken = await update(server, admin, { ENABLE_RAG_HYBRID_SEARCH: true, RAG_EXTERNAL_RERANKER_TIMEOUT: 'soon' });
    assert.equal(broken.ENABLE_RAG_HYBRID_SEARCH, false);
    assert.equal(broken.RAG_EXTERNAL_RERANKER_TIMEOUT, 'soon');
    // Bypassing retrieval builds no reranker, so nothing is switched off.
    const bypass = await update(server, admin, { ENABLE_RAG_HYBRID_SEARCH: true, BYPASS_EMBEDDING_AND_RETRIEVAL: true });
    assert.equal(bypass.ENABLE_RAG_HYBRID_SEARCH, true);
    await update(server, admin, { BYPASS_EMBEDDING_AND_RETRIEVAL: false, RAG_EXTERNAL_RERANKER_TIMEOUT: '' });
  });

  it('embedding settings round-trip; connections are taken only with a remote engine', async () => {
    const form = {
      RAG_EMBEDDING_ENGINE: 'openai',
      RAG_EMBEDDING_MODEL: 'text-embedding-3-small',
      RAG_EMBEDDING_BATCH_SIZE: 16,
      ENABLE_ASYNC_EMBEDDING: false,
      openai_config: { url: 'http://mock-openai/v1', key: 'sk-test' },
      ollama_config: { url: 'http://mock-ollama:11434', key: 'ollama-key' },
      azure_openai_config: { url: 'https://azure.example', key: 'az-key', version: '2024-02-01' },
    };
    const res = await server.request('POST', `${BASE}/embedding/update`, { token: admin.token, body: form });
    assert.equal(res.status, 200, res.text);
    const expected = {
      status: true,
      RAG_EMBEDDING_ENGINE: 'openai',
      RAG_EMBEDDING_MODEL: 'text-embedding-3-small',
      RAG_EMBEDDING_BATCH_SIZE: 16,
      ENABLE_ASYNC_EMBEDDING: false,
      openai_config: form.openai_config,
      ollama_config: form.ollama_config,
      azure_openai_config: form.azure_openai_config,
    };
    assert.deepEqual(res.body, expected);
    assert.deepEqual((await server.request('GET', `${BASE}/embedding`, { token: admin.token })).body, expected);

    // Engine '' (no embedding model here: full-text search only): the connections sent are ignored;
    // an absent batch size and async flag take the form's defaults.
    const local = await server.request('POST', `${BASE}/embedding/update`, {
      token: admin.token,
      body: { RAG_EMBEDDING_ENGINE: '', RAG_EMBEDDING_MODEL: '', openai_config: { url: 'http://other', key: 'other' } },
    });
    assert.equal(local.status, 200, local.text);
    assert.deepEqual(local.body, { ...expected, RAG_EMBEDDING_ENGINE: '', RAG_EMBEDDING_MODEL: '', RAG_EMBEDDING_BATCH_SIZE: 1, ENABLE_ASYNC_EMBEDDING: true });
    const status = await server.request('GET', `${BASE}/`);
    assert.equal(status.body.RAG_EMBEDDING_ENGINE, '');
    assert.equal(status.body.RAG_EMBEDDING_BATCH_SIZE, 1);

    // Only the connection sent changes.
    const ollama = await server.request('POST', `${BASE}/embedding/update`, {
      token: admin.token,
      body: { RAG_EMBEDDING_ENGINE: 'ollama', RAG_EMBEDDING_MODEL: 'nomic-embed-text', RAG_EMBEDDING_BATCH_SIZE: null, ollama_config: { url: 'http://ollama-2:11434', key: '' } },
    });
    assert.equal(ollama.status, 200, ollama.text);
    assert.deepEqual(ollama.body.ollama_config, { url: 'http://ollama-2:11434', key: '' });
    assert.deepEqual(ollama.body.openai_config, form.openai_config);
    assert.equal(ollama.body.RAG_EMBEDDING_BATCH_SIZE, 1);
  });

  it('a bad embedding form answers 422 and changes nothing', async () => {
    const before = (await server.request('GET', `${BASE}/embedding`, { token: admin.token })).body;
    const cases: [unknown, (string | number)[], string][] = [
      [{ RAG_EMBEDDING_ENGINE: 'openai' }, ['body', 'RAG_EMBEDDING_MODEL'], 'missing'],
      [{ RAG_EMBEDDING_ENGINE: 'openai', RAG_EMBEDDING_MODEL: 'm', RAG_EMBEDDING_BATCH_SIZE: 'big' }, ['body', 'RAG_EMBEDDING_BATCH_SIZE'], 'int_type'],
      [{ RAG_EMBEDDING_ENGINE: 'openai', RAG_EMBEDDING_MODEL: 'm', RAG_EMBEDDING_BATCH_SIZE: 0 }, ['body', 'RAG_EMBEDDING_BATCH_SIZE'], 'greater_than_equal'],
      [{ RAG_EMBEDDING_ENGINE: 'openai', RAG_EMBEDDING_MODEL: 'm', openai_config: { url: 'http://x' } }, ['body', 'openai_config', 'key'], 'missing'],
      [{ RAG_EMBEDDING_ENGINE: 'azure_openai', RAG_EMBEDDING_MODEL: 'm', azure_openai_config: { url: 'u', key: 'k' } }, ['body', 'azure_openai_config', 'version'], 'missing'],
      [{ RAG_EMBEDDING_ENGINE: 7, RAG_EMBEDDING_MODEL: 'm' }, ['body', 'RAG_EMBEDDING_ENGINE'], 'string_type'],
    ];
    for (const [body, loc, type] of cases) {
      const res = await server.request('POST', `${BASE}/embedding/update`, { token: admin.token, body });
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.deepEqual(res.body.detail[0].loc, loc, JSON.stringify(body));
      assert.equal(res.body.detail[0].type, type, JSON.stringify(body));
    }
    assert.deepEqual((await server.request('GET', `${BASE}/embedding`, { token: admin.token })).body, before);
  });

  it('is mounted under /api/retrieval too', async () => {
    const res = await server.request('GET', '/api/retrieval/config', { token: admin.token });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, await getConfig(server, admin));
  });
});

it('saved retrieval settings survive a restart (the YouTube translation, kept in memory upstream, does not)', async () => {
  const env = testEnv();
  const first = await startServer(env, { keepData: true });
  let config: Record<string, any>;
  let embedding: Record<string, any>;
  try {
    const { admin } = await adminAndUser(first);
    config = await update(first, admin, {
      TOP_K: 11,
      CHUNK_OVERLAP: 10,
      FILE_MAX_SIZE: 50,
      DOCLING_PARAMS: { pipeline: 'vlm' },
      ENABLE_ONEDRIVE_INTEGRATION: true,
      web: { ...WEB_DEFAULTS, ENABLE_WEB_SEARCH: true, WEB_SEARCH_ENGINE: 'duckduckgo', WEB_SEARCH_DOMAIN_FILTER_LIST: ['a.example'], YOUTUBE_LOADER_TRANSLATION: 'es' },
    });
    assert.equal(config.web.YOUTUBE_LOADER_TRANSLATION, 'es');
    const res = await first.request('POST', `${BASE}/embedding/update`, {
      token: admin.token,
      body: { RAG_EMBEDDING_ENGINE: 'ollama', RAG_EMBEDDING_MODEL: 'bge-m3', RAG_EMBEDDING_BATCH_SIZE: 8, ollama_config: { url: 'http://ollama:11434', key: 'k' } },
    });
    assert.equal(res.status, 200, res.text);
    embedding = res.body;
  } finally {
    await first.close();
  }

  const second = await startServer(env);
  try {
    const signin = await second.request('POST', '/api/v1/auths/signin', { body: { email: 'admin@example.com', password: 'Passw0rd!' } });
    assert.equal(signin.status, 200, signin.text);
    const admin = { token: signin.body.token } as Account;
    const reloaded = await getConfig(second, admin);
    assert.equal(reloaded.TOP_K, 11);
    assert.equal(reloaded.FILE_MAX_SIZE, 50);
    assert.deepEqual(reloaded.DOCLING_PARAMS, { pipeline: 'vlm' });
    assert.deepEqual(reloaded.web.WEB_SEARCH_DOMAIN_FILTER_LIST, ['a.example']);
    assert.deepEqual(reloaded, { ...config, web: { ...config.web, YOUTUBE_LOADER_TRANSLATION: null } });
    assert.deepEqual((await second.request('GET', `${BASE}/embedding`, { token: admin.token })).body, embedding);
    const status = await second.request('GET', `${BASE}/`);
    assert.equal(status.body.RAG_EMBEDDING_MODEL, 'bge-m3');
    assert.equal(status.body.CHUNK_OVERLAP, 10);
  } finally {
    await second.close();
  }
});
