// Shared steps of the folders tests. Chats are inserted straight into the `chat` table: the chats
// router is not needed to test what folder deletion does to them.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { encodeJson } from '../../src/db/values.ts';
import type { Account, TestServer } from '../helpers/server.ts';

export { ERROR_MESSAGES } from '../../src/lib/errors.ts';
export { assert422, assertDetail } from '../auths/support.ts';

export interface Folder {
  id: string;
  parent_id: string | null;
  user_id: string;
  name: string;
  items: Record<string, unknown> | null;
  meta: Record<string, unknown> | null;
  data: Record<string, unknown> | null;
  is_expanded: boolean;
  created_at: number;
  updated_at: number;
}

export const FOLDER_KEYS = ['created_at', 'data', 'id', 'is_expanded', 'items', 'meta', 'name', 'parent_id', 'updated_at', 'user_id'];
export const LIST_KEYS = ['created_at', 'id', 'is_expanded', 'meta', 'name', 'parent_id', 'updated_at'];

export const nowSec = (): number => Math.floor(Date.now() / 1000);

export async function createFolder(server: TestServer, account: Account, body: Record<string, unknown>): Promise<Folder> {
  const res = await server.request<Folder>('POST', '/api/v1/folders/', { token: account.token, body });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

export async function getFolder(server: TestServer, account: Account, id: string): Promise<Folder> {
  const res = await server.request<Folder>('GET', `/api/v1/folders/${id}`, { token: account.token });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

export async function listFolders(server: TestServer, account: Account): Promise<Folder[]> {
  const res = await server.request<Folder[]>('GET', '/api/v1/folders/', { token: account.token });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

/** Every folder row of a user, straight from the table (sorted by id), to prove nothing changed. */
export async function folderRows(server: TestServer, userId: string): Promise<Record<string, unknown>[]> {
  return server.services.database.db.selectFrom('folder').selectAll().where('user_id', '=', userId).orderBy('id').execute();
}

/** A folder row written directly (for states the API refuses to create, such as dangling parents). */
export async function insertFolderRow(server: TestServer, userId: string, name: string, parentId: string | null, id: string = randomUUID()): Promise<string> {
  const ts = nowSec();
  await server.services.database.db
    .insertInto('folder')
    .values({ id, user_id: userId, parent_id: parentId, name, items: null, meta: null, data: null, is_expanded: false, created_at: ts, updated_at: ts })
    .execute();
  return id;
}

/** A chat row owned by `userId`, optionally in a folder. */
export async function insertChat(server: TestServer, userId: string, folderId: string | null, id: string = randomUUID()): Promise<string> {
  const ts = nowSec();
  await server.services.database.db
    .insertInto('chat')
    .values({ id, user_id: userId, title: 'A chat', chat: encodeJson({ title: 'A chat', messages: [] }) as string, archived: false, pinned: false, meta: '{}', created_at: ts, updated_at: ts, share_id: null, folder_id: folderId })
    .execute();
  return id;
}

/** A share snapshot of a chat, as Open WebUI stores it (user_id `shared-<chat id>`). */
export async function insertShareSnapshot(server: TestServer, chatId: string): Promise<string> {
  const shareId = randomUUID();
  await insertChat(server, `shared-${chatId}`, null, shareId);
  await server.services.database.db.updateTable('chat').set({ share_id: shareId }).where('id', '=', chatId).execute();
  return shareId;
}

/** A chat's folder_id, or undefined when the chat row is gone. */
export async function chatFolder(server: TestServer, chatId: string): Promise<string | null | undefined> {
  const row = await server.services.database.db.selectFrom('chat').select('folder_id').where('id', '=', chatId).executeTakeFirst();
  return row ? row.folder_id : undefined;
}

/** A file row and a `chat_file` link from the chat to it (a foreign key that chat deletion must respect). */
export async function linkFileToChat(server: TestServer, userId: string, chatId: string): Promise<string> {
  const { db } = server.services.database;
  const ts = nowSec();
  const fileId = randomUUID();
  await db.insertInto('file').values({ id: fileId, user_id: userId, filename: 'a.txt', meta: '{}', data: '{}', hash: null, path: null, access_control: null, created_at: ts, updated_at: ts }).execute();
  const linkId = randomUUID();
  await db.insertInto('chat_file').values({ id: linkId, user_id: userId, chat_id: chatId, file_id: fileId, message_id: null, created_at: ts, updated_at: ts }).execute();
  return linkId;
}

export async function chatFileExists(server: TestServer, linkId: string): Promise<boolean> {
  return (await server.services.database.db.selectFrom('chat_file').select('id').where('id', '=', linkId).executeTakeFirst()) !== undefined;
}
