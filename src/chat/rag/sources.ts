// Each item of a chat request → a source: the chunks (or whole documents, in full-context mode) it
// contributes (api-rest.md §5.5 step 3). Every file, knowledge base and collection an item names is
// checked against the caller's access; what the caller may not read contributes nothing.
import { parseAccessControl } from '../../auth/access-control.ts';
import { decodeObject } from '../../db/values.ts';
import { isObject } from '../../lib/json.ts';
import { textOf } from '../task-prompts.ts';
import type { Services } from '../../services.ts';
import { mayUseCollection } from '../../retrieval/collection-access.ts';
import { fileCollection } from '../../retrieval/process-file.ts';
import type { ChunkSearch, QueryOptions, QueryResult } from '../../retrieval/search.ts';
import { loadPage } from '../../retrieval/web-loader.ts';
import type { FileModel, FilesStore } from '../../stores/files.ts';
import { KnowledgeStore } from '../../stores/knowledge.ts';
import type { UserModel } from '../../stores/users.ts';
import { mayAccessFile } from '../../routers/files/access.ts';
import type { RagItem } from './items.ts';

export interface Source {
  source: RagItem;
  document: string[];
  metadata: Record<string, unknown>[];
  distances?: number[];
}

export interface SourceContext {
  services: Services;
  files: FilesStore;
  search: ChunkSearch;
  user: UserModel;
  queries: string[];
  options: QueryOptions;
  /** RAG_FULL_CONTEXT or BYPASS_EMBEDDING_AND_RETRIEVAL: whole documents instead of a search. */
  fullContext: boolean;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Whole documents as a result (full-context mode, pasted text, notes, chats, pages): each scores 1. */
function wholeDocuments(docs: readonly { text: string; metadata: Record<string, unknown> }[]): QueryResult {
  return { distances: [docs.map(() => 1)], documents: [docs.map((d) => d.text)], metadatas: [docs.map((d) => d.metadata)] };
}

/** A stored file's extracted text, described as its chunks are. */
const fileDocument = (file: FileModel) => ({ text: String(file.data['content'] ?? ''), metadata: { file_id: file.id, name: file.filename, source: file.filename } });

/** One document named by `source`, shown under the item's name (or `source`). */
const namedDocument = (text: string, source: unknown, name: unknown) => wholeDocuments([{ text, metadata: { source, name: str(name) ?? source } }]);

export class SourceResolver {
  private readonly searched = new Set<string>();

  constructor(private readonly ctx: SourceContext) {}

  private async readableFile(id: unknown): Promise<FileModel | null> {
    if (typeof id !== 'string') return null;
    const file = await this.ctx.files.get(id);
    return file && (await mayAccessFile(this.ctx.services, this.ctx.user, file, 'read')) ? file : null;
  }

  /** The collections not searched yet that the caller may read, searched together. */
  private async searchCollections(names: readonly string[]): Promise<QueryResult | null> {
    const { services, files, user } = this.ctx;
    const fresh: string[] = [];
    for (const name of names) {
      if (this.searched.has(name)) continue;
      this.searched.add(name);
      if (await mayUseCollection(services, files, user, name, 'read')) fresh.push(name);
    }
    if (fresh.length === 0) return null;
    return this.ctx.search.query(fresh, this.ctx.queries, this.ctx.options);
  }

  private async knowledgeFiles(kbId: string): Promise<FileModel[]> {
    return this.ctx.files.getMany(await new KnowledgeStore(this.ctx.services.database).fileIds(kbId));
  }

  private async readableKnowledge(kbId: string): Promise<boolean> {
    return mayUseCollection(this.ctx.services, this.ctx.files, this.ctx.user, kbId, 'read');
  }

  /** A note's markdown, for its owner, an admin or a reader. */
  private async noteText(id: string): Promise<string | null> {
    const { services, user } = this.ctx;
    const note = await services.database.db.selectFrom('note').select(['user_id', 'data', 'access_control']).where('id', '=', id).executeTakeFirst();
    if (!note || !(user.role === 'admin' || (await services.access.can(user, 'read', { user_id: note.user_id ?? '', access_control: parseAccessControl(note.access_control) })))) return null;
    const data = decodeObject(note.data);
    const content = isObject(data?.['content']) ? data['content']['md'] : undefined;
    return typeof content === 'string' && content !== '' ? content : null;
  }

  /** A chat's current branch as `#### Role` blocks, for its owner or an admin. */
  private async chatText(id: string): Promise<string | null> {
    const { services, user } = this.ctx;
    const row = await services.database.db.selectFrom('chat').select(['user_id', 'chat']).where('id', '=', id).executeTakeFirst();
    if (!row || (row.user_id !== user.id && user.role !== 'admin')) return null;
    const history = decodeObject(row.chat)?.['history'];
    const messages = isObject(history) && isObject(history['messages']) ? history['messages'] : {};
    const branch: string[] = [];
    let current = isObject(history) ? history['currentId'] : undefined;
    for (let guard = 0; typeof current === 'string' && guard < 10_000; guard++) {
      const message = messages[current];
      if (!isObject(message)) break;
      const role = String(message['role'] ?? 'user');
      branch.unshift(`#### ${role.charAt(0).toUpperCase()}${role.slice(1)}\n${textOf(message)}`);
      current = message['parentId'];
    }
    return branch.length > 0 ? branch.join('\n\n') : null;
  }

  private async resultFor(item: RagItem): Promise<QueryResult | null> {
    const full = this.ctx.fullContext || item['context'] === 'full';
    const type = item['type'];
    const file = isObject(item['file']) ? item['file'] : undefined;
    const fileId = str(item['id']) ?? str(file?.['id']);

    if (type === 'text') {
      const stored = file ? await this.readableFile(file['id']) : null;
      if (full && stored) return wholeDocuments([fileDocument(stored)]);
      if (str(item['collection_name'])) return this.searchCollections([item['collection_name'] as string]);
      if (stored) return wholeDocuments([fileDocument(stored)]);
      const content = str(item['content']);
      return content ? namedDocument(content, str(item['name']) ?? 'text', item['name']) : null;
    }
    if (type === 'note' && fileId) {
      const text = await this.noteText(fileId);
      return text ? namedDocument(text, fileId, item['name']) : null;
    }
    if (type === 'chat' && fileId) {
      const text = await this.chatText(fileId);
      return text ? namedDocument(text, fileId, item['name']) : null;
    }
    if (type === 'url' && str(item['url'])) {
      const page = await loadPage(this.ctx.services.retrieval, this.ctx.services.config, item['url'] as string).catch(() => null);
      return page ? namedDocument(page.content, item['url'], item['name']) : null;
    }
    if (type === 'file') {
      const stored = await this.readableFile(fileId);
      if (!stored) return null;
      if (full) return wholeDocuments([fileDocument(stored)]);
      return this.searchCollections([item['legacy'] ? stored.id : fileCollection(stored.id)]);
    }
    if (type === 'collection') {
      if (item['legacy']) return this.searchCollections(strings(item['collection_names']));
      if (!fileId || !(await this.readableKnowledge(fileId))) return null;
      if (full) {
        return wholeDocuments((await this.knowledgeFiles(fileId)).map(fileDocument));
      }
      return this.searchCollections([fileId]);
    }
    if (Array.isArray(item['docs'])) {
      return wholeDocuments(item['docs'].filter(isObject).map((d) => ({ text: String(d['content'] ?? ''), metadata: isObject(d['metadata']) ? d['metadata'] : {} })));
    }
    if (str(item['collection_name'])) return this.searchCollections([item['collection_name'] as string]);
    if (Array.isArray(item['collection_names'])) return this.searchCollections(strings(item['collection_names']));
    if (item['legacy'] && fileId) return this.searchCollections([fileId]);
    return null;
  }

  /** The item's source, or null when it contributes nothing (no access, nothing found). */
  async resolve(item: RagItem): Promise<Source | null> {
    const result = await this.resultFor(item);
    const documents = result?.documents[0] ?? [];
    if (!result || documents.length === 0) return null;
    // The item as the client knows it, without the file text it may carry (sent with every event, stored with the message).
    const { data: _data, ...described } = item;
    if (isObject(described['file'])) {
      const { data: _fileData, ...fileInfo } = described['file'];
      described['file'] = fileInfo;
    }
    return { source: described, document: documents, metadata: result.metadatas[0] ?? [], distances: result.distances[0] ?? [] };
  }
}
