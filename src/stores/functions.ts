// The `function` table (Open WebUI's Python plugins: filters, actions, pipes). This server does not
// run them; it lists them and tells a stored one from an unknown id.
import type { Database } from '../db/connection.ts';
import { decodeObject } from '../db/values.ts';

/** Open WebUI's FunctionResponse: a function without its code and valves. */
export interface FunctionSummary {
  id: string;
  user_id: string;
  type: string;
  name: string;
  meta: Record<string, unknown>;
  is_active: boolean;
  is_global: boolean;
  updated_at: number;
  created_at: number;
}

export class FunctionsStore {
  constructor(private readonly database: Database) {}

  async list(): Promise<FunctionSummary[]> {
    const rows = await this.database.db
      .selectFrom('function')
      .select(['id', 'user_id', 'type', 'name', 'meta', 'is_active', 'is_global', 'updated_at', 'created_at'])
      .orderBy('updated_at', 'desc')
      .execute();
    return rows.map((row) => ({ ...row, meta: decodeObject(row.meta) ?? {}, is_active: Boolean(row.is_active), is_global: Boolean(row.is_global) }));
  }

  async exists(id: string): Promise<boolean> {
    return (await this.database.db.selectFrom('function').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }
}
