// Shared steps of the models router tests.
import assert from 'node:assert/strict';
import type { Account, TestServer } from '../helpers/server.ts';

export const NOT_FOUND = "We could not find what you're looking for :/";
export const UNAUTHORIZED = '401 Unauthorized';
export const ACCESS_PROHIBITED = 'You do not have permission to access this resource. Please contact your administrator for assistance.';
export const MODEL_ID_TAKEN = 'Uh-oh! This model id is already registered. Please choose another model id string.';
export const MODEL_ID_TOO_LONG = 'The model id is too long. Please make sure your model id is less than 256 characters long.';

/** Every permission a non-admin needs to create, share, import and export models. */
export const WORKSPACE_MODELS_ENV = {
  USER_PERMISSIONS_WORKSPACE_MODELS_ACCESS: 'true',
  USER_PERMISSIONS_WORKSPACE_MODELS_IMPORT: 'true',
  USER_PERMISSIONS_WORKSPACE_MODELS_EXPORT: 'true',
};

export interface Model {
  id: string;
  user_id: string;
  base_model_id: string | null;
  name: string;
  params: Record<string, unknown>;
  meta: Record<string, unknown>;
  access_control: Record<string, unknown> | null;
  is_active: boolean;
  updated_at: number;
  created_at: number;
  user?: { id: string; name: string; role: string; email: string } | null;
}

/** A ModelForm for a custom preset, private unless access_control is given. */
export function form(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, base_model_id: 'llama3:8b', name: `Model ${id}`, meta: { description: 'test' }, params: { temperature: 0.5 }, access_control: {}, ...extra };
}

export async function createModel(server: TestServer, account: Account, body: Record<string, unknown>): Promise<Model> {
  const res = await server.request<Model>('POST', '/api/v1/models/create', { token: account.token, body });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

/** The record as its owner or an admin reads it, or undefined when it is gone. */
export async function readModel(server: TestServer, admin: Account, id: string): Promise<Model | undefined> {
  const res = await server.request<Model | { detail: string }>('GET', `/api/v1/models/model?id=${encodeURIComponent(id)}`, { token: admin.token });
  if (res.status === 401) return undefined;
  assert.equal(res.status, 200, res.text);
  return res.body as Model;
}

/** Every id in the table (to prove that refused writes left it alone). */
export async function modelIds(server: TestServer): Promise<string[]> {
  const rows = await server.services.database.db.selectFrom('model').select('id').execute();
  return rows.map((r) => r.id).sort();
}
