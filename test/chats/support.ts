// Shared helpers of the chats tests.
import type { TestServer } from '../helpers/server.ts';

export const NOT_FOUND = "We could not find what you're looking for :/";
export const ACCESS_PROHIBITED = 'You do not have permission to access this resource. Please contact your administrator for assistance.';
export const DEFAULT = 'Something went wrong :/';
export const NOT_AUTHENTICATED = 'Not authenticated';

export const CHAT_KEYS = ['archived', 'chat', 'created_at', 'folder_id', 'id', 'meta', 'pinned', 'share_id', 'title', 'updated_at', 'user_id'];
export const TITLE_ID_KEYS = ['created_at', 'id', 'title', 'updated_at'];

export interface Chat {
  id: string;
  user_id: string;
  title: string;
  chat: Record<string, any>;
  created_at: number;
  updated_at: number;
  share_id: string | null;
  archived: boolean;
  pinned: boolean | null;
  meta: Record<string, any>;
  folder_id: string | null;
}

/** A chat JSON as the web client creates it. */
export function clientChat(title = 'New Chat', content = 'hello there'): Record<string, unknown> {
  const message = { id: 'm1', parentId: null, childrenIds: [], role: 'user', content, timestamp: 1_700_000_000 };
  return { id: '', title, models: ['llama3'], params: {}, history: { currentId: 'm1', messages: { m1: message } }, messages: [message], tags: [], timestamp: 1_700_000_000_000 };
}

export async function createChat(server: TestServer, token: string, chat: Record<string, unknown> = clientChat(), folderId?: string): Promise<Chat> {
  const res = await server.request<Chat>('POST', '/api/v1/chats/new', { token, body: { chat, ...(folderId ? { folder_id: folderId } : {}) } });
  if (res.status !== 200) throw new Error(`create chat failed: ${res.status} ${res.text}`);
  return res.body;
}

/** Sets a chat's updated_at directly (ordering tests need distinct timestamps within one second). */
export async function setUpdatedAt(server: TestServer, id: string, updatedAt: number): Promise<void> {
  await server.services.database.db.updateTable('chat').set({ updated_at: updatedAt }).where('id', '=', id).execute();
}

export async function countChatRows(server: TestServer): Promise<number> {
  const row = await server.services.database.db.selectFrom('chat').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function tagIds(server: TestServer, token: string): Promise<string[]> {
  const res = await server.request<{ id: string }[]>('GET', '/api/v1/chats/all/tags', { token });
  if (res.status !== 200) throw new Error(`tags failed: ${res.status} ${res.text}`);
  return res.body.map((t) => t.id).sort();
}
