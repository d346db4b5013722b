// The chunk store behind retrieval, on SQLite (FTS5 + sqlite-vec) always and on PostgreSQL (full
// text + pgvector) when DATABASE_URL points at one; the vector tests skip where pgvector is missing.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { retrievalSettings } from '../../src/config/retrieval-settings.ts';
import { openDatabase, type Database } from '../../src/db/connection.ts';
import { openVectorStore, PostgresVectorStore, SqliteVectorStore, type ChunkRecord, type ScoredChunk, type VectorStore } from '../../src/retrieval/vector/index.ts';
import { PARTITION_AT } from '../../src/retrieval/vector/sqlite.ts';
import { CodeSet } from '../../src/retrieval/vector/binary-codes.ts';

const PG_URL = process.env['DATABASE_URL'] ?? '';
const usePostgres = /^postgres(ql)?:\/\//.test(PG_URL);

interface Engine {
  name: string;
  open(): Promise<{ store: VectorStore; vectors: boolean; cleanup(): Promise<void>; partitions?: () => string[] }>;
}

const engines: Engine[] = [
  {
    name: 'SQLite (FTS5 + sqlite-vec)',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'owui-vec-'));
      const path = join(dir, 'vector_db', 'chunks.sqlite3');
      const store = new SqliteVectorStore(path);
      return {
        store,
        vectors: true,
        // The (collection, size) pairs searched through a vec0 partition.
        partitions() {
          const db = new BetterSqlite3(path, { readonly: true });
          try {
            return (db.prepare('select collection, dims from vec_partition order by 1, 2').all() as { collection: string; dims: number }[]).map((r) => `${r.collection}/${r.dims}`);
          } finally {
            db.close();
          }
        },
        async cleanup() {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
];

if (usePostgres) {
  const pgEngine = (name: string, pgvector: boolean): Engine => ({
    name,
    async open() {
      const schema = `t_${randomBytes(8).toString('hex')}`;
      const database = await openDatabase({ url: PG_URL, schema, poolSize: 4 });
      const store = await PostgresVectorStore.open(database.db, { pgvector });
      return {
        store,
        vectors: store.vectorsAvailable,
        async cleanup() {
          await store.close();
          await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db);
          await database.close();
        },
      };
    },
  });
  engines.push(pgEngine('PostgreSQL (full text + pgvector)', true));
  engines.push(pgEngine('PostgreSQL without pgvector', false));
}

function chunk(id: string, text: string, metadata: Record<string, unknown> = {}, vector?: number[]): ChunkRecord {
  return { id, text, metadata, ...(vector ? { vector } : {}) };
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
    na += (a[i] ?? 0) ** 2;
    nb += (b[i] ?? 0) ** 2;
  }
  return dot / Math.sqrt(na * nb);
}

/** A deterministic pseudo-random vector (mulberry32), components in [-0.5, 0.5). */
function pseudoVector(seed: number, dims: number): number[] {
  let a = (seed * 0x9e3779b9) >>> 0;
  return Array.from({ length: dims }, () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), a | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296 - 0.5;
  });
}

const ids = (chunks: readonly { id: string }[]) => chunks.map((c) => c.id);

for (const engine of engines) {
  describe(`chunk store on ${engine.name}`, () => {
    let store: VectorStore;
    let vectors = false;
    let cleanup: () => Promise<void>;
    let partitions: (() => string[]) | undefined;
    before(async () => {
      ({ store, vectors, cleanup, partitions } = await engine.open());
    });
    after(() => cleanup());

    it('returns chunks in insertion order, replaces an id in place, keeps collections apart', async () => {
      await store.upsert('order', [chunk('c', 'third'), chunk('a', 'first'), chunk('b', 'second')]);
      await store.upsert('order', [chunk('e', 'fifth'), chunk('d', 'fourth')]);
      assert.deepEqual(ids(await store.get('order')), ['c', 'a', 'b', 'e', 'd']);

      await store.upsert('order', [chunk('a', 'first, rewritten', { v: 2 })]);
      const all = await store.get('order');
      assert.deepEqual(ids(all), ['c', 'a', 'b', 'e', 'd']);
      assert.deepEqual(all[1], { id: 'a', text: 'first, rewritten', metadata: { v: 2 } });

      // The same id in another collection is another chunk.
      await store.upsert('other', [chunk('a', 'elsewhere')]);
      assert.equal((await store.get('order')).find((c) => c.id === 'a')?.text, 'first, rewritten');
      assert.deepEqual(await store.get('other'), [{ id: 'a', text: 'elsewhere', metadata: {} }]);
      assert.equal(await store.hasCollection('order'), true);
      assert.equal(await store.hasCollection('never-written'), false);
      assert.deepEqual(await store.get('never-written'), []);

      // An id twice in one call: the last one wins.
      await store.upsert('dup', [chunk('x', 'one'), chunk('x', 'two')]);
      assert.deepEqual(await store.get('dup'), [{ id: 'x', text: 'two', metadata: {} }]);
      await store.upsert('dup', []);
      assert.equal(await store.hasCollection('empty-upsert'), false);
    });

    it('keeps metadata (unicode, nesting, numbers) as written', async () => {
      const metadata = { name: 'résumé — 東京 🎉.pdf', nested: { list: [1, 'ü', null, true] }, page: 3, score: 0.25, quote: 'say "hi"\\' };
      await store.upsert('meta', [chunk('m1', 'Ünïcödé text: 日本語のテキスト 🎉', metadata)]);
      const [got] = await store.get('meta');
      assert.deepEqual(got, { id: 'm1', text: 'Ünïcödé text: 日本語のテキスト 🎉', metadata });
      assert.equal(await store.exists('meta', { name: 'résumé — 東京 🎉.pdf' }), true);
      assert.deepEqual(ids(await store.get('meta', { name: 'résumé — 東京 🎉.pdf' })), ['m1']);
    });

    it('ranks the relevant chunk first by full text and stays inside the collection', async () => {
      await store.upsert('docs', [
        chunk('cat', 'The cat sat on the mat and purred quietly in the sun.'),
        chunk('password', 'To reset your password, open Settings, choose Account, then press Reset password.'),
        chunk('revenue', 'Quarterly revenue grew by twelve percent in the third quarter of the year.'),
        chunk('filler', 'the the the the of the and the the to the the in the of the the'),
        chunk('filler2', 'It is what it is, and the way it is is the way of the world for the most part.'),
      ]);
      await store.upsert('docs-elsewhere', [chunk('password-copy', 'Reset password reset password reset password.')]);

      const hits = await store.searchText('docs', 'How do I reset the password?', 3);
      assert.equal(hits[0]?.id, 'password');
      assert.ok(hits.every((h) => h.id !== 'password-copy'), 'another collection leaked in');
      assert.ok((hits[0]?.score ?? 0) > 0, 'higher is better: a positive score');
      for (let i = 1; i < hits.length; i++) assert.ok((hits[i - 1] as ScoredChunk).score >= (hits[i] as ScoredChunk).score);
      assert.equal(hits[0]?.text, 'To reset your password, open Settings, choose Account, then press Reset password.');

      assert.deepEqual(ids(await store.searchText('docs', 'quarterly revenue', 1)), ['revenue']);
      assert.deepEqual(ids(await store.searchText('docs', 'QUARTERLY', 5)), ['revenue']);
      assert.deepEqual(await store.searchText('docs', 'zebra unicorn', 5), []);
      assert.deepEqual(await store.searchText('docs', 'password', 0), []);
      assert.deepEqual(await store.searchText('nowhere', 'password', 5), []);
    });

    it('survives hostile full-text queries', async () => {
      await store.upsert('hostile', [chunk('h1', 'Alpha beta gamma: "quoted" text with a-hyphen and star* and AND/OR words.'), chunk('h2', 'Nothing to see here.')]);
      const queries = ['"', '""', "'", 'a AND', 'AND', 'OR NOT', '-x', '-', '*', 'beta*', ':', 'text:alpha', 'col : "x', 'NEAR(alpha beta)', '(((', ')', '^alpha', '\\', '{text}: alpha', 'alpha + beta', '\u0000', '   ', ''];
      for (const q of queries) {
        const hits = await store.searchText('hostile', q, 5);
        assert.ok(Array.isArray(hits), `query ${JSON.stringify(q)}`);
      }
      assert.deepEqual(await store.searchText('hostile', '', 5), []);
      assert.deepEqual(await store.searchText('hostile', '"*:-', 5), []);
      assert.deepEqual(ids(await store.searchText('hostile', '"gamma', 5)), ['h1']);
      assert.deepEqual(ids(await store.searchText('hostile', 'alpha AND', 5)), ['h1']);
      assert.deepEqual(ids(await store.searchText('hostile', '-hyphen', 5)), ['h1']);
      assert.deepEqual(ids(await store.searchText('hostile', 'text:alpha', 5)), ['h1']);
      assert.deepEqual(ids(await store.searchText('hostile', 'see*', 5)), ['h2']);
    });

    it('checks existence and deletes by metadata filter and by ids', async () => {
      await store.upsert('files', [
        chunk('f1a', 'one a', { file_id: 'f1', hash: 'h1' }),
        chunk('f1b', 'one b', { file_id: 'f1', hash: 'h1' }),
        chunk('f2a', 'two a', { file_id: 'f2', hash: 'h2' }),
        chunk('f2b', 'two b', { file_id: 'f2', hash: 'h2', page: 2 }),
        chunk('f3a', 'three a', { file_id: 'f3', hash: 'h3' }),
      ]);
      assert.equal(await store.exists('files', { hash: 'h1' }), true);
      assert.equal(await store.exists('files', { hash: 'h1', file_id: 'f2' }), false);
      assert.equal(await store.exists('files', { hash: 'nope' }), false);
      assert.equal(await store.exists('other-files', { hash: 'h1' }), false);
      assert.deepEqual(ids(await store.get('files', { file_id: 'f2' })), ['f2a', 'f2b']);
      await assert.rejects(store.exists('files', { 'bad key': 'x' }), /invalid metadata filter key/);
      await assert.rejects(store.get('files', { "a') or 1=1 --": 'x' }), /invalid metadata filter key/);

      await store.delete('files', { filter: { file_id: 'f1' } });
      assert.deepEqual(ids(await store.get('files')), ['f2a', 'f2b', 'f3a']);
      await store.delete('files', { ids: ['f2a', 'missing'] });
      assert.deepEqual(ids(await store.get('files')), ['f2b', 'f3a']);
      // ids and filter together: only chunks matching both.
      await store.delete('files', { ids: ['f2b', 'f3a'], filter: { file_id: 'f3' } });
      assert.deepEqual(ids(await store.get('files')), ['f2b']);
      // Selecting nothing removes nothing.
      await store.delete('files', {});
      await store.delete('files', { ids: [] });
      await store.delete('files', { filter: { file_id: 'none' } });
      assert.deepEqual(ids(await store.get('files')), ['f2b']);
      assert.deepEqual(ids(await store.searchText('files', 'two', 5)), ['f2b']);
    });

    it('drops one collection, then every collection', async () => {
      await store.upsert('gone', [chunk('g1', 'ephemeral words'), chunk('g2', 'more ephemeral words')]);
      await store.upsert('kept', [chunk('k1', 'ephemeral but kept')]);
      await store.deleteCollection('gone');
      assert.equal(await store.hasCollection('gone'), false);
      assert.deepEqual(await store.searchText('gone', 'ephemeral', 5), []);
      assert.deepEqual(ids(await store.searchText('kept', 'ephemeral', 5)), ['k1']);
      await store.deleteCollection('never-existed');

      await store.reset();
      assert.equal(await store.hasCollection('kept'), false);
      assert.equal(await store.hasCollection('order'), false);
      assert.deepEqual(await store.searchText('kept', 'ephemeral', 5), []);
      await store.upsert('after-reset', [chunk('r1', 'written after reset')]);
      assert.deepEqual(ids(await store.searchText('after-reset', 'reset', 5)), ['r1']);
      // One chunk in the store: every word it has is "common", words it lacks must not hide them.
      assert.deepEqual(ids(await store.searchText('after-reset', 'Why was this written after the reset?', 5)), ['r1']);
    });

    it('ranks by cosine similarity, per collection and per vector size', async (t) => {
      if (!vectors) {
        await assert.rejects(store.upsert('vec3', [chunk('x', 'x', {}, [1, 0, 0])]), /pgvector is not installed in this PostgreSQL: install the extension/);
        await assert.rejects(store.searchVector('vec3', [1, 0, 0], 3), /pgvector is not installed/);
        // Chunks without vectors are still kept and found by text.
        await store.upsert('novec', [chunk('n1', 'plain text chunk')]);
        assert.deepEqual(ids(await store.searchText('novec', 'plain', 3)), ['n1']);
        return t.skip('pgvector is not available');
      }
      await store.upsert('vec3', [
        chunk('x', 'along x', { axis: 'x' }, [1, 0, 0]),
        chunk('y', 'along y', {}, [0, 1, 0]),
        chunk('xy', 'between x and y', {}, [0.7, 0.7, 0]),
        chunk('none', 'no vector at all'),
        chunk('negx', 'against x', {}, [-1, 0, 0]),
      ]);
      await store.upsert('vec5', [chunk('p', 'five a', {}, [0, 0, 0, 0, 1]), chunk('q', 'five b', {}, [0, 0, 0, 1, 1])]);

      const hits = await store.searchVector('vec3', [1, 0.1, 0], 10);
      assert.deepEqual(ids(hits), ['x', 'xy', 'y', 'negx']);
      const expected = (v: number[]) => (1 + cosine([1, 0.1, 0], v)) / 2;
      assert.ok(Math.abs((hits[0]?.score ?? 0) - expected([1, 0, 0])) < 1e-5, `score ${hits[0]?.score}`);
      assert.ok(Math.abs((hits[3]?.score ?? 1) - expected([-1, 0, 0])) < 1e-5);
      assert.deepEqual(hits[0]?.metadata, { axis: 'x' });
      assert.equal(hits[0]?.text, 'along x');
      assert.deepEqual(hits[0]?.vector, [1, 0, 0]);
      assert.deepEqual(ids(await store.searchVector('vec3', [0, 1, 0], 2)), ['y', 'xy']);

      // Another size in another collection; a query of the wrong size finds nothing.
      assert.deepEqual(ids(await store.searchVector('vec5', [0, 0, 0, 0, 1], 5)), ['p', 'q']);
      assert.deepEqual(await store.searchVector('vec5', [1, 0, 0], 5), []);
      assert.deepEqual(await store.searchVector('vec3', [0, 0, 0, 0, 1], 5), []);
      assert.deepEqual(await store.searchVector('nowhere', [1, 0, 0], 5), []);
      assert.deepEqual(await store.searchVector('vec3', [1, 0, 0], 0), []);

      // get returns the vectors (copies need not embed again).
      const got = await store.get('vec3');
      assert.deepEqual(got.find((c) => c.id === 'y')?.vector, [0, 1, 0]);
      assert.equal(got.find((c) => c.id === 'none')?.vector, undefined);

      // Replacing a chunk replaces (or removes) its vector.
      await store.upsert('vec3', [chunk('y', 'now along -y', {}, [0, -1, 0]), chunk('x', 'x lost its vector')]);
      assert.deepEqual(ids(await store.searchVector('vec3', [0, 1, 0], 10)), ['xy', 'negx', 'y']);
      await store.delete('vec3', { ids: ['xy'] });
      assert.deepEqual(ids(await store.searchVector('vec3', [0, 1, 0], 10)), ['negx', 'y']);

      await assert.rejects(store.upsert('vec3', [chunk('bad', 'bad', {}, [1, Number.NaN, 0])]), /finite/);
      await assert.rejects(store.searchVector('vec3', [Number.POSITIVE_INFINITY, 0, 0], 3), /finite/);
      assert.deepEqual(ids(await store.get('vec3')), ['x', 'y', 'none', 'negx']);
    });

    it(`finds the nearest chunks of a large collection (past ${PARTITION_AT} vectors) and keeps it in sync`, async (t) => {
      if (!vectors) return t.skip('pgvector is not available');
      const dims = 64;
      const query = pseudoVector(99_999, dims);
      // Near-duplicates of the query, each a little farther away, hidden among random vectors.
      const near = Array.from({ length: 6 }, (_, i) => chunk(`near-${i}`, `near ${i}`, { near: i }, query.map((x, j) => x + (i + 1) * 0.02 * (pseudoVector(500 + i, dims)[j] as number))));
      const n = PARTITION_AT + 150;
      const all = Array.from({ length: n }, (_, i) => chunk(`big-${i}`, `chunk number ${i}`, { i }, pseudoVector(i, dims)));
      for (const [i, c] of near.entries()) all.splice(1000 + i * 1500, 0, c);
      const byId = new Map(all.map((c) => [c.id, c]));
      // Written in batches, as ingest does; the partition appears part-way.
      for (let i = 0; i < all.length; i += 1000) await store.upsert('big', all.slice(i, i + 1000));
      await store.upsert('big-small', [chunk('s1', 'small', {}, pseudoVector(1, dims))]);
      if (partitions) assert.deepEqual(partitions(), [`big/${dims}`]);

      const check = async (q: number[], k: number): Promise<string[]> => {
        const hits = await store.searchVector('big', q, k);
        assert.equal(hits.length, k);
        for (const [i, hit] of hits.entries()) {
          // Scores are the exact cosine of the returned chunks, best first.
          assert.ok(Math.abs(hit.score - (1 + cosine(q, byId.get(hit.id)?.vector as number[])) / 2) < 1e-5, hit.id);
          if (i > 0) assert.ok((hits[i - 1] as ScoredChunk).score >= hit.score);
        }
        return ids(hits);
      };
      assert.deepEqual((await check(query, 10)).slice(0, 6), near.map((c) => c.id));
      assert.deepEqual(ids(await store.searchVector('big-small', query, 10)), ['s1']);

      // Deleted and replaced vectors leave the search; new ones join it.
      await store.delete('big', { ids: ['near-0', 'near-1'] });
      byId.set('near-2', chunk('near-2', 'moved away', {}, query.map((x) => -x)));
      await store.upsert('big', [byId.get('near-2') as ChunkRecord]);
      const fresh = chunk('fresh', 'new and close', {}, query.map((x) => x * 2));
      byId.set('fresh', fresh);
      await store.upsert('big', [fresh]);
      assert.deepEqual((await check(query, 5)).slice(0, 4), ['fresh', 'near-3', 'near-4', 'near-5']);
      assert.equal((await store.searchVector('big', query.map((x) => -x), 1))[0]?.id, 'near-2');

      await store.deleteCollection('big');
      if (partitions) assert.deepEqual(partitions(), []);
      assert.equal(await store.hasCollection('big'), false);
      assert.deepEqual(await store.searchVector('big', query, 10), []);
      assert.deepEqual(ids(await store.searchVector('big-small', query, 10)), ['s1']);
      // Written again after the drop, found again (exactly, below the threshold).
      await store.upsert('big', all.slice(0, 5));
      assert.equal((await store.searchVector('big', query, 10)).length, 5);
    });
  });
}

describe("the SQLite store's in-process copy of binary codes", () => {
  const hamming = (a: Uint8Array, b: Uint8Array): number => {
    let d = 0;
    for (let i = 0; i < a.length; i++) for (let x = (a[i] as number) ^ (b[i] as number); x; x >>= 1) d += x & 1;
    return d;
  };

  it('returns the codes nearest by Hamming distance, following sets and removals', () => {
    for (const dims of [7, 64, 384, 1000, 3072]) {
      const bytes = Math.ceil(dims / 8);
      const random = (seed: number): Uint8Array => {
        const v = pseudoVector(seed, bytes);
        const code = Uint8Array.from(v, (x, i) => (i % 3 === 0 && seed % 4 === 0 ? 0xff : Math.floor((x + 0.5) * 256)));
        if (dims % 8) code[bytes - 1] = (code[bytes - 1] as number) & ((1 << (dims % 8)) - 1);
        return code;
      };
      const set = new CodeSet(dims, 4);
      const codes = new Map<number, Uint8Array>();
      for (let i = 0; i < 3000; i++) {
        codes.set(i * 3, random(i));
        set.push(i * 3, codes.get(i * 3) as Uint8Array);
      }
      // Past the removal threshold, so the set compacts too.
      for (let i = 0; i < 3000; i += 2) {
        set.remove(i * 3);
        codes.delete(i * 3);
      }
      // Appended, replaced, a removed one back, one between others (a chunk that gained a vector).
      for (const [rowid, seed] of [[9000, 9000], [9 * 3, 77], [4 * 3, 78], [5, 79], [2 * 3 + 1, 80], [0, 81]] as const) {
        set.set(rowid, random(seed));
        codes.set(rowid, random(seed));
      }
      assert.equal(set.size, codes.size);
      const query = random(123_456);
      const got = set.nearest(CodeSet.words(query, set.wordsPer), 100);
      assert.equal(new Set(got).size, 100);
      assert.ok(got.every((rowid) => codes.has(rowid)), 'a removed code came back');
      const expected = [...codes.values()].map((c) => hamming(c, query)).sort((a, b) => a - b).slice(0, 100);
      assert.deepEqual(got.map((rowid) => hamming(codes.get(rowid) as Uint8Array, query)).sort((a, b) => a - b), expected, `${dims} dims`);
      assert.equal(set.nearest(CodeSet.words(query, set.wordsPer), 10_000).length, codes.size);
    }
  });

  it('searches a large collection through the copy, in step with writes from this store and others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'owui-vec-codes-'));
    const path = join(dir, 'chunks.sqlite3');
    const store = new SqliteVectorStore(path);
    try {
      const dims = 64;
      const query = pseudoVector(42_424, dims);
      const n = PARTITION_AT + 500;
      const vectors = new Map<string, number[]>(Array.from({ length: n }, (_, i) => [`v-${i}`, pseudoVector(i, dims)]));
      // Near-duplicates of the query, each a little farther away, among the random ones.
      for (let i = 0; i < 5; i++) vectors.set(`near-${i}`, query.map((x, j) => x + (i + 1) * 0.03 * (pseudoVector(700 + i, dims)[j] as number)));
      const all = [...vectors].map(([id, v]) => chunk(id, id, {}, v));
      for (let i = 0; i < all.length; i += 2000) await store.upsert('codes', all.slice(i, i + 2000));
      assert.equal(await store.warmCodes('codes', dims), true);
      assert.equal(await store.warmCodes('nowhere', dims), false);

      const exactTop = (q: number[], k: number): string[] =>
        [...vectors]
          .map(([id, v]) => [id, cosine(q, v)] as const)
          .sort((a, b) => b[1] - a[1])
          .slice(0, k)
          .map(([id]) => id);
      const exact = exactTop(query, 10);
      assert.deepEqual(exact.slice(0, 5), ['near-0', 'near-1', 'near-2', 'near-3', 'near-4']);
      const found = await store.searchVector('codes', query, 10);
      assert.deepEqual(ids(found).slice(0, 5), exact.slice(0, 5));
      for (const hit of found) assert.ok(Math.abs(hit.score - (1 + cosine(query, vectors.get(hit.id) as number[])) / 2) < 1e-5, hit.id);

      // Writes through the store reach the copy without a rebuild: a new vector, a replaced one, a removal.
      await store.upsert('codes', [chunk('fresh', 'fresh', {}, query.map((x) => x * 3))]);
      vectors.set('fresh', query.map((x) => x * 3));
      assert.equal((await store.searchVector('codes', query, 1))[0]?.id, 'fresh');
      const far = exactTop(query.map((x) => -x), 1)[0] as string;
      vectors.set(far, query.map((x, i) => x + (i % 2 ? 0.001 : -0.001)));
      await store.upsert('codes', [chunk(far, 'moved', {}, vectors.get(far))]);
      assert.deepEqual(ids(await store.searchVector('codes', query, 2)), ['fresh', far]);
      await store.delete('codes', { ids: ['fresh'] });
      assert.equal((await store.searchVector('codes', query, 1))[0]?.id, far);

      // Another connection's commit voids the copy: a vector it moves next to the query is found.
      const other = exactTop(query.map((x) => -x), 1)[0] as string;
      assert.notEqual(other, far);
      const db = new BetterSqlite3(path);
      try {
        const q = new Float32Array(query.map((x) => x * 2));
        const moved = db.prepare('update chunk_vec set embedding = ? where rowid = (select rowid from chunk where collection = ? and id = ?)').run(Buffer.from(q.buffer), 'codes', other);
        assert.equal(moved.changes, 1);
      } finally {
        db.close();
      }
      assert.equal(await store.warmCodes('codes', dims), true);
      assert.equal((await store.searchVector('codes', query, 1))[0]?.id, other);

      await store.deleteCollection('codes');
      assert.deepEqual(await store.searchVector('codes', query, 5), []);
      assert.equal(await store.warmCodes('codes', dims), false);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('openVectorStore', () => {
  it('keeps chunks in their own SQLite file beside a SQLite database, unless told otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'owui-vec-factory-'));
    const database: Database = await openDatabase({ url: `sqlite:///${join(dir, 'webui.db')}` });
    try {
      const settings = retrievalSettings({}, dir);
      const store = await openVectorStore(settings, database);
      assert.ok(store instanceof SqliteVectorStore);
      await store.upsert('c', [chunk('1', 'hello world')]);
      assert.ok(existsSync(join(dir, 'vector_db', 'chunks.sqlite3')));
      await store.close();
      // The main database has no chunk tables.
      const tables = await sql<{ name: string }>`select name from sqlite_master where name like 'chunk%'`.execute(database.db);
      assert.deepEqual(tables.rows, []);
      await assert.rejects(openVectorStore(retrievalSettings({ VECTOR_DB: 'pgvector' }, dir), database), /PGVECTOR_DB_URL/);
      const reopened = await openVectorStore(retrievalSettings({ VECTOR_DB: 'chroma' }, dir), database);
      assert.deepEqual(ids(await reopened.get('c')), ['1']);
      await reopened.close();
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps chunks in the PostgreSQL database and schema', { skip: !usePostgres && 'DATABASE_URL is not PostgreSQL' }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'owui-vec-factory-'));
    const schema = `t_${randomBytes(8).toString('hex')}`;
    const database = await openDatabase({ url: PG_URL, schema, poolSize: 2 });
    try {
      const store = await openVectorStore(retrievalSettings({}, dir), database);
      assert.ok(store instanceof PostgresVectorStore);
      await store.upsert('c', [chunk('1', 'hello world')]);
      const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.id(schema)}.retrieval_chunk`.execute(database.db);
      assert.equal(Number(rows[0]?.n), 1);
      await store.close();
      const sqliteStore = await openVectorStore(retrievalSettings({ VECTOR_DB: 'sqlite-vec' }, dir), database);
      assert.ok(sqliteStore instanceof SqliteVectorStore);
      await sqliteStore.close();
    } finally {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db);
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
