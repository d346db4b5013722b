// Socket.IO as the web client uses it: connect (with or without a token), `user-join`, chat events in
// the user's room under both event names, `usage` feeding /api/usage, and sockets that lose their
// right to listen: a signed-out token, a changed role, a deleted user. With Redis, two instances.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Socket } from 'socket.io-client';
import type { ChatEvent } from '../../src/realtime/hub.ts';
import { closeReplica, startReplica } from '../auths/support.ts';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { connect, join, settle } from './support.ts';

/** Every chat event the socket receives, by event name. */
const collect = (socket: Socket) => {
  const seen: Record<string, ChatEvent[]> = { events: [], 'chat-events': [] };
  socket.on('events', (event: ChatEvent) => seen['events']!.push(event));
  socket.on('chat-events', (event: ChatEvent) => seen['chat-events']!.push(event));
  return seen;
};

const disconnected = (socket: Socket) => new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
const event = (n: number): ChatEvent => ({ chat_id: 'c1', message_id: 'm1', data: { type: 'chat:completion', data: { content: `part ${n}` } } });

describe('Socket.IO', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  const sockets: Socket[] = [];
  const open = async (...args: Parameters<typeof connect>) => {
    const socket = await connect(...args);
    sockets.push(socket);
    return socket;
  };

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
  });
  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await server.close();
  });

  it('accepts a connection without a token; user-join binds it and acks {id, name}', async () => {
    const socket = await open(server);
    const seen = collect(socket);
    server.services.realtime.emitToUser(user.id, event(0));
    assert.deepEqual(await join(socket, user.token), { id: user.id, name: 'Uma User' });
    server.services.realtime.emitToUser(user.id, event(1));
    server.services.realtime.emitToUser(admin.id, event(2));
    await settle();
    assert.deepEqual(seen['events'], [event(1)], 'only events sent after joining, only its own user');
    assert.deepEqual(seen['chat-events'], [event(1)], 'also under the pre-0.6.33 name');
  });

  it('the handshake token binds at once; /socket.io and the polling transport work too', async () => {
    for (const options of [{ token: user.token }, { token: user.token, path: '/socket.io' }, { token: user.token, transports: ['polling' as const] }]) {
      const socket = await open(server, options);
      const seen = collect(socket);
      await settle();
      server.services.realtime.emitToUser(user.id, event(3));
      await settle();
      assert.deepEqual(seen['events'], [event(3)], JSON.stringify(options));
      socket.disconnect();
    }
  });

  it('refuses bad tokens without dropping the connection; bad payloads are ignored', async () => {
    const socket = await open(server);
    const seen = collect(socket);
    for (const token of ['garbage', `${user.token}x`, 42, null]) assert.equal(await join(socket, token, 200), undefined);
    for (const payload of [undefined, null, 'text', 7, { auth: 'x' }, { auth: { token: ['a'] } }]) socket.emit('user-join', payload);
    for (const payload of [null, 'x', { model: 42 }, {}]) socket.emit('usage', payload);
    socket.emit('heartbeat', 'nonsense');
    await settle();
    server.services.realtime.emitToUser(user.id, event(4));
    await settle();
    assert.equal(socket.connected, true);
    assert.deepEqual(seen['events'], []);
  });

  it('usage marks a model in use for /api/usage, for a bound socket only, and the mark lapses', async () => {
    const anonymous = await open(server);
    anonymous.emit('usage', { action: 'chat', model: 'ghost:1b', chat_id: 'c1' });
    const socket = await open(server, { token: user.token });
    await settle();
    socket.emit('usage', { action: 'chat', model: 'llama3.2:3b', chat_id: 'c1' });
    await settle();
    const usage = await server.request('GET', '/api/usage', { token: user.token });
    assert.equal(usage.status, 200, usage.text);
    assert.deepEqual(usage.body.model_ids, ['llama3.2:3b']);
    await settle(3100);
    assert.deepEqual((await server.request('GET', '/api/usage', { token: user.token })).body.model_ids, []);
  });

  it('a signed-out token stops counting: its socket is unbound at its next event', async () => {
    const other = await addUser(server, admin, 'Olga Other', 'olga@example.com', 'user');
    const socket = await open(server, { token: other.token });
    const seen = collect(socket);
    await settle();
    assert.equal((await server.request('GET', '/api/v1/auths/signout', { token: other.token })).status, 200);
    socket.emit('usage', { model: 'after-signout:1b' });
    await settle();
    server.services.realtime.emitToUser(other.id, event(5));
    await settle();
    assert.deepEqual(seen['events'], []);
    assert.deepEqual((await server.request('GET', '/api/usage', { token: admin.token })).body.model_ids, []);
  });

  it('a role change or a deletion disconnects the user\'s sockets', async () => {
    const demoted = await addUser(server, admin, 'Dora Demoted', 'dora@example.com', 'admin');
    const socket = await open(server, { token: demoted.token });
    await settle();
    const gone = disconnected(socket);
    const update = await server.request('POST', `/api/v1/users/${demoted.id}/update`, {
      token: admin.token,
      body: { role: 'user', name: 'Dora Demoted', email: 'dora@example.com', profile_image_url: '/user.png' },
    });
    assert.equal(update.status, 200, update.text);
    await gone;

    const again = await open(server, { token: demoted.token });
    await settle();
    const deleted = disconnected(again);
    assert.equal((await server.request('DELETE', `/api/v1/users/${demoted.id}`, { token: admin.token })).status, 200);
    await deleted;
    const afterwards = await open(server);
    assert.equal(await join(afterwards, demoted.token, 300), undefined, 'a deleted user cannot join again');
  });
});

describe('Socket.IO across two instances sharing Redis', { skip: process.env['REDIS_URL'] ? false : 'REDIS_URL is not set' }, () => {
  let a: TestServer;
  let b: TestServer;
  let user: Account;

  before(async () => {
    a = await startServer();
    b = await startReplica(a);
    ({ user } = await adminAndUser(a));
  });
  after(async () => {
    await closeReplica(b);
    await a.close();
  });

  it('an event sent on B reaches the socket on A; usage on A shows on B; B disconnects A\'s sockets', async () => {
    const socket = await connect(a, { token: user.token });
    const seen = collect(socket);
    await settle();
    b.services.realtime.emitToUser(user.id, event(6));
    await settle(300);
    assert.deepEqual(seen['events'], [event(6)]);

    socket.emit('usage', { model: 'shared:7b' });
    await settle(300);
    assert.deepEqual((await b.request('GET', '/api/usage', { token: user.token })).body.model_ids, ['shared:7b']);

    const gone = disconnected(socket);
    b.services.realtime.disconnectUser(user.id);
    await gone;
  });
});
