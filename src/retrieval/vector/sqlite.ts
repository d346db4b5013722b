// The embedded chunk store: one SQLite file beside the main database (so ingest never holds the main
// database's write lock), FTS5 for BM25 and sqlite-vec for vectors.
//
// Tables:
//   chunk(rowid, collection, id, text, metadata, dims)  every chunk; rowid = insertion order; unique
//                                                      (collection, id); dims is null without a vector
//   chunk_vec(rowid, collection, dims, embedding)       the float32 vector of a chunk (same rowid)
//   chunk_fts  fts5(text, ctag)                         contentless (contentless_delete), porter
//                                                      unicode61; ctag is one token naming the
//                                                      collection, so a query matches only its own
//                                                      collection's rows (`ctag:… AND text:(…)`)
//   vec_partition(collection, dims, mean)              collections past PARTITION_AT vectors of a size
//   vec_<dims> vec0(collection partition key, q bit[…]) their binary codes: sign(vector − mean)
//
// Vector search is exact (a scan of chunk_vec with vec_distance_cosine, ~1.2 µs a 384-d vector) up to
// PARTITION_AT vectors of the query's size in the collection. sqlite-vec 0.1.9 has no ANN index and
// its float scan is scalar (~0.65 µs a 384-d vector: 65 ms for 100k), so a larger collection is
// searched in two steps: the nearest binary codes by Hamming distance (vec0 KNN in its partition),
// then the exact cosine of max(128, 8k) candidates. The codes are centred on the collection's mean
// vector (taken when the partition is made): embeddings share a common direction that would
// otherwise set most bits alike. The Hamming step runs on an in-process copy of the partition's codes
// (binary-codes.ts: 56 bytes a 384-d vector, copied in the background on first search, kept in step
// with this store's writes, voided when another connection commits, LRU within CODE_CACHE_BYTES),
// which scans 100k codes in ~3 ms; vec0's KNN (~15 ms) answers only until the copy is ready. 100k
// 384-d vectors: ~5 ms a query, recall@10 against the exact scan 0.98 on hard synthetic data
// (Gaussian clusters; 0.81 through vec0's 128 candidates), ~1.0 on topic mixtures. Open WebUI's
// Chroma is approximate too (HNSW).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createHash } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import type { ChunkRecord, MetadataFilter, ScoredChunk, VectorStore } from './store.ts';
import { CodeCache, CodeSet } from './binary-codes.ts';
import { blobToVector, checkCollection, clampK, cosineScore, decodeMetadata, filterEntries, float32Blob, isZero, MATCH_BUDGET, prepareChunks, queryTerms, toFloat32 } from './common.ts';

/** sqlite-vec's largest vector. */
const MAX_DIMS = 8192;
/** sqlite-vec's largest k. */
const MAX_K = 4096;
/** Vectors of one size in one collection searched exactly; past it, a binary partition (see above). */
export const PARTITION_AT = 10_000;
/** Candidates the binary step returns for exact re-scoring: max(RESCORE_MIN, RESCORE_FACTOR × k). */
const RESCORE_MIN = 128;
const RESCORE_FACTOR = 8;
/**
 * The same from the process's copy of the codes, whose scan costs the same whatever the count: each
 * candidate costs ~3 µs to re-score, and 256 rather than 128 lift recall@10 on Gaussian clusters
 * (100k × 384-d) from 0.81 to 0.98 for ~0.6 ms.
 */
const COPY_RESCORE_MIN = 256;
const COPY_RESCORE_FACTOR = 16;
/**
 * Codes per vec0 chunk (a partition's smallest allocation: 4096 × dims/8 bytes, 192 KB at 384-d).
 * sqlite-vec's top-k costs grow with k over small chunks: 128 candidates from 100k codes take 15 ms
 * at 4096 and 29 ms at 256.
 */
const VEC_CHUNK_SIZE = 4096;
/**
 * Memory for in-process copies of partitions' binary codes (56 bytes a 384-d vector: 64 MB holds
 * ~1M), least recently searched dropped first. A partition is copied on its first search, a page of
 * CODE_PAGE vectors a turn of the event loop; until then (and for one too large) vec0 answers.
 */
const CODE_CACHE_BYTES = 64 * 1024 * 1024;
const CODE_PAGE = 1000;
/** Rows removed per transaction by a large delete; the event loop runs between batches. */
const DELETE_BATCH = 2000;
const SCHEMA_VERSION = '1';
/** How long the statistics that steer term pruning are reused (see searchText). */
const ROW_COUNT_TTL_MS = 5_000;
const TERM_STATS_TTL_MS = 300_000;
const TERM_STATS_SIZE = 20_000;

/** A committed change to a partition's codes: a vector's new code, or its removal. */
interface CodeOp {
  dims: number;
  rowid: number;
  code: Buffer | undefined;
}

interface ChunkRow {
  rowid: number;
  id: string;
  text: string;
  metadata: string;
  embedding: Buffer | null;
}

/** One token that stands for the collection in the full-text index. */
function collectionTag(collection: string): string {
  return 'c' + createHash('sha256').update(collection).digest('hex').slice(0, 32);
}

function vecTable(dims: number): string {
  if (!Number.isInteger(dims) || dims < 1 || dims > MAX_DIMS) throw new Error(`invalid vector size ${dims}`);
  return `vec_${dims}`;
}

/** The binary code of a vector: bit i is set when component i is above the mean's (padded to bytes). */
function binaryCode(vector: Float32Array, mean: Float32Array): Buffer {
  const code = Buffer.alloc(Math.ceil(vector.length / 8));
  for (let i = 0; i < vector.length; i++) {
    if ((vector[i] as number) > (mean[i] as number)) code[i >> 3] = (code[i >> 3] as number) | (1 << (i & 7));
  }
  return code;
}

function blobToFloat32(blob: Uint8Array): Float32Array {
  const out = new Float32Array(blob.byteLength >>> 2);
  new Uint8Array(out.buffer).set(blob.subarray(0, out.byteLength));
  return out;
}

/** `and json_extract(…) = ?` for every filter entry; keys are checked, values bound. */
function filterSql(filter: MetadataFilter | undefined, alias = ''): { sql: string; params: string[] } {
  const entries = filterEntries(filter);
  return {
    sql: entries.map(([key]) => ` and json_extract(${alias}metadata, '$.${key}') = ?`).join(''),
    params: entries.map(([, value]) => value),
  };
}

export class SqliteVectorStore implements VectorStore {
  private readonly db: BetterSqlite3.Database;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private closed = false;
  private rowCount: { n: number; at: number } | undefined;
  private readonly termStats = new Map<string, { n: number; total: number; at: number }>();
  private readonly codes = new CodeCache(CODE_CACHE_BYTES);
  /** PRAGMA data_version when the code copies were last known current (another writer changes it). */
  private dataVersion: number | undefined;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new BetterSqlite3(path);
    try {
      sqliteVec.load(this.db);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('busy_timeout = 5000');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('cache_size = -32000');
      this.createSchema();
    } catch (err) {
      this.db.close();
      throw err;
    }
  }

  private createSchema(): void {
    this.db.exec(`
      create table if not exists store_meta (key text primary key, value text not null);
      create table if not exists chunk (
        rowid integer primary key,
        collection text not null,
        id text not null,
        text text not null,
        metadata text not null default '{}',
        dims integer
      );
      create unique index if not exists chunk_collection_id on chunk (collection, id);
      create index if not exists chunk_collection on chunk (collection);
      create index if not exists chunk_file_id on chunk (collection, json_extract(metadata, '$.file_id'));
      create index if not exists chunk_hash on chunk (collection, json_extract(metadata, '$.hash'));
      create table if not exists chunk_vec (
        rowid integer primary key,
        collection text not null,
        dims integer not null,
        embedding blob not null
      );
      create index if not exists chunk_vec_collection on chunk_vec (collection, dims);
      create table if not exists vec_partition (collection text not null, dims integer not null, mean blob not null, primary key (collection, dims)) without rowid;
      create virtual table if not exists chunk_fts using fts5(text, ctag, content='', contentless_delete=1, tokenize='porter unicode61');
    `);
    // Deletes leave tombstones that later merges drop; the default (rewrite a segment once 10% of
    // it is deleted) makes each delete of a large collection cost about 0.5 ms instead of 10 µs.
    this.db.exec(`insert into chunk_fts (chunk_fts, rank) values ('deletemerge', 0)`);
    this.db.prepare(`insert or ignore into store_meta (key, value) values ('schema_version', ?)`).run(SCHEMA_VERSION);
  }

  private stmt(text: string): BetterSqlite3.Statement {
    let stmt = this.statements.get(text);
    if (!stmt) {
      stmt = this.db.prepare(text);
      if (this.statements.size > 200) this.statements.clear();
      this.statements.set(text, stmt);
    }
    return stmt;
  }

  private open(): void {
    if (this.closed) throw new Error('the chunk store is closed');
  }

  /** The centre of the collection's binary partition for this size, or undefined (searched exactly). */
  private partitionMean(collection: string, dims: number): Float32Array | undefined {
    const row = this.stmt('select mean from vec_partition where collection = ? and dims = ?').get(collection, dims) as { mean: Buffer } | undefined;
    return row ? blobToFloat32(row.mean) : undefined;
  }

  /** Gives the collection's vectors of this size a binary partition (inside the caller's transaction). */
  private partition(collection: string, dims: number): void {
    const table = vecTable(dims);
    this.db.exec(`create virtual table if not exists ${table} using vec0(collection text partition key, q bit[${Math.ceil(dims / 8) * 8}], chunk_size=${VEC_CHUNK_SIZE})`);
    // Read in pages (better-sqlite3 cannot write while a statement iterates; a page bounds memory).
    const page = this.stmt('select rowid, embedding from chunk_vec where collection = ? and dims = ? and rowid > ? order by rowid limit 1000');
    const eachVector = (fn: (rowid: number, vector: Float32Array) => void): void => {
      let after = -1;
      for (;;) {
        const rows = page.all(collection, dims, after) as { rowid: number; embedding: Buffer }[];
        for (const row of rows) fn(row.rowid, blobToFloat32(row.embedding));
        if (rows.length < 1000) return;
        after = (rows[rows.length - 1] as { rowid: number }).rowid;
      }
    };
    const sum = new Float64Array(dims);
    let count = 0;
    eachVector((_rowid, v) => {
      for (let i = 0; i < dims; i++) sum[i] = (sum[i] as number) + (v[i] as number);
      count++;
    });
    const mean = Float32Array.from(sum, (x) => x / Math.max(1, count));
    const insert = this.stmt(`insert into ${table} (rowid, collection, q) values (?, ?, vec_bit(?))`);
    eachVector((rowid, v) => insert.run(BigInt(rowid), collection, binaryCode(v, mean)));
    this.stmt('insert into vec_partition (collection, dims, mean) values (?, ?, ?)').run(collection, dims, float32Blob(mean));
  }

  /** Removes chunks by rowid from every table (inside the caller's transaction). */
  private removeRows(collection: string, rows: readonly { rowid: number; dims: number | null }[], removed: CodeOp[]): void {
    const partitioned = new Map<number, boolean>();
    for (const { rowid, dims } of rows) {
      this.stmt('delete from chunk_fts where rowid = ?').run(rowid);
      if (dims !== null) {
        this.stmt('delete from chunk_vec where rowid = ?').run(rowid);
        let has = partitioned.get(dims);
        if (has === undefined) partitioned.set(dims, (has = this.partitionMean(collection, dims) !== undefined));
        if (has) {
          this.stmt(`delete from ${vecTable(dims)} where rowid = ?`).run(BigInt(rowid));
          removed.push({ dims, rowid, code: undefined });
        }
      }
      this.stmt('delete from chunk where rowid = ?').run(rowid);
    }
  }

  async upsert(collection: string, chunks: readonly ChunkRecord[]): Promise<void> {
    this.open();
    checkCollection(collection);
    const prepared = prepareChunks(chunks, MAX_DIMS);
    if (prepared.length === 0) return;
    const ctag = collectionTag(collection);
    // What the partitions' code copies must follow once the transaction commits.
    const ops: CodeOp[] = [];
    let partitioned = false;
    this.db.transaction(() => {
      // Per vector size: the partition's mean, or null (none yet).
      const means = new Map<number, Float32Array | null>();
      const meanFor = (dims: number): Float32Array | null => {
        let mean = means.get(dims);
        if (mean === undefined) means.set(dims, (mean = this.partitionMean(collection, dims) ?? null));
        return mean;
      };
      for (const chunk of prepared) {
        const dims = chunk.vector ? chunk.vector.length : null;
        const existing = this.stmt('select rowid, dims from chunk where collection = ? and id = ?').get(collection, chunk.id) as { rowid: number; dims: number | null } | undefined;
        let rowid: number;
        if (existing) {
          rowid = existing.rowid;
          this.stmt('update chunk set text = ?, metadata = ?, dims = ? where rowid = ?').run(chunk.text, chunk.metadata, dims, rowid);
          this.stmt('delete from chunk_fts where rowid = ?').run(rowid);
          if (existing.dims !== null) {
            this.stmt('delete from chunk_vec where rowid = ?').run(rowid);
            if (meanFor(existing.dims)) {
              this.stmt(`delete from ${vecTable(existing.dims)} where rowid = ?`).run(BigInt(rowid));
              ops.push({ dims: existing.dims, rowid, code: undefined });
            }
          }
        } else {
          rowid = Number(this.stmt('insert into chunk (collection, id, text, metadata, dims) values (?, ?, ?, ?, ?)').run(collection, chunk.id, chunk.text, chunk.metadata, dims).lastInsertRowid);
        }
        this.stmt('insert into chunk_fts (rowid, text, ctag) values (?, ?, ?)').run(rowid, chunk.text, ctag);
        if (chunk.vector && dims !== null) {
          this.stmt('insert into chunk_vec (rowid, collection, dims, embedding) values (?, ?, ?, ?)').run(rowid, collection, dims, float32Blob(chunk.vector));
          const mean = meanFor(dims);
          if (mean) {
            const code = binaryCode(chunk.vector, mean);
            this.stmt(`insert into ${vecTable(dims)} (rowid, collection, q) values (?, ?, vec_bit(?))`).run(BigInt(rowid), collection, code);
            ops.push({ dims, rowid, code });
          }
        }
      }
      // Every size written (or replaced) above is in `means`: past the threshold, it gets its partition.
      for (const [dims, mean] of means) {
        if (mean) continue;
        const count = (this.stmt('select count(*) as n from chunk_vec where collection = ? and dims = ?').get(collection, dims) as { n: number }).n;
        if (count > PARTITION_AT) {
          this.partition(collection, dims);
          partitioned = true;
        }
      }
    })();
    if (partitioned) this.codes.invalidate(collection);
    else this.applyCodeOps(collection, ops);
  }

  /** Follows committed writes in the code copies. */
  private applyCodeOps(collection: string, ops: readonly CodeOp[]): void {
    const byDims = new Map<number, CodeOp[]>();
    for (const op of ops) {
      let list = byDims.get(op.dims);
      if (!list) byDims.set(op.dims, (list = []));
      list.push(op);
    }
    for (const [dims, list] of byDims) {
      this.codes.update(collection, dims, (set) => {
        for (const op of list) {
          if (op.code === undefined) set.remove(op.rowid);
          else set.set(op.rowid, op.code);
        }
      });
    }
  }

  async hasCollection(collection: string): Promise<boolean> {
    this.open();
    return this.stmt('select 1 from chunk where collection = ? limit 1').get(collection) !== undefined;
  }

  async get(collection: string, filter?: MetadataFilter): Promise<ChunkRecord[]> {
    this.open();
    const where = filterSql(filter, 'c.');
    const rows = this.stmt(
      `select c.rowid, c.id, c.text, c.metadata, v.embedding from chunk c left join chunk_vec v on v.rowid = c.rowid where c.collection = ?${where.sql} order by c.rowid`,
    ).all(collection, ...where.params) as ChunkRow[];
    return rows.map((row) => ({ id: row.id, text: row.text, metadata: decodeMetadata(row.metadata), ...(row.embedding ? { vector: blobToVector(row.embedding) } : {}) }));
  }

  async exists(collection: string, filter: MetadataFilter): Promise<boolean> {
    this.open();
    const where = filterSql(filter);
    return this.stmt(`select 1 from chunk where collection = ?${where.sql} limit 1`).get(collection, ...where.params) !== undefined;
  }

  async searchVector(collection: string, vector: readonly number[], k: number): Promise<ScoredChunk[]> {
    this.open();
    const limit = clampK(k, MAX_K);
    const query = toFloat32(vector, MAX_DIMS);
    if (limit === 0 || isZero(query)) return [];
    const dims = query.length;
    const blob = float32Blob(query);
    const mean = this.partitionMean(collection, dims);
    let hits: { rowid: number; distance: number }[];
    if (mean) {
      // Nearest binary codes first (in the process's copy, else vec0's KNN), then the exact cosine
      // of those candidates.
      const code = binaryCode(query, mean);
      const set = this.codeSet(collection, dims, mean);
      const candidates = set
        ? set.nearest(CodeSet.words(code, set.wordsPer), Math.min(MAX_K, Math.max(COPY_RESCORE_MIN, COPY_RESCORE_FACTOR * limit)))
        : (this.stmt(`select rowid from ${vecTable(dims)} where q match vec_bit(?) and k = ? and collection = ?`)
            .pluck()
            .all(code, Math.min(MAX_K, Math.max(RESCORE_MIN, RESCORE_FACTOR * limit)), collection) as number[]);
      hits = this.stmt('select rowid, vec_distance_cosine(embedding, ?) as distance from chunk_vec where rowid in (select value from json_each(?)) order by distance, rowid limit ?').all(
        blob,
        JSON.stringify(candidates.map(Number)),
        limit,
      ) as typeof hits;
    } else {
      hits = this.stmt('select rowid, vec_distance_cosine(embedding, ?) as distance from chunk_vec where collection = ? and dims = ? order by distance, rowid limit ?').all(blob, collection, dims, limit) as typeof hits;
    }
    return this.rowsWithScores(hits.map((h) => ({ rowid: Number(h.rowid), score: cosineScore(h.distance) })));
  }

  /** The complete copy of the partition's codes, or undefined (one is then copied in the background). */
  private codeSet(collection: string, dims: number, mean: Float32Array): CodeSet | undefined {
    // Another connection's commit (this process is meant to be the only writer) voids every copy.
    const version = this.stmt('pragma data_version').pluck().get() as number;
    if (version !== this.dataVersion) {
      this.codes.invalidate();
      this.dataVersion = version;
    }
    const { set, building } = this.codes.get(collection, dims);
    if (set || building || this.codes.busy) return set;
    const count = (this.stmt('select count(*) as n from chunk_vec where collection = ? and dims = ?').get(collection, dims) as { n: number }).n;
    if (!this.codes.fits(count, dims)) return undefined;
    const token = this.codes.begin(collection, dims);
    void this.copyCodes(collection, dims, mean, count, token).catch(() => this.codes.cancel(collection, dims, token));
    return undefined;
  }

  /** Reads the partition's vectors a page a turn and codes them; any write to the collection meanwhile abandons it. */
  private async copyCodes(collection: string, dims: number, mean: Float32Array, count: number, token: object): Promise<void> {
    const set = new CodeSet(dims, count + 64);
    const page = this.stmt(`select rowid, embedding from chunk_vec where collection = ? and dims = ? and rowid > ? order by rowid limit ${CODE_PAGE}`);
    let after = -1;
    for (;;) {
      await yieldToLoop();
      if (this.closed || !this.codes.current(collection, dims, token)) return;
      const rows = page.all(collection, dims, after) as { rowid: number; embedding: Buffer }[];
      for (const row of rows) set.push(Number(row.rowid), binaryCode(blobToFloat32(row.embedding), mean));
      if (rows.length < CODE_PAGE) break;
      after = Number((rows[rows.length - 1] as { rowid: number }).rowid);
    }
    this.codes.finish(collection, dims, token, set);
  }

  /** Waits until the partition's codes are copied (tests and warm-up); false when they are not kept. */
  async warmCodes(collection: string, dims: number): Promise<boolean> {
    this.open();
    const mean = this.partitionMean(collection, dims);
    if (!mean) return false;
    for (;;) {
      if (this.codeSet(collection, dims, mean)) return true;
      // Under way: this copy, or another's first (one at a time).
      if (!this.codes.get(collection, dims).building && !this.codes.busy) return false;
      await yieldToLoop();
    }
  }

  /**
   * BM25 over the collection: FTS5's bm25(), whose statistics are the whole table's. Scoring costs
   * about 1 µs for every matching chunk, so two kinds of terms are left out at scale:
   *  - terms in at least half of all chunks, when rarer ones exist: bm25() weighs them 1e-6 (idf ≤ 0,
   *    clamped), so only results that matched nothing else (scores of ~0) are lost;
   *  - when the remaining terms together match more than MATCH_BUDGET chunks of the collection, the
   *    most common of them (the rarest term is always kept): ranking is then by the rarer terms.
   * Below those sizes (stores under ~50k chunks) the ranking is FTS5's, exactly.
   */
  async searchText(collection: string, query: string, k: number): Promise<ScoredChunk[]> {
    this.open();
    const limit = clampK(k, 10_000);
    const terms = queryTerms(typeof query === 'string' ? query : '');
    if (limit === 0 || terms.length === 0) return [];
    const total = this.totalRows();
    const counted = terms.map((term) => ({ term, df: this.documentFrequency(undefined, term, total) }));
    // A term no chunk has decides nothing (and must not make the common ones look droppable).
    const informative = counted.filter((t) => t.df > 0 && t.df < total / 2);
    let kept = informative.length > 0 ? informative : counted;
    if (kept.reduce((sum, t) => sum + t.df, 0) > MATCH_BUDGET) {
      const inCollection = kept.map((t) => ({ term: t.term, df: this.documentFrequency(collection, t.term, total) })).sort((a, b) => a.df - b.df);
      let budget = MATCH_BUDGET;
      kept = inCollection.filter((t, i) => {
        budget -= t.df;
        return i === 0 || budget >= 0;
      });
    }
    const match = `ctag : "${collectionTag(collection)}" AND text : (${kept.map((t) => `"${t.term}"`).join(' OR ')})`;
    const hits = this.stmt('select rowid, bm25(chunk_fts, 1.0, 0.0) as r from chunk_fts where chunk_fts match ? order by r limit ?').all(match, limit) as { rowid: number; r: number }[];
    // bm25() is negative, lower is better; the store's scores are higher-is-better.
    return this.rowsWithScores(hits.map((h) => ({ rowid: Number(h.rowid), score: -h.r })), collection);
  }

  /** Chunks in the store (all collections), counted at most every few seconds. */
  private totalRows(): number {
    const now = Date.now();
    if (this.rowCount && now - this.rowCount.at < ROW_COUNT_TTL_MS) return this.rowCount.n;
    const n = (this.stmt('select count(*) as n from chunk').get() as { n: number }).n;
    this.rowCount = { n, at: now };
    return n;
  }

  /**
   * Chunks that contain the term (in the collection, or in all as bm25() counts them). Cached while
   * the store has not grown or shrunk by a tenth: a stale count only decides which terms are scored,
   * and an unseen term's count of 0 keeps it in the query.
   */
  private documentFrequency(collection: string | undefined, term: string, total: number): number {
    const key = collection === undefined ? term : `${collection}\u0000${term}`;
    const now = Date.now();
    const cached = this.termStats.get(key);
    if (cached && now - cached.at < TERM_STATS_TTL_MS && Math.abs(total - cached.total) <= total / 10) return cached.n;
    const match = collection === undefined ? `text : "${term}"` : `ctag : "${collectionTag(collection)}" AND text : "${term}"`;
    const n = (this.stmt('select count(*) as n from chunk_fts where chunk_fts match ?').get(match) as { n: number }).n;
    this.termStats.delete(key);
    if (this.termStats.size >= TERM_STATS_SIZE) this.termStats.delete(this.termStats.keys().next().value as string);
    this.termStats.set(key, { n, total, at: now });
    return n;
  }

  /** The chunks behind ranked rowids, in that order. */
  private rowsWithScores(hits: readonly { rowid: number; score: number }[], collection?: string): ScoredChunk[] {
    if (hits.length === 0) return [];
    const rows = this.stmt(
      `select c.rowid, c.collection, c.id, c.text, c.metadata, v.embedding from chunk c left join chunk_vec v on v.rowid = c.rowid where c.rowid in (select value from json_each(?))`,
    ).all(JSON.stringify(hits.map((h) => h.rowid))) as (ChunkRow & { collection: string })[];
    const byRowid = new Map(rows.map((r) => [Number(r.rowid), r]));
    const out: ScoredChunk[] = [];
    for (const hit of hits) {
      const row = byRowid.get(hit.rowid);
      // The collection token is a hash: a (never seen) collision must not leak another collection's rows.
      if (!row || (collection !== undefined && row.collection !== collection)) continue;
      out.push({ id: row.id, text: row.text, metadata: decodeMetadata(row.metadata), score: hit.score, ...(row.embedding ? { vector: blobToVector(row.embedding) } : {}) });
    }
    return out;
  }

  async delete(collection: string, selector: { ids?: readonly string[]; filter?: MetadataFilter }): Promise<void> {
    this.open();
    const where = filterSql(selector.filter);
    const ids = selector.ids;
    if (ids !== undefined && ids.length === 0) return;
    // Neither ids nor a filter selects nothing (never "everything").
    if (ids === undefined && where.params.length === 0) return;
    const idSql = ids !== undefined ? ' and id in (select value from json_each(?))' : '';
    const params: unknown[] = [collection, ...(ids !== undefined ? [JSON.stringify(ids)] : []), ...where.params];
    await this.deleteWhere(`select rowid, dims from chunk where collection = ?${idSql}${where.sql} limit ${DELETE_BATCH}`, params, collection);
  }

  async deleteCollection(collection: string): Promise<void> {
    this.open();
    await this.deleteWhere(`select rowid, dims from chunk where collection = ? limit ${DELETE_BATCH}`, [collection], collection);
    this.codes.invalidate(collection);
    this.db.transaction(() => {
      // Done with the last batch: drop the (now empty) vec0 partitions' bookkeeping too.
      if (this.stmt('select 1 from chunk where collection = ? limit 1').get(collection) === undefined) {
        this.stmt('delete from vec_partition where collection = ?').run(collection);
      }
    })();
  }

  /** Deletes what the query selects, a batch per transaction, letting the event loop run in between. */
  private async deleteWhere(select: string, params: readonly unknown[], collection: string): Promise<void> {
    for (;;) {
      const removed: CodeOp[] = [];
      const done = this.db.transaction(() => {
        const rows = this.stmt(select).all(...params) as { rowid: number; dims: number | null }[];
        this.removeRows(collection, rows, removed);
        return rows.length < DELETE_BATCH;
      })();
      this.applyCodeOps(collection, removed);
      if (done) return;
      await yieldToLoop();
      this.open();
    }
  }

  async reset(): Promise<void> {
    this.open();
    const tables = this.db.prepare(`select name from sqlite_master where type = 'table' and name glob 'vec_[0-9]*' and sql like 'CREATE VIRTUAL TABLE%'`).pluck().all() as string[];
    this.db.transaction(() => {
      for (const table of tables) this.db.exec(`drop table if exists "${table.replace(/"/g, '""')}"`);
      this.db.exec('drop table if exists chunk_fts; drop table if exists chunk_vec; drop table if exists vec_partition; drop table if exists chunk;');
      this.statements.clear();
      this.createSchema();
    })();
    this.rowCount = undefined;
    this.termStats.clear();
    this.codes.invalidate();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.statements.clear();
    this.codes.invalidate();
    this.db.close();
  }
}
