// A user's memories in the chunk store and in chats. Each memory is one chunk of the collection
// `user-memory-{user_id}`: id = the memory's id, text = its content, metadata {created_at} (plus
// updated_at once updated or rebuilt, as Open WebUI stores them), with a vector when an embedding
// engine is configured. Searches run on vectors when there is an embedder, on full text otherwise.
//
// The memory table is the truth: before a search the collection is brought in line with the rows
// (missing or changed memories indexed, deleted ones dropped, memories embedded again when an
// embedder is configured or its vector size changes), so a database adopted from Open WebUI (whose
// vectors live in its own vector DB) or a memory written while the store failed is still found.
// Memory collections are small (a user's handful of facts), so this costs one read of each.
//
// memoryContext() is what a chat completion with `features.memory` adds to its system message
// (Open WebUI's chat_memory_handler): the 3 memories nearest to the last user message, as
// "User Context:\n1. [YYYY-MM-DD] content\n…\n".
import type { PersistentConfig } from '../config/persistent.ts';
import type { Database } from '../db/connection.ts';
import { MemoriesStore, type MemoryModel } from '../stores/memories.ts';
import { ChunkSearch } from './search.ts';
import type { Retrieval } from './service.ts';
import type { ChunkRecord, ScoredChunk } from './vector/store.ts';

/** The parts of `services` memories use. */
export interface MemoryServices {
  readonly retrieval: Retrieval;
  readonly config: PersistentConfig;
  readonly database: Database;
}

/** Open WebUI's SearchResult for one query: one inner list each, best first. */
export interface MemorySearchResult {
  ids: string[][];
  documents: string[][];
  metadatas: Record<string, unknown>[][];
  distances: number[][];
}

/** How many memories a chat gets (Open WebUI's chat_memory_handler asks for 3). */
export const MEMORY_CONTEXT_K = 3;

export const memoryCollection = (userId: string): string => `user-memory-${userId}`;

/** The chunk metadata of a memory: {created_at} when added, {created_at, updated_at} after an update or a rebuild. */
function metadataOf(memory: MemoryModel, withUpdated: boolean): Record<string, unknown> {
  return withUpdated ? { created_at: memory.created_at, updated_at: memory.updated_at } : { created_at: memory.created_at };
}

export function searchResultOf(hits: readonly ScoredChunk[]): MemorySearchResult {
  return {
    ids: [hits.map((h) => h.id)],
    documents: [hits.map((h) => h.text)],
    metadatas: [hits.map((h) => h.metadata)],
    distances: [hits.map((h) => h.score)],
  };
}

/** Keeps `user-memory-{id}` collections in step with the memory table, and searches them. */
export class MemoryIndex {
  readonly memories: MemoriesStore;

  constructor(
    private readonly services: MemoryServices,
    memories?: MemoriesStore,
  ) {
    this.memories = memories ?? new MemoriesStore(services.database);
  }

  private get store() {
    return this.services.retrieval.store;
  }

  /**
   * Content vectors for these texts, in order; undefined when no embedding engine is configured
   * (the memories are then found by full text). Throws when the engine fails.
   */
  async vectorsFor(texts: readonly string[]): Promise<(number[] | undefined)[]> {
    const embedder = this.services.retrieval.embedder();
    if (!embedder || texts.length === 0) return texts.map(() => undefined);
    const vectors = await embedder.embed(texts, 'content');
    if (vectors.length !== texts.length) throw new Error(`the embedding engine returned ${vectors.length} vectors for ${texts.length} texts`);
    return vectors;
  }

  private record(memory: MemoryModel, vector: number[] | undefined, withUpdated: boolean): ChunkRecord {
    return { id: memory.id, text: memory.content, vector, metadata: metadataOf(memory, withUpdated) };
  }

  /** Writes one memory's chunk (replacing it), with its vector computed beforehand. */
  async put(memory: MemoryModel, vector: number[] | undefined, withUpdated: boolean): Promise<void> {
    await this.store.upsert(memoryCollection(memory.user_id), [this.record(memory, vector, withUpdated)]);
  }

  async remove(userId: string, memoryId: string): Promise<void> {
    await this.store.delete(memoryCollection(userId), { ids: [memoryId] });
  }

  async drop(userId: string): Promise<void> {
    await this.store.deleteCollection(memoryCollection(userId));
  }

  /**
   * The collection rebuilt from the owner's rows. Every vector is computed first, so an engine
   * failure leaves the collection as it was.
   */
  async rebuild(userId: string): Promise<void> {
    const rows = await this.memories.listByUser(userId);
    const vectors = await this.vectorsFor(rows.map((m) => m.content));
    await this.drop(userId);
    if (rows.length > 0) await this.store.upsert(memoryCollection(userId), rows.map((m, i) => this.record(m, vectors[i], true)));
  }

  /**
   * Brings the collection in line with these rows (see the file comment). `dims` is the size of
   * the current embedder's vectors (undefined without one): a memory without a vector of that size
   * (added before an engine was configured, or under another model) is embedded again.
   */
  private async reconcile(userId: string, rows: readonly MemoryModel[], dims: number | undefined): Promise<void> {
    const collection = memoryCollection(userId);
    const chunks = (await this.store.hasCollection(collection)) ? await this.store.get(collection) : [];
    const byId = new Map(chunks.map((c) => [c.id, c]));
    const stale = rows.filter((row) => {
      const chunk = byId.get(row.id);
      return !chunk || chunk.text !== row.content || (dims !== undefined && chunk.vector?.length !== dims);
    });
    const rowIds = new Set(rows.map((r) => r.id));
    const orphans = chunks.filter((c) => !rowIds.has(c.id)).map((c) => c.id);
    if (stale.length > 0) {
      const vectors = await this.vectorsFor(stale.map((m) => m.content));
      await this.store.upsert(collection, stale.map((m, i) => this.record(m, vectors[i], true)));
    }
    if (orphans.length > 0) await this.store.delete(collection, { ids: orphans });
  }

  /**
   * The owner's k memories nearest to the query, best first; null when the owner has none.
   * Vector search with an embedder, full-text (BM25) search without one.
   */
  async search(userId: string, query: string, k: number): Promise<ScoredChunk[] | null> {
    const rows = await this.memories.listByUser(userId);
    if (rows.length === 0) return null;
    const embedder = this.services.retrieval.embedder();
    const queryVector = embedder ? (await embedder.embed([query], 'query'))[0] : undefined;
    if (embedder && !queryVector?.length) throw new Error('the embedding engine returned no vector for the query');
    await this.reconcile(userId, rows, queryVector?.length);
    return new ChunkSearch(this.services.retrieval, this.services.config).plain(memoryCollection(userId), query, k, queryVector);
  }
}

type Message = Record<string, unknown>;

const isObject = (value: unknown): value is Message => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text of the last user message: its string content, or its first text part (as Open WebUI reads it). */
export function lastUserText(messages: readonly unknown[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (!isObject(message) || message['role'] !== 'user') continue;
    const content = message['content'];
    if (typeof content === 'string') return content;
    if (Array.isArray(content)) {
      const part = content.find((p) => isObject(p) && p['type'] === 'text');
      return isObject(part) && typeof part['text'] === 'string' ? part['text'] : '';
    }
    return '';
  }
  return '';
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Epoch seconds as the server's local date, YYYY-MM-DD (Open WebUI formats with time.localtime). */
function localDate(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The context text for these hits: "User Context:\n" + one "N. [date] content" line each + "\n". */
export function formatMemoryContext(hits: readonly Pick<ScoredChunk, 'text' | 'metadata'>[]): string {
  const lines = hits.map((hit, i) => {
    const created = Number(hit.metadata['created_at']);
    const date = Number.isFinite(created) && created > 0 ? localDate(created) : 'Unknown Date';
    return `${i + 1}. [${date}] ${hit.text}\n`;
  });
  return `User Context:\n${lines.join('')}\n`;
}

export interface MemoryContextOptions {
  /** How many memories (default 3, as Open WebUI). */
  k?: number;
  /** Told about a failed search (the chat goes on without memories). */
  onError?: (error: unknown) => void;
}

/**
 * What a chat completion with `features.memory` adds to its system message: the user's memories
 * nearest to the last user message, formatted as Open WebUI does; null when the user has no memory,
 * none matches (full-text search) or the search fails. Never throws.
 */
export async function memoryContext(services: MemoryServices, user: { id: string }, messages: readonly unknown[], options: MemoryContextOptions = {}): Promise<string | null> {
  try {
    const hits = await new MemoryIndex(services).search(user.id, lastUserText(messages), options.k ?? MEMORY_CONTEXT_K);
    return hits && hits.length > 0 ? formatMemoryContext(hits) : null;
  } catch (error) {
    options.onError?.(error);
    return null;
  }
}

/**
 * The messages with `context` appended to the leading system message (after a newline, to its
 * first text part when the content is a list), or a new leading system message holding it
 * (Open WebUI's add_or_update_system_message with append). The input is not changed.
 */
export function withMemoryContext(messages: readonly unknown[], context: string): unknown[] {
  const [first, ...rest] = messages;
  if (isObject(first) && first['role'] === 'system') {
    const content = first['content'];
    if (Array.isArray(content)) {
      const index = content.findIndex((p) => isObject(p) && p['type'] === 'text');
      const parts =
        index === -1
          ? [...content, { type: 'text', text: context }]
          : content.map((p, i) => (i === index && isObject(p) ? { ...p, text: `${String(p['text'] ?? '')}\n${context}` } : p));
      return [{ ...first, content: parts }, ...rest];
    }
    return [{ ...first, content: `${typeof content === 'string' ? content : ''}\n${context}` }, ...rest];
  }
  return [{ role: 'system', content: context }, ...messages];
}
