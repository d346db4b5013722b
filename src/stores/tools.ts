// The `tool` table (Open WebUI's Python tools), read-only here: the web UI lists them at start.
import type { Database } from '../db/connection.ts';
import { decodeJson, decodeObject } from '../db/values.ts';

export interface ToolSummary {
  id: string;
  user_id: string;
  name: string;
  meta: Record<string, unknown>;
  access_control: Record<string, unknown> | null;
  updated_at: number;
  created_at: number;
}

export class ToolsStore {
  constructor(private readonly database: Database) {}

  async list(): Promise<ToolSummary[]> {
    const rows = await this.database.db
      .selectFrom('tool')
      .select(['id', 'user_id', 'name', 'meta', 'access_control', 'updated_at', 'created_at'])
      .orderBy('updated_at', 'desc')
      .execute();
    return rows.map((row) => ({ ...row, meta: decodeObject(row.meta) ?? {}, access_control: decodeJson<Record<string, unknown>>(row.access_control) }));
  }
}
