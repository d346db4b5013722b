// PersistentConfig entries under `ollama.*`, and the single Ollama URL other settings default to.
import { envStr, pick, type Env } from '../env-parse.ts';
import { bool, isObject, json, list, type ConfigEntry } from '../entry.ts';

const LOCAL_OLLAMA = 'http://localhost:11434';
const DOCKER_HOST_OLLAMA = 'http://host.docker.internal:11434';
const K8S_OLLAMA = 'http://ollama-service.open-webui.svc.cluster.local:11434';

/**
 * The one Ollama URL implied by the environment: OLLAMA_BASE_URL (without a trailing slash), else
 * OLLAMA_API_BASE_URL minus its `/api` suffix. In production images `/ollama` means the bundled or
 * host Ollama, and K8S_FLAG points at the in-cluster service.
 */
export function defaultOllamaBaseUrl(env: Env): string {
  let url = envStr(env, 'OLLAMA_BASE_URL', '').replace(/\/$/, '');
  if (url === '') {
    const apiUrl = envStr(env, 'OLLAMA_API_BASE_URL', `${LOCAL_OLLAMA}/api`);
    url = apiUrl.endsWith('/api') ? apiUrl.slice(0, -'/api'.length) : apiUrl;
  }
  if (envStr(env, 'ENV', 'dev') === 'prod') {
    const onKubernetes = envStr(env, 'K8S_FLAG', '') !== '';
    if (url === '/ollama' && !onKubernetes) {
      url = envStr(env, 'USE_OLLAMA_DOCKER', 'false').toLowerCase() === 'true' ? LOCAL_OLLAMA : DOCKER_HOST_OLLAMA;
    } else if (onKubernetes) {
      url = K8S_OLLAMA;
    }
  }
  return url;
}

/**
 * OLLAMA_BASE_URLS split on `;`; without it, the single URL from defaultOllamaBaseUrl. The other
 * variables are listed for reference: only OLLAMA_BASE_URLS is split.
 */
function ollamaBaseUrls(): ConfigEntry<string[]> {
  const base = list(['OLLAMA_BASE_URLS', 'OLLAMA_BASE_URL', 'OLLAMA_API_BASE_URL'], 'ollama.base_urls', [], ';');
  return {
    ...base,
    fromEnv: (env) => (pick(env, 'OLLAMA_BASE_URLS') ? base.fromEnv(env) : [defaultOllamaBaseUrl(env)]),
  };
}

export const OLLAMA_CONFIG = {
  ENABLE_OLLAMA_API: bool('ENABLE_OLLAMA_API', 'ollama.enable', true),
  OLLAMA_BASE_URLS: ollamaBaseUrls(),
  // Per-connection options keyed by URL index. Upstream only sets these from the admin UI; a JSON
  // object in the environment is accepted as a convenience.
  OLLAMA_API_CONFIGS: json('OLLAMA_API_CONFIGS', 'ollama.api_configs', (): Record<string, unknown> => ({}), isObject),
} as const;
