// Channel and note rooms: a bound socket follows the live channels its user may read (group and
// direct-message channels by active membership), `events:channel` relays typing inside a channel
// room and moves the member's read mark, and `join-note` joins a note's room only for a reader.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Server } from 'socket.io';
import type { Socket } from 'socket.io-client';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { connect, join, settle } from './support.ts';

const NS = 1_700_000_000_000_000_000n;

describe('Socket.IO channel and note rooms', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  const sockets: Socket[] = [];
  const joined = async (account: Account) => {
    const socket = await connect(server);
    sockets.push(socket);
    await join(socket, account.token);
    return socket;
  };
  /** The ids of the sockets in a room, as the server sees them. */
  const inRoom = async (room: string) => (await (server.services.realtime['io'] as Server).in(room).fetchSockets()).map((s) => s.id);

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
    const { db } = server.services.database;
    const channel = (id: string, type: string | null, accessControl: unknown, extra: Record<string, unknown> = {}) => ({
      id, user_id: admin.id, name: id, description: null, data: null, meta: null, access_control: accessControl === undefined ? null : JSON.stringify(accessControl),
      created_at: NS, updated_at: NS, type, is_private: false, archived_at: null, archived_by: null, deleted_at: null, deleted_by: null, updated_by: null, ...extra,
    });
    await db
      .insertInto('channel')
      .values([
        channel('public', null, undefined),
        channel('private', null, {}),
        channel('shared-with-user', '', { read: { user_ids: [user.id], group_ids: [] } }),
        channel('group-member', 'group', {}),
        channel('group-left', 'group', {}),
        channel('dm-other', 'dm', {}),
        channel('deleted', null, undefined, { deleted_at: NS }),
      ] as never)
      .execute();
    const member = (channelId: string, isActive: boolean) => ({ id: `m-${channelId}`, channel_id: channelId, user_id: user.id, created_at: NS, status: null, is_active: isActive, is_channel_muted: false, is_channel_pinned: false, data: null, meta: null, joined_at: NS, left_at: null, last_read_at: null, updated_at: NS, role: null, invited_by: null, invited_at: null });
    await db.insertInto('channel_member').values([member('group-member', true), member('group-left', false)] as never).execute();
    const note = (id: string, owner: string, accessControl: unknown) => ({ id, user_id: owner, title: id, data: null, meta: null, access_control: accessControl === null ? null : JSON.stringify(accessControl), created_at: NS, updated_at: NS });
    await db.insertInto('note').values([note('admins-private', admin.id, {}), note('admins-public', admin.id, null), note('users-own', user.id, {})] as never).execute();
  });
  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await server.close();
  });

  it('user-join follows the live channels the user may read: public, shared, owned and member channels', async () => {
    const socket = await joined(user);
    const rooms: string[] = [];
    for (const id of ['public', 'private', 'shared-with-user', 'group-member', 'group-left', 'dm-other', 'deleted']) if ((await inRoom(`channel:${id}`)).includes(socket.id as string)) rooms.push(id);
    assert.deepEqual(rooms, ['public', 'shared-with-user', 'group-member']);
    const adminSocket = await joined(admin);
    assert.ok((await inRoom('channel:private')).includes(adminSocket.id as string), 'the owner');
  });

  it('join-channels joins them too, for a socket that never sent user-join', async () => {
    const socket = await connect(server);
    sockets.push(socket);
    socket.emit('join-channels', { auth: { token: user.token } });
    await settle();
    assert.ok((await inRoom('channel:public')).includes(socket.id as string));
  });

  it('events:channel: typing reaches the channel room with who types; last_read_at moves the read mark; outside the room nothing happens', async () => {
    const typist = await joined(user);
    const reader = await joined(admin);
    const seen: unknown[] = [];
    reader.on('events:channel', (event: unknown) => seen.push(event));
    typist.emit('events:channel', { channel_id: 'public', message_id: null, data: { type: 'typing', data: { typing: true } } });
    typist.emit('events:channel', { channel_id: 'private', data: { type: 'typing', data: { typing: true } } });
    for (const payload of [null, 'x', { channel_id: 5 }, { channel_id: 'public' }, { channel_id: 'public', data: 'typing' }]) typist.emit('events:channel', payload);
    await settle();
    const { name } = (await server.request('GET', '/api/v1/auths/', { token: user.token })).body;
    assert.deepEqual(seen, [{ channel_id: 'public', message_id: null, data: { type: 'typing', data: { typing: true } }, user: { id: user.id, name, role: 'user' } }]);

    typist.emit('events:channel', { channel_id: 'group-member', data: { type: 'last_read_at' } });
    await settle();
    const row = await server.services.database.db.selectFrom('channel_member').select('last_read_at').where('id', '=', 'm-group-member').executeTakeFirstOrThrow();
    assert.ok(BigInt(row.last_read_at as string | number | bigint) > NS);
    assert.equal(typist.connected, true, 'bad payloads leave the connection alone');
  });

  it('join-note joins a note\'s room for its owner, a reader or an admin; not for a private note of another', async () => {
    const userSocket = await joined(user);
    const adminSocket = await joined(admin);
    for (const noteId of ['admins-private', 'admins-public', 'users-own', 'missing']) userSocket.emit('join-note', { note_id: noteId, auth: { token: user.token } });
    adminSocket.emit('join-note', { note_id: 'users-own', auth: { token: admin.token } });
    userSocket.emit('join-note', { note_id: 'admins-private', auth: { token: 'not-a-token' } });
    userSocket.emit('join-note', { note_id: 42, auth: { token: user.token } });
    await settle();
    assert.deepEqual(await inRoom('note:admins-private'), []);
    assert.deepEqual(await inRoom('note:admins-public'), [userSocket.id]);
    assert.deepEqual((await inRoom('note:users-own')).sort(), [userSocket.id, adminSocket.id].sort());
  });
});
