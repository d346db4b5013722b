// Databases we cannot vouch for are refused with a one-line error, untouched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { listTables } from '../../src/db/schema/inspect.ts';
import { UPGRADE_STEPS, planUpgrade } from '../../src/db/upgrade/index.ts';
import { ALEMBIC_HEAD, ALEMBIC_REVISIONS, OLDEST_UPGRADABLE } from '../../src/db/upgrade/revisions.ts';
import { NO_FIXTURES, NO_PG, copyFixture, freshPostgresSchema, singleLine, sqliteRowCounts } from './support.ts';

async function expectRefusal(fixtureName: 'webui-0.6.43.db' | 'webui-0.6.32.db', revision: string | null, pattern: RegExp) {
  const copy = copyFixture(fixtureName);
  try {
    const database = await openDatabase({ url: copy.url });
    try {
      if (revision === null) await database.db.schema.dropTable('alembic_version').execute();
      else await database.db.updateTable('alembic_version').set({ version_num: revision }).execute();
      const tablesBefore = await listTables(database.db, 'sqlite');
      await assert.rejects(migrate(database), (error: Error) => {
        assert.match(error.message, pattern);
        assert.ok(singleLine(error.message), 'one-line message');
        return true;
      });
      assert.deepEqual(await listTables(database.db, 'sqlite'), tablesBefore, 'no table created or dropped');
      assert.ok(!tablesBefore.has('owui_ts_migration'));
    } finally {
      await database.close();
    }
    const counts = sqliteRowCounts(copy.path);
    assert.ok(counts['user'] === 3);
  } finally {
    copy.cleanup();
  }
}

test('an unknown revision (fork, Open WebUI 0.7+) is refused by name', { skip: NO_FIXTURES }, async () => {
  await expectRefusal('webui-0.6.43.db', '374d2f66af06', /Unknown Alembic revision "374d2f66af06".*not an Open WebUI 0\.6\.x database/);
});

test('a revision older than 0.6.32 is refused as too old', { skip: NO_FIXTURES }, async () => {
  await expectRefusal('webui-0.6.32.db', '3781e22d8b01', /"3781e22d8b01" \(Open WebUI 0\.5\.3\) is too old.*0\.6\.32 to 0\.6\.43 first/);
});

test('Open WebUI tables without alembic_version are refused', { skip: NO_FIXTURES }, async () => {
  await expectRefusal('webui-0.6.43.db', null, /Open WebUI tables \(.*user.*\) but no alembic_version/);
});

test('PostgreSQL: an unknown revision is refused and nothing changes', { skip: NO_PG }, async () => {
  const pg = await freshPostgresSchema();
  try {
    await migrate(pg.database);
    await pg.database.db.updateTable('alembic_version').set({ version_num: 'ffffffffffff' }).execute();
    await assert.rejects(migrate(pg.database), /Unknown Alembic revision "ffffffffffff"/);
    assert.deepEqual(await pg.database.db.selectFrom('alembic_version').selectAll().execute(), [{ version_num: 'ffffffffffff' }]);
  } finally {
    await pg.cleanup();
  }
});

test('the ported steps follow the upstream chain from 0.6.32 to the 0.6.43 head', () => {
  const revisions = ALEMBIC_REVISIONS.map((r) => r.revision);
  const from = revisions.indexOf(OLDEST_UPGRADABLE);
  const chain = revisions.slice(from);
  assert.deepEqual(UPGRADE_STEPS.map((s) => s.parent), chain.slice(0, -1));
  assert.deepEqual(UPGRADE_STEPS.map((s) => s.revision), chain.slice(1));
  assert.equal(chain.at(-1), ALEMBIC_HEAD);
  assert.equal(planUpgrade(ALEMBIC_HEAD).length, 0);
  assert.equal(planUpgrade(OLDEST_UPGRADABLE).length, 8);
  assert.deepEqual(planUpgrade('3e0e00844bb0').map((s) => s.revision), ['6283dc0e4d8d', '81cc2ce44d79', 'c440947495f3']);
});
