// The `prompt` table. Commands are the key and are stored with their leading `/`. Prompts can be
// shared through access_control, so writes are by command; the router checks access first.
import type { Kysely } from 'kysely';
import type { Database } from '../db/connection.ts';
import type { DB } from '../db/types.ts';
import { decodeObject, encodeJson } from '../db/values.ts';
import { epochSeconds } from '../lib/time.ts';

/** Open WebUI's PromptModel; access_control as stored (null = public, {} = private). */
export interface PromptModel {
  command: string;
  user_id: string;
  title: string;
  content: string;
  timestamp: number;
  access_control: Record<string, unknown> | null;
}

export interface PromptFields {
  title: string;
  content: string;
  access_control: Record<string, unknown> | null;
}

type Row = Record<string, unknown>;

// The table's peewee `id` column is never read: the key is `command`.
const COLUMNS = ['command', 'user_id', 'title', 'content', 'timestamp', 'access_control'] as const;

function toPromptModel(row: Row): PromptModel {
  return {
    command: String(row['command']),
    user_id: String(row['user_id'] ?? ''),
    title: String(row['title'] ?? ''),
    content: String(row['content'] ?? ''),
    timestamp: Number(row['timestamp'] ?? 0),
    access_control: decodeObject(row['access_control']),
  };
}

export class PromptsStore {
  constructor(private readonly database: Database) {}

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  /** Every prompt, newest first (the table is small; callers filter by access). */
  async list(): Promise<PromptModel[]> {
    const rows = await this.db.selectFrom('prompt').select(COLUMNS).orderBy('timestamp', 'desc').orderBy('command', 'asc').execute();
    return rows.map((r) => toPromptModel(r as Row));
  }

  async getByCommand(command: string): Promise<PromptModel | null> {
    const row = await this.db.selectFrom('prompt').select(COLUMNS).where('command', '=', command).executeTakeFirst();
    return row ? toPromptModel(row as Row) : null;
  }

  /** Inserts a prompt owned by `ownerId`; null when the command is taken (the unique index decides, so races cannot duplicate). */
  async create(ownerId: string, command: string, fields: PromptFields): Promise<PromptModel | null> {
    const result = await this.db
      .insertInto('prompt')
      .values({
        command,
        user_id: ownerId,
        title: fields.title,
        content: fields.content,
        timestamp: epochSeconds(),
        access_control: encodeJson(fields.access_control, this.database.dialect),
      })
      .onConflict((oc) => oc.column('command').doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return null;
    return this.getByCommand(command);
  }

  /** Replaces title, content and access_control and bumps the timestamp; null when the prompt is gone. */
  async update(command: string, fields: PromptFields): Promise<PromptModel | null> {
    const result = await this.db
      .updateTable('prompt')
      .set({
        title: fields.title,
        content: fields.content,
        access_control: encodeJson(fields.access_control, this.database.dialect),
        timestamp: epochSeconds(),
      })
      .where('command', '=', command)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return null;
    return this.getByCommand(command);
  }

  async delete(command: string): Promise<boolean> {
    const result = await this.db.deleteFrom('prompt').where('command', '=', command).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
