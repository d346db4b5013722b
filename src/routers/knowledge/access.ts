// How the knowledge router applies access control: who may read or change a knowledge base, the
// `write_access` flag it reports, the access_control a create or update stores, and the files a
// caller may put into a knowledge base.
import { hasAccess, parseAccessControl } from '../../auth/access-control.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import type { Services } from '../../services.ts';
import type { FileModel, FilesStore } from '../../stores/files.ts';
import type { KnowledgeModel, KnowledgeStore, Viewer } from '../../stores/knowledge.ts';
import type { UserModel } from '../../stores/users.ts';
import { mayAccessFile } from '../files/access.ts';

type Json = Record<string, unknown>;
type Owned = Pick<KnowledgeModel, 'user_id' | 'access_control'>;

/** The owner, or a grant of that type (`write_access` as Open WebUI reports it: admins are not implied). */
export function granted(user: UserModel, groupIds: ReadonlySet<string>, type: 'read' | 'write', kb: Owned): boolean {
  return kb.user_id === user.id || hasAccess(user.id, groupIds, type, parseAccessControl(kb.access_control));
}

/** Admins always (as upstream, whatever BYPASS_ADMIN_ACCESS_CONTROL says), else owner or grant. */
export function may(user: UserModel, groupIds: ReadonlySet<string>, type: 'read' | 'write', kb: Owned): boolean {
  return user.role === 'admin' || granted(user, groupIds, type, kb);
}

/** The viewer of a listing; admins see everything only with BYPASS_ADMIN_ACCESS_CONTROL (and only where upstream lets them). */
export async function viewerOf(services: Services, user: UserModel, adminBypass: boolean): Promise<Viewer> {
  return {
    userId: user.id,
    groupIds: [...(await services.access.groupIdsOf(user.id))],
    seesAll: adminBypass && user.role === 'admin' && services.settings.bypassAdminAccessControl,
  };
}

export interface WritableKnowledge {
  knowledge: KnowledgeModel;
  groupIds: Set<string>;
}

/** The knowledge base a mutation names, if the caller may change it: 400 NOT_FOUND / 400 ACCESS_PROHIBITED as upstream. */
export async function writableKnowledge(services: Services, store: KnowledgeStore, user: UserModel, id: string): Promise<WritableKnowledge> {
  const knowledge = await store.get(id);
  if (!knowledge) throw new HTTPException(400, ERROR_MESSAGES.NOT_FOUND);
  const groupIds = await services.access.groupIdsOf(user.id);
  if (!may(user, groupIds, 'write', knowledge)) throw new HTTPException(400, ERROR_MESSAGES.ACCESS_PROHIBITED);
  return { knowledge, groupIds };
}

/**
 * A file id the client sent, as a file the caller may read. Open WebUI looked file ids up without
 * any check, so anyone could copy another user's file into their own knowledge base and read it
 * from there (CVE-2026-45402 class). A file the caller may not read is answered as a missing one.
 */
export async function readableFile(services: Services, files: FilesStore, user: UserModel, fileId: string): Promise<FileModel | null> {
  const file = await files.get(fileId);
  if (!file || !(await mayAccessFile(services, user, file, 'read'))) return null;
  return file;
}

const sameAccess = (a: unknown, b: unknown): boolean => JSON.stringify(parseAccessControl(a)) === JSON.stringify(parseAccessControl(b));

/**
 * The access_control a create or update stores. As upstream, a non-admin without
 * `sharing.public_knowledge` who asks for public (null or omitted) gets a private knowledge base
 * instead. Sharing with groups or users needs `sharing.knowledge` (403 otherwise), as every other
 * router here enforces; resending the stored value needs nothing, so collaborators can still edit.
 */
export async function accessToStore(services: Services, user: UserModel, requested: Json | null, current?: Json | null): Promise<Json | null> {
  if (user.role === 'admin') return requested;
  if (requested === null && !(await services.permissions.has(user.id, 'sharing.public_knowledge'))) return {};
  if (current !== undefined && sameAccess(requested, current)) return requested;
  await services.access.assertMaySet(user, 'knowledge', parseAccessControl(requested));
  return requested;
}
