// The `config` table: one JSON document holding every persisted setting (Open WebUI reads the
// newest row). All SQL for it lives here.
import type { Database } from '../db/connection.ts';
import { decodeJson } from '../db/values.ts';

export type ConfigDocument = Record<string, unknown>;

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC, the text SQLAlchemy writes for DATETIME columns. */
function sqlDateTime(date: Date, micro: boolean): string {
  const iso = date.toISOString(); // 2025-12-23T09:15:38.484Z
  const base = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  return micro ? `${base}.${iso.slice(20, 23)}000` : base;
}

export async function readConfigDocument(database: Database): Promise<ConfigDocument | null> {
  const row = await database.db.selectFrom('config').select('data').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!row) return null;
  const data = decodeJson<ConfigDocument>(row.data);
  return data && typeof data === 'object' && !Array.isArray(data) ? data : null;
}

/**
 * Read-modify-write of the newest config row in one transaction, so concurrent saves (also from
 * other instances on PostgreSQL) do not drop each other's changes.
 */
export async function updateConfigDocument(database: Database, change: (doc: ConfigDocument) => void): Promise<ConfigDocument> {
  return database.db.transaction().execute(async (trx) => {
    let query = trx.selectFrom('config').select(['id', 'data']).orderBy('id', 'desc').limit(1);
    if (database.dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirst();
    const doc: ConfigDocument = (row && decodeJson<ConfigDocument>(row.data)) || { version: 0, ui: {} };
    change(doc);
    const data = JSON.stringify(doc);
    if (row) {
      await trx.updateTable('config').set({ data, updated_at: sqlDateTime(new Date(), true) }).where('id', '=', row.id).execute();
    } else {
      await trx.insertInto('config').values({ data, version: 0, created_at: sqlDateTime(new Date(), false), updated_at: null }).execute();
    }
    return doc;
  });
}

export async function deleteAllConfig(database: Database): Promise<void> {
  await database.db.deleteFrom('config').execute();
}
