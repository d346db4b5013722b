// The retrieval router's settings: GET / (the chunking and embedding summary, no sign-in), the
// embedding engine (/embedding, /embedding/update) and the document + web search settings
// (/config, /config/update), all kept in the persistent config.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser } from '../../auth/guards.ts';
import type { ConfigEntry } from '../../config/entry.ts';
import type { PersistentConfig } from '../../config/persistent.ts';
import { REGISTRY, type ConfigKey, type ConfigValues } from '../../config/registry/index.ts';
import type { Services } from '../../services.ts';
import { ConfigForm, EmbeddingModelUpdateForm, WebConfig } from './config-schemas.ts';

const FORM_BODY_LIMIT = 10 * 1024 * 1024;

type TopKey = Exclude<keyof ConfigForm, 'web'>;
type WebKey = Exclude<keyof WebConfig, 'YOUTUBE_LOADER_TRANSLATION'>;
// Every form key but `web` and the YouTube translation is a persistent setting of the same name.
const FORM_KEYS_ARE_SETTINGS: [TopKey, WebKey] extends [ConfigKey, ConfigKey] ? true : never = true;
void FORM_KEYS_ARE_SETTINGS;

const TOP_KEYS = Object.keys(ConfigForm.shape).filter((k): k is TopKey => k !== 'web');
const WEB_KEYS = Object.keys(WebConfig.shape).filter((k): k is WebKey => k !== 'YOUTUBE_LOADER_TRANSLATION');

/** Upload limits an update always writes: leaving one out (or null) means "unlimited" / "no compression". */
const ALWAYS_WRITTEN = new Set<TopKey>(['FILE_MAX_SIZE', 'FILE_MAX_COUNT', 'FILE_IMAGE_COMPRESSION_WIDTH', 'FILE_IMAGE_COMPRESSION_HEIGHT']);

const STATUS_KEYS = [
  'CHUNK_SIZE',
  'CHUNK_OVERLAP',
  'RAG_TEMPLATE',
  'RAG_EMBEDDING_ENGINE',
  'RAG_EMBEDDING_MODEL',
  'RAG_RERANKING_MODEL',
  'RAG_EMBEDDING_BATCH_SIZE',
  'ENABLE_ASYNC_EMBEDDING',
] as const satisfies readonly ConfigKey[];

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;

/**
 * The YouTube transcript translation language. Open WebUI keeps it in app state only (not in the
 * config table): null after every start and per instance. So is it here.
 */
const youtubeTranslations = new WeakMap<Services, string | null>();

export function youtubeLoaderTranslation(services: Services): string | null {
  return youtubeTranslations.get(services) ?? null;
}

/** A web setting's built-in default: what a `web` block that leaves it out (or sends null) sets. */
function builtInDefault(key: WebKey): unknown {
  if (key === 'WEB_SEARCH_DOMAIN_FILTER_LIST') return []; // WebConfig's own default
  return (REGISTRY[key] as ConfigEntry<unknown>).fromEnv({});
}

const pick = (config: PersistentConfig, keys: readonly ConfigKey[]): Record<string, unknown> =>
  Object.fromEntries(keys.map((key) => [key, config.get(key)]));

function embeddingConfig(config: PersistentConfig): Record<string, unknown> {
  return {
    status: true,
    ...pick(config, ['RAG_EMBEDDING_ENGINE', 'RAG_EMBEDDING_MODEL', 'RAG_EMBEDDING_BATCH_SIZE', 'ENABLE_ASYNC_EMBEDDING']),
    openai_config: { url: config.get('RAG_OPENAI_API_BASE_URL'), key: config.get('RAG_OPENAI_API_KEY') },
    ollama_config: { url: config.get('RAG_OLLAMA_BASE_URL'), key: config.get('RAG_OLLAMA_API_KEY') },
    azure_openai_config: {
      url: config.get('RAG_AZURE_OPENAI_BASE_URL'),
      key: config.get('RAG_AZURE_OPENAI_API_KEY'),
      version: config.get('RAG_AZURE_OPENAI_API_VERSION'),
    },
  };
}

function ragConfig(services: Services): Record<string, unknown> {
  const { config } = services;
  return {
    status: true,
    ...pick(config, TOP_KEYS),
    web: { ...pick(config, WEB_KEYS), YOUTUBE_LOADER_TRANSLATION: youtubeLoaderTranslation(services) },
  };
}

/** The settings an update writes: null or absent keeps a value, except where noted. */
function changesOf(form: ConfigForm): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const key of TOP_KEYS) {
    const value = form[key];
    if (ALWAYS_WRITTEN.has(key)) changes[key] = value ?? null;
    else if (value !== null && value !== undefined) changes[key] = value;
  }
  // A `web` block replaces every web setting; one it leaves out goes back to its default.
  if (form.web) {
    const web = form.web;
    for (const key of WEB_KEYS) changes[key] = web[key] ?? builtInDefault(key);
  }
  return changes;
}

export function configRoutes(base: FastifyInstance): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const { config } = services;

  app.get('/', { prefixTrailingSlash: 'slash' }, async () => ({ status: true, ...pick(config, STATUS_KEYS) }));

  app.get('/embedding', { preValidation: adminUser }, async () => embeddingConfig(config));

  app.post('/embedding/update', { preValidation: adminUser, schema: { body: EmbeddingModelUpdateForm } }, async (request) => {
    const form = request.body;
    request.log.info({ from: config.get('RAG_EMBEDDING_MODEL'), to: form.RAG_EMBEDDING_MODEL }, 'Updating embedding model');
    // Engine '' is Open WebUI's local model; this server has none, so it means full-text search only.
    // Embedders are built from these settings when used, so there is nothing to reload.
    const changes: Partial<ConfigValues> = {
      RAG_EMBEDDING_ENGINE: form.RAG_EMBEDDING_ENGINE,
      RAG_EMBEDDING_MODEL: form.RAG_EMBEDDING_MODEL,
      RAG_EMBEDDING_BATCH_SIZE: form.RAG_EMBEDDING_BATCH_SIZE ?? 1,
      ENABLE_ASYNC_EMBEDDING: form.ENABLE_ASYNC_EMBEDDING ?? true,
    };
    // Connection settings are taken only along with a remote engine, as upstream does.
    if (['ollama', 'openai', 'azure_openai'].includes(form.RAG_EMBEDDING_ENGINE)) {
      if (form.openai_config) {
        changes.RAG_OPENAI_API_BASE_URL = form.openai_config.url;
        changes.RAG_OPENAI_API_KEY = form.openai_config.key;
      }
      if (form.ollama_config) {
        changes.RAG_OLLAMA_BASE_URL = form.ollama_config.url;
        changes.RAG_OLLAMA_API_KEY = form.ollama_config.key;
      }
      if (form.azure_openai_config) {
        changes.RAG_AZURE_OPENAI_BASE_URL = form.azure_openai_config.url;
        changes.RAG_AZURE_OPENAI_API_KEY = form.azure_openai_config.key;
        changes.RAG_AZURE_OPENAI_API_VERSION = form.azure_openai_config.version;
      }
    }
    await config.set(changes);
    return embeddingConfig(config);
  });

  app.get('/config', { preValidation: adminUser }, async () => ragConfig(services));

  app.post('/config/update', { preValidation: adminUser, bodyLimit: FORM_BODY_LIMIT, schema: { body: ConfigForm } }, async (request) => {
    const form = request.body;
    const changes = changesOf(form);
    const after = <K extends ConfigKey>(key: K): ConfigValues[K] => (key in changes ? changes[key] : config.get(key)) as ConfigValues[K];

    // Open WebUI rebuilds its reranker here when hybrid search is on; a reranker that cannot be built
    // switches hybrid search off. Remote rerankers are built per request in this server, so the only
    // build failure left is upstream's: an external reranker timeout that is not a whole number.
    const timeout = after('RAG_EXTERNAL_RERANKER_TIMEOUT');
    if (after('ENABLE_RAG_HYBRID_SEARCH') && !after('BYPASS_EMBEDDING_AND_RETRIEVAL') && timeout !== '' && !INTEGER_TEXT.test(timeout)) {
      request.log.error({ timeout }, 'Error loading reranking model: the external reranker timeout is not an integer');
      changes['ENABLE_RAG_HYBRID_SEARCH'] = false;
    }

    await config.set(changes as Partial<ConfigValues>);
    if (form.web) youtubeTranslations.set(services, form.web.YOUTUBE_LOADER_TRANSLATION ?? null);
    return ragConfig(services);
  });
}
