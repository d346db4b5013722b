// Turns TableSpec/ColumnSpec (spec.ts) into Kysely schema-builder calls for SQLite or PostgreSQL.
import { sql, type ColumnDataType, type ColumnDefinitionBuilder, type CreateTableBuilder, type SchemaModule } from 'kysely';
import type { Dialect } from '../connection.ts';
import type { ColumnDefault, ColumnKind, ColumnSpec, IndexSpec, TableSpec } from './spec.ts';

const SQLITE_TYPES: Record<ColumnKind, ColumnDataType> = {
  text: 'text',
  varchar: 'varchar',
  varchar32: 'varchar(32)',
  varchar50: 'varchar(50)',
  varchar255: 'varchar(255)',
  json: 'json',
  boolean: 'boolean',
  peeweeBoolean: 'integer',
  bigint: 'bigint',
  peeweeEpoch: 'integer',
  peeweeDatetime: 'datetime',
  integer: 'integer',
  autoId: 'integer',
  date: 'date',
  datetime: 'datetime',
};

const POSTGRES_TYPES: Record<ColumnKind, ColumnDataType> = {
  text: 'text',
  varchar: 'varchar',
  varchar32: 'varchar(32)',
  varchar50: 'varchar(50)',
  varchar255: 'varchar(255)',
  json: 'json',
  boolean: 'boolean',
  peeweeBoolean: 'boolean',
  bigint: 'bigint',
  peeweeEpoch: 'bigint',
  peeweeDatetime: 'bigint',
  integer: 'integer',
  autoId: 'serial',
  date: 'date',
  datetime: 'timestamp',
};

export function columnType(kind: ColumnKind, dialect: Dialect): ColumnDataType {
  return (dialect === 'sqlite' ? SQLITE_TYPES : POSTGRES_TYPES)[kind];
}

function defaultValue(value: ColumnDefault, dialect: Dialect) {
  if (value === 'current_timestamp') return sql`CURRENT_TIMESTAMP`;
  if ('json' in value) return sql.lit(value.json);
  // SQLite writes booleans as 1/0 (as SQLAlchemy's server_default=true() renders there).
  if (dialect === 'sqlite') return value.boolean ? sql`1` : sql`0`;
  return value.boolean ? sql`true` : sql`false`;
}

function defineColumn(column: ColumnSpec, dialect: Dialect) {
  return (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder => {
    let c = col;
    if (column.kind === 'autoId') {
      c = c.primaryKey();
      if (dialect === 'sqlite') c = c.notNull();
    } else {
      if (column.notNull) c = c.notNull();
      if (column.primaryKey) c = c.primaryKey();
    }
    if (column.unique) c = c.unique();
    if (column.default !== undefined) c = c.defaultTo(defaultValue(column.default, dialect));
    if (column.references) c = c.references(column.references).onDelete('cascade');
    return c;
  };
}

export async function createTable(schema: SchemaModule, dialect: Dialect, table: TableSpec): Promise<void> {
  let builder: CreateTableBuilder<string, string> = schema.createTable(table.name);
  for (const column of table.columns) {
    builder = builder.addColumn(column.name, columnType(column.kind, dialect), defineColumn(column, dialect));
  }
  if (table.primaryKey) {
    builder = builder.addPrimaryKeyConstraint(table.primaryKey.name, [...table.primaryKey.columns]);
  }
  for (const unique of table.uniques ?? []) {
    builder = builder.addUniqueConstraint(unique.name, [...unique.columns]);
  }
  for (const fk of table.foreignKeys ?? []) {
    const [refTable, refColumn] = splitReference(fk.references);
    builder = builder.addForeignKeyConstraint(fk.name, [fk.column], refTable, [refColumn], (b) =>
      b.onDelete('cascade'),
    );
  }
  await builder.execute();
  await createIndexes(schema, table.name, table.indexes ?? []);
}

export async function createIndexes(schema: SchemaModule, table: string, indexes: readonly IndexSpec[]): Promise<void> {
  for (const index of indexes) {
    let builder = schema.createIndex(index.name).on(table).columns([...index.columns]);
    if (index.unique) builder = builder.unique();
    await builder.execute();
  }
}

/** ALTER TABLE … ADD COLUMN (one statement per column: SQLite cannot add several at once). */
export async function addColumn(schema: SchemaModule, dialect: Dialect, table: string, column: ColumnSpec): Promise<void> {
  await schema.alterTable(table).addColumn(column.name, columnType(column.kind, dialect), defineColumn(column, dialect)).execute();
}

function splitReference(reference: string): [string, string] {
  const dot = reference.indexOf('.');
  return [reference.slice(0, dot), reference.slice(dot + 1)];
}
