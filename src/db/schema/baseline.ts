// Migration 0001: the complete Open WebUI 0.6.43 schema on an empty database, plus the bookkeeping
// rows (alembic_version, migratehistory) that let Open WebUI itself open the result unchanged.
import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.ts';
import type { DB } from '../types.ts';
import { ALEMBIC_HEAD } from '../upgrade/revisions.ts';
import { createTable } from './build.ts';
import { PEEWEE_MIGRATIONS, peeweeTimestamp } from './peewee-history.ts';
import { OPEN_WEBUI_TABLES } from './tables-0.6.43.ts';

export async function createOpenWebUiSchema(db: Kysely<DB>, dialect: Dialect): Promise<void> {
  for (const table of OPEN_WEBUI_TABLES) await createTable(db.schema, dialect, table);
  await db.insertInto('alembic_version').values({ version_num: ALEMBIC_HEAD }).execute();
  const migratedAt = peeweeTimestamp();
  await db
    .insertInto('migratehistory')
    .values(PEEWEE_MIGRATIONS.map((name) => ({ name, migrated_at: migratedAt })))
    .execute();
}
