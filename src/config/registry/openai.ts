// PersistentConfig entries under `openai.*`, and the OpenAI URL/key other settings default to.
import { envStr, pick, type Env } from '../env-parse.ts';
import { bool, isObject, json, list, type ConfigEntry } from '../entry.ts';

export const OPENAI_OFFICIAL_BASE_URL = 'https://api.openai.com/v1';

/**
 * Split a `;` list without dropping empty slots: base URLs and keys are matched by index, so
 * `a;;c` must stay three long. An empty slot becomes `emptySlot`.
 */
const splitSlots = (raw: string, emptySlot: string): string[] =>
  raw.split(';').map((part) => part.trim()).map((part) => (part === '' ? emptySlot : part));

function slotList(path: string, rawFromEnv: (env: Env) => string, emptySlot: string, names: readonly string[]): ConfigEntry<string[]> {
  return { ...list(names, path, [], ';'), fromEnv: (env) => splitSlots(rawFromEnv(env), emptySlot) };
}

/** OPENAI_API_BASE_URLS, else OPENAI_API_BASE_URL (one trailing slash removed), else the official URL. */
function baseUrlsRaw(env: Env): string {
  const many = pick(env, 'OPENAI_API_BASE_URLS');
  if (many) return many.raw;
  return envStr(env, 'OPENAI_API_BASE_URL', OPENAI_OFFICIAL_BASE_URL).replace(/\/$/, '');
}

/** OPENAI_API_KEYS, else OPENAI_API_KEY, else one empty key. */
const keysRaw = (env: Env): string => pick(env, ['OPENAI_API_KEYS', 'OPENAI_API_KEY'])?.raw ?? '';

export const OPENAI_CONFIG = {
  ENABLE_OPENAI_API: bool('ENABLE_OPENAI_API', 'openai.enable', true),
  OPENAI_API_KEYS: slotList('openai.api_keys', keysRaw, '', ['OPENAI_API_KEYS', 'OPENAI_API_KEY']),
  OPENAI_API_BASE_URLS: slotList('openai.api_base_urls', baseUrlsRaw, OPENAI_OFFICIAL_BASE_URL, [
    'OPENAI_API_BASE_URLS',
    'OPENAI_API_BASE_URL',
  ]),
  // Per-connection options keyed by URL index. Upstream only sets these from the admin UI; a JSON
  // object in the environment is accepted as a convenience.
  OPENAI_API_CONFIGS: json('OPENAI_API_CONFIGS', 'openai.api_configs', (): Record<string, unknown> => ({}), isObject),
} as const;

/**
 * The key paired with the official OpenAI URL in the environment's connection lists, or ''. RAG,
 * image and audio settings default to this key together with OPENAI_OFFICIAL_BASE_URL.
 */
export function officialOpenAIKey(env: Env): string {
  const urls = OPENAI_CONFIG.OPENAI_API_BASE_URLS.fromEnv(env);
  const keys = OPENAI_CONFIG.OPENAI_API_KEYS.fromEnv(env);
  const index = urls.indexOf(OPENAI_OFFICIAL_BASE_URL);
  return index >= 0 ? (keys[index] ?? '') : '';
}
