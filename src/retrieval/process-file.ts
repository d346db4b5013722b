// A file's text → its collection (Open WebUI's process_file): from content the client sends, from
// chunks already in `file-{id}` (adding a file to a knowledge base), or extracted from the stored
// bytes. Records `data.content`, the content hash and `data.status`; `meta.collection_name` names
// where the chunks went. Every failure marks the file `failed` with a readable `data.error`.
import type { Readable } from 'node:stream';
import { errorMessage } from '../lib/errors.ts';
import type { Services } from '../services.ts';
import type { FileModel, FilesStore } from '../stores/files.ts';
import { type SourceDoc, saveDocs } from './save-docs.ts';
import { sha256Hex } from './text.ts';

export interface ProcessFileRequest {
  /** Replaces the file's text (the editor's content update); `<br/>` become newlines for chunking. */
  content?: string | undefined;
  /** Add to this collection (a knowledge base) instead of replacing `file-{id}`. */
  collectionName?: string | undefined;
}

export interface ProcessedFile {
  status: true;
  collection_name: string | null;
  filename: string;
  content: string;
}

export const fileCollection = (fileId: string): string => `file-${fileId}`;

async function readAll(stream: Readable): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

function baseMetadata(file: FileModel): Record<string, unknown> {
  return { name: file.filename, created_by: file.user_id, file_id: file.id, source: file.filename };
}

async function sourceDocs(services: Services, file: FileModel, request: ProcessFileRequest): Promise<{ docs: SourceDoc[]; text: string }> {
  const { retrieval, storage } = services;
  if (request.content) {
    await retrieval.store.deleteCollection(fileCollection(file.id));
    return { docs: [{ text: request.content.replace(/<br\/>/g, '\n'), metadata: { ...file.meta, ...baseMetadata(file) } }], text: request.content };
  }
  const stored = typeof file.data['content'] === 'string' ? file.data['content'] : '';
  if (request.collectionName) {
    const chunks = await retrieval.store.get(fileCollection(file.id), { file_id: file.id });
    if (chunks.length > 0) return { docs: chunks.map((c) => ({ text: c.text, metadata: c.metadata, chunk: { vector: c.vector } })), text: stored };
    return { docs: [{ text: stored, metadata: { ...file.meta, ...baseMetadata(file) } }], text: stored };
  }
  if (!file.path) return { docs: [{ text: stored, metadata: { ...file.meta, ...baseMetadata(file) } }], text: stored };
  const contentType = typeof file.meta['content_type'] === 'string' ? file.meta['content_type'] : undefined;
  const bytes = await readAll(await storage.open(file.path));
  const { content, documents } = await retrieval.extractor.extract({ bytes, filename: file.filename, contentType });
  // PDF pages and CSV rows are documents of their own, as upstream's loaders give them: no chunk
  // crosses a page, and a citation knows its page (the web UI links to #page=N).
  const isPdf = contentType === 'application/pdf' || file.filename.toLowerCase().endsWith('.pdf');
  const docs = documents.map((text, i) => ({ text, metadata: { ...(isPdf ? { page: i, page_label: String(i + 1), total_pages: documents.length } : documents.length > 1 ? { row: i } : {}), ...baseMetadata(file) } }));
  return { docs, text: content };
}

/** Processes the file; throws (with a message meant for the client) after marking it failed. */
export async function processFile(services: Services, files: FilesStore, file: FileModel, request: ProcessFileRequest = {}): Promise<ProcessedFile> {
  const { config, retrieval } = services;
  const collection = request.collectionName ?? fileCollection(file.id);
  try {
    const { docs, text } = await sourceDocs(services, file, request);
    await files.mergeData(file.id, { content: text });
    const hash = sha256Hex(text);
    await files.setHash(file.id, hash);
    if (config.get('BYPASS_EMBEDDING_AND_RETRIEVAL')) {
      await files.mergeData(file.id, { status: 'completed' });
      return { status: true, collection_name: null, filename: file.filename, content: text };
    }
    await saveDocs(retrieval, config, docs, collection, { metadata: { file_id: file.id, name: file.filename, hash }, add: request.collectionName !== undefined });
    await files.mergeMeta(file.id, { collection_name: collection });
    await files.mergeData(file.id, { status: 'completed' });
    return { status: true, collection_name: collection, filename: file.filename, content: text };
  } catch (error) {
    // A refusal to add the file elsewhere (a knowledge base) says nothing about the file itself.
    if (request.collectionName === undefined) {
      await files.mergeData(file.id, { status: 'failed', error: errorMessage(error) });
    }
    throw error;
  }
}
