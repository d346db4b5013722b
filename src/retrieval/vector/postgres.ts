// The chunk store at scale: one PostgreSQL table, full text through a generated tsvector and vectors
// through pgvector. Without the `vector` extension the store still keeps chunks and finds them by
// full text; only writing or searching a vector fails (with PGVECTOR_MISSING).
//
//   retrieval_chunk(collection_name, id, seq, text, vmetadata jsonb, vector vector NULL,
//                   tsv tsvector generated from text ('simple': no stemming, no stop words))
//   primary key (collection_name, id); (collection_name, seq) for insertion order; GIN on tsv;
//   GIN (jsonb_path_ops) on vmetadata for the {file_id}/{hash} filters.
//
// The vector column is untyped (embedding models differ in size), so there is no HNSW/IVFFlat index:
// a search is an exact scan of the collection's vectors of the query's size. (pgvector can index one
// size with a partial expression index, `((vector::vector(384))) where vector_dims(vector) = 384`,
// if a deployment ever needs it.) The table is not Open WebUI's `document_chunk` (whose vector column
// has one fixed size); an adopted database keeps that table untouched.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ChunkRecord, MetadataFilter, ScoredChunk, VectorStore } from './store.ts';
import { checkCollection, clampK, cosineScore, decodeMetadata, filterEntries, isZero, MATCH_BUDGET, prepareChunks, queryTerms, toFloat32 } from './common.ts';

/** pgvector's largest vector (storage; indexes allow fewer). */
const MAX_DIMS = 16000;
const MAX_K = 10_000;
/** Rows counted at most for a term's document frequency (or a new table's size). */
const COUNT_CAP = 200_000;
/** How long the planner statistics that steer term pruning are reused. */
const STATS_TTL_MS = 300_000;
const COUNTED_TTL_MS = 5_000;

interface TableStats {
  total: number;
  /** Lexeme → fraction of rows that contain it (pg_stats.most_common_elems of tsv). */
  common: Map<string, number>;
  /** From ANALYZE (else counted, and reused only briefly). */
  analysed: boolean;
  at: number;
}
const TABLE = 'retrieval_chunk';

export const PGVECTOR_MISSING =
  'pgvector is not installed in this PostgreSQL: install the extension (the postgresql-<version>-pgvector package, or build it from https://github.com/pgvector/pgvector) and run CREATE EXTENSION vector as a superuser, or set VECTOR_DB=sqlite-vec. Full-text search works without it.';

export class PgvectorMissingError extends Error {
  constructor(reason: string | undefined) {
    super(reason ? `${PGVECTOR_MISSING} (${reason})` : PGVECTOR_MISSING);
    this.name = 'PgvectorMissingError';
  }
}

interface Row {
  id: string;
  text: string;
  vmetadata: unknown;
  vector?: string | null;
  score?: number | string;
}

/** The JSON text of the metadata, without the NUL characters PostgreSQL's jsonb and text reject. */
function pgJson(metadataJson: string): string {
  return JSON.stringify(JSON.parse(metadataJson), (_key, value: unknown) => (typeof value === 'string' ? value.replace(/\u0000/g, '') : value));
}

function vectorLiteral(vector: Float32Array): string {
  return `[${Array.from(vector).join(',')}]`;
}

function parseVector(text: string | null | undefined): number[] | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as number[]) : undefined;
  } catch {
    return undefined;
  }
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === '42710' || code === '42P07';
}

export interface PostgresStoreOptions {
  /** Called by close() (a pool the store opened itself); the app's own database is left open. */
  onClose?: (() => Promise<void>) | undefined;
  /** false: never use pgvector (full text only), as on a PostgreSQL without the extension. */
  pgvector?: boolean | undefined;
}

export class PostgresVectorStore implements VectorStore {
  private closed = false;
  private stats: TableStats | undefined;

  private constructor(
    private readonly db: Kysely<any>,
    /** The schema pgvector lives in, or undefined when it is not available. */
    private readonly vectorSchema: string | undefined,
    private readonly missingReason: string | undefined,
    private readonly onClose: (() => Promise<void>) | undefined,
  ) {}

  /** Prepares the table (and pgvector, when it can be created) and returns the store. */
  static async open(db: Kysely<any>, options: PostgresStoreOptions = {}): Promise<PostgresVectorStore> {
    const { schema, reason } = options.pgvector === false ? { schema: undefined, reason: 'disabled for this store' } : await ensureVectorExtension(db);
    await ensureTable(db, schema);
    return new PostgresVectorStore(db, schema, reason, options.onClose);
  }

  /** Whether vectors can be stored and searched (the `vector` extension is present). */
  get vectorsAvailable(): boolean {
    return this.vectorSchema !== undefined;
  }

  private open(): void {
    if (this.closed) throw new Error('the chunk store is closed');
  }

  private requireVectors(): string {
    if (this.vectorSchema === undefined) throw new PgvectorMissingError(this.missingReason);
    return this.vectorSchema;
  }

  private vectorType(schema: string): RawBuilder<unknown> {
    return sql`${sql.id(schema)}.vector`;
  }

  private vectorSelect(alias = ''): RawBuilder<unknown> {
    return this.vectorSchema !== undefined ? sql`, ${sql.raw(alias)}vector::text as vector` : sql``;
  }

  private filterSql(filter: MetadataFilter | undefined): RawBuilder<unknown> {
    const entries = filterEntries(filter);
    if (entries.length === 0) return sql``;
    return sql` and vmetadata @> ${JSON.stringify(Object.fromEntries(entries))}::jsonb`;
  }

  private toRecord(row: Row): ChunkRecord {
    const vector = parseVector(row.vector);
    return { id: row.id, text: row.text, metadata: decodeMetadata(row.vmetadata), ...(vector ? { vector } : {}) };
  }

  async upsert(collection: string, chunks: readonly ChunkRecord[]): Promise<void> {
    this.open();
    checkCollection(collection);
    const prepared = prepareChunks(chunks, MAX_DIMS);
    if (prepared.length === 0) return;
    const withVectors = prepared.some((c) => c.vector !== undefined);
    const schema = withVectors ? this.requireVectors() : this.vectorSchema;
    // One statement may not update a row twice: the last chunk of an id wins, at its first position.
    const byId = new Map<string, (typeof prepared)[number]>();
    for (const chunk of prepared) byId.set(chunk.id, chunk);
    const rows = [...byId.values()];
    const ids = rows.map((c) => c.id.replace(/\u0000/g, ''));
    const texts = rows.map((c) => c.text.replace(/\u0000/g, ''));
    const metas = rows.map((c) => pgJson(c.metadata));
    if (schema === undefined) {
      await sql`
        insert into ${sql.id(TABLE)} (collection_name, id, text, vmetadata)
        select ${collection}, u.id, u.text, u.meta::jsonb
        from unnest(${ids}::text[], ${texts}::text[], ${metas}::text[]) with ordinality as u(id, text, meta, ord)
        order by u.ord
        on conflict (collection_name, id) do update set text = excluded.text, vmetadata = excluded.vmetadata`.execute(this.db);
      return;
    }
    const vectors = rows.map((c) => (c.vector ? vectorLiteral(c.vector) : null));
    await sql`
      insert into ${sql.id(TABLE)} (collection_name, id, text, vmetadata, vector)
      select ${collection}, u.id, u.text, u.meta::jsonb, u.vec::${this.vectorType(schema)}
      from unnest(${ids}::text[], ${texts}::text[], ${metas}::text[], ${vectors}::text[]) with ordinality as u(id, text, meta, vec, ord)
      order by u.ord
      on conflict (collection_name, id) do update set text = excluded.text, vmetadata = excluded.vmetadata, vector = excluded.vector`.execute(this.db);
  }

  async hasCollection(collection: string): Promise<boolean> {
    this.open();
    const { rows } = await sql`select 1 as one from ${sql.id(TABLE)} where collection_name = ${collection} limit 1`.execute(this.db);
    return rows.length > 0;
  }

  async get(collection: string, filter?: MetadataFilter): Promise<ChunkRecord[]> {
    this.open();
    const { rows } = await sql<Row>`
      select id, text, vmetadata${this.vectorSelect()} from ${sql.id(TABLE)}
      where collection_name = ${collection}${this.filterSql(filter)} order by seq`.execute(this.db);
    return rows.map((row) => this.toRecord(row));
  }

  async exists(collection: string, filter: MetadataFilter): Promise<boolean> {
    this.open();
    const { rows } = await sql`select 1 as one from ${sql.id(TABLE)} where collection_name = ${collection}${this.filterSql(filter)} limit 1`.execute(this.db);
    return rows.length > 0;
  }

  async searchVector(collection: string, vector: readonly number[], k: number): Promise<ScoredChunk[]> {
    this.open();
    const schema = this.requireVectors();
    const limit = clampK(k, MAX_K);
    const query = toFloat32(vector, MAX_DIMS);
    if (limit === 0 || isZero(query)) return [];
    const ext = sql.id(schema);
    const table = sql.id(TABLE);
    // The k best by distance first; only those rows are read in full (text, metadata, vector as text).
    const { rows } = await sql<Row & { distance: number }>`
      with top as (
        select id, seq, vector operator(${ext}.<=>) ${vectorLiteral(query)}::${this.vectorType(schema)} as distance
        from ${table}
        where collection_name = ${collection} and vector is not null and ${ext}.vector_dims(vector) = ${query.length}
        order by distance, seq limit ${limit}
      )
      select r.id, r.text, r.vmetadata, r.vector::text as vector, top.distance
      from top join ${table} r on r.collection_name = ${collection} and r.id = top.id
      order by top.distance, top.seq`.execute(this.db);
    return rows.map((row) => ({ ...this.toRecord(row), score: cosineScore(Number(row.distance)) }));
  }

  /**
   * BM25-like ranking: each query term weighs its inverse document frequency (Lucene's idf over the
   * whole table, as FTS5 does) times ts_rank of that term (length-normalised). As on SQLite, terms in
   * at least half of all chunks are left out when rarer ones exist, and when the rest would match
   * more than MATCH_BUDGET chunks, the most common of them (the rarest is always kept).
   */
  async searchText(collection: string, query: string, k: number): Promise<ScoredChunk[]> {
    this.open();
    const limit = clampK(k, MAX_K);
    const terms = queryTerms(typeof query === 'string' ? query : '');
    if (limit === 0 || terms.length === 0) return [];
    const stats = await this.tableStats();
    const counted = await this.documentFrequencies(terms, stats);
    const total = Math.max(stats.total, ...counted.map((t) => t.df));
    const informative = counted.filter((t) => t.df > 0 && t.df < total / 2);
    let kept = (informative.length > 0 ? informative : counted).filter((t) => t.df > 0).sort((a, b) => a.df - b.df);
    if (kept.length === 0) return [];
    let budget = MATCH_BUDGET;
    kept = kept.filter((t, i) => {
      budget -= t.df;
      return i === 0 || budget >= 0;
    });
    const idf = (d: number) => Math.log(1 + (total - d + 0.5) / (d + 0.5));
    const tsq = (term: string) => sql`plainto_tsquery('simple', ${term})`;
    const anyTerm = sql.join(kept.map((t) => tsq(t.term)), sql` || `);
    const score = sql.join(kept.map((t) => sql`${idf(t.df)}::float8 * ts_rank(tsv, ${tsq(t.term)}, 1)`), sql` + `);
    const table = sql.id(TABLE);
    const { rows } = await sql<Row>`
      with top as (
        select id, seq, ${score} as score
        from ${table}
        where collection_name = ${collection} and tsv @@ (${anyTerm})
        order by score desc, seq limit ${limit}
      )
      select r.id, r.text, r.vmetadata${this.vectorSelect('r.')}, top.score
      from top join ${table} r on r.collection_name = ${collection} and r.id = top.id
      order by top.score desc, top.seq`.execute(this.db);
    return rows.map((row) => ({ ...this.toRecord(row), score: Number(row.score) }));
  }

  /**
   * Rows in the table and its most common lexemes with their frequencies, from the planner's
   * statistics (ANALYZE, which autovacuum runs); reused for STATS_TTL_MS.
   */
  private async tableStats(): Promise<TableStats> {
    const now = Date.now();
    if (this.stats && now - this.stats.at < (this.stats.analysed ? STATS_TTL_MS : COUNTED_TTL_MS)) return this.stats;
    const { rows } = await sql<{ reltuples: number | string; elems: string[] | null; freqs: (number | string)[] | null }>`
      select c.reltuples, s.most_common_elems::text::text[] as elems, s.most_common_elem_freqs as freqs
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_stats s on s.schemaname = n.nspname and s.tablename = c.relname and s.attname = 'tsv'
      where c.oid = to_regclass(${TABLE})`.execute(this.db);
    const row = rows[0];
    let total = Number(row?.reltuples ?? -1);
    const analysed = total >= 0 && !!row?.elems;
    if (!analysed) {
      // Never analysed (a new table): count, up to a bound.
      const counted = await sql<{ n: number | string }>`select count(*) as n from (select 1 from ${sql.id(TABLE)} limit ${COUNT_CAP}) s`.execute(this.db);
      total = Math.max(total, Number(counted.rows[0]?.n ?? 0));
    }
    const common = new Map<string, number>();
    (row?.elems ?? []).forEach((elem, i) => common.set(elem, Number(row?.freqs?.[i] ?? 0)));
    this.stats = { total, common, analysed, at: now };
    return this.stats;
  }

  /** Chunks (all collections) with each term: from the statistics for common ones, else counted (capped). */
  private async documentFrequencies(terms: readonly string[], stats: TableStats): Promise<{ term: string; df: number }[]> {
    const unknown = terms.filter((t) => !stats.common.has(t));
    const counts = new Map<string, number>();
    if (unknown.length > 0) {
      const { rows } = await sql<{ df: (number | string)[] }>`
        select array(
          select (select count(*) from (select 1 from ${sql.id(TABLE)} r where r.tsv @@ plainto_tsquery('simple', u.t) limit ${COUNT_CAP}) s)
          from unnest(${unknown}::text[]) with ordinality as u(t, o) order by u.o
        ) as df`.execute(this.db);
      (rows[0]?.df ?? []).forEach((n, i) => counts.set(unknown[i] as string, Number(n)));
    }
    return terms.map((term) => ({ term, df: stats.common.has(term) ? Math.round((stats.common.get(term) as number) * stats.total) : (counts.get(term) ?? 0) }));
  }

  async delete(collection: string, selector: { ids?: readonly string[]; filter?: MetadataFilter }): Promise<void> {
    this.open();
    const entries = filterEntries(selector.filter);
    const ids = selector.ids;
    if (ids !== undefined && ids.length === 0) return;
    // Neither ids nor a filter selects nothing (never "everything").
    if (ids === undefined && entries.length === 0) return;
    const idSql = ids !== undefined ? sql` and id = any(${[...ids]}::text[])` : sql``;
    await sql`delete from ${sql.id(TABLE)} where collection_name = ${collection}${idSql}${this.filterSql(selector.filter)}`.execute(this.db);
  }

  async deleteCollection(collection: string): Promise<void> {
    this.open();
    await sql`delete from ${sql.id(TABLE)} where collection_name = ${collection}`.execute(this.db);
  }

  async reset(): Promise<void> {
    this.open();
    await sql`truncate table ${sql.id(TABLE)}`.execute(this.db);
    this.stats = undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.onClose?.();
  }
}

/** The schema of the `vector` extension, creating it (in `public` when there is one) if it can. */
async function ensureVectorExtension(db: Kysely<any>): Promise<{ schema: string | undefined; reason: string | undefined }> {
  const find = async (): Promise<string | undefined> => {
    const { rows } = await sql<{ nspname: string }>`
      select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'vector'`.execute(db);
    return rows[0]?.nspname;
  };
  const found = await find();
  if (found !== undefined) return { schema: found, reason: undefined };
  try {
    // In `public`, not the app's schema: dropping a schema must never take the extension (and every
    // other schema's vector columns) with it.
    const { rows } = await sql<{ one: number }>`select 1 as one from pg_namespace where nspname = 'public'`.execute(db);
    if (rows.length > 0) await sql`create extension if not exists vector with schema public`.execute(db);
    else await sql`create extension if not exists vector`.execute(db);
  } catch (err) {
    // Another connection may have created it at the same moment.
    const raced = await find();
    if (raced !== undefined) return { schema: raced, reason: undefined };
    if (!isUniqueViolation(err)) return { schema: undefined, reason: err instanceof Error ? err.message : String(err) };
  }
  const created = await find();
  return created !== undefined ? { schema: created, reason: undefined } : { schema: undefined, reason: 'the extension could not be created' };
}

async function ensureTable(db: Kysely<any>, vectorSchema: string | undefined): Promise<void> {
  const table = sql.id(TABLE);
  const vectorColumn = vectorSchema !== undefined ? sql`, vector ${sql.id(vectorSchema)}.vector` : sql``;
  const statements = [
    sql`create table if not exists ${table} (
      collection_name text not null,
      id text not null,
      seq bigserial not null,
      text text not null,
      vmetadata jsonb not null default '{}'::jsonb${vectorColumn},
      tsv tsvector generated always as (to_tsvector('simple'::regconfig, text)) stored,
      primary key (collection_name, id)
    )`,
    // A database that got pgvector after the table was made gets the column now.
    ...(vectorSchema !== undefined
      ? [
          sql`alter table ${table} add column if not exists vector ${sql.id(vectorSchema)}.vector`,
          // Kept in the row (text and tsv go to TOAST first), so a scan of vectors reads no TOAST.
          sql`alter table ${table} alter column vector set storage main`,
        ]
      : []),
    sql`create index if not exists ${sql.id(`${TABLE}_collection_seq`)} on ${table} (collection_name, seq)`,
    sql`create index if not exists ${sql.id(`${TABLE}_tsv`)} on ${table} using gin (tsv)`,
    sql`create index if not exists ${sql.id(`${TABLE}_vmetadata`)} on ${table} using gin (vmetadata jsonb_path_ops)`,
  ];
  // Two processes starting at once: an advisory lock serialises the DDL (IF NOT EXISTS alone races).
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(coalesce(current_schema(), '') || '.' || ${TABLE}))`.execute(trx);
    for (const statement of statements) await statement.execute(trx);
  });
}
