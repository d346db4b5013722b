// Shared steps of the groups tests.
import assert from 'node:assert/strict';
import type { Account, TestServer } from '../helpers/server.ts';

export const ACCESS_PROHIBITED = 'You do not have permission to access this resource. Please contact your administrator for assistance.';
export const NOT_FOUND = "We could not find what you're looking for :/";

export interface Group {
  id: string;
  user_id: string;
  name: string;
  description: string;
  data: Record<string, unknown> | null;
  meta: Record<string, unknown> | null;
  permissions: Record<string, unknown> | null;
  created_at: number;
  updated_at: number;
  member_count: number;
}

export async function createGroup(server: TestServer, admin: Account, body: Record<string, unknown>): Promise<Group> {
  const res = await server.request<Group>('POST', '/api/v1/groups/create', { token: admin.token, body: { description: '', ...body } });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

export async function listGroups(server: TestServer, account: Account, query = ''): Promise<Group[]> {
  const res = await server.request<Group[]>('GET', `/api/v1/groups/${query}`, { token: account.token });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

export async function getGroup(server: TestServer, admin: Account, id: string): Promise<Group> {
  const res = await server.request<Group>('GET', `/api/v1/groups/id/${id}`, { token: admin.token });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

export async function memberIds(server: TestServer, admin: Account, id: string): Promise<string[]> {
  const res = await server.request<Group & { user_ids: string[] }>('GET', `/api/v1/groups/id/${id}/export`, { token: admin.token });
  assert.equal(res.status, 200, res.text);
  return [...res.body.user_ids].sort();
}

/**
 * Moves a group's updated_at into the past, so a test can see a later write bump it (every step
 * of a test otherwise happens within the same second).
 */
export async function backdate(server: TestServer, groupId: string, updatedAt: number): Promise<void> {
  await server.services.database.db.updateTable('group').set({ updated_at: updatedAt }).where('id', '=', groupId).execute();
}
