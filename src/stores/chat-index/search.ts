// The message part of the chat search (GET /search): does some `chat.messages[].content` of the chat
// row in scope contain the needle? Answered from the chat index's chunks, so no body is parsed, except
// for chats written elsewhere and not yet caught up (pending), which are tested as Open WebUI does.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Database } from '../../db/connection.ts';
import { FTS_TABLE, TRIGRAM_INDEX } from '../../db/schema/0003_chat_index.ts';

/**
 * A needle in fewer chunks than this is looked up in the trigram index; a more common one is found
 * sooner by walking the user's chats newest first, where the first page fills after a few chats.
 */
const SELECTIVE_CHUNKS = 256;

/** Escapes LIKE wildcards so user text matches literally (with ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class ChatTextSearch {
  private trigramIndexed: Promise<boolean> | undefined;

  constructor(private readonly database: Database) {}

  /**
   * SQL: some message of the `chat` row in scope contains `needle` (already lower-case), as Open
   * WebUI's `LIKE '%needle%'` over `chat.messages[].content`. Indexed chats are answered from their
   * chunks; chats still pending (written elsewhere, not yet caught up) from their stored body.
   */
  async messagesContain(text: string): Promise<Expression<SqlBool>> {
    const needle = text.replace(/\u0001/g, '');
    const indexed = (await this.isSelective(needle)) ? this.chunkLookup(needle) : this.chunkScan(needle);
    const pending = sql<SqlBool>`chat.id in (select chat_id from owui_ts_chat_index_pending)`;
    return sql<SqlBool>`((not ${pending} and ${indexed}) or (${pending} and ${this.bodyScan(needle)}))`;
  }

  /** Whether the needle is rare enough for an index lookup (and the index can look it up at all). */
  private async isSelective(needle: string): Promise<boolean> {
    // Trigram indexes need three characters.
    if ([...needle].length < 3) return false;
    if (this.database.dialect === 'postgres') {
      if (!(await this.hasTrigramIndex())) return false;
      const { rows } = await sql<{ n: number | string }>`select count(*) as n from (select 1 from owui_ts_chat_search_chunk where content like ${likePattern(needle)} limit ${SELECTIVE_CHUNKS}) hits`.execute(this.database.db);
      return Number(rows[0]?.n ?? 0) < SELECTIVE_CHUNKS;
    }
    const fts = sql.table(FTS_TABLE);
    const { rows } = await sql<{ n: number | bigint }>`select count(*) as n from (select 1 from ${fts} where ${fts} match ${ftsPhrase(needle)} limit ${SELECTIVE_CHUNKS})`.execute(this.database.db);
    return Number(rows[0]?.n ?? 0) < SELECTIVE_CHUNKS;
  }

  /** Index lookup: the chats owning a chunk that contains the needle. */
  private chunkLookup(needle: string): Expression<SqlBool> {
    if (this.database.dialect === 'postgres') {
      return sql<SqlBool>`chat.id in (select chat_id from owui_ts_chat_search_chunk where content like ${likePattern(needle)})`;
    }
    const fts = sql.table(FTS_TABLE);
    return sql<SqlBool>`chat.id in (select c.chat_id from owui_ts_chat_search_chunk c where c.id in (select rowid from ${fts} where ${fts} match ${ftsPhrase(needle)}))`;
  }

  /** Per-chat test on its chunks (common needles, where the newest chats already fill the page). */
  private chunkScan(needle: string): Expression<SqlBool> {
    const pattern = likePattern(needle);
    if (this.database.dialect === 'postgres') {
      // OFFSET 0 keeps PostgreSQL from turning this into one hashed pass over every matching chunk.
      return sql<SqlBool>`exists (select 1 from owui_ts_chat_search_chunk c where c.chat_id = chat.id and c.content like ${pattern} escape '\\' offset 0)`;
    }
    return sql<SqlBool>`exists (select 1 from owui_ts_chat_search_chunk c where c.chat_id = chat.id and c.content like ${pattern} escape '\\')`;
  }

  /**
   * Open WebUI's own test on the stored body, for pending chats. A plain substring test on the text
   * first rules most chats out cheaply; it is skipped for needles JSON would escape (quotes,
   * backslashes, non-ASCII under Python's ensure_ascii), which the stored text may not hold literally.
   */
  private bodyScan(needle: string): Expression<SqlBool> {
    const pattern = likePattern(needle);
    const prefilterable = /^[\x20-\x7e]*$/.test(needle) && !/["\\]/.test(needle);
    if (this.database.dialect === 'postgres') {
      const exact = sql<SqlBool>`exists (select 1 from json_array_elements(case when json_typeof((chat.chat::json)->'messages') = 'array' then (chat.chat::json)->'messages' else '[]'::json end) m where lower(m->>'content') like ${pattern} escape '\\')`;
      return prefilterable ? sql<SqlBool>`(chat.chat::text ilike ${pattern} escape '\\' and ${exact})` : exact;
    }
    const exact = sql<SqlBool>`exists (select 1 from json_each(chat.chat, '$.messages') m where json_type(m.value) = 'object' and lower(json_extract(m.value, '$.content')) like ${pattern} escape '\\')`;
    return prefilterable ? sql<SqlBool>`(chat.chat like ${pattern} escape '\\' and ${exact})` : exact;
  }

  private hasTrigramIndex(): Promise<boolean> {
    this.trigramIndexed ??= sql<{ n: number | string }>`select count(*) as n from pg_indexes where schemaname = current_schema() and indexname = ${TRIGRAM_INDEX}`
      .execute(this.database.db)
      .then(({ rows }) => Number(rows[0]?.n ?? 0) > 0);
    return this.trigramIndexed;
  }
}

function likePattern(needle: string): string {
  return `%${escapeLike(needle)}%`;
}

/** An FTS5 phrase: the trigram tokenizer turns it into a substring match. */
function ftsPhrase(needle: string): string {
  return `"${needle.replace(/"/g, '""')}"`;
}
