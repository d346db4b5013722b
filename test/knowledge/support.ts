// Shared steps of the knowledge router tests.
import assert from 'node:assert/strict';
import type { Account, Reply, TestServer } from '../helpers/server.ts';
import { upload as uploadFile } from '../files/support.ts';

export { ERROR_MESSAGES } from '../../src/lib/errors.ts';

export { assertDetail } from '../auths/support.ts';

export const KB = '/api/v1/knowledge';

/** A FastAPI-style 422 whose first error sits at `loc`. */
export function assert422(reply: Reply, loc: (string | number)[]): void {
  assert.equal(reply.status, 422, reply.text);
  assert.ok(Array.isArray(reply.body?.detail), reply.text);
  assert.deepEqual(reply.body.detail[0].loc, loc, reply.text);
}

/** Read and write grants of the given users and groups. */
export function shared(grants: { read?: { user_ids?: string[]; group_ids?: string[] }; write?: { user_ids?: string[]; group_ids?: string[] } }): Record<string, unknown> {
  const grant = (g?: { user_ids?: string[]; group_ids?: string[] }) => ({ group_ids: g?.group_ids ?? [], user_ids: g?.user_ids ?? [] });
  return { read: grant(grants.read), write: grant(grants.write) };
}

export async function createKb(server: TestServer, account: Account, body: Record<string, unknown> = {}): Promise<any> {
  const res = await server.request('POST', `${KB}/create`, { token: account.token, body: { name: 'KB', description: 'about things', ...body } });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

/** Puts the users into a new group granting `permissions`; returns the group id. */
export async function group(server: TestServer, admin: Account, users: Account[], name: string, permissions: Record<string, unknown> = {}): Promise<string> {
  const created = await server.request('POST', '/api/v1/groups/create', { token: admin.token, body: { name, description: '', permissions } });
  assert.equal(created.status, 200, created.text);
  if (users.length > 0) {
    const added = await server.request('POST', `/api/v1/groups/id/${created.body.id}/users/add`, { token: admin.token, body: { user_ids: users.map((u) => u.id) } });
    assert.equal(added.status, 200, added.text);
  }
  return created.body.id as string;
}

/** Uploads through the real multipart route and waits for processing (process_in_background=false). */
export async function upload(server: TestServer, account: Account, name: string, content: string, query = '?process_in_background=false'): Promise<any> {
  const res = await uploadFile(server, account.token, name, content, { query });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

/** The chunks of a collection, straight from the vector store. */
export const chunks = (server: TestServer, collection: string, filter?: Record<string, string>) => server.services.retrieval.store.get(collection, filter);

export async function storedKb(server: TestServer, id: string): Promise<Record<string, unknown> | undefined> {
  return server.services.database.db.selectFrom('knowledge').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function links(server: TestServer, knowledgeId: string): Promise<string[]> {
  const rows = await server.services.database.db.selectFrom('knowledge_file').select('file_id').where('knowledge_id', '=', knowledgeId).execute();
  return rows.map((r) => r.file_id).sort();
}

export async function kbCount(server: TestServer): Promise<number> {
  const rows = await server.services.database.db.selectFrom('knowledge').select('id').execute();
  return rows.length;
}

/** Moves a knowledge base's updated_at (every step of a test otherwise happens within one second). */
export async function setUpdatedAt(server: TestServer, id: string, updatedAt: number): Promise<void> {
  await server.services.database.db.updateTable('knowledge').set({ updated_at: updatedAt }).where('id', '=', id).execute();
}
