// Chats and folders: moving a chat into a folder, and the folder-scoped chat lists.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import type { ChatsContext } from './context.ts';
import { ChatFolderIdForm, FolderPageQuery, FolderParams, IdParams } from './schemas.ts';

/** Page size of `/folder/{id}/list`. */
const FOLDER_PAGE_SIZE = 10;

export function folderRoutes(base: FastifyInstance, { chats, assertOwnFolder, folders }: ChatsContext): void {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post('/:id/folder', { preValidation: verifiedUser, schema: { params: IdParams, body: ChatFolderIdForm } }, async (request) => {
    const user = userOf(request);
    const folderId = request.body.folder_id ?? null;
    if (!(await chats.getMetaOwned(request.params.id, user.id))) throw new HTTPException(401, ERROR_MESSAGES.DEFAULT());
    await assertOwnFolder(user.id, folderId);
    const chat = await chats.setFolder(request.params.id, user.id, folderId);
    if (!chat) throw new HTTPException(401, ERROR_MESSAGES.DEFAULT());
    return chat;
  });

  // The folder and all its descendants; an unknown folder simply has no chats.
  app.get('/folder/:folder_id', { preValidation: verifiedUser, schema: { params: FolderParams } }, async (request) => {
    const user = userOf(request);
    return chats.listFullInFolders(user.id, await folders.subtreeIds(user.id, request.params.folder_id));
  });

  app.get('/folder/:folder_id/list', { preValidation: verifiedUser, schema: { params: FolderParams, querystring: FolderPageQuery } }, async (request) => {
    const page = request.query.page ?? 1;
    return chats.listFolderPage(userOf(request).id, request.params.folder_id, (page - 1) * FOLDER_PAGE_SIZE, FOLDER_PAGE_SIZE);
  });
}
