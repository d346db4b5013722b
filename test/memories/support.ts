// Shared steps of the memories tests: requests, what the table and the chunk store hold, and a
// scripted Ollama-style embedding server (POST /api/embed → {embeddings}).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Account, TestServer } from '../helpers/server.ts';

export { assert422, assertDetail } from '../auths/support.ts';

export interface Memory {
  id: string;
  user_id: string;
  content: string;
  updated_at: number;
  created_at: number;
}

export async function addMemory(server: TestServer, account: Account, content: string): Promise<Memory> {
  const res = await server.request<Memory>('POST', '/api/v1/memories/add', { token: account.token, body: { content } });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

/** The owner's rows straight from the table (to prove what a request wrote or did not). */
export async function storedMemories(server: TestServer, userId: string): Promise<Memory[]> {
  const rows = await server.services.database.db.selectFrom('memory').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ ...r, created_at: Number(r.created_at), updated_at: Number(r.updated_at) }));
}

/** The owner's chunks in `user-memory-{id}`, by id. */
export async function storedChunks(server: TestServer, userId: string) {
  const { store } = server.services.retrieval;
  const collection = `user-memory-${userId}`;
  const chunks = (await store.hasCollection(collection)) ? await store.get(collection) : [];
  return new Map(chunks.map((c) => [c.id, c]));
}

/** A row written behind the API's back (as in a database adopted from Open WebUI, whose vectors are elsewhere). */
export async function insertRow(server: TestServer, userId: string, id: string, content: string, createdAt = 1_700_000_000): Promise<void> {
  await server.services.database.db.insertInto('memory').values({ id, user_id: userId, content, created_at: createdAt, updated_at: createdAt }).execute();
}

// Topic words share a dimension, so "kitten" lands next to "cat" though they share no word.
const TOPICS = [
  ['cat', 'cats', 'kitten', 'pet', 'dog', 'animal'],
  ['pizza', 'pasta', 'food', 'eat', 'dinner', 'cook'],
  ['paris', 'france', 'travel', 'trip', 'holiday', 'flight'],
  ['python', 'typescript', 'code', 'programming', 'software'],
];
export const DIMENSIONS = TOPICS.length + 1;

/** A deterministic topic embedding; the last dimension keeps every vector non-zero. */
export function topicVector(text: string): number[] {
  const vector = new Array<number>(DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    const topic = TOPICS.findIndex((words) => words.includes(word));
    if (topic >= 0) vector[topic] = (vector[topic] as number) + 1;
  }
  vector[TOPICS.length] = 0.1;
  return vector;
}

/** A fake Ollama embedding endpoint; `failing` makes it answer 500. Records every input. */
export class FakeEmbedder {
  failing = false;
  readonly inputs: string[][] = [];
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method !== 'POST' || req.url !== '/api/embed') return void res.writeHead(404).end('not found');
        if (this.failing) return void res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"model exploded"}');
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { input: string | string[] };
        const input = Array.isArray(body.input) ? body.input : [body.input];
        this.inputs.push(input);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ model: 'fake', embeddings: input.map(topicVector) }));
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get env(): Record<string, string> {
    const { port } = this.server.address() as AddressInfo;
    return { RAG_EMBEDDING_ENGINE: 'ollama', RAG_OLLAMA_BASE_URL: `http://127.0.0.1:${port}`, RAG_EMBEDDING_MODEL: 'fake' };
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
