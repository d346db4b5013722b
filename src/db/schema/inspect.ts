// Catalog queries that work the same on both dialects (PostgreSQL: the current schema only).
import { sql, type QueryExecutorProvider } from 'kysely';
import type { Dialect } from '../connection.ts';

/** Any Kysely instance, transaction or connection (raw SQL needs no table types). */
type AnyDb = QueryExecutorProvider;

export async function listTables(db: AnyDb, dialect: Dialect): Promise<Set<string>> {
  const query =
    dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
      : sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`;
  const { rows } = await query.execute(db);
  return new Set(rows.map((r) => r.name));
}

export async function listColumns(db: AnyDb, dialect: Dialect, table: string): Promise<string[]> {
  const query =
    dialect === 'sqlite'
      ? sql<{ name: string }>`select name from pragma_table_info(${table}) order by cid`
      : sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table} order by ordinal_position`;
  const { rows } = await query.execute(db);
  return rows.map((r) => r.name);
}
