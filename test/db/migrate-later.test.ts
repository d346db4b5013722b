// Our own migrations after the baseline: run once, in order, recorded in owui_ts_migration, and
// rolled back as a whole when one fails.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase, type Database } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { SchemaMigration } from '../../src/db/schema/index.ts';
import { NO_FIXTURES, NO_PG, copyFixture, emptySqlite, freshPostgresSchema } from './support.ts';

const addIndex: SchemaMigration = {
  name: '0002_test_chat_title_index',
  async up(db) {
    await db.schema.createIndex('test_chat_title_idx').on('chat').column('title').execute();
  },
};
const failing: SchemaMigration = {
  name: '0003_test_fails',
  async up(db) {
    await db.schema.createIndex('test_memory_idx').on('memory').column('user_id').execute();
    throw new Error('boom');
  },
};

async function recorded(database: Database): Promise<string[]> {
  return (await database.db.selectFrom('owui_ts_migration').select('name').orderBy('name').execute()).map((r) => r.name);
}

async function exercise(database: Database): Promise<void> {
  const created = await migrate(database, undefined, { migrations: [addIndex] });
  assert.equal(created.status, 'created');
  assert.deepEqual(created.applied, ['0001_owui_0_6_43', '0002_test_chat_title_index']);
  assert.equal((await migrate(database, undefined, { migrations: [addIndex] })).status, 'current');

  await assert.rejects(migrate(database, undefined, { migrations: [addIndex, failing] }), /boom/);
  assert.deepEqual(await recorded(database), ['0001_owui_0_6_43', '0002_test_chat_title_index']);
  // The index the failed migration created was rolled back with it: creating it again works.
  await database.db.schema.createIndex('test_memory_idx').on('memory').column('user_id').execute();

  // A database migrated by a newer build (more migrations than we know) still opens, with a warning.
  const messages: string[] = [];
  const outcome = await migrate(database, (m) => messages.push(m), { migrations: [] });
  assert.equal(outcome.status, 'current');
  assert.ok(messages.some((m) => m.includes('0002_test_chat_title_index')));
}

test('SQLite: later migrations run once and roll back on failure', async () => {
  const target = emptySqlite();
  const database = await openDatabase({ url: target.url });
  try {
    await exercise(database);
  } finally {
    await database.close();
    target.cleanup();
  }
});

test('PostgreSQL: later migrations run once and roll back on failure', { skip: NO_PG }, async () => {
  const pg = await freshPostgresSchema();
  try {
    await exercise(pg.database);
  } finally {
    await pg.cleanup();
  }
});

test('SQLite: adopting a genuine database also runs the later migrations', { skip: NO_FIXTURES }, async () => {
  const copy = copyFixture('webui-0.6.43.db');
  const database = await openDatabase({ url: copy.url });
  try {
    const outcome = await migrate(database, undefined, { migrations: [addIndex] });
    assert.equal(outcome.status, 'adopted');
    assert.deepEqual(outcome.applied, ['0001_owui_0_6_43', '0002_test_chat_title_index']);
  } finally {
    await database.close();
    copy.cleanup();
  }
});
