// Keeping the chat index (tables of migration 0003) in step with chat bodies: every body write of the
// chats store refreshes it in the same transaction; chats written elsewhere (marked pending by the
// triggers on `chat`) are caught up by a background sweep.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/connection.ts';
import type { DB } from '../../db/types.ts';
import { decodeObject } from '../../db/values.ts';
import { createMarkTriggers, MARK_TRIGGER, SNAPSHOT_OWNER } from '../../db/schema/0003_chat_index.ts';
import { chunkDigest, chunkTexts, messageTexts, SEPARATOR, summarize, type BodySummary } from './derive.ts';

const SWEEP_BATCH = 20;
const SWEEP_IDLE_MS = 5_000;

/** The stored head of a chat body: its top-level keys and scalar entries. */
export interface BodyHead {
  keys: string[];
  scalars: Record<string, unknown>;
}

export class ChatIndex {
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private triggersChecked = false;
  private log: (message: string) => void = () => {};

  constructor(private readonly database: Database) {}

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  /**
   * Refreshes one chat's index from its new body (null: the chat is gone) and clears its pending mark.
   * Runs in the caller's transaction, right after the write; only changed chunks are written.
   */
  async refresh(db: Kysely<DB>, chatId: string, body: BodySummary | null): Promise<void> {
    const chunks = chunkTexts(messageTexts(body?.messages));
    const stored = await db.selectFrom('owui_ts_chat_search_chunk').select(['position', 'digest']).where('chat_id', '=', chatId).execute();
    const storedDigests = new Map(stored.map((row) => [Number(row.position), row.digest]));
    for (const [position, chunk] of chunks.entries()) {
      const digest = chunkDigest(chunk);
      if (storedDigests.get(position) === digest) continue;
      // Stored lower-case, as the needle comes: a case-sensitive LIKE is cheaper to recheck than ILIKE.
      const content = chunk.join(SEPARATOR).toLowerCase();
      await db
        .insertInto('owui_ts_chat_search_chunk')
        .values({ chat_id: chatId, position, digest, content })
        .onConflict((oc) => oc.columns(['chat_id', 'position']).doUpdateSet((eb) => ({ digest: eb.ref('excluded.digest'), content: eb.ref('excluded.content') })))
        .execute();
    }
    if (stored.length > chunks.length) {
      await db.deleteFrom('owui_ts_chat_search_chunk').where('chat_id', '=', chatId).where('position', '>=', chunks.length).execute();
    }
    if (body) {
      const head = { chat_id: chatId, keys: JSON.stringify(body.keys), scalars: JSON.stringify(body.scalars) };
      await db
        .insertInto('owui_ts_chat_head')
        .values(head)
        .onConflict((oc) => oc.column('chat_id').doUpdateSet({ keys: head.keys, scalars: head.scalars }))
        .execute();
    } else {
      await db.deleteFrom('owui_ts_chat_head').where('chat_id', '=', chatId).execute();
    }
    await db.deleteFrom('owui_ts_chat_index_pending').where('chat_id', '=', chatId).execute();
  }

  /**
   * The head of an owned chat's body: null when the chat is not this owner's; `head` null when the
   * index cannot vouch for it (the chat is pending).
   */
  async ownedHead(db: Kysely<DB>, id: string, userId: string): Promise<{ head: BodyHead | null } | null> {
    const { rows } = await sql<{ keys: string | null; scalars: string | null }>`select h.keys, h.scalars from chat
      left join owui_ts_chat_head h on h.chat_id = chat.id
        and not exists (select 1 from owui_ts_chat_index_pending p where p.chat_id = chat.id)
      where chat.id = ${id} and chat.user_id = ${userId}`.execute(db);
    const [row] = rows;
    if (!row) return null;
    if (row.keys === null || row.scalars === null) return { head: null };
    return { head: { keys: JSON.parse(row.keys) as string[], scalars: JSON.parse(row.scalars) as Record<string, unknown> } };
  }

  // ---- catching up ----

  /** Refreshes up to `batch` pending chats, each in its own transaction; returns how many it took. */
  async sweep(batch = SWEEP_BATCH): Promise<number> {
    const pending = await this.db.selectFrom('owui_ts_chat_index_pending').select('chat_id').limit(batch).execute();
    for (const { chat_id: chatId } of pending) {
      await this.db.transaction().execute(async (trx) => {
        // The row lock keeps a concurrent save from interleaving with this refresh (PostgreSQL).
        let query = trx.selectFrom('chat').select('chat').where('id', '=', chatId);
        if (this.database.dialect === 'postgres') query = query.forUpdate();
        const row = await query.executeTakeFirst();
        await this.refresh(trx, chatId, row ? summarize(decodeObject(row.chat) ?? {}) : null);
      });
    }
    return pending.length;
  }

  /** Sweeps until nothing is pending. */
  async sweepAll(): Promise<void> {
    while ((await this.sweep()) > 0);
  }

  /** Starts catching up in the background: at once, then whenever chats are pending. */
  start(log: (message: string) => void): void {
    this.log = log;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops the background work and waits for a sweep in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.catchUp().finally(() => {
        this.running = undefined;
      });
    }, delay);
    this.timer.unref();
  }

  private async catchUp(): Promise<void> {
    let full = false;
    try {
      if (!this.triggersChecked) await this.repairTriggers();
      full = (await this.sweep()) === SWEEP_BATCH;
    } catch (error) {
      this.log(`chat index: catching up failed, retrying later: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.schedule(full ? 0 : SWEEP_IDLE_MS);
  }

  /**
   * Open WebUI's SQLite migrations rebuild a table by copy-and-rename, which drops its triggers. When
   * the marking triggers are gone, they are recreated and every chat is indexed anew.
   */
  private async repairTriggers(): Promise<void> {
    const dialect = this.database.dialect;
    const { rows } =
      dialect === 'postgres'
        ? await sql<{ n: number | string }>`select count(*) as n from pg_trigger t join pg_class c on c.oid = t.tgrelid
            where c.relname = 'chat' and c.relnamespace = current_schema()::regnamespace and t.tgname = ${MARK_TRIGGER}`.execute(this.db)
        : await sql<{ n: number | bigint }>`select count(*) as n from sqlite_master where type = 'trigger' and tbl_name = 'chat' and name like ${`${MARK_TRIGGER}_%`}`.execute(this.db);
    const expected = dialect === 'postgres' ? 1 : 3;
    if (Number(rows[0]?.n ?? 0) < expected) {
      this.log('chat index: the triggers on `chat` were missing; recreating them and indexing every chat anew');
      await this.db.transaction().execute(async (trx) => {
        await createMarkTriggers(trx, dialect);
        await sql`insert into owui_ts_chat_index_pending (chat_id) select id from chat where user_id not like ${SNAPSHOT_OWNER} on conflict do nothing`.execute(trx);
      });
    }
    this.triggersChecked = true;
  }
}
