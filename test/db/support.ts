// Helpers for the database tests: fixture copies, throw-away SQLite files and PostgreSQL schemas,
// and reading a SQLite file's shape straight from its PRAGMAs (independent of src/).
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../src/db/connection.ts';

/** The Open WebUI fixture databases in shared/ beside the checkout; override with OWUI_DB_FIXTURES. */
export const FIXTURE_DIR: string | undefined = [
  process.env['OWUI_DB_FIXTURES'],
  resolve(import.meta.dirname, '../../../shared/fixtures/owui-db'),
].find((dir): dir is string => Boolean(dir) && existsSync(join(dir as string, 'webui-0.6.43.db')));

export const NO_FIXTURES = FIXTURE_DIR === undefined && 'Open WebUI fixture databases not found (set OWUI_DB_FIXTURES)';

export const PG_URL: string | undefined = process.env['DATABASE_URL']?.startsWith('postgres')
  ? process.env['DATABASE_URL']
  : undefined;
export const NO_PG = PG_URL === undefined && 'DATABASE_URL is not a PostgreSQL URL';

export type FixtureName = 'webui-0.6.43.db' | 'webui-0.6.32.db';

export interface TempSqlite {
  readonly path: string;
  readonly url: string;
  cleanup(): void;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'owui-ts-db-'));
}

/** A writable copy of a fixture in a fresh temp directory (the originals are read-only). */
export function copyFixture(name: FixtureName): TempSqlite {
  if (!FIXTURE_DIR) throw new Error('fixtures missing');
  const dir = tempDir();
  const path = join(dir, 'webui.db');
  copyFileSync(join(FIXTURE_DIR, name), path);
  chmodSync(path, 0o644);
  return { path, url: `sqlite:///${path}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function emptySqlite(): TempSqlite {
  const dir = tempDir();
  const path = join(dir, 'webui.db');
  return { path, url: `sqlite:///${path}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TempPostgres {
  readonly database: Database;
  readonly schema: string;
  cleanup(): Promise<void>;
}

/** A Database on a fresh random PostgreSQL schema, dropped by cleanup(). */
export async function freshPostgresSchema(): Promise<TempPostgres> {
  if (!PG_URL) throw new Error('no PostgreSQL');
  const schema = `owui_ts_test_${randomBytes(6).toString('hex')}`;
  const database = await openDatabase({ url: PG_URL, schema, poolSize: 4 });
  return {
    database,
    schema,
    async cleanup() {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db);
      await database.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// SQLite shape, read with better-sqlite3 directly.

export interface SqliteColumn {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

export interface SqliteIndex {
  name: string;
  unique: number;
  origin: string;
  columns: string[];
}

export interface SqliteForeignKey {
  table: string;
  from: string;
  to: string;
  on_delete: string;
}

export interface SqliteTableShape {
  columns: SqliteColumn[];
  indexes: SqliteIndex[];
  foreignKeys: SqliteForeignKey[];
}

export function withSqliteFile<T>(path: string, read: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function sqliteTables(db: BetterSqlite3.Database): string[] {
  return (db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as { name: string }[]).map(
    (r) => r.name,
  );
}

export function sqliteShape(path: string): Map<string, SqliteTableShape> {
  return withSqliteFile(path, (db) => {
    const shape = new Map<string, SqliteTableShape>();
    for (const table of sqliteTables(db)) {
      const columns = db.prepare(`select name, type, "notnull", dflt_value, pk from pragma_table_info(?) order by cid`).all(table) as SqliteColumn[];
      const indexList = db.prepare(`select name, "unique", origin from pragma_index_list(?)`).all(table) as Omit<SqliteIndex, 'columns'>[];
      const indexes = indexList.map((index) => ({
        ...index,
        columns: (db.prepare(`select name from pragma_index_info(?) order by seqno`).all(index.name) as { name: string }[]).map((c) => c.name),
      }));
      const foreignKeys = db.prepare(`select "table", "from", "to", on_delete from pragma_foreign_key_list(?)`).all(table) as SqliteForeignKey[];
      shape.set(table, { columns, indexes, foreignKeys });
    }
    return shape;
  });
}

/** Row count per table. */
export function sqliteRowCounts(path: string): Record<string, number> {
  return withSqliteFile(path, (db) =>
    Object.fromEntries(
      sqliteTables(db).map((t) => [t, (db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]),
    ),
  );
}

/** Default values as SQLite reports them: `(1)` and `1` are the same default. */
export function normaliseDefault(value: string | null): string | null {
  if (value === null) return null;
  let v = value.trim();
  while (v.startsWith('(') && v.endsWith(')')) v = v.slice(1, -1).trim();
  return v.toLowerCase();
}

export function singleLine(message: string): boolean {
  return !/[\r\n]/.test(message);
}

/** Migrate options for tests of the baseline alone: the Open WebUI schema without our later additions. */
export const BASELINE_ONLY = { migrations: [] } as const;
