// Open WebUI's PersistentConfig: a setting saved in the `config` table wins over its environment
// variable (unless ENABLE_PERSISTENT_CONFIG=false; `oauth.*` only with ENABLE_OAUTH_PERSISTENT_CONFIG).
// Values live in memory; saves write the whole document and tell other instances to reload.
import type { Database } from '../db/connection.ts';
import { readConfigDocument, updateConfigDocument, type ConfigDocument } from '../stores/config.ts';
import type { Env } from './env-parse.ts';
import type { ConfigEntry } from './entry.ts';
import { REGISTRY, type ConfigKey, type ConfigValue, type ConfigValues } from './registry/index.ts';

export interface PersistenceOptions {
  enabled: boolean;
  oauthEnabled: boolean;
}

const KEYS = Object.keys(REGISTRY) as ConfigKey[];
const entryOf = (key: ConfigKey): ConfigEntry<unknown> => REGISTRY[key] as ConfigEntry<unknown>;

function getPath(doc: ConfigDocument, path: string): { found: boolean; value?: unknown } {
  let node: unknown = doc;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return { found: false };
    node = (node as Record<string, unknown>)[part];
  }
  return { found: true, value: node };
}

function setPath(doc: ConfigDocument, path: string, value: unknown): void {
  const parts = path.split('.');
  let node: Record<string, unknown> = doc;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
}

/** Every setting's value from the environment alone. Throws ConfigError naming a bad variable. */
export function envConfigValues(env: Env): ConfigValues {
  const values: Record<string, unknown> = {};
  for (const key of KEYS) values[key] = entryOf(key).fromEnv(env);
  return values as ConfigValues;
}

export type SavedListener = (keys: ConfigKey[]) => void;

export class PersistentConfig {
  private values: ConfigValues;
  private readonly listeners: SavedListener[] = [];

  private constructor(
    private readonly database: Database,
    private readonly envValues: ConfigValues,
    private readonly options: PersistenceOptions,
  ) {
    this.values = { ...envValues };
  }

  static async load(database: Database, envValues: ConfigValues, options: PersistenceOptions): Promise<PersistentConfig> {
    const config = new PersistentConfig(database, envValues, options);
    await config.reload();
    return config;
  }

  private usesStored(path: string): boolean {
    return this.options.enabled && (!path.startsWith('oauth.') || this.options.oauthEnabled);
  }

  /** Re-read the stored document (after another instance saved, or on /api/system/reload). */
  async reload(): Promise<void> {
    const doc = (await readConfigDocument(this.database)) ?? {};
    const next: Record<string, unknown> = {};
    for (const key of KEYS) {
      const entry = entryOf(key);
      let stored = this.usesStored(entry.path) ? getPath(doc, entry.path) : { found: false };
      if (!stored.found && entry.legacyPath && this.usesStored(entry.legacyPath)) stored = getPath(doc, entry.legacyPath);
      next[key] = stored.found ? entry.fromDb(stored.value, this.envValues[key]) : this.envValues[key];
    }
    this.values = next as ConfigValues;
  }

  get<K extends ConfigKey>(key: K): ConfigValue<K> {
    return this.values[key] as ConfigValue<K>;
  }

  /** Change settings in memory and persist them (one write for all of them). */
  async set(changes: Partial<ConfigValues>): Promise<void> {
    const keys = Object.keys(changes) as ConfigKey[];
    if (keys.length === 0) return;
    Object.assign(this.values, changes);
    if (this.options.enabled) {
      await updateConfigDocument(this.database, (doc) => {
        for (const key of keys) setPath(doc, entryOf(key).path, changes[key]);
      });
    }
    for (const listener of this.listeners) listener(keys);
  }

  /** Replace the whole stored document (configs import); values not in it fall back to env. */
  async replaceDocument(doc: ConfigDocument): Promise<void> {
    await updateConfigDocument(this.database, (current) => {
      for (const k of Object.keys(current)) delete current[k];
      Object.assign(current, doc);
    });
    await this.reload();
    for (const listener of this.listeners) listener(KEYS);
  }

  async exportDocument(): Promise<ConfigDocument> {
    return (await readConfigDocument(this.database)) ?? { version: 0, ui: {} };
  }

  onSaved(listener: SavedListener): void {
    this.listeners.push(listener);
  }
}
