// `GET /search`: free text over titles and message contents, plus the filter words
// `tag:` `folder:` `pinned:` `archived:` `shared:` (api-core.md §5).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import type { ChatSearch } from '../../stores/chats.ts';
import type { FoldersStore } from '../../stores/folders.ts';
import { tagIdOf } from '../../stores/tags.ts';
import type { ChatsContext } from './context.ts';
import { PAGE_SIZE } from './crud.ts';
import { SearchQuery } from './schemas.ts';

const FILTER_PREFIXES = ['tag:', 'folder:', 'pinned:', 'archived:', 'shared:'];

/** `word:true` / `word:false` among the words, else undefined. */
function flag(words: readonly string[], name: string): boolean | undefined {
  if (words.includes(`${name}:true`)) return true;
  if (words.includes(`${name}:false`)) return false;
  return undefined;
}

/** Folder names compare with `_` and whitespace runs as one space, case-insensitively. */
const folderKey = (name: string): string => name.replace(/[\s_]+/g, ' ').trim().toLowerCase();

/** Ids of the user's folders named like one of `names`, with all their sub-folders. */
async function foldersNamed(folders: FoldersStore, userId: string, names: readonly string[]): Promise<string[]> {
  const wanted = new Set(names.map(folderKey));
  const ids = new Set<string>();
  for (const folder of await folders.listSummaries(userId)) {
    if (!wanted.has(folderKey(folder.name))) continue;
    for (const id of await folders.subtreeIds(userId, folder.id)) ids.add(id);
  }
  return [...ids];
}

export function searchRoutes(base: FastifyInstance, { chats, tags, folders }: ChatsContext): void {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/search', { preValidation: verifiedUser, schema: { querystring: SearchQuery } }, async (request) => {
    const user = userOf(request);
    const page = request.query.page ?? 1;
    const words = request.query.text.replace(/\u0000/g, '').toLowerCase().trim().split(' ');
    const folderNames = words.filter((w) => w.startsWith('folder:')).map((w) => w.slice('folder:'.length));
    const search: ChatSearch = {
      text: words.filter((w) => !FILTER_PREFIXES.some((p) => w.startsWith(p))).join(' '),
      tagIds: words.filter((w) => w.startsWith('tag:')).map((w) => tagIdOf(w.slice('tag:'.length))),
      folderIds: folderNames.length > 0 ? await foldersNamed(folders, user.id, folderNames) : undefined,
      pinned: flag(words, 'pinned'),
      archived: flag(words, 'archived'),
      shared: flag(words, 'shared'),
      skip: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    };
    const found = await chats.search(user.id, search);
    // A lone `tag:x` that finds nothing on page 1 means the tag is stale: drop its row, as upstream.
    const raw = request.query.text.trim().split(' ');
    if (page === 1 && raw.length === 1 && raw[0]?.startsWith('tag:') && found.length === 0) {
      await tags.delete(user.id, raw[0].slice('tag:'.length));
    }
    return found;
  });
}
