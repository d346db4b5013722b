// Small tools shared by the ported revisions.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.ts';
import type { DB } from '../types.ts';

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * Reads a legacy JSON value the way the Python revisions do: text is parsed, already-parsed values
 * (PostgreSQL json) pass through, and unparseable text gives `undefined` (the row is skipped).
 */
export function parseLegacyJson(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** Python truthiness of a JSON value (`if value:`), which the revisions use to skip empty data. */
export function pythonTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/**
 * Drops a column. SQLite (≥ 3.35) refuses to drop an indexed column, so indexes on it go first —
 * as upstream does before its batch drop. Indexes behind a UNIQUE/PK constraint cannot be dropped
 * that way; that would need a table rebuild, which Open WebUI's own 0.6 tables never require.
 */
export async function dropColumn(db: Kysely<DB>, dialect: Dialect, table: string, column: string): Promise<void> {
  if (dialect === 'sqlite') {
    const indexes = await sql<{ name: string; origin: string }>`
      select il.name, il.origin from pragma_index_list(${table}) il
      where exists (select 1 from pragma_index_info(il.name) ii where ii.name = ${column})`.execute(db);
    for (const index of indexes.rows) {
      if (index.origin !== 'c') {
        throw new Error(`cannot drop ${table}.${column}: it is part of constraint index ${index.name}`);
      }
      await db.schema.dropIndex(index.name).execute();
    }
  }
  await db.schema.alterTable(table).dropColumn(column).execute();
}

/** Multi-row inserts in slices that stay far below SQLite's bound-parameter limit. */
export function chunks<T>(items: readonly T[], size = 200): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
