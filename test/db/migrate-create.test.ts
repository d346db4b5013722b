// An empty database gets the complete Open WebUI 0.6.43 schema: the same tables, columns, types,
// NOT NULL flags, defaults, indexes and foreign keys as the genuine 0.6.43 fixture, plus the
// bookkeeping rows that let Open WebUI itself open it without re-running its migrations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Kysely } from 'kysely';
import { openDatabase } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { DB } from '../../src/db/types.ts';
import { encodeJson } from '../../src/db/values.ts';
import { postgresTypeFor } from './pg-replica.ts';
import { pgShape } from './pg-shape.ts';
import {
  NO_FIXTURES,
  NO_PG,
  PG_URL,
  copyFixture,
  emptySqlite,
  freshPostgresSchema,
  normaliseDefault,
  sqliteShape,
  withSqliteFile,
  type SqliteColumn,
  type SqliteIndex,
  type SqliteTableShape,
  BASELINE_ONLY,
} from './support.ts';

const HEAD = 'c440947495f3';
const OWN_TABLE = 'owui_ts_migration';

function fixtureShape(): Map<string, SqliteTableShape> {
  const fixture = copyFixture('webui-0.6.43.db');
  try {
    return sqliteShape(fixture.path);
  } finally {
    fixture.cleanup();
  }
}

function fixtureMigrateHistory(): string[] {
  const fixture = copyFixture('webui-0.6.43.db');
  try {
    return withSqliteFile(fixture.path, (db) =>
      (db.prepare('select name from migratehistory order by id').all() as { name: string }[]).map((r) => r.name),
    );
  } finally {
    fixture.cleanup();
  }
}

const describeColumn = (c: SqliteColumn) =>
  `${c.name} ${c.type.toUpperCase()}${c.notnull ? ' NOT NULL' : ''} DEFAULT ${normaliseDefault(c.dflt_value)}`;

/** Bookkeeping and "Python can write here" checks, the same on both dialects. */
async function assertBookkeepingAndWritable(db: Kysely<DB>): Promise<void> {
  assert.deepEqual(await db.selectFrom('alembic_version').selectAll().execute(), [{ version_num: HEAD }]);
  const history = await db.selectFrom('migratehistory').select(['id', 'name']).orderBy('id').execute();
  assert.equal(history.length, 18);
  assert.deepEqual(history.map((h) => h.name), fixtureMigrateHistory());
  assert.deepEqual(history.map((h) => h.id), Array.from({ length: 18 }, (_, i) => i + 1));
  assert.deepEqual(await db.selectFrom('owui_ts_migration').select('name').execute(), [{ name: '0001_owui_0_6_43' }]);

  // Inserts shaped like Open WebUI's ORM ones: auto ids and database defaults must fill the rest.
  await db.insertInto('config').values({ data: encodeJson({ version: 0 }) as string, version: 0 }).execute();
  const config = await db.selectFrom('config').selectAll().executeTakeFirstOrThrow();
  assert.equal(config.id, 1);
  assert.ok(config.created_at, 'config.created_at defaults to now');
  await db
    .insertInto('prompt')
    .values({ command: '/hi', user_id: 'u1', title: 'Hi', content: 'Hello', timestamp: 1 })
    .execute();
  assert.equal((await db.selectFrom('prompt').select('id').executeTakeFirstOrThrow()).id, 1);
  await db
    .insertInto('chat')
    .values({ id: 'c1', user_id: 'u1', title: 't', archived: false, created_at: 1, updated_at: 1, chat: encodeJson({}) })
    .execute();
  const chat = await db.selectFrom('chat').select(['meta', 'pinned']).executeTakeFirstOrThrow();
  assert.deepEqual(typeof chat.meta === 'string' ? JSON.parse(chat.meta) : chat.meta, {});
  assert.equal(chat.pinned, null);
  await db.insertInto('model').values({ id: 'm', user_id: 'u1', name: 'M', meta: '{}', params: '{}', created_at: 1, updated_at: 1 }).execute();
  const model = await db.selectFrom('model').select('is_active').executeTakeFirstOrThrow();
  assert.ok(model.is_active === 1 || model.is_active === true);
}

test('SQLite: an empty database gets the exact 0.6.43 schema of the fixture', { skip: NO_FIXTURES }, async () => {
  const target = emptySqlite();
  try {
    const database = await openDatabase({ url: target.url });
    try {
      const outcome = await migrate(database, undefined, BASELINE_ONLY);
      assert.deepEqual(outcome, { status: 'created', fromRevision: null, toRevision: HEAD, applied: ['0001_owui_0_6_43'] });
      const again = await migrate(database, undefined, BASELINE_ONLY);
      assert.deepEqual(again, { status: 'current', fromRevision: HEAD, toRevision: HEAD, applied: [] });
      await assertBookkeepingAndWritable(database.db);
    } finally {
      await database.close();
    }

    const expected = fixtureShape();
    const actual = sqliteShape(target.path);
    assert.deepEqual([...actual.keys()].sort(), [...expected.keys(), OWN_TABLE].sort());
    for (const [table, want] of expected) {
      const got = actual.get(table);
      assert.ok(got, table);
      // Every column: name, order, declared type, NOT NULL and default.
      assert.deepEqual(got.columns.map(describeColumn), want.columns.map(describeColumn), `columns of ${table}`);

      // Primary key: the fixture's, or (where Open WebUI has none) id.
      const pkOf = (cols: SqliteColumn[]) => cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      const wantPk = pkOf(want.columns);
      assert.deepEqual(pkOf(got.columns), wantPk.length > 0 ? wantPk : ['id'], `primary key of ${table}`);

      // Named indexes keep name, columns and uniqueness.
      for (const index of want.indexes.filter((i) => i.origin === 'c')) {
        const mine: SqliteIndex | undefined = got.indexes.find((i) => i.name === index.name);
        assert.ok(mine, `index ${index.name} on ${table}`);
        assert.deepEqual([mine.columns, mine.unique], [index.columns, index.unique], `index ${index.name}`);
      }
      // Unique constraints (unnamed in SQLite's catalog) cover the same columns.
      for (const index of want.indexes.filter((i) => i.origin === 'u')) {
        assert.ok(
          got.indexes.some((i) => i.unique && i.columns.join() === index.columns.join()),
          `unique (${index.columns.join(', ')}) on ${table}`,
        );
      }
      const fk = (f: { table: string; from: string; to: string; on_delete: string }) => `${f.from}->${f.table}.${f.to} ${f.on_delete}`;
      assert.deepEqual(got.foreignKeys.map(fk).sort(), want.foreignKeys.map(fk).sort(), `foreign keys of ${table}`);
    }
  } finally {
    target.cleanup();
  }
});

test('PostgreSQL: an empty schema gets the 0.6.43 schema with native types', { skip: NO_FIXTURES || NO_PG }, async () => {
  const pg = await freshPostgresSchema();
  try {
    const outcome = await migrate(pg.database, undefined, BASELINE_ONLY);
    assert.equal(outcome.status, 'created');
    assert.equal((await migrate(pg.database, undefined, BASELINE_ONLY)).status, 'current');
    await assertBookkeepingAndWritable(pg.database.db);

    const expected = fixtureShape();
    const actual = await pgShape(pg.database.db);
    assert.deepEqual([...actual.keys()].sort(), [...expected.keys(), OWN_TABLE].sort());
    for (const [table, want] of expected) {
      const got = actual.get(table);
      assert.ok(got, table);
      assert.deepEqual(
        got.columns.map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}${c.dflt !== null ? ' DEFAULT' : ''}`),
        want.columns.map(
          (c) =>
            `${c.name} ${postgresTypeFor(table, c.name, c.type)}${c.notnull || c.pk > 0 ? ' NOT NULL' : ''}` +
            `${c.dflt_value !== null || (c.pk > 0 && c.type === 'INTEGER' && c.name === 'id') ? ' DEFAULT' : ''}`,
        ),
        `columns of ${table}`,
      );
      for (const index of want.indexes.filter((i) => i.origin === 'c')) {
        const def = got.indexes.get(index.name);
        assert.ok(def, `index ${index.name} on ${table}`);
        assert.equal(def.startsWith('CREATE UNIQUE INDEX'), index.unique === 1, `uniqueness of ${index.name}`);
      }
      assert.equal(got.foreignKeys.length, want.foreignKeys.length, `foreign keys of ${table}`);
      for (const fk of want.foreignKeys) {
        const pattern = new RegExp(`^FOREIGN KEY \\(${fk.from}\\) REFERENCES "?${fk.table}"?\\(${fk.to}\\) ON DELETE CASCADE$`);
        assert.ok(got.foreignKeys.some((def) => pattern.test(def)), `${table}.${fk.from} -> ${fk.table}`);
      }
    }
    // The JSON/JSONField split is what Open WebUI's code relies on.
    const typeOf = (table: string, column: string) => actual.get(table)?.columns.find((c) => c.name === column)?.type;
    assert.equal(typeOf('chat', 'chat'), 'json');
    assert.equal(typeOf('model', 'meta'), 'text');
    assert.equal(typeOf('chat', 'archived'), 'boolean');
    assert.equal(typeOf('message', 'created_at'), 'bigint');
  } finally {
    await pg.cleanup();
  }
});

test('PostgreSQL: two servers starting at once migrate exactly once', { skip: NO_PG }, async () => {
  const pg = await freshPostgresSchema();
  const second = await openDatabase({ url: PG_URL as string, schema: pg.schema, poolSize: 2 });
  try {
    const outcomes = await Promise.all([migrate(pg.database), migrate(second)]);
    assert.deepEqual(outcomes.map((o) => o.status).sort(), ['created', 'current']);
    assert.equal((await pg.database.db.selectFrom('migratehistory').select('id').execute()).length, 18);
  } finally {
    await second.close();
    await pg.cleanup();
  }
});
