// What both chunk stores share: input checks, the full-text query terms, vector encodings.
import type { ChunkMetadata, ChunkRecord, MetadataFilter } from './store.ts';

/** A user query reaches the full-text engine as at most this many distinct terms. */
export const MAX_QUERY_TERMS = 64;

const FILTER_KEY = /^[A-Za-z0-9_]+$/;

/** The filter's entries, its keys checked (they end up inside a JSON path or key). */
export function filterEntries(filter: MetadataFilter | undefined): [string, string][] {
  if (!filter) return [];
  const entries = Object.entries(filter);
  for (const [key, value] of entries) {
    if (!FILTER_KEY.test(key)) throw new Error(`invalid metadata filter key: ${JSON.stringify(key)} (letters, digits and _ only)`);
    if (typeof value !== 'string') throw new Error(`metadata filter value for ${key} must be a string`);
  }
  return entries;
}

/**
 * The words of a user's query, for an OR of quoted terms: runs of letters, digits and combining
 * marks, lower-cased, first occurrence kept. Quotes, operators (`AND`, `-`, `*`, `:`, `NEAR`) and
 * any other punctuation never reach the query parser as syntax.
 */
export function queryTerms(query: string): string[] {
  const words = query.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_QUERY_TERMS);
}

/** The vector as float32, or an error naming what is wrong with it. */
export function toFloat32(vector: readonly number[], maxDims: number): Float32Array {
  if (!Array.isArray(vector) || vector.length === 0) throw new Error('a vector needs at least one dimension');
  if (vector.length > maxDims) throw new Error(`a vector may have at most ${maxDims} dimensions (got ${vector.length})`);
  const out = new Float32Array(vector.length);
  for (let i = 0; i < vector.length; i++) {
    const x = vector[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new Error(`vector component ${i} is not a finite number`);
    out[i] = x;
  }
  return out;
}

export function isZero(vector: Float32Array): boolean {
  for (const x of vector) if (x !== 0) return false;
  return true;
}

/** The float32 vector as a little-endian blob (sqlite-vec's and our storage format). */
export function float32Blob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

export function blobToVector(blob: Uint8Array): number[] {
  const copy = new Float32Array(blob.byteLength >>> 2);
  new Uint8Array(copy.buffer).set(blob.subarray(0, copy.byteLength));
  return Array.from(copy);
}

/** Open WebUI's conversion of a cosine distance d = 1 − cos into a similarity in [0, 1]. */
export function cosineScore(distance: number): number {
  return (2 - distance) / 2;
}

export function decodeMetadata(text: unknown): ChunkMetadata {
  if (typeof text !== 'string') return typeof text === 'object' && text !== null ? (text as ChunkMetadata) : {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as ChunkMetadata) : {};
  } catch {
    return {};
  }
}

export function checkCollection(collection: string): void {
  if (typeof collection !== 'string' || collection === '') throw new Error('a collection name is required');
}

export interface PreparedChunk {
  id: string;
  text: string;
  metadata: string;
  vector: Float32Array | undefined;
}

/** Checks every chunk before anything is written; a bad one fails the whole call. */
export function prepareChunks(chunks: readonly ChunkRecord[], maxDims: number): PreparedChunk[] {
  return chunks.map((chunk, i) => {
    if (typeof chunk.id !== 'string' || chunk.id === '') throw new Error(`chunk ${i} has no id`);
    if (typeof chunk.text !== 'string') throw new Error(`chunk ${chunk.id} has no text`);
    const vector = chunk.vector === undefined || chunk.vector === null ? undefined : toFloat32(chunk.vector, maxDims);
    if (vector && isZero(vector)) throw new Error(`chunk ${chunk.id} has a zero vector (no cosine similarity)`);
    return { id: chunk.id, text: chunk.text, metadata: JSON.stringify(chunk.metadata ?? {}), vector };
  });
}

/** The number of results to return: k clamped to [0, max]. */
export function clampK(k: number, max: number): number {
  if (!Number.isFinite(k)) return 0;
  return Math.max(0, Math.min(max, Math.floor(k)));
}

/** Chunks a full-text query may score before its most common terms are left out (see searchText). */
export const MATCH_BUDGET = 25_000;
