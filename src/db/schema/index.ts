// Our own schema migrations, tracked in `owui_ts_migration` (Open WebUI's Alembic never looks there).
//
// 0001 is the baseline: the Open WebUI 0.6.43 schema, created (empty database), adopted (genuine
// 0.6.43 database) or reached by porting Open WebUI's revisions (older 0.6.x database). Everything
// after it (extra indexes, FTS tables, …) goes in SCHEMA_MIGRATIONS.
//
// To add a migration: write `src/db/schema/NNNN_what_it_does.ts` exporting a SchemaMigration named
// `NNNN_what_it_does`, and append it below. Migrations run in list order, once, inside the migration
// transaction, and must keep the database openable by Open WebUI 0.6.43 (add, don't change).
import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.ts';
import type { DB } from '../types.ts';
import { chatListIndex } from './0002_chat_list_index.ts';
import { chatIndex } from './0003_chat_index.ts';

export interface SchemaMigration {
  readonly name: string;
  up(db: Kysely<DB>, dialect: Dialect): Promise<void>;
}

export const BASELINE_MIGRATION = '0001_owui_0_6_43';

export const SCHEMA_MIGRATIONS: readonly SchemaMigration[] = [chatListIndex, chatIndex];
