// The channel and note rooms of Open WebUI's socket protocol (`channel:{id}`, `note:{id}`): on
// user-join and join-channels a socket joins every live channel of its user (group and direct
// message channels by active membership, the others when the user owns or may read them), and on
// join-note the room of a note the user owns or may read.
import { hasAccess, parseAccessControl } from '../auth/access-control.ts';
import { epochNanoseconds } from '../lib/time.ts';
import type { Services } from '../services.ts';
import type { UserModel } from '../stores/users.ts';

export const channelRoom = (id: string) => `channel:${id}`;
export const noteRoom = (id: string) => `note:${id}`;

/** Channel types whose readers are their members. */
const MEMBERSHIP_TYPES = ['group', 'dm'];

export async function channelIdsOf(services: Services, user: UserModel): Promise<string[]> {
  const { db } = services.database;
  const live = db.selectFrom('channel').where('channel.deleted_at', 'is', null).where('channel.archived_at', 'is', null);
  const joined = await live
    .innerJoin('channel_member', 'channel_member.channel_id', 'channel.id')
    .select('channel.id')
    .where('channel.type', 'in', MEMBERSHIP_TYPES)
    .where('channel_member.user_id', '=', user.id)
    .where('channel_member.is_active', '=', true)
    .execute();
  const standard = await live
    .select(['channel.id', 'channel.user_id', 'channel.access_control'])
    .where((eb) => eb.or([eb('channel.type', 'is', null), eb('channel.type', 'not in', MEMBERSHIP_TYPES)]))
    .execute();
  const groupIds = await services.access.groupIdsOf(user.id);
  const readable = standard.filter((channel) => channel.user_id === user.id || hasAccess(user.id, groupIds, 'read', parseAccessControl(channel.access_control)));
  return [...new Set([...joined, ...readable].map((channel) => channel.id))];
}

export async function mayFollowNote(services: Services, user: UserModel, noteId: string): Promise<boolean> {
  const note = await services.database.db.selectFrom('note').select(['user_id', 'access_control']).where('id', '=', noteId).executeTakeFirst();
  if (!note) return false;
  return services.access.can(user, 'read', { user_id: note.user_id ?? '', access_control: parseAccessControl(note.access_control) });
}

/** `events:channel` `last_read_at`: the member's read mark moves to now. */
export async function markChannelRead(services: Services, channelId: string, userId: string): Promise<void> {
  const now = epochNanoseconds();
  await services.database.db.updateTable('channel_member').set({ last_read_at: now, updated_at: now }).where('channel_id', '=', channelId).where('user_id', '=', userId).execute();
}
