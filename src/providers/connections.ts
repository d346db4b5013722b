// The configured model-server connections, read from the persistent config each time (an admin's
// change applies at once). Per-connection options are keyed by the URL's index as a string; older
// Open WebUI versions keyed them by the URL itself, which is still honoured.
import type { PersistentConfig } from '../config/persistent.ts';
import { isObject } from '../lib/json.ts';

export type ConnectionType = 'local' | 'external';

interface ConnectionBase {
  idx: number;
  url: string;
  enable: boolean;
  /** Models are published as `<prefixId>.<name>`. */
  prefixId: string | undefined;
  /** When not empty, only these models are listed. */
  modelIds: string[];
  tags: unknown[];
  connectionType: ConnectionType;
  /** The whole stored config entry (echoed by the config routes). */
  raw: Record<string, unknown>;
}

export interface OllamaConnection extends ConnectionBase {
  key: string | undefined;
}

export interface OpenAIConnection extends ConnectionBase {
  key: string;
  authType: string;
  headers: Record<string, string>;
  azure: boolean;
  apiVersion: string | undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);

function entryFor(configs: unknown, idx: number, url: string): Record<string, unknown> {
  if (!isObject(configs)) return {};
  const entry = configs[String(idx)] ?? configs[url];
  return isObject(entry) ? entry : {};
}

function base(idx: number, url: string, raw: Record<string, unknown>, defaultType: ConnectionType): ConnectionBase {
  return {
    idx,
    url: url.replace(/\/+$/, ''),
    enable: raw['enable'] !== false,
    prefixId: str(raw['prefix_id']),
    modelIds: strings(raw['model_ids']),
    tags: Array.isArray(raw['tags']) ? raw['tags'] : [],
    connectionType: raw['connection_type'] === 'external' || raw['connection_type'] === 'local' ? raw['connection_type'] : defaultType,
    raw,
  };
}

export function ollamaConnections(config: PersistentConfig): OllamaConnection[] {
  const urls = config.get('OLLAMA_BASE_URLS') as string[];
  const configs = config.get('OLLAMA_API_CONFIGS');
  return urls.map((url, idx) => {
    const raw = entryFor(configs, idx, url);
    return { ...base(idx, url, raw, 'local'), key: str(raw['key']) };
  });
}

export function openaiConnections(config: PersistentConfig): OpenAIConnection[] {
  const urls = config.get('OPENAI_API_BASE_URLS') as string[];
  const keys = config.get('OPENAI_API_KEYS') as string[];
  const configs = config.get('OPENAI_API_CONFIGS');
  return urls.map((url, idx) => {
    const raw = entryFor(configs, idx, url);
    const headers = isObject(raw['headers']) ? Object.fromEntries(Object.entries(raw['headers']).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
    return {
      ...base(idx, url, raw, 'external'),
      key: keys[idx] ?? '',
      authType: str(raw['auth_type']) ?? 'bearer',
      headers,
      azure: raw['azure'] === true,
      apiVersion: str(raw['api_version']),
    };
  });
}
