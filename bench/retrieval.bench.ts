// Retrieval at scale (the issue's three targets), on SQLite, or on PostgreSQL when BENCH_DATABASE_URL
// (or DATABASE_URL) names one (each server gets a fresh schema, dropped at the end):
//  1. ingest: PDF, DOCX and plain text uploaded with process_in_background=false (extracted in worker
//     threads, chunked, indexed), in MB of text per second; baseline: the same bytes stored only
//     (process=false) in the same run.
//  2. query latency of POST /api/v1/retrieval/query/doc at 10k and 100k chunks: full text (BM25, no
//     embedding engine), vector and hybrid, p50/p99 with a few clients; baseline: GET /api/v1/auths/
//     in the same run, and the fake embedder's own round trip for one query.
//  3. isolation: GET /api/v1/chats/?page=1 p99 while a ~50 MB PDF is ingested, against the same with
//     no ingest, in the same run.
// The server runs as its own process (as `npm start` runs it); the load clients and the fake Ollama
// embedder run on threads of this process. Sizes by env: RETRIEVAL_BENCH_CHUNKS (10000,100000),
// RETRIEVAL_BENCH_INGEST_MB (text per format, 6), RETRIEVAL_BENCH_ISOLATION_MB (PDF size, 50),
// RETRIEVAL_BENCH_ISOLATION_FALLBACK_MB (tried when that ingest fails, 30),
// RETRIEVAL_BENCH_SECONDS (per query figure, 5), RETRIEVAL_BENCH_ISOLATION_SECONDS (no-ingest
// baseline, 10), RETRIEVAL_BENCH_CLIENTS (4), RETRIEVAL_BENCH_PARTS (ingest,isolation,query).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import pg from 'pg';
import { splitterFrom } from '../src/retrieval/split/index.ts';
import { docx } from '../test/retrieval/support/office.ts';
import { Corpus } from './support/corpus.ts';
import { linedPdf } from './support/documents.ts';
import type { LoadCommand, LoadRequest, LoadResult } from './support/http-load.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import { ask, percentile, thread } from './support/threads.ts';

const env = process.env;
const CHUNKS = (env['RETRIEVAL_BENCH_CHUNKS'] ?? '10000,100000').split(',').map(Number).filter((n) => n > 0);
const INGEST_MB = Number(env['RETRIEVAL_BENCH_INGEST_MB'] ?? 6);
const ISOLATION_MB = Number(env['RETRIEVAL_BENCH_ISOLATION_MB'] ?? 50);
const SECONDS = Number(env['RETRIEVAL_BENCH_SECONDS'] ?? 5);
const ISOLATION_FALLBACK_MB = Number(env['RETRIEVAL_BENCH_ISOLATION_FALLBACK_MB'] ?? 30);
const ISOLATION_SECONDS = Number(env['RETRIEVAL_BENCH_ISOLATION_SECONDS'] ?? 10);
const CLIENTS = Number(env['RETRIEVAL_BENCH_CLIENTS'] ?? 4);
const PARTS = new Set((env['RETRIEVAL_BENCH_PARTS'] ?? 'ingest,isolation,query').split(','));
const QUERY_P99_TARGET_MS = 50;
const ISOLATION_TARGET = 1.1;
const K = 5;
const QUERY_CHUNK_SIZE = 200;

const MB = 1e6;
const pgUrl = [env['BENCH_DATABASE_URL'], env['DATABASE_URL']].find((url) => url && /^postgres(ql)?:/.test(url));
const dialect = pgUrl ? 'postgres' : 'sqlite';
const schemas: string[] = [];
const dataDirs: string[] = [];

/** A fresh server's environment: its own data dir, and its own SQLite file or PostgreSQL schema. */
function serverEnv(extra: Record<string, string>): Record<string, string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'owui-rbench-'));
  dataDirs.push(dataDir);
  const out: Record<string, string> = { DATA_DIR: dataDir, WEBUI_SECRET_KEY: 'bench-secret', LOG_LEVEL: 'warn', FRONTEND_BUILD_DIR: join(dataDir, 'no-frontend') };
  if (pgUrl) {
    const schema = `rbench_${randomBytes(6).toString('hex')}`;
    schemas.push(schema);
    Object.assign(out, { DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema });
  } else out['DATABASE_URL'] = `sqlite:///${join(dataDir, 'webui.db')}`;
  return { ...out, ...extra };
}

async function withPg<T>(schema: string | undefined, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgUrl, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function api<T = any>(server: ServerProcess, method: string, path: string, token: string | undefined, body?: unknown): Promise<T> {
  const res = await fetch(server.url + path, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** The admin (first sign-up) and a verified user added by them, signed in. */
async function accounts(server: ServerProcess): Promise<{ admin: string; user: string }> {
  const admin = (await api<{ token: string }>(server, 'POST', '/api/v1/auths/signup', undefined, { name: 'Bench Admin', email: 'admin@example.com', password: 'Passw0rd!' })).token;
  await api(server, 'POST', '/api/v1/auths/add', admin, { name: 'Bench User', email: 'user@example.com', password: 'Passw0rd!', role: 'user' });
  const user = (await api<{ token: string }>(server, 'POST', '/api/v1/auths/signin', undefined, { email: 'user@example.com', password: 'Passw0rd!' })).token;
  return { admin, user };
}

/** One multipart upload; `failure` is the processing error the file records, if any. */
async function upload(server: ServerProcess, token: string, bytes: Uint8Array, filename: string, contentType: string, query: string): Promise<{ ms: number; body: any; failure?: string }> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: contentType }), filename);
  const started = performance.now();
  const res = await fetch(`${server.url}/api/v1/files/?${query}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  const body = (await res.json()) as any;
  const ms = performance.now() - started;
  if (!res.ok) throw new Error(`upload ${filename}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  if (query.includes('process=false') || body?.data?.status === 'completed') return { ms, body };
  return { ms, body, failure: String(body?.data?.error ?? JSON.stringify(body?.data ?? body).slice(0, 300)) };
}

/** An upload that must be processed completely. */
async function ingest(server: ServerProcess, token: string, bytes: Uint8Array, filename: string, contentType: string, query: string): Promise<{ ms: number; body: any }> {
  const result = await upload(server, token, bytes, filename, contentType, query);
  if (result.failure) throw new Error(`processing ${filename} failed: ${result.failure}`);
  return result;
}

/** An upload the way the web UI makes it: answered at once, processed in the background, its status polled. */
async function uploadInBackground(server: ServerProcess, token: string, bytes: Uint8Array, filename: string, contentType: string): Promise<{ ms: number; failure?: string }> {
  const started = performance.now();
  const { body } = await upload(server, token, bytes, filename, contentType, 'process=true');
  for (;;) {
    const { status, error } = await api<{ status: string; error?: string }>(server, 'GET', `/api/v1/files/${body.id}/process/status`, token);
    if (status === 'completed') return { ms: performance.now() - started };
    if (status === 'failed') return { ms: performance.now() - started, failure: String(error ?? 'failed') };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

// ── load clients ──────────────────────────────────────────────────────────────────────────────
const loader = thread('./http-load.ts');

interface Figure {
  p50: number;
  p99: number;
  rps: number;
  count: number;
  failures: number;
  firstError?: string | undefined;
}

function figure(result: LoadResult): Figure {
  return {
    p50: percentile(result.latencies, 50),
    p99: percentile(result.latencies, 99),
    rps: result.latencies.length / (result.wallMs / 1000),
    count: result.latencies.length,
    failures: result.failures,
    firstError: result.firstError,
  };
}

async function load(origin: string, requests: LoadRequest[], seconds: number, concurrency = CLIENTS): Promise<Figure> {
  return figure(await ask<LoadResult>(loader, { op: 'run', origin, requests, concurrency, durationMs: seconds * 1000 } satisfies LoadCommand));
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '—');
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
const errorsOf = (f: Figure) => (f.failures ? `  failures ${f.failures} (${f.firstError})` : '');

console.log(`database: ${dialect}${pgUrl ? ` (${pgUrl.replace(/\/\/[^@]*@/, '//…@')}, fresh schemas)` : ''}; ${CLIENTS} concurrent clients; server as its own process`);
const corpus = new Corpus(1);

// ── 1. ingest throughput and 3. isolation: default chunking (1000/100), no embedding engine ───────
if (PARTS.has('ingest') || PARTS.has('isolation')) {
  const server = await startServerProcess(serverEnv({}));
  const { admin, user } = await accounts(server);

  // Warm-up: each loader once (the worker thread starts, pdf.js and mammoth load).
  const small = corpus.lines(20_000, 90);
  for (const [bytes, name, type] of [
    [linedPdf([small.slice(0, 60), small.slice(60, 120)]), 'warm.pdf', 'application/pdf'],
    [docx(corpus.paragraphs(20_000, 600)), 'warm.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    [Buffer.from(corpus.paragraph(20_000)), 'warm.txt', 'text/plain'],
  ] as const) {
    await ingest(server, admin, bytes, name, type, 'process_in_background=false');
    await upload(server, admin, bytes, name, type, 'process=false');
  }

  if (PARTS.has('ingest')) {
    const textBytes = INGEST_MB * MB;
    const lines = corpus.lines(textBytes, 90);
    const pages: string[][] = [];
    for (let i = 0; i < lines.length; i += 60) pages.push(lines.slice(i, i + 60));
    const paragraphs = corpus.paragraphs(textBytes, 800);
    const plain = paragraphs.join('\n\n');
    const documents = [
      { format: 'PDF', name: 'ingest.pdf', type: 'application/pdf', bytes: linedPdf(pages), text: lines.reduce((n, l) => n + l.length + 1, 0) },
      { format: 'DOCX', name: 'ingest.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: docx(paragraphs), text: plain.length },
      { format: 'plain text', name: 'ingest.txt', type: 'text/plain', bytes: Buffer.from(plain), text: plain.length },
    ];
    console.log(`\n1. ingest: POST /api/v1/files/?process_in_background=false (extract in a worker, chunk 1000/100, full-text index; no embedding engine); baseline: the same bytes with ?process=false (stored only)`);
    console.log('format'.padEnd(11), 'file MB'.padStart(8), 'text MB'.padStart(8), 'stored only s'.padStart(14), 'processed s'.padStart(12), 'text MB/s'.padStart(10), 'file MB/s stored'.padStart(17), 'processed/stored'.padStart(17));
    for (const doc of documents) {
      // Storing takes tens of milliseconds: the median of three.
      const storedRuns: number[] = [];
      for (let i = 0; i < 3; i++) storedRuns.push((await upload(server, user, doc.bytes, doc.name, doc.type, 'process=false')).ms);
      const stored = { ms: percentile(storedRuns, 50) };
      const processed = await ingest(server, user, doc.bytes, doc.name, doc.type, 'process_in_background=false');
      const extracted = String(processed.body?.data?.content ?? '').length;
      if (extracted < doc.text * 0.9) console.log(`  (warning: ${doc.format}: ${extracted} characters extracted of ${doc.text})`);
      console.log(
        doc.format.padEnd(11),
        (doc.bytes.byteLength / MB).toFixed(1).padStart(8),
        (doc.text / MB).toFixed(1).padStart(8),
        (stored.ms / 1000).toFixed(2).padStart(14),
        (processed.ms / 1000).toFixed(2).padStart(12),
        (doc.text / MB / (processed.ms / 1000)).toFixed(2).padStart(10),
        (doc.bytes.byteLength / MB / (stored.ms / 1000)).toFixed(0).padStart(17),
        `${(processed.ms / stored.ms).toFixed(0)}×`.padStart(17),
      );
    }
    console.log('target: the brief sets no MB/s figure for ingest; reported for comparison between runs and databases');
  }

  if (PARTS.has('isolation')) {
    for (let i = 0; i < 20; i++) {
      await api(server, 'POST', '/api/v1/chats/new', user, { chat: { title: `Chat ${i} about ${corpus.query()}`, history: { messages: {}, currentId: null } } });
    }
    const chats: LoadRequest[] = [{ method: 'GET', path: '/api/v1/chats/?page=1', headers: { Authorization: `Bearer ${user}` } }];
    await load(server.url, chats, 2); // warm-up
    const quiet = await load(server.url, chats, ISOLATION_SECONDS);
    console.log(`\n3. isolation: GET /api/v1/chats/?page=1 (20 chats) p99, ${CLIENTS} clients, while a large PDF is uploaded as the web UI does (processed in the background, status polled every 0.5 s; extract, chunk 1000/100, full-text index), against no ingest`);
    console.log(`no ingest (baseline, ${ISOLATION_SECONDS} s): p50 ${ms(quiet.p50)} ms  p99 ${ms(quiet.p99)} ms  ${quiet.rps.toFixed(0)} req/s${errorsOf(quiet)}`);
    console.log('PDF MB'.padStart(6), 'text MB'.padStart(8), 'pages'.padStart(6), 'ingest s'.padStart(9), 'CPU s'.padStart(6), 'peak RSS MB'.padStart(12), 'p50 ms'.padStart(7), 'p99 ms'.padStart(7), 'req/s'.padStart(6), 'p99 ratio'.padStart(10), '  target / outcome');
    // The requested size first; if its ingest fails, a smaller one, so that a completed ingest is measured too.
    for (const size of [ISOLATION_MB, ISOLATION_FALLBACK_MB]) {
      const lines = corpus.lines(size * MB * 0.9, 90);
      const pages: string[][] = [];
      for (let i = 0; i < lines.length; i += 60) pages.push(lines.slice(i, i + 60));
      const big = linedPdf(pages);
      const textMb = lines.reduce((n, l) => n + l.length + 1, 0) / MB;
      loader.postMessage({ op: 'run', origin: server.url, requests: chats, concurrency: CLIENTS } satisfies LoadCommand);
      const peak = server.peakRss();
      const cpuBefore = server.cpuMs();
      const result = await uploadInBackground(server, user, big, `isolation-${size}.pdf`, 'application/pdf');
      const cpu = server.cpuMs() - cpuBefore;
      const busy = figure(await ask<LoadResult>(loader, { op: 'stop' } satisfies LoadCommand));
      const ratio = busy.p99 / quiet.p99;
      const outcome = result.failure ? `ingest FAILED: ${result.failure}` : `≤ ${ISOLATION_TARGET}×: ${verdict(ratio <= ISOLATION_TARGET)}`;
      console.log(
        (big.byteLength / MB).toFixed(0).padStart(6),
        textMb.toFixed(0).padStart(8),
        String(pages.length).padStart(6),
        (result.ms / 1000).toFixed(1).padStart(9),
        (cpu / 1000).toFixed(1).padStart(6),
        peak().toFixed(0).padStart(12),
        ms(busy.p50).padStart(7),
        ms(busy.p99).padStart(7),
        busy.rps.toFixed(0).padStart(6),
        `${ratio.toFixed(2)}×`.padStart(10),
        ` ${outcome}${errorsOf(busy)}`,
      );
      if (!result.failure || ISOLATION_FALLBACK_MB >= size) break;
    }
    console.log('(CPU s: the server process, all threads, during the ingest)');
  }
  await server.close();
}

// ── 2. query latency ─────────────────────────────────────────────────────────────────────────────
if (PARTS.has('query') && CHUNKS.length > 0) {
  const embedder: Worker = thread('./fake-embedder.ts');
  const { url: embedUrl } = await ask<{ url: string }>(embedder);
  const server = await startServerProcess(
    serverEnv({
      CHUNK_SIZE: String(QUERY_CHUNK_SIZE),
      CHUNK_OVERLAP: '0',
      RAG_EMBEDDING_ENGINE: 'ollama',
      RAG_OLLAMA_BASE_URL: embedUrl,
      RAG_EMBEDDING_MODEL: 'fake',
      RAG_EMBEDDING_BATCH_SIZE: '256',
      ENABLE_RAG_HYBRID_SEARCH: 'true',
    }),
  );
  const { admin, user } = await accounts(server);
  // Its own seed: the collections are the same whichever parts run.
  const corpus = new Corpus(2);
  const auth = { Authorization: `Bearer ${user}`, 'Content-Type': 'application/json' };

  // Each collection in one process/text call; paragraphs are split as the server splits them until
  // there are enough chunks (the splitter never merges across paragraphs longer than a chunk).
  const splitter = splitterFrom({ kind: '', size: QUERY_CHUNK_SIZE, overlap: 0, encoding: 'cl100k_base' });
  const collections: { name: string; chunks: number; mb: number; seedMs: number }[] = [];
  for (const target of CHUNKS) {
    const paragraphs: string[] = [];
    let chunks = 0;
    while (chunks < target) {
      const paragraph = corpus.paragraph(900);
      chunks += splitter.split(paragraph).length;
      paragraphs.push(paragraph);
    }
    const content = paragraphs.join('\n\n');
    const name = `bench-${target}`;
    const started = performance.now();
    await api(server, 'POST', '/api/v1/retrieval/process/text', user, { name, content, collection_name: name });
    collections.push({ name, chunks, mb: content.length / MB, seedMs: performance.now() - started });
  }
  // A live database has planner statistics and its writes checkpointed; a fresh bulk seed has neither
  // (CHECKPOINT needs a superuser; without it the seed is written out during the measurements).
  if (pgUrl) {
    await withPg(schemas.at(-1), async (client) => {
      await client.query('VACUUM ANALYZE');
      await client.query('CHECKPOINT').catch(() => console.log('(no CHECKPOINT: not a superuser)'));
    });
  }
  console.log(`\n2. query latency: POST /api/v1/retrieval/query/doc {collection_name, query, k: ${K}} as a verified user, ${CLIENTS} clients, ${SECONDS} s each (after 1 s of warm-up with other queries); fake Ollama embedder (384-d) on a thread`);
  for (const c of collections) console.log(`collection ${c.name}: ${c.chunks} chunks (${c.mb.toFixed(1)} MB), seeded by one process/text call (split, embedded, indexed) in ${(c.seedMs / 1000).toFixed(1)} s = ${(c.chunks / (c.seedMs / 1000)).toFixed(0)} chunks/s`);
  if (pgUrl) console.log('(PostgreSQL: VACUUM ANALYZE and CHECKPOINT after seeding, as a live database would have statistics and no seed to write out)');

  const queries = (n: number) => Array.from({ length: n }, () => corpus.query());
  const warmQueries = queries(200);
  const measured = queries(2000);
  const queryDoc = (collection: string, list: string[], hybrid: boolean): LoadRequest[] =>
    list.map((query) => ({ method: 'POST', path: '/api/v1/retrieval/query/doc', headers: auth, body: JSON.stringify({ collection_name: collection, query, k: K, ...(hybrid ? {} : { hybrid: false }) }) }));

  // Every query must find something, or the figures would time an empty search.
  const probe = await api<{ documents: string[][] }>(server, 'POST', '/api/v1/retrieval/query/doc', user, { collection_name: collections.at(-1)?.name, query: measured[0], k: K, hybrid: false });
  if ((probe.documents[0]?.length ?? 0) === 0) throw new Error('a vector query found nothing');

  // The seeding's after-effects (garbage collection, WAL checkpoints) settle during a warm-up first.
  const session: LoadRequest[] = [{ method: 'GET', path: '/api/v1/auths/', headers: { Authorization: `Bearer ${user}` } }];
  await load(server.url, session, 2);
  const baseline = await load(server.url, session, SECONDS);
  const embedOnly = await load(embedUrl, measured.map((query) => ({ method: 'POST', path: '/api/embed', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ model: 'fake', input: [query] }) })), Math.min(SECONDS, 3));
  const rows: { mode: string; chunks: number; f: Figure }[] = [];
  const measure = async (mode: string, hybrid: boolean) => {
    for (const c of collections) {
      await load(server.url, queryDoc(c.name, warmQueries, hybrid), 1);
      rows.push({ mode, chunks: c.chunks, f: await load(server.url, queryDoc(c.name, measured, hybrid), SECONDS) });
    }
  };
  await measure('vector', false);
  await measure('hybrid (BM25 + vector, RRF, cosine rescore)', true);
  // No embedding engine: the plain search is full text (BM25).
  await api(server, 'POST', '/api/v1/retrieval/embedding/update', admin, { RAG_EMBEDDING_ENGINE: '', RAG_EMBEDDING_MODEL: 'fake' });
  await measure('BM25 (no embedding engine)', false);

  console.log(`baseline GET /api/v1/auths/: p50 ${ms(baseline.p50)} ms  p99 ${ms(baseline.p99)} ms  ${baseline.rps.toFixed(0)} req/s${errorsOf(baseline)}`);
  console.log(`fake embedder alone, one query per request (direct): p50 ${ms(embedOnly.p50)} ms  p99 ${ms(embedOnly.p99)} ms${errorsOf(embedOnly)}`);
  console.log('mode'.padEnd(44), 'chunks'.padStart(7), 'p50 ms'.padStart(7), 'p99 ms'.padStart(7), 'p99 ×base'.padStart(10), 'req/s'.padStart(7), '  target');
  const largest = Math.max(...collections.map((c) => c.chunks));
  for (const { mode, chunks, f } of rows) {
    const target = dialect === 'sqlite' && chunks === largest && largest >= 100_000 ? `p99 ≤ ${QUERY_P99_TARGET_MS} ms: ${verdict(f.p99 <= QUERY_P99_TARGET_MS)}` : '';
    console.log(mode.padEnd(44), String(chunks).padStart(7), ms(f.p50).padStart(7), ms(f.p99).padStart(7), `${(f.p99 / baseline.p99).toFixed(1)}×`.padStart(10), f.rps.toFixed(0).padStart(7), ` ${target}${errorsOf(f)}`);
  }
  if (dialect !== 'sqlite') console.log(`(the ${QUERY_P99_TARGET_MS} ms p99 target at 100k chunks is SQLite's; PostgreSQL figures are reported)`);
  await server.close();
  embedder.postMessage({ op: 'close' });
  await embedder.terminate();
}

await loader.terminate();
for (const schema of schemas) await withPg(undefined, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
