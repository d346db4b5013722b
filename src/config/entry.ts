// One setting of Open WebUI's PersistentConfig: where it lives in the `config` table's JSON and how
// its environment variable (used until an admin saves the setting) is read.
import { ConfigError, parseBool, parseInteger, parseJson, parseNumber, parseOneOf, pick, type Env } from './env-parse.ts';

export interface ConfigEntry<T> {
  /** Environment variable names; the first is canonical, the rest legacy aliases. */
  readonly env: readonly string[];
  /** Dotted path inside `config.data`, e.g. `ui.enable_signup`. */
  readonly path: string;
  /** Where an older Open WebUI version stored the same setting; read when `path` is absent. */
  readonly legacyPath?: string;
  /** The value from the environment, or the built-in default. Throws ConfigError on a bad value. */
  fromEnv(env: Env): T;
  /** A value found in the database, coerced leniently (older versions stored some settings loosely). */
  fromDb(stored: unknown, fallback: T): T;
}

type Names = string | readonly string[];
const names = (n: Names): readonly string[] => (typeof n === 'string' ? [n] : n);

function entry<T>(env: Names, path: string, read: (name: string, raw: string) => T, fallback: T | ((env: Env) => T), fromDb: (v: unknown, f: T) => T): ConfigEntry<T> {
  return {
    env: names(env),
    path,
    fromEnv(e) {
      const hit = pick(e, env);
      if (hit) return read(hit.name, hit.raw);
      return typeof fallback === 'function' ? (fallback as (env: Env) => T)(e) : fallback;
    },
    fromDb,
  };
}

const boolFromDb = (v: unknown, f: boolean): boolean =>
  typeof v === 'boolean' ? v : typeof v === 'number' ? v !== 0 : typeof v === 'string' ? v.toLowerCase() === 'true' : f;
const intFromDb = (v: unknown, f: number): number => (typeof v === 'number' ? Math.trunc(v) : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : f);
const numFromDb = (v: unknown, f: number): number => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : f);
const strFromDb = (v: unknown, f: string): string => (typeof v === 'string' ? v : v === null || v === undefined ? f : String(v));

export const bool = (env: Names, path: string, fallback: boolean | ((env: Env) => boolean)) =>
  entry<boolean>(env, path, parseBool, fallback, boolFromDb);

export const int = (env: Names, path: string, fallback: number) => entry<number>(env, path, parseInteger, fallback, intFromDb);

export const optInt = (env: Names, path: string, fallback: number | null = null) =>
  entry<number | null>(env, path, parseInteger, fallback, (v, f) => (v === null ? null : intFromDb(v, f ?? 0)));

export const float = (env: Names, path: string, fallback: number) => entry<number>(env, path, parseNumber, fallback, numFromDb);

export const optFloat = (env: Names, path: string, fallback: number | null = null) =>
  entry<number | null>(env, path, parseNumber, fallback, (v, f) => (v === null ? null : numFromDb(v, f ?? 0)));

export const str = (env: Names, path: string, fallback: string | ((env: Env) => string)) =>
  entry<string>(env, path, (_n, raw) => raw, fallback, strFromDb);

export const optStr = (env: Names, path: string, fallback: string | null = null) =>
  entry<string | null>(env, path, (_n, raw) => raw, fallback, (v, f) => (v === null ? null : strFromDb(v, f ?? '')));

export const oneOf = <T extends string>(env: Names, path: string, allowed: readonly T[], fallback: T) =>
  entry<T>(env, path, (n, raw) => parseOneOf(n, raw, allowed), fallback, (v, f) => (typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : f));

/** A JSON document in the environment (lists and objects). `check` rejects a wrong shape. */
export const json = <T>(env: Names, path: string, fallback: T | ((env: Env) => T), check: (v: unknown) => v is T) =>
  entry<T>(
    env,
    path,
    (n, raw) => {
      const v = parseJson(n, raw);
      if (!check(v)) throw new ConfigError(n, 'JSON of the wrong shape');
      return v;
    },
    fallback,
    (v, f) => (check(v) ? v : f),
  );

/** A list given in the environment as one string split on `separator` (e.g. `;` for base URLs). */
export const list = (env: Names, path: string, fallback: string[], separator: string) =>
  entry<string[]>(
    env,
    path,
    (_n, raw) => raw.split(separator).map((s) => s.trim()).filter((s) => s !== ''),
    fallback,
    (v, f) => (Array.isArray(v) ? v.map(String) : f),
  );

export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
export { isObject } from '../lib/json.ts';
export const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
export const anyJson = (_v: unknown): _v is unknown => true;
