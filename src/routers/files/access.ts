// Who may read or change a file (Open WebUI's has_access_to_file, plus the owner/admin shortcut every
// files route applies first): the owner and admins always; others through a knowledge base holding
// the file (owner or grant), the knowledge base named by `meta.collection_name`, a channel the file
// was posted in (read only), or a shared chat it belongs to (read only).
import { sql } from 'kysely';
import type { AccessType } from '../../auth/access-control.ts';
import { hasAccess, parseAccessControl } from '../../auth/access-control.ts';
import type { Services } from '../../services.ts';
import type { FileModel } from '../../stores/files.ts';
import type { UserModel } from '../../stores/users.ts';

export async function mayAccessFile(services: Services, user: UserModel, file: FileModel, type: AccessType): Promise<boolean> {
  if (file.user_id === user.id || user.role === 'admin') return true;
  const { db } = services.database;
  const groupIds = await services.access.groupIdsOf(user.id);
  const viaKnowledge = (kb: { user_id: string; access_control: unknown }): boolean =>
    kb.user_id === user.id || hasAccess(user.id, groupIds, type, parseAccessControl(kb.access_control));

  const holding = await db
    .selectFrom('knowledge')
    .innerJoin('knowledge_file', 'knowledge_file.knowledge_id', 'knowledge.id')
    .select(['knowledge.user_id', 'knowledge.access_control'])
    .where('knowledge_file.file_id', '=', file.id)
    .execute();
  if (holding.some(viaKnowledge)) return true;

  const named = file.meta['collection_name'];
  if (typeof named === 'string' && named !== '') {
    const kb = await db.selectFrom('knowledge').select(['user_id', 'access_control']).where('id', '=', named).executeTakeFirst();
    if (kb && viaKnowledge(kb)) return true;
  }
  if (type !== 'read') return false;

  const inChannel = await db
    .selectFrom('channel_file')
    .innerJoin('channel_member', 'channel_member.channel_id', 'channel_file.channel_id')
    .select(sql<number>`1`.as('one'))
    .where('channel_file.file_id', '=', file.id)
    .where('channel_member.user_id', '=', user.id)
    .executeTakeFirst();
  if (inChannel) return true;

  const inSharedChat = await db
    .selectFrom('chat_file')
    .innerJoin('chat', 'chat.id', 'chat_file.chat_id')
    .select(sql<number>`1`.as('one'))
    .where('chat_file.file_id', '=', file.id)
    .where('chat.share_id', 'is not', null)
    .executeTakeFirst();
  return inSharedChat !== undefined;
}
