// Brings any supported database to the Open WebUI 0.6.43 schema plus our own migrations:
//   empty database            → create the 0.6.43 schema                  ('created')
//   genuine 0.6.42/0.6.43 DB  → adopt it as is                            ('adopted')
//   Open WebUI 0.6.32–0.6.41  → port the missing Alembic revisions        ('upgraded')
//   already done              → nothing                                   ('current')
// Everything runs in one transaction under a lock, so concurrent starts (several replicas on one
// PostgreSQL, two processes on one SQLite file) migrate once, and a failure leaves no trace.
import { sql, type Kysely } from 'kysely';
import type { Database } from './connection.ts';
import { createOpenWebUiSchema } from './schema/baseline.ts';
import { BASELINE_MIGRATION, SCHEMA_MIGRATIONS, type SchemaMigration } from './schema/index.ts';
import { listTables } from './schema/inspect.ts';
import { OPEN_WEBUI_TABLES } from './schema/tables-0.6.43.ts';
import type { DB } from './types.ts';
import { planUpgrade } from './upgrade/index.ts';
import { ALEMBIC_HEAD } from './upgrade/revisions.ts';

export type MigrationStatus = 'created' | 'adopted' | 'upgraded' | 'current';

export interface MigrationOutcome {
  status: MigrationStatus;
  /** Alembic revision found (null for an empty database). */
  fromRevision: string | null;
  /** Alembic revision now in alembic_version (always the 0.6.43 head). */
  toRevision: string;
  /** Our own migrations (owui_ts_migration) recorded by this run, in order. */
  applied: string[];
}

type Log = (message: string) => void;

export interface MigrateOptions {
  /** Our migrations after the baseline; defaults to SCHEMA_MIGRATIONS (tests pass their own). */
  migrations?: readonly SchemaMigration[];
}

export async function migrate(database: Database, log: Log = () => {}, options: MigrateOptions = {}): Promise<MigrationOutcome> {
  const migrations = options.migrations ?? SCHEMA_MIGRATIONS;
  return inMigrationTransaction(database, async (db) => {
    const { dialect } = database;
    const tables = await listTables(db, dialect);
    let status: MigrationStatus | undefined;
    let fromRevision: string | null = null;

    if (!tables.has('alembic_version')) {
      const present = OPEN_WEBUI_TABLES.map((t) => t.name).filter((name) => tables.has(name));
      if (present.length > 0) {
        throw new Error(
          `Database has Open WebUI tables (${present.join(', ')}) but no alembic_version: a pre-0.3.16 or damaged ` +
            `Open WebUI database; open-webui-ts will not touch it.`,
        );
      }
      log('empty database: creating the Open WebUI 0.6.43 schema');
      await createOpenWebUiSchema(db, dialect);
      status = 'created';
    } else {
      fromRevision = await readAlembicRevision(db);
      const steps = planUpgrade(fromRevision);
      if (steps.length > 0) {
        log(`upgrading Open WebUI schema from ${fromRevision} to ${ALEMBIC_HEAD}`);
        for (const step of steps) {
          log(`  ${step.revision}: ${step.description}`);
          await step.up({ db, dialect, log });
        }
        await db.updateTable('alembic_version').set({ version_num: ALEMBIC_HEAD }).execute();
        status = 'upgraded';
      }
    }

    const applied = await applyOwnMigrations(db, database, migrations, log);
    if (status === undefined) {
      if (applied[0] === BASELINE_MIGRATION) status = 'adopted';
      else status = applied.length > 0 ? 'upgraded' : 'current';
    }
    return { status, fromRevision, toRevision: ALEMBIC_HEAD, applied };
  });
}

async function readAlembicRevision(db: Kysely<DB>): Promise<string> {
  const rows = await db.selectFrom('alembic_version').select('version_num').execute();
  const [row] = rows;
  if (rows.length !== 1 || row === undefined) {
    throw new Error(
      `alembic_version holds ${rows.length} rows (expected exactly one): not a database Open WebUI 0.6 left behind; ` +
        `open-webui-ts will not touch it.`,
    );
  }
  return row.version_num;
}

/** Records the baseline (if new) and runs every later migration not yet recorded. */
async function applyOwnMigrations(
  db: Kysely<DB>,
  database: Database,
  migrations: readonly SchemaMigration[],
  log: Log,
): Promise<string[]> {
  await db.schema
    .createTable('owui_ts_migration')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey().notNull())
    .addColumn('applied_at', 'bigint', (c) => c.notNull())
    .execute();
  const done = new Set((await db.selectFrom('owui_ts_migration').select('name').execute()).map((r) => r.name));
  const applied: string[] = [];
  const record = async (name: string) => {
    await db.insertInto('owui_ts_migration').values({ name, applied_at: Math.floor(Date.now() / 1000) }).execute();
    applied.push(name);
  };

  if (!done.has(BASELINE_MIGRATION)) await record(BASELINE_MIGRATION);
  for (const migration of migrations) {
    if (done.has(migration.name)) continue;
    log(`applying ${migration.name}`);
    await migration.up(db, database.dialect);
    await record(migration.name);
  }

  const known = new Set([BASELINE_MIGRATION, ...migrations.map((m) => m.name)]);
  const unknown = [...done].filter((name) => !known.has(name));
  if (unknown.length > 0) log(`warning: database has migrations from a newer open-webui-ts: ${unknown.join(', ')}`);
  return applied;
}

/**
 * PostgreSQL: a transaction holding an advisory lock scoped to the schema.
 * SQLite: BEGIN IMMEDIATE on the single connection, so a second process waits (busy_timeout)
 * instead of failing half-way when both try to write.
 */
async function inMigrationTransaction<T>(database: Database, work: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  if (database.dialect === 'postgres') {
    return database.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${'open-webui-ts migrate '}::text || current_schema()))`.execute(trx);
      return work(trx);
    });
  }
  return database.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}
