import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { DB } from './types.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  /** PostgreSQL schema the tables live in (DATABASE_SCHEMA); undefined = the connection's default. */
  readonly schema: string | undefined;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string;
  schema?: string | undefined;
  poolSize?: number | undefined;
  sqliteWal?: boolean | undefined;
}

/** node-postgres, loaded only when PostgreSQL is used (an embedded install never pays for it). */
async function loadPg(): Promise<typeof import('pg').default> {
  const pg = (await import('pg')).default;
  // BIGINT arrives as text. Epoch seconds fit a JS number; nanosecond timestamps (channels,
  // messages, notes) do not, so those stay exact as bigint.
  pg.types.setTypeParser(20, (value: string) => {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : BigInt(value);
  });
  // DATE (user.date_of_birth) as its `YYYY-MM-DD` text, as SQLite stores it, not a local-time Date.
  pg.types.setTypeParser(1082, (value: string) => value);
  // JSON as its text, as SQLite returns it: stores decode it (decodeJson), and a large chat body can
  // be sent to the client as stored, without a parse and a re-serialisation.
  pg.types.setTypeParser(114, (value: string) => value);
  return pg;
}

/** `sqlite:///relative.db`, `sqlite:////abs/path.db` (SQLAlchemy style) or `postgres(ql)://…`. */
export function sqlitePathFromUrl(url: string): string | undefined {
  const m = /^sqlite(?:\+\w+)?:\/\/\/(.*)$/.exec(url);
  if (!m) return undefined;
  const path = m[1] ?? '';
  return path === '' || path === ':memory:' ? ':memory:' : resolve(path);
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?(\+\w+)?:\/\//.test(url);
}

/** better-sqlite3 cannot bind booleans; SQLite stores them as 0/1 anyway. */
function bindable(params: readonly unknown[]): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

// Rows are read with safe integers so nanosecond timestamps stay exact; everything that fits a
// JS number (all second timestamps, counts, booleans) becomes a number again, as on PostgreSQL.
function numbersWhereSafe(row: unknown): unknown {
  if (row === null || typeof row !== 'object') return row;
  const record = row as Record<string, unknown>;
  for (const key in record) {
    const v = record[key];
    if (typeof v === 'bigint' && v >= Number.MIN_SAFE_INTEGER && v <= Number.MAX_SAFE_INTEGER) record[key] = Number(v);
  }
  return record;
}

// Kysely prepares a statement for every query; compiling SQL is a good part of a simple query's
// cost, so statements are kept by their text (bounded; queries are parameterised, so few texts).
const STATEMENT_CACHE_SIZE = 500;

function sqliteAdapter(raw: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepared = (text: string): BetterSqlite3.Statement => {
    let stmt = cache.get(text);
    if (!stmt) {
      stmt = raw.prepare(text);
      if (stmt.reader) stmt.safeIntegers(true);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(text, stmt);
    }
    return stmt;
  };
  return {
    close: () => raw.close(),
    prepare(text: string): SqliteStatement {
      const stmt = prepared(text);
      return {
        reader: stmt.reader,
        all: (params) => stmt.all(...bindable(params)).map(numbersWhereSafe),
        run: (params) => stmt.run(...bindable(params)) as { changes: number | bigint; lastInsertRowid: number | bigint },
        *iterate(params) {
          for (const row of stmt.iterate(...bindable(params))) yield numbersWhereSafe(row);
        },
      };
    },
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const sqlitePath = sqlitePathFromUrl(options.url);
  if (sqlitePath !== undefined) {
    if (sqlitePath !== ':memory:') mkdirSync(dirname(sqlitePath), { recursive: true });
    const raw = new BetterSqlite3(sqlitePath);
    raw.pragma(`journal_mode = ${options.sqliteWal === false ? 'DELETE' : 'WAL'}`);
    raw.pragma('busy_timeout = 5000');
    raw.pragma('foreign_keys = ON');
    raw.pragma('synchronous = NORMAL');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqliteAdapter(raw) }) });
    return { db, dialect: 'sqlite', schema: undefined, close: () => db.destroy() };
  }
  if (isPostgresUrl(options.url)) {
    const connectionString = options.url.replace(/^postgres(ql)?\+\w+:/, 'postgresql:');
    const schema = options.schema || undefined;
    const pg = await loadPg();
    const pool = new pg.Pool({
      connectionString,
      max: options.poolSize && options.poolSize > 0 ? options.poolSize : 10,
      ...(schema ? { options: `-c search_path=${quoteIdent(schema)}` } : {}),
    });
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({
        pool,
        // lz4 (PostgreSQL 14+, when built with it) compresses multi-megabyte chat bodies several times
        // faster than the default pglz; only values written from now on. Elsewhere the setting fails
        // and the server default stays.
        onCreateConnection: (connection) => connection.executeQuery(CompiledQuery.raw(`set default_toast_compression = 'lz4'`)).then(() => undefined, () => undefined),
      }),
    });
    if (schema) await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
    return { db, dialect: 'postgres', schema, close: () => db.destroy() };
  }
  throw new Error(`unsupported DATABASE_URL scheme: ${options.url.split(':')[0]}`);
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
