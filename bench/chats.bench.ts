// Chat list and chat reads must not depend on how big the chats are (issue 2/5): one user with
// 10,000 chats, 50 of them with 2,000 messages (a few MB of JSON each). Each route's latency is
// printed beside a bare Fastify JSON route measured in the same run.
// BENCH_CHATS / BENCH_LARGE / BENCH_MESSAGES / BENCH_SECONDS scale it down for a quick look.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { startServer, signup } from '../test/helpers/server.ts';

const CHATS = Number(process.env['BENCH_CHATS'] ?? 10_000);
const LARGE = Number(process.env['BENCH_LARGE'] ?? 50);
const MESSAGES = Number(process.env['BENCH_MESSAGES'] ?? 2_000);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);

const WORDS = 'the quick brown fox jumps over a lazy dog while the model explains retrieval augmented generation'.split(' ');
const sentence = (i: number, n: number) => Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k) % WORDS.length]).join(' ');

/** A conversation shaped as the web client stores it (history tree + messages list). */
function conversation(title: string, count: number): Record<string, unknown> {
  const messages: Record<string, unknown>[] = [];
  const history: Record<string, Record<string, unknown>> = {};
  let parent: string | null = null;
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const message = {
      id,
      parentId: parent,
      childrenIds: [] as string[],
      role: i % 2 === 0 ? 'user' : 'assistant',
      content: sentence(i, i % 2 === 0 ? 20 : 80),
      timestamp: 1_766_000_000 + i,
      ...(i % 2 === 1 ? { model: 'llama3.2:3b', modelName: 'llama3.2:3b', done: true } : { models: ['llama3.2:3b'] }),
    };
    if (parent) (history[parent]?.['childrenIds'] as string[]).push(id);
    history[id] = message;
    messages.push(message);
    parent = id;
  }
  return { id: '', title, models: ['llama3.2:3b'], params: {}, history: { messages: history, currentId: parent }, messages, tags: [], timestamp: Date.now(), files: [] };
}

async function measure(label: string, url: string, options: Partial<autocannon.Options> = {}) {
  const result = await autocannon({ url, connections: 4, duration: SECONDS, ...options });
  return { label, rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const bare = Fastify();
bare.get('/bare', async () => ({ status: true }));
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

const server = await startServer();
const owner = await signup(server, 'Bench Owner', 'owner@example.com');
const { db } = server.services.database;

const seedStarted = Date.now();
const small = JSON.stringify(conversation('small', 4));
const now = Math.floor(Date.now() / 1000);
const largeIds: string[] = [];
for (let start = 0; start < CHATS; start += 500) {
  const rows = [];
  for (let i = start; i < Math.min(CHATS, start + 500); i++) {
    const large = i < LARGE;
    const id = randomUUID();
    if (large) largeIds.push(id);
    rows.push({
      id,
      user_id: owner.id,
      title: large ? `Large conversation ${i} about retrieval` : `Chat ${i}`,
      chat: large ? JSON.stringify(conversation(`Large conversation ${i} about retrieval`, MESSAGES)) : small,
      created_at: now - i,
      updated_at: now - i,
      share_id: null,
      archived: false,
      pinned: i % 100 === 0,
      meta: '{}',
      folder_id: null,
    });
  }
  await db.insertInto('chat').values(rows).execute();
}
const seeded = Date.now();
// Rows written in SQL are indexed for search by the background sweep; wait for it here.
await server.services.chatIndex.sweepAll();
const indexSeconds = (Date.now() - seeded) / 1000;
// A live database has planner statistics and vacuumed tables (autovacuum on PostgreSQL); a fresh
// bulk seed has neither yet, and autovacuum would otherwise run during the measurements.
// The checkpoint writes the seed out now rather than during the measurements (needs a superuser).
if (server.services.database.dialect === 'postgres') {
  await sql`VACUUM ANALYZE`.execute(db);
  await sql`CHECKPOINT`.execute(db).catch(() => console.log('(no CHECKPOINT: not a superuser)'));
} else {
  await sql`ANALYZE`.execute(db);
}
const largeId = largeIds[0] as string;
const auth = { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json' };
const big = await server.request('GET', `/api/v1/chats/${largeId}`, { token: owner.token });
const bodyBytes = Buffer.byteLength(big.text);
console.log(`database: ${server.services.database.dialect}; ${CHATS} chats, ${LARGE} × ${MESSAGES} messages (${(bodyBytes / 1e6).toFixed(1)} MB each), seeded in ${((seeded - seedStarted) / 1000).toFixed(1)} s, indexed for search in ${indexSeconds.toFixed(1)} s; ${SECONDS} s per route, 4 connections unless marked`);

const save = JSON.stringify({ chat: { ...(big.body.chat as Record<string, unknown>), params: { temperature: 0.5 } } });
const rows = [
  await measure('bare Fastify JSON (baseline)', `${bareUrl}/bare`),
  await measure('GET /api/v1/chats/?page=1', `${server.url}/api/v1/chats/?page=1`, { headers: auth }),
  await measure('GET /api/v1/chats/pinned', `${server.url}/api/v1/chats/pinned`, { headers: auth }),
  await measure('GET /api/v1/chats/search?text=retrieval', `${server.url}/api/v1/chats/search?text=retrieval`, { headers: auth }),
  // The worst case: a word in no chat, so every message of every chat is looked at.
  await measure('GET /api/v1/chats/search?text=zeppelin', `${server.url}/api/v1/chats/search?text=zeppelin`, { headers: auth }),
  // One reader is what a user opening the chat waits for; four show the cost under concurrent reads.
  await measure('GET /api/v1/chats/{large id} (1 conn.)', `${server.url}/api/v1/chats/${largeId}`, { headers: auth, connections: 1 }),
  await measure('GET /api/v1/chats/{large id}', `${server.url}/api/v1/chats/${largeId}`, { headers: auth }),
  await measure('POST /api/v1/chats/{large id} (1 conn.)', `${server.url}/api/v1/chats/${largeId}`, { headers: auth, method: 'POST', body: save, connections: 1 }),
];
// autocannon reports whole milliseconds; a sub-millisecond baseline counts as 1 ms.
const baseline = Math.max(rows[0]?.p99 ?? 1, 1);
for (const r of rows) {
  console.log(`${r.label.padEnd(48)} p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms (${(r.p99 / baseline).toFixed(1)}× baseline)  ${String(r.rps).padStart(6)} req/s${r.errors ? `  errors ${r.errors}` : ''}`);
}
await server.close();
await bare.close();
