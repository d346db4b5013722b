// An upload whose metadata names a channel is linked to it (channel_file) when the uploader is an
// active member of that channel, as Open WebUI does; channel members may then read the file.
import { randomUUID } from 'node:crypto';
import type { Services } from '../../services.ts';
import { epochSeconds } from '../../lib/time.ts';

export async function linkToChannel(services: Services, channelId: string, fileId: string, userId: string): Promise<void> {
  const { db } = services.database;
  const member = await db
    .selectFrom('channel_member')
    .select('id')
    .where('channel_id', '=', channelId)
    .where('user_id', '=', userId)
    .where('is_active', '=', true)
    .executeTakeFirst();
  if (!member) return;
  const now = epochSeconds();
  await db
    .insertInto('channel_file')
    .values({ id: randomUUID(), user_id: userId, channel_id: channelId, file_id: fileId, message_id: null, created_at: now, updated_at: now })
    .execute();
}
