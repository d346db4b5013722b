// The shape of the current PostgreSQL schema, read from the catalogs (independent of src/).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/types.ts';

export interface PgColumn {
  name: string;
  type: string;
  notnull: boolean;
  dflt: string | null;
}

export interface PgTableShape {
  columns: PgColumn[];
  /** index name → definition */
  indexes: Map<string, string>;
  /** foreign-key definitions, e.g. `FOREIGN KEY (user_id) REFERENCES "user"(id) ON DELETE CASCADE` */
  foreignKeys: string[];
}

export async function pgShape(db: Kysely<DB>): Promise<Map<string, PgTableShape>> {
  const shape = new Map<string, PgTableShape>();
  const get = (table: string): PgTableShape => {
    let t = shape.get(table);
    if (!t) shape.set(table, (t = { columns: [], indexes: new Map(), foreignKeys: [] }));
    return t;
  };
  const columns = await sql<PgColumn & { table: string }>`
    select c.relname as "table", a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
           a.attnotnull as notnull, pg_get_expr(d.adbin, d.adrelid) as dflt
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where n.nspname = current_schema() and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
    order by c.relname, a.attnum`.execute(db);
  for (const { table, ...column } of columns.rows) get(table).columns.push(column);

  const indexes = await sql<{ table: string; name: string; def: string }>`
    select tablename as "table", indexname as name, indexdef as def from pg_indexes where schemaname = current_schema()`.execute(db);
  for (const index of indexes.rows) get(index.table).indexes.set(index.name, index.def);

  const fks = await sql<{ table: string; def: string }>`
    select cl.relname as "table", pg_get_constraintdef(co.oid) as def
    from pg_constraint co
    join pg_class cl on cl.oid = co.conrelid
    join pg_namespace n on n.oid = cl.relnamespace
    where n.nspname = current_schema() and co.contype = 'f'`.execute(db);
  for (const fk of fks.rows) get(fk.table).foreignKeys.push(fk.def);
  return shape;
}

export async function pgRowCounts(db: Kysely<DB>, tables: Iterable<string>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]?.n);
  }
  return counts;
}
