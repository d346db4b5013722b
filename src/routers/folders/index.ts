// /api/v1/folders (and /api/folders): the 7 routes of Open WebUI's folders router. Folders are
// private to their owner: every lookup is by (id, caller), so a foreign id is simply not found.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import { FoldersStore, type FolderModel } from '../../stores/folders.ts';
import { foldersToRehome } from './repair.ts';
import { toFolderNameId } from './responses.ts';
import { DeleteFolderQuery, FolderForm, FolderIdParams, FolderIsExpandedForm, FolderParentIdForm, FolderUpdateForm } from './schemas.ts';

const notFound = (): HTTPException => new HTTPException(404, ERROR_MESSAGES.NOT_FOUND);
const nameTaken = (): HTTPException => new HTTPException(400, ERROR_MESSAGES.DEFAULT('Folder already exists'));
const forbidden = (): HTTPException => new HTTPException(403, ERROR_MESSAGES.ACCESS_PROHIBITED);

export async function foldersRouter(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config, permissions } = app.services;
  const folders = new FoldersStore(app.services.database);

  /** The caller's folder, or the reference's 404. */
  async function ownFolder(userId: string, id: string): Promise<FolderModel> {
    const folder = await folders.get(userId, id);
    if (!folder) throw notFound();
    return folder;
  }

  // TODO(files layer): upstream also drops `data.files` entries the user can no longer read.
  app.get('/', { preValidation: verifiedUser }, async (request) => {
    const user = userOf(request);
    if (config.get('ENABLE_FOLDERS') === false) throw forbidden();
    if (user.role !== 'admin' && !(await permissions.has(user.id, 'features.folders'))) throw forbidden();
    let list = await folders.listSummaries(user.id);
    const rehome = foldersToRehome(list);
    if (rehome.length > 0) {
      await folders.moveToRoot(user.id, rehome);
      list = await folders.listSummaries(user.id);
    }
    return list.map(toFolderNameId);
  });

  app.post('/', { preValidation: verifiedUser, schema: { body: FolderForm } }, async (request) => {
    const user = userOf(request);
    const { name, data, meta, parent_id } = request.body;
    const parentId = parent_id ?? null;
    if (parentId !== null) await ownFolder(user.id, parentId);
    if (await folders.nameTaken(user.id, parentId, name)) throw nameTaken();
    try {
      return await folders.create(user.id, { name, parentId, data: data ?? null, meta: meta ?? null });
    } catch (err) {
      request.log.error({ err }, 'Error creating folder');
      throw new HTTPException(400, ERROR_MESSAGES.DEFAULT('Error creating folder'));
    }
  });

  app.get('/:id', { preValidation: verifiedUser, schema: { params: FolderIdParams } }, async (request) =>
    ownFolder(userOf(request).id, request.params.id),
  );

  app.post('/:id/update', { preValidation: verifiedUser, schema: { params: FolderIdParams, body: FolderUpdateForm } }, async (request) => {
    const user = userOf(request);
    const folder = await ownFolder(user.id, request.params.id);
    const { name, data, meta } = request.body;
    if (name != null && (await folders.nameTaken(user.id, folder.parent_id, name, folder.id))) throw nameTaken();
    const updated = await folders.update(user.id, folder.id, { name: name ?? undefined, data: data ?? undefined, meta: meta ?? undefined });
    if (!updated) throw notFound();
    return updated;
  });

  // Moving is refused under a folder that is not the caller's, and under the folder itself or
  // any of its descendants (that would cut the subtree off the root).
  app.post('/:id/update/parent', { preValidation: verifiedUser, schema: { params: FolderIdParams, body: FolderParentIdForm } }, async (request) => {
    const user = userOf(request);
    const folder = await ownFolder(user.id, request.params.id);
    const parentId = request.body.parent_id ?? null;
    if (parentId !== null) {
      await ownFolder(user.id, parentId);
      if ((await folders.subtreeIds(user.id, folder.id)).includes(parentId)) {
        throw new HTTPException(400, ERROR_MESSAGES.DEFAULT('Cannot move a folder into itself or one of its subfolders'));
      }
    }
    if (await folders.nameTaken(user.id, parentId, folder.name, folder.id)) throw nameTaken();
    const moved = await folders.setParent(user.id, folder.id, parentId);
    if (!moved) throw notFound();
    return moved;
  });

  app.post('/:id/update/expanded', { preValidation: verifiedUser, schema: { params: FolderIdParams, body: FolderIsExpandedForm } }, async (request) => {
    const user = userOf(request);
    const folder = await ownFolder(user.id, request.params.id);
    const updated = await folders.setExpanded(user.id, folder.id, request.body.is_expanded);
    if (!updated) throw notFound();
    return updated;
  });

  // Deleting chats needs `chat.delete` (admins always have it); moving them to the root does not.
  app.delete('/:id', { preValidation: verifiedUser, schema: { params: FolderIdParams, querystring: DeleteFolderQuery } }, async (request) => {
    const user = userOf(request);
    const deleteChats = request.query.delete_contents;
    const tree = await folders.subtreeIds(user.id, request.params.id);
    if (tree.length === 0) throw notFound();
    if (deleteChats && user.role !== 'admin' && (await folders.countChats(user.id, tree)) > 0 && !(await permissions.has(user.id, 'chat.delete'))) {
      throw forbidden();
    }
    if (!(await folders.deleteTree(user.id, request.params.id, { deleteChats }))) throw notFound();
    return true;
  });
}
