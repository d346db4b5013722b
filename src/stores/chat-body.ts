// A chat body is a JSON object that can be megabytes. These helpers let the single-chat read and the
// save handle it as JSON text: read as stored, merged in SQL, never parsed and re-encoded whole.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db/connection.ts';
import type { DB } from '../db/types.ts';
import { decodeObject } from '../db/values.ts';

/** JSON object text as stored (SQLite hands it over as bytes, PostgreSQL as a string). */
export type BodyText = string | Buffer;

const OPEN_BRACE = 0x7b;

/** The stored body as JSON object text: as stored when it is one, else re-encoded (`null`, junk → `{}`). */
export function bodyText(stored: unknown): BodyText {
  if (typeof stored === 'string' && stored.startsWith('{')) return stored;
  if (Buffer.isBuffer(stored)) {
    if (stored[0] === OPEN_BRACE) return stored;
    return bodyText(stored.toString('utf8'));
  }
  return JSON.stringify(decodeObject(stored) ?? {});
}

/** SQL selecting the body column without decoding it (bytes on SQLite, which skip a UTF-8 round trip). */
export function rawBodyColumn(dialect: Dialect) {
  return dialect === 'sqlite' ? sql<Buffer | null>`cast(chat.chat as blob)`.as('chat') : sql<string | null>`chat.chat`.as('chat');
}

/**
 * Removes U+0000 from JSON text (PostgreSQL cannot store it; Open WebUI strips it everywhere). JSON
 * escapes it as `\u0000`; an escape is a backslash preceded by an even run of backslashes.
 */
export function stripNullEscapes(json: string): string {
  return json.includes('\\u0000') ? json.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1') : json;
}

/**
 * The stored top-level entries of an owned chat whose keys are not in `keys`, as JSON value texts
 * (in stored order; a later duplicate wins, as in Python). Null when the chat is not this owner's.
 * A body that is not a JSON object has no entries.
 */
export async function storedEntriesExcept(db: Kysely<DB>, dialect: Dialect, id: string, userId: string, keys: readonly string[]): Promise<Map<string, string> | null> {
  const { rows } =
    dialect === 'postgres'
      ? await sql<{ key: string | null; value: string | null }>`select j.key, j.value::text as value from chat
          left join lateral json_each(case when json_typeof(chat.chat::json) = 'object' then chat.chat::json else '{}'::json end) j
            on not (j.key = any(${[...keys]}::text[]))
          where chat.id = ${id} and chat.user_id = ${userId}`.execute(db)
      : await sql<{ key: string | null; value: string | null }>`select j.key, chat.chat -> j.fullkey as value from chat
          left join json_each(case when json_valid(chat.chat) and json_type(chat.chat) = 'object' then chat.chat else '{}' end) j
            on j.key not in (select value from json_each(${JSON.stringify(keys)}))
          where chat.id = ${id} and chat.user_id = ${userId}`.execute(db);
  if (rows.length === 0) return null;
  const entries = new Map<string, string>();
  for (const row of rows) if (row.key !== null && row.value !== null) entries.set(row.key, row.value);
  return entries;
}

/** JSON object text with `entries` (key → JSON value text) added after the keys of `objectText`. */
export function appendEntries(objectText: string, entries: ReadonlyMap<string, string>): string {
  if (entries.size === 0) return objectText;
  const added = [...entries].map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',');
  const inner = objectText.slice(1, -1).trim();
  return `{${inner}${inner ? ',' : ''}${added}}`;
}
