// The web UI's side of chatting, many users at once, on its own thread. `open`: per user a Socket.IO
// connection (user-join) and a stored chat. `run`: replies asked for as the web UI asks
// (/api/chat/completions with session_id, chat_id and id), `concurrency` users at a time, each read
// from its socket's `events` until the `done` one; it reports each reply's time to first text and
// the tokens of the final text. `idle`: `count` more connections that only stay open.
// Frames are looked at as text and only the final one is parsed (lean-socket.ts).
import { parentPort } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { Agent } from 'undici';
import { LeanSocket } from './lean-socket.ts';
import { loadLoop, type StreamResult } from './load-loop.ts';

export type SocketCommand =
  | { op: 'open'; url: string; tokens: string[] }
  | { op: 'run'; model: string; concurrency: number; streams: number; rampMs: number }
  | { op: 'idle'; url: string; tokens: string[]; count: number; batch: number }
  | { op: 'close' };

interface Waiter {
  messageId: string;
  started: number;
  ttftMs: number;
  resolve(content: string): void;
  reject(error: Error): void;
}

interface User {
  token: string;
  socket: LeanSocket;
  chatId: string;
  /** The reply being waited for: a user asks for one at a time. */
  waiter?: Waiter | undefined;
}

const REPLY_TIMEOUT_MS = 120_000;

let url = '';
let agent: Agent | undefined;
const users: User[] = [];
const idle: LeanSocket[] = [];

async function post(path: string, token: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await (agent as Agent).request({ origin: url, path, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** A connected socket, bound to the token's user. */
async function joinedSocket(token: string, onEvent?: (frame: string) => void): Promise<LeanSocket> {
  const socket = await LeanSocket.connect(url, onEvent);
  await socket.call('user-join', { auth: { token } });
  return socket;
}

/** An `events` frame for the user's reply: the first text marks its time, `done` ends it. */
function onFrame(user: User, frame: string): void {
  const waiter = user.waiter;
  if (!waiter || !frame.startsWith('42["events"') || !frame.includes(waiter.messageId)) return;
  if (frame.includes('"chat:message:error"')) return waiter.reject(new Error(frame));
  if (waiter.ttftMs < 0 && /"content":"[^"]/.test(frame)) waiter.ttftMs = performance.now() - waiter.started;
  if (frame.includes('"done":true')) {
    const [, event] = JSON.parse(frame.slice(2)) as [string, { data: { data: { content: string } } }];
    waiter.resolve(event.data.data.content);
  }
}

async function open(command: Extract<SocketCommand, { op: 'open' }>): Promise<number> {
  url = command.url;
  agent = new Agent({ connections: command.tokens.length, keepAliveTimeout: 60_000 });
  for (let i = 0; i < command.tokens.length; i += 100) {
    await Promise.all(
      command.tokens.slice(i, i + 100).map(async (token) => {
        let user: User | undefined;
        const socket = await joinedSocket(token, (frame) => user && onFrame(user, frame));
        const chat = await post('/api/v1/chats/new', token, { chat: { title: 'Bench', history: { messages: {}, currentId: null } } });
        user = { token, socket, chatId: String(chat['id']) };
        users.push(user);
      }),
    );
  }
  return users.length;
}

/** One reply, as the web UI asks for it; resolves with its time to first text and its final text. */
function reply(user: User, model: string): Promise<{ ttftMs: number; content: string }> {
  const messageId = randomUUID();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error('no done event')), REPLY_TIMEOUT_MS);
    const finish = (error: Error | null, content = '') => {
      clearTimeout(timer);
      user.waiter = undefined;
      if (error) reject(error);
      else resolve({ ttftMs: waiter.ttftMs, content });
    };
    const waiter: Waiter = { messageId, started: performance.now(), ttftMs: -1, resolve: (content) => finish(null, content), reject: finish };
    user.waiter = waiter;
    const body = { model, stream: true, messages: [{ role: 'user', content: 'hi' }], chat_id: user.chatId, id: messageId, parent_id: null, session_id: user.socket.id };
    post('/api/chat/completions', user.token, body).catch(finish);
  });
}

async function run(command: Extract<SocketCommand, { op: 'run' }>): Promise<StreamResult> {
  // One kept-alive connection per user before the clock starts, as browsers keep theirs (see stream-client.ts).
  await Promise.all(Array.from({ length: command.concurrency }, async () => (await (agent as Agent).request({ origin: url, path: '/health', method: 'GET' })).body.dump()));
  return loadLoop(command.concurrency, command.streams, command.rampMs, async (slot) => {
    const { ttftMs, content } = await reply(users[slot] as User, command.model);
    return { ttftMs, text: content };
  });
}

async function openIdle(command: Extract<SocketCommand, { op: 'idle' }>): Promise<number> {
  url = command.url;
  for (let i = 0; i < command.count; i += command.batch) {
    const batch = Math.min(command.batch, command.count - i);
    idle.push(...(await Promise.all(Array.from({ length: batch }, (_, j) => joinedSocket(command.tokens[(i + j) % command.tokens.length] as string)))));
  }
  return idle.length;
}

parentPort?.on('message', async (command: SocketCommand) => {
  if (command.op === 'open') parentPort?.postMessage(await open(command));
  else if (command.op === 'run') parentPort?.postMessage(await run(command));
  else if (command.op === 'idle') parentPort?.postMessage(await openIdle(command));
  else {
    for (const socket of [...users.map((u) => u.socket), ...idle]) socket.close();
    users.length = 0;
    idle.length = 0;
    await agent?.close();
    agent = undefined;
    parentPort?.postMessage(0);
  }
});
