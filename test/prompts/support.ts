// Shared steps of the prompts tests.
import assert from 'node:assert/strict';
import type { Account, TestServer } from '../helpers/server.ts';

export { ERROR_MESSAGES } from '../../src/lib/errors.ts';
export { assert422, assertDetail } from '../auths/support.ts';

export const nowSec = (): number => Math.floor(Date.now() / 1000);

export interface Prompt {
  command: string;
  user_id: string;
  title: string;
  content: string;
  timestamp: number;
  access_control: Record<string, unknown> | null;
}

export const PRIVATE = {} as const;
/** Read and write grants of the given users and groups. */
export function shared(grants: { read?: { user_ids?: string[]; group_ids?: string[] }; write?: { user_ids?: string[]; group_ids?: string[] } }): Record<string, unknown> {
  const grant = (g?: { user_ids?: string[]; group_ids?: string[] }) => ({ group_ids: g?.group_ids ?? [], user_ids: g?.user_ids ?? [] });
  return { read: grant(grants.read), write: grant(grants.write) };
}

export async function createPrompt(server: TestServer, account: Account, body: Record<string, unknown>): Promise<Prompt> {
  const res = await server.request<Prompt>('POST', '/api/v1/prompts/create', { token: account.token, body: { title: 'A title', content: 'Some content', ...body } });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

export async function listPrompts(server: TestServer, account: Account, path = '/api/v1/prompts/'): Promise<Prompt[]> {
  const res = await server.request<Prompt[]>('GET', path, { token: account.token });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

export const commandsOf = (prompts: { command: string }[]): string[] => prompts.map((p) => p.command).sort();

/** Every stored command, straight from the table (to prove a refused request wrote nothing). */
export async function storedCommands(server: TestServer): Promise<string[]> {
  const rows = await server.services.database.db.selectFrom('prompt').select('command').orderBy('command').execute();
  return rows.map((r) => r.command);
}

export async function storedPrompt(server: TestServer, command: string): Promise<Record<string, unknown> | undefined> {
  return server.services.database.db.selectFrom('prompt').selectAll().where('command', '=', command).executeTakeFirst();
}

/** Moves a prompt's timestamp into the past (every step of a test otherwise happens within one second). */
export async function backdate(server: TestServer, command: string, timestamp: number): Promise<void> {
  await server.services.database.db.updateTable('prompt').set({ timestamp }).where('command', '=', command).execute();
}

/** Puts the user into a new group granting `permissions` (e.g. `{workspace: {prompts: true}}`); returns the group id. */
export async function grant(server: TestServer, admin: Account, user: Account, name: string, permissions: Record<string, unknown>): Promise<string> {
  const created = await server.request('POST', '/api/v1/groups/create', { token: admin.token, body: { name, description: '', permissions } });
  assert.equal(created.status, 200, created.text);
  const added = await server.request('POST', `/api/v1/groups/id/${created.body.id}/users/add`, { token: admin.token, body: { user_ids: [user.id] } });
  assert.equal(added.status, 200, added.text);
  return created.body.id as string;
}
