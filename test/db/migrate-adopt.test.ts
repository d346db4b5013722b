// A genuine Open WebUI 0.6.43 database is adopted as it is: only our bookkeeping table is added.
// (Our own later migrations, which only add, are left out here: `migrations: []`.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { SCHEMA_MIGRATIONS } from '../../src/db/schema/index.ts';
import { replicateSqliteToPostgres } from './pg-replica.ts';
import { pgRowCounts, pgShape } from './pg-shape.ts';
import { NO_FIXTURES, NO_PG, copyFixture, freshPostgresSchema, sqliteRowCounts, withSqliteFile, BASELINE_ONLY } from './support.ts';

const HEAD = 'c440947495f3';
const OWN_TABLE = 'owui_ts_migration';

function sqliteMaster(path: string) {
  return withSqliteFile(path, (db) =>
    db.prepare(`select type, name, tbl_name, sql from sqlite_master where tbl_name != ? order by type, name`).all(OWN_TABLE),
  );
}

test('SQLite: the 0.6.43 fixture is adopted without touching a table, index or row', { skip: NO_FIXTURES }, async () => {
  const copy = copyFixture('webui-0.6.43.db');
  try {
    const ddlBefore = sqliteMaster(copy.path);
    const countsBefore = sqliteRowCounts(copy.path);
    assert.equal(countsBefore['chat'], 11, 'fixture sanity');

    const database = await openDatabase({ url: copy.url });
    try {
      assert.deepEqual(await migrate(database, undefined, BASELINE_ONLY), {
        status: 'adopted',
        fromRevision: HEAD,
        toRevision: HEAD,
        applied: ['0001_owui_0_6_43'],
      });
      assert.deepEqual(await migrate(database, undefined, BASELINE_ONLY), { status: 'current', fromRevision: HEAD, toRevision: HEAD, applied: [] });
      assert.deepEqual(await database.db.selectFrom('owui_ts_migration').select('name').execute(), [{ name: '0001_owui_0_6_43' }]);
    } finally {
      await database.close();
    }

    assert.deepEqual(sqliteMaster(copy.path), ddlBefore);
    const { [OWN_TABLE]: ownRows, ...countsAfter } = sqliteRowCounts(copy.path);
    assert.equal(ownRows, 1);
    assert.deepEqual(countsAfter, countsBefore);
    withSqliteFile(copy.path, (db) => {
      assert.deepEqual(db.prepare('pragma integrity_check').all(), [{ integrity_check: 'ok' }]);
      assert.deepEqual(db.prepare('pragma foreign_key_check').all(), []);
    });
  } finally {
    copy.cleanup();
  }
});

test('PostgreSQL: a 0.6.43 database is adopted without touching a table, index or row', { skip: NO_FIXTURES || NO_PG }, async () => {
  const pg = await freshPostgresSchema();
  const fixture = copyFixture('webui-0.6.43.db');
  try {
    const { db } = pg.database;
    await replicateSqliteToPostgres(fixture.path, db);
    const shapeBefore = await pgShape(db);
    const countsBefore = await pgRowCounts(db, shapeBefore.keys());

    const outcome = await migrate(pg.database, undefined, BASELINE_ONLY);
    assert.equal(outcome.status, 'adopted');
    assert.equal((await migrate(pg.database, undefined, BASELINE_ONLY)).status, 'current');

    const shapeAfter = await pgShape(db);
    assert.ok(shapeAfter.delete(OWN_TABLE));
    assert.deepEqual(shapeAfter, shapeBefore);
    assert.deepEqual(await pgRowCounts(db, shapeBefore.keys()), countsBefore);
  } finally {
    fixture.cleanup();
    await pg.cleanup();
  }
});

test('SQLite: our own migrations then add the chat list index and search tables to an adopted database', { skip: NO_FIXTURES }, async () => {
  const copy = copyFixture('webui-0.6.43.db');
  try {
    const database = await openDatabase({ url: copy.url });
    try {
      const outcome = await migrate(database);
      assert.deepEqual(outcome.applied, ['0001_owui_0_6_43', ...SCHEMA_MIGRATIONS.map((m) => m.name)]);
    } finally {
      await database.close();
    }
    const index = withSqliteFile(copy.path, (db) => db.prepare(`select tbl_name, sql from sqlite_master where name = 'chat_user_id_updated_at_idx'`).get());
    assert.deepEqual(index, { tbl_name: 'chat', sql: 'CREATE INDEX "chat_user_id_updated_at_idx" on "chat" ("user_id", "updated_at")' });
    // Every chat but share snapshots waits for the search index, which catches up after start.
    const counts = withSqliteFile(copy.path, (db) =>
      db.prepare(`select (select count(*) from owui_ts_chat_index_pending) as pending, (select count(*) from chat where user_id not like 'shared-%') as chats`).get(),
    ) as { pending: number; chats: number };
    assert.ok(counts.chats > 0);
    assert.equal(counts.pending, counts.chats);
  } finally {
    copy.cleanup();
  }
});
