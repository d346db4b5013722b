// What a chat request asks to be read (api-rest.md §5.5 step 1): the chat's folder files, the
// request's `files`, and the model's knowledge (legacy entries turned into collection items), with
// `folder` items expanded to that folder's files and exact duplicates removed.
import { isObject } from '../../lib/json.ts';
import type { Services } from '../../services.ts';
import { FoldersStore } from '../../stores/folders.ts';
import type { ModelsStore } from '../../stores/models.ts';

export type RagItem = Record<string, unknown>;

const itemsIn = (value: unknown): RagItem[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** Open WebUI's conversion of a model's `meta.knowledge` entries. */
function knowledgeItem(entry: RagItem): RagItem {
  if (entry['collection_name']) return { id: entry['collection_name'], name: entry['name'], legacy: true };
  if (entry['collection_names']) return { name: entry['name'], type: 'collection', collection_names: entry['collection_names'], legacy: true };
  return entry;
}

export async function gatherItems(services: Services, records: ModelsStore, userId: string, model: string, chatId: string | undefined, requested: unknown): Promise<RagItem[]> {
  const folders = new FoldersStore(services.database);
  const folderFiles = async (folderId: string): Promise<RagItem[]> => itemsIn((await folders.get(userId, folderId))?.data?.['files']);
  const items: RagItem[] = [];
  if (chatId) {
    const chat = await services.database.db.selectFrom('chat').select('folder_id').where('id', '=', chatId).where('user_id', '=', userId).executeTakeFirst();
    if (chat?.folder_id) items.push(...(await folderFiles(chat.folder_id)));
  }
  for (const item of itemsIn(requested)) {
    if (item['type'] === 'folder' && typeof item['id'] === 'string') items.push(...(await folderFiles(item['id'])));
    else items.push(item);
  }
  const record = await records.getById(model);
  const meta = isObject(record?.meta) ? record.meta : {};
  items.push(...itemsIn(meta['knowledge']).map(knowledgeItem));
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
