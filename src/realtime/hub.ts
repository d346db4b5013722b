// Socket.IO as the Open WebUI web client expects it: at /ws/socket.io (and /socket.io), every
// connection accepted, a socket bound to a user by a valid session token (handshake `auth.token`
// or `user-join`) and joined to room `user:{id}`, where that user's chat events are sent. The token
// is checked again on every event (a deleted or signed-out user's socket does nothing; Open WebUI
// kept a cached session, CVE-2026-44553), and a user whose role changes or who is deleted is
// disconnected everywhere. A bound socket also joins its user's channel rooms and, on `join-note`,
// a readable note's room (rooms.ts); `events:channel` relays typing to a channel's room and moves
// the read mark. With WEBSOCKET_MANAGER=redis rooms span every instance.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { touchLastActive, userOfSessionToken } from '../auth/resolver.ts';
import { RedisBus } from '../infra/redis.ts';
import { isObject } from '../lib/json.ts';
import type { Services } from '../services.ts';
import type { UserModel } from '../stores/users.ts';
import { LocalModelsInUse, RedisModelsInUse, type ModelsInUse } from './models-in-use.ts';
import { channelIdsOf, channelRoom, markChannelRead, mayFollowNote, noteRoom } from './rooms.ts';

export const SOCKET_PATH = '/ws/socket.io';
const ALIAS_PATH = '/socket.io';

/** What every chat event carries (Open WebUI's envelope). */
export interface ChatEvent {
  chat_id: string;
  message_id: string;
  data: { type: string; data?: unknown };
}

interface SocketData {
  userId?: string;
  token?: string;
}

const room = (userId: string) => `user:${userId}`;
const stringIn = (payload: unknown, key: string): string | undefined => (isObject(payload) && typeof payload[key] === 'string' ? payload[key] : undefined);
const tokenIn = (payload: unknown): string | undefined => {
  const auth = isObject(payload) ? payload['auth'] : undefined;
  return isObject(auth) && typeof auth['token'] === 'string' ? auth['token'] : undefined;
};

export class Realtime {
  modelsInUse: ModelsInUse = new LocalModelsInUse();
  private io: Server | undefined;
  /** A Redis connection of our own when WEBSOCKET_REDIS_URL names another server than REDIS_URL. */
  private ownBus: RedisBus | undefined;
  private closeAdapter: (() => Promise<unknown>) | undefined;

  async attach(httpServer: HttpServer, services: Services, log: (message: string) => void): Promise<void> {
    const { settings } = services;
    const wildcard = settings.corsAllowOrigins.includes('*');
    const io = new Server({
      path: SOCKET_PATH,
      serveClient: false,
      transports: settings.enableWebsocketSupport ? ['polling', 'websocket'] : ['polling'],
      pingInterval: 25_000,
      pingTimeout: 20_000,
      cors: { origin: wildcard ? '*' : settings.corsAllowOrigins, credentials: !wildcard },
    });
    if (settings.websocketManager === 'redis' && settings.websocketRedisUrl) {
      const bus = settings.websocketRedisUrl === settings.redisUrl && services.redis ? services.redis : (this.ownBus = await RedisBus.connect(settings.websocketRedisUrl, settings.redisKeyPrefix));
      const { createAdapter } = await import('@socket.io/redis-adapter');
      const subscriber = bus.client.duplicate();
      this.closeAdapter = () => subscriber.quit();
      io.adapter(createAdapter(bus.client, subscriber, { key: bus.key('socket.io') }));
      this.modelsInUse = new RedisModelsInUse(bus);
    }
    io.attach(httpServer);
    aliasPath(httpServer, `${ALIAS_PATH}/`, `${SOCKET_PATH}/`);
    io.on('connection', (socket) => this.connected(socket, services, log));
    this.io = io;
  }

  /** A chat event to every tab of the user, under both names the web clients listen to. */
  emitToUser(userId: string, event: ChatEvent): void {
    this.io?.to(room(userId)).emit('events', event);
    this.io?.to(room(userId)).emit('chat-events', event);
  }

  /** Drops the user's sockets on every instance (they reconnect and must join again). */
  disconnectUser(userId: string): void {
    this.io?.in(room(userId)).disconnectSockets(true);
  }

  async close(): Promise<void> {
    const io = this.io;
    this.io = undefined;
    if (io) {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    }
    await this.closeAdapter?.().catch(() => undefined);
    await this.ownBus?.close();
  }

  private connected(socket: Socket, services: Services, log: (message: string) => void): void {
    /** A handler whose failure (a bad payload, a database hiccup) is logged, never fatal. */
    const on = (event: string, handler: (payload: unknown, ack: unknown) => Promise<void>) =>
      socket.on(event, (payload: unknown, ack: unknown) => {
        handler(payload, ack).catch((error: unknown) => log(`socket event ${event} failed: ${error instanceof Error ? error.message : String(error)}`));
      });

    const handshakeToken = tokenIn({ auth: socket.handshake.auth });
    if (handshakeToken) void this.bind(socket, services, handshakeToken).catch(() => undefined);

    on('user-join', async (payload, ack) => {
      const token = tokenIn(payload);
      const user = token ? await this.bind(socket, services, token) : null;
      if (user && typeof ack === 'function') ack({ id: user.id, name: user.name });
    });
    on('heartbeat', async () => {
      const user = await this.currentUser(socket, services);
      if (user) touchLastActive(services, user.id);
    });
    on('usage', async (payload) => {
      const user = await this.currentUser(socket, services);
      if (user && isObject(payload) && typeof payload['model'] === 'string' && payload['model']) await this.modelsInUse.mark(payload['model'], socket.id);
    });
    on('join-channels', async (payload) => {
      const token = tokenIn(payload);
      if (token) await this.bind(socket, services, token);
    });
    on('join-note', async (payload) => {
      const token = tokenIn(payload);
      const noteId = stringIn(payload, 'note_id');
      if (!token || !noteId) return;
      const user = await this.bind(socket, services, token);
      if (user && (await mayFollowNote(services, user, noteId))) await socket.join(noteRoom(noteId));
    });
    on('events:channel', async (payload) => {
      const channelId = stringIn(payload, 'channel_id');
      const data = isObject(payload) ? payload['data'] : undefined;
      if (!channelId || !isObject(data) || !socket.rooms.has(channelRoom(channelId))) return;
      const user = await this.currentUser(socket, services);
      if (!user) return;
      if (data['type'] === 'typing') {
        this.io?.to(channelRoom(channelId)).emit('events:channel', { channel_id: channelId, message_id: stringIn(payload, 'message_id') ?? null, data, user: { id: user.id, name: user.name, role: user.role } });
      } else if (data['type'] === 'last_read_at') {
        await markChannelRead(services, channelId, user.id);
      }
    });
  }

  /** Binds the socket to the token's user and their channels (leaving a previous user's rooms); null for a bad token. */
  private async bind(socket: Socket, services: Services, token: string): Promise<UserModel | null> {
    const user = await userOfSessionToken(services, token);
    if (!user) return null;
    const data = socket.data as SocketData;
    if (data.userId && data.userId !== user.id) leaveRooms(socket);
    data.userId = user.id;
    data.token = token;
    await socket.join([room(user.id), ...(await channelIdsOf(services, user)).map(channelRoom)]);
    touchLastActive(services, user.id);
    return user;
  }

  /** The socket's user as of now: its token is checked again, and a socket whose token no longer holds is unbound. */
  private async currentUser(socket: Socket, services: Services): Promise<UserModel | null> {
    const data = socket.data as SocketData;
    if (!data.token || !data.userId) return null;
    const user = await userOfSessionToken(services, data.token);
    if (user?.id === data.userId) return user;
    leaveRooms(socket);
    socket.data = {};
    return null;
  }
}

/** Every room but the socket's own. */
function leaveRooms(socket: Socket): void {
  for (const name of [...socket.rooms]) if (name !== socket.id) void socket.leave(name);
}

/** Serves `from…` as `to…` for Socket.IO's HTTP and upgrade listeners (Open WebUI answers on both paths). */
function aliasPath(server: HttpServer, from: string, to: string): void {
  for (const event of ['request', 'upgrade'] as const) {
    const listeners = server.listeners(event) as ((request: IncomingMessage, ...rest: unknown[]) => void)[];
    server.removeAllListeners(event);
    server.on(event, (request: IncomingMessage, ...rest: unknown[]) => {
      if (request.url?.startsWith(from)) request.url = to + request.url.slice(from.length);
      for (const listener of listeners) listener.call(server, request, ...rest);
    });
  }
}
