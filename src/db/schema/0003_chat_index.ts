// Data derived from chat bodies, kept beside the chat table so that neither search nor a save has to
// parse a multi-megabyte body (src/stores/chat-index/):
// - `owui_ts_chat_search_chunk`: the text of `chat.messages[].content` in chunks, indexed for substring
//   search (SQLite: an FTS5 trigram index, external content synced by triggers; PostgreSQL: a pg_trgm
//   GIN index when the extension can be installed, else plain scans);
// - `owui_ts_chat_head`: the body's top-level keys and its scalar entries (a save merges onto them).
//
// Triggers on `chat` record every inserted, rewritten or deleted chat in `owui_ts_chat_index_pending`,
// whoever writes it (our stores, or Open WebUI itself on a shared database): a pending chat's derived
// data is not trusted until it is refreshed. They only write a plain table, so Open WebUI's own writes
// work unchanged. Existing chats start pending and are indexed in the background after start.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.ts';
import type { DB } from '../types.ts';
import type { SchemaMigration } from './index.ts';

export const FTS_TABLE = 'owui_ts_chat_search_fts';
export const TRIGRAM_INDEX = 'owui_ts_chat_search_chunk_trgm_idx';
export const MARK_TRIGGER = 'owui_ts_chat_index_mark';
/** Share snapshots (`user_id = 'shared-<chat id>'`) are never searched nor saved, so never indexed. */
export const SNAPSHOT_OWNER = 'shared-%';

export const chatIndex: SchemaMigration = {
  name: '0003_chat_index',
  async up(db, dialect) {
    await sql`create table owui_ts_chat_head (chat_id text primary key not null, keys text not null, scalars text not null)`.execute(db);
    await sql`create table owui_ts_chat_index_pending (chat_id text primary key not null)`.execute(db);
    // SQLite's FTS5 index refers to chunks by an integer rowid.
    const sqlite = dialect === 'sqlite';
    await sql`create table owui_ts_chat_search_chunk (
      ${sqlite ? sql`id integer primary key,` : sql``}
      chat_id text not null,
      position integer not null,
      digest text not null,
      content text not null,
      ${sqlite ? sql`unique` : sql`primary key`} (chat_id, position))`.execute(db);
    if (dialect === 'postgres') await createPostgresSearch(db);
    else await createSqliteSearch(db);
    await createMarkTriggers(db, dialect);
    await sql`insert into owui_ts_chat_index_pending (chat_id) select id from chat where user_id not like ${SNAPSHOT_OWNER}`.execute(db);
  },
};

async function createSqliteSearch(db: Kysely<DB>): Promise<void> {
  await sql.raw(`create virtual table ${FTS_TABLE} using fts5(content, content='owui_ts_chat_search_chunk', content_rowid='id', tokenize='trigram')`).execute(db);
  const fts = sql.table(FTS_TABLE);
  await sql`create trigger owui_ts_chat_search_chunk_ai after insert on owui_ts_chat_search_chunk begin
    insert into ${fts} (rowid, content) values (new.id, new.content); end`.execute(db);
  await sql`create trigger owui_ts_chat_search_chunk_ad after delete on owui_ts_chat_search_chunk begin
    insert into ${fts} (${fts}, rowid, content) values ('delete', old.id, old.content); end`.execute(db);
  await sql`create trigger owui_ts_chat_search_chunk_au after update on owui_ts_chat_search_chunk begin
    insert into ${fts} (${fts}, rowid, content) values ('delete', old.id, old.content);
    insert into ${fts} (rowid, content) values (new.id, new.content); end`.execute(db);
}

async function createPostgresSearch(db: Kysely<DB>): Promise<void> {
  const trigramSchema = await installTrigramExtension(db);
  if (trigramSchema) {
    await sql`create index ${sql.id(TRIGRAM_INDEX)} on owui_ts_chat_search_chunk using gin (content ${sql.id(trigramSchema)}.gin_trgm_ops)`.execute(db);
  }
}

/**
 * Installs pg_trgm into `public` (an extension is per database; a per-schema install would vanish
 * with the schema) and returns the schema it lives in, or null when the role may not install it.
 * A savepoint keeps the failure from aborting the migration transaction.
 */
async function installTrigramExtension(db: Kysely<DB>): Promise<string | null> {
  // Migrations of other schemas in the same database may install it at the same moment.
  await sql`select pg_advisory_xact_lock(hashtext('open-webui-ts pg_trgm'))`.execute(db);
  await sql`savepoint owui_ts_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    await sql`release savepoint owui_ts_trgm`.execute(db);
  } catch {
    await sql`rollback to savepoint owui_ts_trgm`.execute(db);
  }
  const { rows } = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
  return rows[0]?.schema ?? null;
}

/** The triggers that put every written chat in the pending table. Also used to repair them. */
export async function createMarkTriggers(db: Kysely<DB>, dialect: Dialect): Promise<void> {
  const snapshot = sql.lit(SNAPSHOT_OWNER);
  if (dialect === 'postgres') {
    // SET search_path FROM CURRENT: the function finds its table whatever path the writer uses.
    await sql`create or replace function ${sql.id(MARK_TRIGGER)}() returns trigger language plpgsql
      set search_path from current as $$
      begin
        if tg_op = 'DELETE' then
          if old.user_id not like ${snapshot} then
            insert into owui_ts_chat_index_pending (chat_id) values (old.id) on conflict do nothing;
          end if;
        elsif new.user_id not like ${snapshot} then
          insert into owui_ts_chat_index_pending (chat_id) values (new.id) on conflict do nothing;
        end if;
        return null;
      end $$`.execute(db);
    await sql`drop trigger if exists ${sql.id(MARK_TRIGGER)} on chat`.execute(db);
    await sql`create trigger ${sql.id(MARK_TRIGGER)} after insert or delete or update of chat on chat
      for each row execute function ${sql.id(MARK_TRIGGER)}()`.execute(db);
    return;
  }
  for (const [event, row] of [['insert', 'new'], ['update of chat', 'new'], ['delete', 'old']] as const) {
    const name = sql.id(`${MARK_TRIGGER}_${event.split(' ')[0]}`);
    await sql`create trigger if not exists ${name} after ${sql.raw(event)} on chat when ${sql.raw(row)}.user_id not like ${snapshot} begin
      insert into owui_ts_chat_index_pending (chat_id) values (${sql.raw(row)}.id) on conflict do nothing; end`.execute(db);
  }
}
