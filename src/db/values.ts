// Converting raw column values (as the SQLite and PostgreSQL drivers return them) to JS values
// and back. Stores use these instead of trusting column types.
import type { Dialect } from './connection.ts';

/**
 * Decodes a JSON column value.
 *
 * - SQL NULL and the JSON text `null` (what Open WebUI writes for Python None) give `null`.
 * - Text (SQLite JSON, JSONField on both dialects) is parsed.
 * - Already-parsed values (PostgreSQL `json`, or numbers SQLite coerced through NUMERIC affinity)
 *   pass through.
 * - A string that is not valid JSON text is returned as is: it can only be a JSON string value that
 *   PostgreSQL already parsed (or broken text, which is better shown than silently dropped).
 */
export function decodeJson<T = unknown>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as T | null;
    } catch {
      return value as T;
    }
  }
  if (value instanceof Uint8Array) return decodeJson<T>(Buffer.from(value).toString('utf8'));
  return value as T;
}

/**
 * What to bind for a JSON column: JSON text, or SQL NULL for `undefined`.
 *
 * Text works on both dialects: SQLite stores it as is, and PostgreSQL infers the parameter's type
 * from the target `json`/`text` column and parses it (test/db/values.test.ts proves this). Never bind
 * a JS object or array directly: node-postgres would turn arrays into PostgreSQL array literals.
 * `null` is written as the JSON text `null`, as Open WebUI does for Python None.
 */
export function encodeJson(value: unknown, _dialect?: Dialect): string | null {
  if (value === undefined) return null;
  return JSON.stringify(value);
}

/** Booleans come back as 0/1 from SQLite and as true/false from PostgreSQL. */
export function toBool(value: unknown): boolean {
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      return value !== 0 && !Number.isNaN(value);
    case 'bigint':
      return value !== 0n;
    case 'string': {
      const v = value.trim().toLowerCase();
      return v !== '' && v !== '0' && v !== 'false' && v !== 'f' && v !== 'no' && v !== 'off';
    }
    default:
      return false;
  }
}

/** A JSON column that holds an object (user settings, group permissions…); anything else is null. */
export function decodeObject(value: unknown): Record<string, unknown> | null {
  const decoded = decodeJson<unknown>(value);
  return decoded && typeof decoded === 'object' && !Array.isArray(decoded) ? (decoded as Record<string, unknown>) : null;
}
