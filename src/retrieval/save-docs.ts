// Documents → chunks in a collection (Open WebUI's save_docs_to_vector_db): split with the configured
// splitter (in a worker), refuse a hash already in the collection (DUPLICATE_CONTENT) or nothing to
// store (EMPTY_CONTENT), embed when an engine is configured, and write in slices so a large document
// never holds the event loop or the database for long. A failure part-way removes what was written.
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { PersistentConfig } from '../config/persistent.ts';
import { ERROR_MESSAGES } from '../lib/errors.ts';
import { splitterSettings } from './split/index.ts';
import type { Retrieval } from './service.ts';
import { storableText } from './text.ts';
import type { ChunkMetadata, ChunkRecord } from './vector/store.ts';

export interface SourceDoc {
  text: string;
  metadata: ChunkMetadata;
  /** Already a chunk (copied from another collection): not split again; its vector reused when it fits. */
  chunk?: { vector?: number[] | undefined } | undefined;
}

export interface SaveOptions {
  /** Added to every chunk's metadata; its `hash` is checked against the collection first. */
  metadata?: ChunkMetadata;
  /** Replace an existing collection. */
  overwrite?: boolean;
  /** Add to an existing collection (without either, an existing collection is left as it is). */
  add?: boolean;
}

/** A refusal whose message is meant for the client as is (400 with the text as detail). */
export class IngestError extends Error {}

// Chunks embedded and written per step: bounded memory, and a short write per transaction.
const SLICE = 64;

async function chunksOf(retrieval: Retrieval, config: PersistentConfig, docs: readonly SourceDoc[]): Promise<SourceDoc[]> {
  const settings = splitterSettings(config);
  const out: SourceDoc[] = [];
  for (const doc of docs) {
    if (doc.chunk) {
      out.push(doc);
      continue;
    }
    for (const piece of await retrieval.extractor.split(doc.text, settings)) {
      const metadata: ChunkMetadata = { ...doc.metadata };
      if (piece.startIndex !== undefined) metadata['start_index'] = piece.startIndex;
      if (piece.headings !== undefined) metadata['headings'] = piece.headings;
      out.push({ text: piece.text, metadata });
    }
  }
  return out;
}

/** Saves the documents; as upstream, a collection that exists is left alone unless overwrite or add is asked. */
export async function saveDocs(retrieval: Retrieval, config: PersistentConfig, docs: readonly SourceDoc[], collection: string, options: SaveOptions = {}): Promise<void> {
  const { store } = retrieval;
  const hash = options.metadata?.['hash'];
  if (typeof hash === 'string' && (await store.exists(collection, { hash }))) throw new IngestError(ERROR_MESSAGES.DUPLICATE_CONTENT);

  const chunks = (await chunksOf(retrieval, config, docs)).filter((c) => storableText(c.text).trim() !== '' || c.chunk);
  if (chunks.length === 0) throw new IngestError(ERROR_MESSAGES.EMPTY_CONTENT);

  if (await store.hasCollection(collection)) {
    if (options.overwrite) await store.deleteCollection(collection);
    else if (!options.add) return;
  }

  const embedder = retrieval.embedder();
  const embeddingConfig = { engine: config.get('RAG_EMBEDDING_ENGINE'), model: config.get('RAG_EMBEDDING_MODEL') };
  const written: string[] = [];
  try {
    for (let start = 0; start < chunks.length; start += SLICE) {
      const slice = chunks.slice(start, start + SLICE);
      const texts = slice.map((c) => storableText(c.text));
      const reusable = slice.every((c) => (c.chunk?.vector !== undefined) === (embedder !== null) && sameEmbedding(c.metadata, embeddingConfig));
      const vectors = embedder && !reusable ? await embedder.embed(texts.map((t) => t.replace(/\n/g, ' ')), 'content') : undefined;
      const records: ChunkRecord[] = slice.map((c, i) => ({
        id: randomUUID(),
        text: texts[i] as string,
        vector: vectors ? vectors[i] : c.chunk?.vector,
        metadata: { ...c.metadata, ...options.metadata, embedding_config: embeddingConfig },
      }));
      await store.upsert(collection, records);
      written.push(...records.map((r) => r.id));
      await yieldToLoop();
    }
  } catch (error) {
    await store.delete(collection, { ids: written }).catch(() => undefined);
    throw error;
  }
}

function sameEmbedding(metadata: ChunkMetadata, current: { engine: string; model: string }): boolean {
  const stored = metadata['embedding_config'];
  if (!stored || typeof stored !== 'object') return false;
  const { engine, model } = stored as Record<string, unknown>;
  return engine === current.engine && model === current.model;
}
