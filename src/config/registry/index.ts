import { CORE_CONFIG } from './core.ts';
import { EXTENDED_CONFIG } from './extended.ts';
import type { ConfigEntry } from '../entry.ts';

/** Every PersistentConfig setting, keyed by Open WebUI's `app.state.config` attribute name. */
export const REGISTRY = { ...CORE_CONFIG, ...EXTENDED_CONFIG } as const;

export type ConfigKey = Extract<keyof typeof REGISTRY, string>;
export type ConfigValue<K extends ConfigKey> = (typeof REGISTRY)[K] extends ConfigEntry<infer T> ? T : never;
export type ConfigValues = { -readonly [K in ConfigKey]: ConfigValue<K> };
