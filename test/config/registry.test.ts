// The extended PersistentConfig registry (src/config/registry/extended.ts and its group files):
// defaults from an empty environment, unique keys and paths, coverage of Appendix A, and the
// settings whose environment handling is more than "read one variable".
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError, type Env } from '../../src/config/env-parse.ts';
import type { ConfigEntry } from '../../src/config/entry.ts';
import { CORE_CONFIG } from '../../src/config/registry/core.ts';
import { EXTENDED_CONFIG, EXTENDED_GROUPS } from '../../src/config/registry/extended.ts';
import * as templates from '../../src/config/registry/prompt-templates.ts';

const OFFICIAL = 'https://api.openai.com/v1';
const APPENDIX = new URL('../../../shared/reference/data-and-auth.md', import.meta.url);
const CORE_PREFIXES = ['auth.', 'ui.', 'webui.', 'user.', 'folders.', 'channels.', 'notes.', 'ldap.'];
const isCorePath = (path: string): boolean => path === 'webhook_url' || CORE_PREFIXES.some((p) => path.startsWith(p));

/** Of Appendix A's 320 entries, the ones outside core.ts. */
const EXTENDED_ENTRY_COUNT = 275;

const entries = Object.entries(EXTENDED_CONFIG) as [string, ConfigEntry<unknown>][];
const read = <T>(entry: ConfigEntry<T>, env: Env = {}): T => entry.fromEnv(env);

/** Appendix A as [env var, path] pairs, when the shared reference is available. */
function appendixPairs(): [string, string][] | undefined {
  if (!existsSync(APPENDIX)) return undefined;
  const doc = readFileSync(APPENDIX, 'utf8');
  const start = doc.indexOf('## Appendix A');
  const section = doc.slice(start, doc.indexOf('## Appendix B', start));
  return [...section.matchAll(/`(\w+)`→`([\w.]+)`/g)].map((m) => [m[1] as string, m[2] as string]);
}

describe('extended config registry: shape', () => {
  test('every entry reads its default from an empty environment', () => {
    for (const [key, entry] of entries) {
      assert.doesNotThrow(() => entry.fromEnv({}), `${key} threw on an empty environment`);
      assert.notEqual(entry.fromEnv({}), undefined, `${key} has no default`);
    }
  });

  test('no key is defined by two groups, and none collides with core.ts', () => {
    const seen = new Map<string, string>();
    for (const [group, entriesOfGroup] of Object.entries(EXTENDED_GROUPS)) {
      for (const key of Object.keys(entriesOfGroup)) {
        assert.ok(!seen.has(key), `${key} is in both ${seen.get(key)} and ${group}`);
        seen.set(key, group);
        assert.ok(!(key in CORE_CONFIG), `${key} is also in core.ts`);
      }
    }
    assert.equal(seen.size, entries.length);
  });

  test('paths are unique, outside the core groups, and distinct from core.ts paths', () => {
    const corePaths = new Set(Object.values(CORE_CONFIG).map((e) => (e as ConfigEntry<unknown>).path));
    const paths = entries.map(([, e]) => e.path);
    assert.equal(new Set(paths).size, paths.length, 'a path is used twice');
    for (const [key, entry] of entries) {
      assert.ok(!isCorePath(entry.path), `${key} (${entry.path}) belongs in core.ts`);
      assert.ok(!corePaths.has(entry.path), `${key} (${entry.path}) duplicates a core.ts path`);
      assert.ok(entry.env.length > 0, `${key} names no environment variable`);
    }
  });

  test(`covers the ${EXTENDED_ENTRY_COUNT} non-core entries of Appendix A`, (t) => {
    assert.equal(entries.length, EXTENDED_ENTRY_COUNT);
    const pairs = appendixPairs();
    if (!pairs) return t.skip('shared reference not available');
    assert.equal(pairs.length, 320);
    const byPath = new Map(entries.map(([key, e]) => [e.path, { key, entry: e }]));
    const mine = pairs.filter(([, path]) => !isCorePath(path));
    assert.equal(mine.length, EXTENDED_ENTRY_COUNT);
    for (const [envName, path] of mine) {
      const hit = byPath.get(path);
      assert.ok(hit, `Appendix A path ${path} (${envName}) is missing`);
      assert.ok(hit.entry.env.includes(envName), `${hit.key} does not read ${envName}`);
    }
  });

  test('the keys the app reads exist under their app.state.config names', () => {
    const required = [
      'ENABLE_DIRECT_CONNECTIONS', 'ENABLE_BASE_MODELS_CACHE', 'ENABLE_WEB_SEARCH', 'ENABLE_CODE_EXECUTION',
      'CODE_EXECUTION_ENGINE', 'ENABLE_CODE_INTERPRETER', 'ENABLE_IMAGE_GENERATION', 'ENABLE_AUTOCOMPLETE_GENERATION',
      'ENABLE_GOOGLE_DRIVE_INTEGRATION', 'ENABLE_ONEDRIVE_INTEGRATION', 'GOOGLE_DRIVE_CLIENT_ID', 'GOOGLE_DRIVE_API_KEY',
      'ONEDRIVE_SHAREPOINT_URL', 'ONEDRIVE_SHAREPOINT_TENANT_ID', 'TTS_ENGINE', 'TTS_VOICE', 'TTS_SPLIT_ON', 'STT_ENGINE',
      'FILE_MAX_SIZE', 'FILE_MAX_COUNT', 'FILE_IMAGE_COMPRESSION_WIDTH', 'FILE_IMAGE_COMPRESSION_HEIGHT',
      'ENABLE_OLLAMA_API', 'OLLAMA_BASE_URLS', 'OLLAMA_API_CONFIGS', 'ENABLE_OPENAI_API', 'OPENAI_API_BASE_URLS',
      'OPENAI_API_KEYS', 'OPENAI_API_CONFIGS', 'TOOL_SERVER_CONNECTIONS', 'ENABLE_EVALUATION_ARENA_MODELS',
      'EVALUATION_ARENA_MODELS', 'TASK_MODEL', 'TASK_MODEL_EXTERNAL', 'TITLE_GENERATION_PROMPT_TEMPLATE',
      'ENABLE_TITLE_GENERATION', 'ENABLE_TAGS_GENERATION', 'ENABLE_FOLLOW_UP_GENERATION',
    ];
    for (const key of required) assert.ok(key in EXTENDED_CONFIG, `${key} is missing`);
  });
});

describe('extended config registry: defaults and environment handling', () => {
  const C = EXTENDED_CONFIG;

  test('defaults match upstream for a sample of types', () => {
    assert.equal(read(C.ENABLE_OLLAMA_API), true);
    assert.equal(read(C.ENABLE_DIRECT_CONNECTIONS), false);
    assert.equal(read(C.FILE_MAX_SIZE), null);
    assert.equal(read(C.FILE_IMAGE_COMPRESSION_WIDTH), null);
    assert.equal(read(C.TOP_K), 3);
    assert.equal(read(C.RELEVANCE_THRESHOLD), 0);
    assert.equal(read(C.HYBRID_BM25_WEIGHT), 0.5);
    assert.equal(read(C.AUTOCOMPLETE_GENERATION_INPUT_MAX_LENGTH), -1);
    assert.equal(read(C.TTS_VOICE), 'alloy');
    assert.equal(read(C.TTS_SPLIT_ON), 'punctuation');
    assert.equal(read(C.TITLE_GENERATION_PROMPT_TEMPLATE), '');
    assert.equal(read(C.OAUTH_SUB_CLAIM), null);
    assert.equal(read(C.OAUTH_BLOCKED_GROUPS), '[]');
    assert.deepEqual(read(C.OAUTH_ALLOWED_DOMAINS), ['*']);
    assert.deepEqual(read(C.OAUTH_ALLOWED_ROLES), ['user', 'admin']);
    assert.deepEqual(read(C.YOUTUBE_LOADER_LANGUAGE), ['en']);
    assert.deepEqual(read(C.OLLAMA_API_CONFIGS), {});
    assert.deepEqual(read(C.TOOL_SERVER_CONNECTIONS), []);
  });

  test('object and array defaults are fresh on every read', () => {
    assert.notEqual(read(C.OLLAMA_API_CONFIGS), read(C.OLLAMA_API_CONFIGS));
    assert.notEqual(read(C.TOOL_SERVER_CONNECTIONS), read(C.TOOL_SERVER_CONNECTIONS));
    assert.notEqual(read(C.OLLAMA_BASE_URLS), read(C.OLLAMA_BASE_URLS));
  });

  test('OLLAMA_BASE_URLS: list, else OLLAMA_BASE_URL, else derived from OLLAMA_API_BASE_URL', () => {
    assert.deepEqual(read(C.OLLAMA_BASE_URLS), ['http://localhost:11434']);
    assert.deepEqual(read(C.OLLAMA_BASE_URLS, { OLLAMA_BASE_URL: 'http://x:1' }), ['http://x:1']);
    assert.deepEqual(read(C.OLLAMA_BASE_URLS, { OLLAMA_BASE_URL: 'http://x:1/' }), ['http://x:1']);
    assert.deepEqual(read(C.OLLAMA_BASE_URLS, { OLLAMA_API_BASE_URL: 'http://y:2/api' }), ['http://y:2']);
    assert.deepEqual(read(C.OLLAMA_BASE_URLS, { OLLAMA_BASE_URLS: 'http://a:1; http://b:2', OLLAMA_BASE_URL: 'http://x:1' }), [
      'http://a:1',
      'http://b:2',
    ]);
    assert.deepEqual(read(C.OLLAMA_BASE_URLS, { ENV: 'prod', OLLAMA_BASE_URL: '/ollama' }), ['http://host.docker.internal:11434']);
    assert.deepEqual(read(C.OLLAMA_BASE_URLS, { ENV: 'prod', OLLAMA_BASE_URL: '/ollama', USE_OLLAMA_DOCKER: 'true' }), [
      'http://localhost:11434',
    ]);
    assert.equal(read(C.RAG_OLLAMA_BASE_URL, { OLLAMA_BASE_URL: 'http://x:1' }), 'http://x:1');
  });

  test('OpenAI base URLs and keys stay index-aligned', () => {
    assert.deepEqual(read(C.OPENAI_API_BASE_URLS), [OFFICIAL]);
    assert.deepEqual(read(C.OPENAI_API_KEYS), ['']);
    assert.deepEqual(read(C.OPENAI_API_BASE_URLS, { OPENAI_API_BASE_URL: 'http://y/' }), ['http://y']);
    assert.deepEqual(read(C.OPENAI_API_KEYS, { OPENAI_API_KEY: 'sk-1' }), ['sk-1']);
    assert.deepEqual(read(C.OPENAI_API_BASE_URLS, { OPENAI_API_BASE_URLS: 'http://a;;http://c' }), ['http://a', OFFICIAL, 'http://c']);
    assert.deepEqual(read(C.OPENAI_API_KEYS, { OPENAI_API_KEYS: 'k1;;k3' }), ['k1', '', 'k3']);
  });

  test('RAG, image and audio OpenAI settings default to the official URL and its key', () => {
    const env = { OPENAI_API_BASE_URLS: `http://local;${OFFICIAL}`, OPENAI_API_KEYS: 'local-key;official-key' };
    assert.equal(read(C.RAG_OPENAI_API_BASE_URL, env), OFFICIAL);
    assert.equal(read(C.RAG_OPENAI_API_KEY, env), 'official-key');
    assert.equal(read(C.IMAGES_OPENAI_API_KEY, env), 'official-key');
    assert.equal(read(C.TTS_OPENAI_API_KEY, env), 'official-key');
    assert.equal(read(C.RAG_OPENAI_API_KEY, { OPENAI_API_BASE_URL: 'http://local', OPENAI_API_KEY: 'k' }), '');
    assert.equal(read(C.STT_OPENAI_API_KEY, { ...env, AUDIO_STT_OPENAI_API_KEY: 'mine' }), 'mine');
    assert.equal(read(C.IMAGES_GEMINI_API_KEY, { GEMINI_API_KEY: 'g' }), 'g');
  });

  test('a bad value fails with the variable named', () => {
    const fails = (entry: ConfigEntry<unknown>, env: Env, variable: string) =>
      assert.throws(() => entry.fromEnv(env), (e: unknown) => e instanceof ConfigError && e.message.includes(variable));
    fails(C.ENABLE_OLLAMA_API, { ENABLE_OLLAMA_API: 'maybe' }, 'ENABLE_OLLAMA_API');
    fails(C.FILE_MAX_SIZE, { RAG_FILE_MAX_SIZE: 'ten' }, 'RAG_FILE_MAX_SIZE');
    fails(C.RELEVANCE_THRESHOLD, { RAG_RELEVANCE_THRESHOLD: 'high' }, 'RAG_RELEVANCE_THRESHOLD');
    fails(C.TOOL_SERVER_CONNECTIONS, { TOOL_SERVER_CONNECTIONS: '[{' }, 'TOOL_SERVER_CONNECTIONS');
    fails(C.TOOL_SERVER_CONNECTIONS, { TOOL_SERVER_CONNECTIONS: '{}' }, 'TOOL_SERVER_CONNECTIONS');
  });

  test('aliases, fallbacks and transformations', () => {
    assert.equal(read(C.FILE_MAX_SIZE, { RAG_FILE_MAX_SIZE: '10' }), 10);
    assert.equal(read(C.CODE_INTERPRETER_JUPYTER_URL, { CODE_EXECUTION_JUPYTER_URL: 'http://j' }), 'http://j');
    assert.equal(read(C.CODE_INTERPRETER_JUPYTER_TIMEOUT, { CODE_EXECUTION_JUPYTER_TIMEOUT: '5' }), 5);
    assert.equal(read(C.RAG_EMBEDDING_BATCH_SIZE, { RAG_EMBEDDING_OPENAI_BATCH_SIZE: '32' }), 32);
    assert.equal(read(C.OAUTH_GROUPS_CLAIM, { OAUTH_GROUP_CLAIM: 'teams' }), 'teams');
    assert.equal(read(C.OLLAMA_CLOUD_WEB_SEARCH_API_KEY, { OLLAMA_CLOUD_API_KEY: 'oc' }), 'oc');
    assert.deepEqual(read(C.IMAGES_OPENAI_API_PARAMS, { IMAGES_OPENAI_PARAMS: '{"quality":"hd"}' }), { quality: 'hd' });
    assert.equal(read(C.CONTENT_EXTRACTION_ENGINE, { CONTENT_EXTRACTION_ENGINE: 'Tika' }), 'tika');
    assert.deepEqual(read(C.OAUTH_ADMIN_ROLES, { OAUTH_ADMIN_ROLES: 'root;ops', OAUTH_ROLES_SEPARATOR: ';' }), ['root', 'ops']);
    assert.deepEqual(read(C.ALLOWED_FILE_EXTENSIONS, { RAG_ALLOWED_FILE_EXTENSIONS: 'pdf, docx,' }), ['pdf', 'docx']);
    assert.deepEqual(read(C.STT_SUPPORTED_CONTENT_TYPES, { AUDIO_STT_SUPPORTED_CONTENT_TYPES: 'audio/*,video/webm' }), [
      'audio/*',
      'video/webm',
    ]);
  });

  test('stored values are read leniently', () => {
    assert.deepEqual(C.OLLAMA_BASE_URLS.fromDb(['http://db:1'], []), ['http://db:1']);
    assert.deepEqual(C.OPENAI_API_KEYS.fromDb('not a list', ['x']), ['x']);
    assert.equal(C.FILE_MAX_SIZE.fromDb(null, 5), null);
    assert.equal(C.CONTENT_EXTRACTION_ENGINE.fromDb('Docling', ''), 'Docling');
    assert.deepEqual(C.OPENAI_API_CONFIGS.fromDb({ '0': { enable: true } }, {}), { '0': { enable: true } });
  });
});

describe('built-in templates', () => {
  test('keep the placeholders the task code substitutes', () => {
    assert.ok(read(EXTENDED_CONFIG.RAG_TEMPLATE).includes('{{CONTEXT}}'));
    assert.ok(templates.DEFAULT_TITLE_GENERATION_PROMPT_TEMPLATE.includes('{{MESSAGES:END:2}}'));
    for (const t of [
      templates.DEFAULT_TAGS_GENERATION_PROMPT_TEMPLATE,
      templates.DEFAULT_IMAGE_PROMPT_GENERATION_PROMPT_TEMPLATE,
      templates.DEFAULT_FOLLOW_UP_GENERATION_PROMPT_TEMPLATE,
      templates.DEFAULT_QUERY_GENERATION_PROMPT_TEMPLATE,
      templates.DEFAULT_AUTOCOMPLETE_GENERATION_PROMPT_TEMPLATE,
    ]) {
      assert.ok(t.includes('{{MESSAGES:END:6}}'));
    }
    assert.ok(templates.DEFAULT_QUERY_GENERATION_PROMPT_TEMPLATE.includes('{{CURRENT_DATE}}'));
    assert.ok(templates.DEFAULT_AUTOCOMPLETE_GENERATION_PROMPT_TEMPLATE.includes('<type>{{TYPE}}</type>'));
    assert.ok(templates.DEFAULT_AUTOCOMPLETE_GENERATION_PROMPT_TEMPLATE.includes('<text>{{PROMPT}}</text>'));
    assert.ok(templates.DEFAULT_TOOLS_FUNCTION_CALLING_PROMPT_TEMPLATE.includes('{{TOOLS}}'));
    assert.ok(templates.DEFAULT_CODE_INTERPRETER_PROMPT_TEMPLATE.includes('<code_interpreter type="code" lang="python">'));
  });

  test('the default ComfyUI workflow is a JSON graph with the sampler at node 3', () => {
    const graph = JSON.parse(read(EXTENDED_CONFIG.COMFYUI_WORKFLOW)) as Record<string, { class_type: string }>;
    assert.equal(graph['3']?.class_type, 'KSampler');
    assert.equal(graph['9']?.class_type, 'SaveImage');
  });
});
