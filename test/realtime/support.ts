// Socket.IO client steps shared by the realtime tests.
import { io, type Socket } from 'socket.io-client';
import type { TestServer } from '../helpers/server.ts';

export const connect = (server: TestServer, options: { token?: string; path?: string; transports?: ('polling' | 'websocket')[] } = {}): Promise<Socket> => {
  const socket = io(server.url, {
    path: options.path ?? '/ws/socket.io',
    transports: options.transports ?? ['websocket'],
    auth: options.token ? { token: options.token } : {},
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
};

/** Emits `user-join` and waits for the ack (undefined when none comes: the token was refused). */
export const join = (socket: Socket, token: unknown, waitMs = 500): Promise<unknown> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), waitMs);
    socket.emit('user-join', { auth: { token } }, (ack: unknown) => {
      clearTimeout(timer);
      resolve(ack);
    });
  });

export const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));
