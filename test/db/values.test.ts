// decodeJson / encodeJson / toBool, and proof that JSON text binds into PostgreSQL json columns.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { migrate } from '../../src/db/migrate.ts';
import { openDatabase, type Database } from '../../src/db/connection.ts';
import { decodeJson, encodeJson, toBool } from '../../src/db/values.ts';
import { NO_PG, emptySqlite, freshPostgresSchema } from './support.ts';

test('decodeJson: SQL NULL and JSON null are both "no value"; text is parsed; parsed values pass', () => {
  assert.equal(decodeJson(null), null);
  assert.equal(decodeJson(undefined), null);
  assert.equal(decodeJson('null'), null);
  assert.deepEqual(decodeJson('{"a": [1, "\\u00e9"]}'), { a: [1, 'é'] });
  assert.deepEqual(decodeJson({ a: 1 }), { a: 1 });
  assert.deepEqual(decodeJson([1, 2]), [1, 2]);
  assert.equal(decodeJson(5), 5); // SQLite NUMERIC affinity turns JSON text 5 into an integer
  assert.equal(decodeJson('"text"'), 'text');
  assert.equal(decodeJson('plain'), 'plain'); // a JSON string PostgreSQL already parsed
});

test('encodeJson: JSON text for values, SQL NULL only for undefined', () => {
  assert.equal(encodeJson({ a: [1, 2] }), '{"a":[1,2]}');
  assert.equal(encodeJson([1]), '[1]');
  assert.equal(encodeJson(null), 'null');
  assert.equal(encodeJson(undefined), null);
  assert.equal(encodeJson('x', 'postgres'), '"x"');
});

test('toBool: SQLite 0/1, PostgreSQL booleans, stray text', () => {
  for (const yes of [true, 1, 1n, '1', 'true', 'TRUE']) assert.equal(toBool(yes), true, String(yes));
  for (const no of [false, 0, 0n, '0', 'false', '', null, undefined, Number.NaN]) assert.equal(toBool(no), false, String(no));
});

async function roundTrip(database: Database) {
  await migrate(database);
  const { db } = database;
  const values: unknown[] = [{ ui: { 'é': [1, null, true] } }, [1, 'two'], 'string', 3, null];
  for (const [i, value] of values.entries()) {
    // user.settings is a SQLAlchemy JSON column (PostgreSQL json); model.meta is a JSONField (text).
    await db
      .insertInto('user')
      .values({ id: `u${i}`, name: 'n', email: `u${i}@x`, role: 'user', profile_image_url: '/user.png', created_at: 1, updated_at: 1, last_active_at: 1, settings: encodeJson(value, database.dialect) })
      .execute();
    await db
      .insertInto('model')
      .values({ id: `m${i}`, user_id: 'u', name: 'm', meta: encodeJson(value, database.dialect) as string, params: '{}', created_at: 1, updated_at: 1 })
      .execute();
    const user = await db.selectFrom('user').select('settings').where('id', '=', `u${i}`).executeTakeFirstOrThrow();
    const model = await db.selectFrom('model').select('meta').where('id', '=', `m${i}`).executeTakeFirstOrThrow();
    assert.deepEqual(decodeJson(user.settings), value, `json column: ${JSON.stringify(value)}`);
    assert.deepEqual(decodeJson(model.meta), value, `text column: ${JSON.stringify(value)}`);
  }
  if (database.dialect === 'postgres') {
    const { rows } = await sql<{ t: string }>`select json_typeof(settings) as t from "user" where id = 'u0'`.execute(db);
    assert.equal(rows[0]?.t, 'object', 'stored as a JSON object, not a JSON string');
  }
}

test('SQLite: encodeJson text round-trips through JSON and JSONField columns', async () => {
  const target = emptySqlite();
  const database = await openDatabase({ url: target.url });
  try {
    await roundTrip(database);
  } finally {
    await database.close();
    target.cleanup();
  }
});

test('PostgreSQL: encodeJson text round-trips through json and text columns', { skip: NO_PG }, async () => {
  const pg = await freshPostgresSchema();
  try {
    await roundTrip(pg.database);
  } finally {
    await pg.cleanup();
  }
});
