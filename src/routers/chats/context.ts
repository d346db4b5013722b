// What every chats route file shares: the chats and tags stores and the tag bookkeeping rules.
import type { FastifyInstance } from 'fastify';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import { ChatsStore } from '../../stores/chats.ts';
import { FoldersStore } from '../../stores/folders.ts';
import { TagsStore, tagIdOf } from '../../stores/tags.ts';

export interface ChatsContext {
  chats: ChatsStore;
  tags: TagsStore;
  folders: FoldersStore;
  /** Refuses (404) a folder id that is not one of the user's folders; null (the root) passes. */
  assertOwnFolder(userId: string, folderId: string | null | undefined): Promise<void>;
  /** Deletes each tag row no non-archived chat of the user carries any more. */
  dropUnusedTags(userId: string, tagIds: readonly string[]): Promise<void>;
}

export function chatsContext(app: FastifyInstance): ChatsContext {
  const chats = new ChatsStore(app.services.database, app.services.chatIndex);
  const tags = new TagsStore(app.services.database);
  const folders = new FoldersStore(app.services.database);
  return {
    chats,
    tags,
    folders,
    async assertOwnFolder(userId, folderId) {
      if (folderId && !(await folders.get(userId, folderId))) throw new HTTPException(404, ERROR_MESSAGES.NOT_FOUND);
    },
    async dropUnusedTags(userId, tagIds) {
      for (const tagId of new Set(tagIds.map(tagIdOf))) {
        if ((await chats.countWithTag(userId, tagId)) === 0) await tags.delete(userId, tagId);
      }
    },
  };
}
