// Rebuilds a SQLite fixture inside a PostgreSQL schema the way Open WebUI lays out the same
// revision on PostgreSQL (peewee: VARCHAR/TEXT/BOOLEAN/BIGINT; Alembic: json, bigint, boolean…),
// then copies the rows. There is no PostgreSQL fixture, so this is how the adopt and upgrade paths
// get exercised on PostgreSQL. The type mapping here is the tests' definition of "a genuine
// Open WebUI PostgreSQL database", written independently of src/db/schema.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/types.ts';
import { sqliteShape, withSqliteFile, type SqliteColumn } from './support.ts';

/** Peewee BooleanFields, which SQLite declares INTEGER. */
const PEEWEE_BOOLEANS = new Set(['auth.active', 'chat.archived', 'function.is_active', 'function.is_global']);
/** Auto-increment integer ids (peewee AutoField, SQLAlchemy Integer PK) → serial. */
const SERIAL_IDS = new Set(['prompt.id', 'document.id', 'config.id', 'migratehistory.id']);

/** The PostgreSQL type Open WebUI gives a column that the SQLite fixture declares as `declared`. */
export function postgresTypeFor(table: string, column: string, declared: string): string {
  const key = `${table}.${column}`;
  const t = declared.toUpperCase();
  if (t.startsWith('VARCHAR')) return t.replace('VARCHAR', 'character varying').toLowerCase();
  switch (t) {
    case 'TEXT':
      return 'text';
    case 'JSON':
      return 'json';
    case 'BIGINT':
      return 'bigint';
    case 'BOOLEAN':
      return 'boolean';
    case 'DATE':
      return 'date';
    case 'DATETIME':
      // chat.created_at/updated_at hold epoch seconds; config/migratehistory hold real timestamps.
      return table === 'chat' ? 'bigint' : 'timestamp without time zone';
    case 'INTEGER':
      if (PEEWEE_BOOLEANS.has(key)) return 'boolean';
      if (SERIAL_IDS.has(key) || key === 'config.version') return 'integer';
      return 'bigint';
    default:
      throw new Error(`unmapped SQLite type ${declared} for ${key}`);
  }
}

function pgDefault(column: SqliteColumn, pgType: string): string | undefined {
  if (column.dflt_value === null) return undefined;
  const v = column.dflt_value.replace(/^\((.*)\)$/, '$1');
  if (pgType === 'boolean') return v === '1' ? 'true' : 'false';
  return v; // '{}' and CURRENT_TIMESTAMP read the same in PostgreSQL
}

export async function replicateSqliteToPostgres(sqlitePath: string, db: Kysely<DB>): Promise<void> {
  const shape = sqliteShape(sqlitePath);

  // 1. Tables with columns, NOT NULL, defaults and primary keys.
  for (const [table, { columns }] of shape) {
    const defs = columns.map((c) => {
      const key = `${table}.${c.name}`;
      const type = SERIAL_IDS.has(key) ? 'serial' : postgresTypeFor(table, c.name, c.type);
      const dflt = pgDefault(c, type);
      return sql.raw(`"${c.name}" ${type}${c.notnull ? ' not null' : ''}${dflt !== undefined ? ` default ${dflt}` : ''}`);
    });
    const pk = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => `"${c.name}"`);
    if (pk.length > 0) defs.push(sql.raw(`primary key (${pk.join(', ')})`));
    await sql`create table ${sql.table(table)} (${sql.join(defs)})`.execute(db);
  }

  // 2. Rows (integers read as BigInt so nanosecond timestamps stay exact).
  const rowsByTable = withSqliteFile(sqlitePath, (lite) => {
    const out = new Map<string, Record<string, unknown>[]>();
    for (const table of shape.keys()) {
      out.set(table, lite.prepare(`select * from "${table}"`).safeIntegers(true).all() as Record<string, unknown>[]);
    }
    return out;
  });
  for (const [table, rows] of rowsByTable) {
    const columns = shape.get(table)?.columns ?? [];
    for (const row of rows) {
      const values = columns.map((c) => {
        const value = row[c.name];
        if (postgresTypeFor(table, c.name, c.type) === 'boolean' && value !== null) return sql.val(value !== 0n);
        return sql.val(value);
      });
      await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c.name)))}) values (${sql.join(values)})`.execute(db);
    }
    for (const c of columns) {
      if (SERIAL_IDS.has(`${table}.${c.name}`) && rows.length > 0) {
        await sql`select setval(pg_get_serial_sequence(${`"${table}"`}, ${c.name}), (select max(${sql.ref(c.name)}) from ${sql.table(table)}))`.execute(db);
      }
    }
  }

  // 3. Indexes, unique constraints, then foreign keys (their targets now exist and are filled).
  for (const [table, { indexes }] of shape) {
    for (const index of indexes) {
      const cols = sql.join(index.columns.map((c) => sql.ref(c)));
      if (index.origin === 'c') {
        await sql`create ${sql.raw(index.unique ? 'unique ' : '')}index ${sql.id(index.name)} on ${sql.table(table)} (${cols})`.execute(db);
      } else if (index.origin === 'u') {
        await sql`alter table ${sql.table(table)} add unique (${cols})`.execute(db);
      }
    }
  }
  for (const [table, { foreignKeys }] of shape) {
    for (const fk of foreignKeys) {
      await sql`alter table ${sql.table(table)} add foreign key (${sql.ref(fk.from)})
        references ${sql.table(fk.table)} (${sql.ref(fk.to)}) on delete cascade`.execute(db);
    }
  }
}
