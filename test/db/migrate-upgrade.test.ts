// An Open WebUI 0.6.32 database (Alembic a5c220713937) is upgraded to the 0.6.43 schema by the
// TypeScript ports of revisions 37f288994c47 … c440947495f3, keeping its data.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Database } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { listColumns, listTables } from '../../src/db/schema/inspect.ts';
import type { DB } from '../../src/db/types.ts';
import { decodeJson, encodeJson } from '../../src/db/values.ts';
import { postgresTypeFor, replicateSqliteToPostgres } from './pg-replica.ts';
import { pgShape } from './pg-shape.ts';
import {
  NO_FIXTURES,
  NO_PG,
  copyFixture,
  freshPostgresSchema,
  sqliteShape,
  withSqliteFile,
  BASELINE_ONLY,
} from './support.ts';

const FROM = 'a5c220713937';
const HEAD = 'c440947495f3';
const ADMIN = '55b73f20-50ce-4860-a536-065033b4020d';
const UMA = '04ff5ae8-38cc-44ed-9cc8-9cb5cf68a14b';
const PENDING = '68c3d30c-6285-4887-b252-ec9fca248ed4';
const UMA_KEY = 'sk-56966756e859473b84e973b338656a70';
const NEW_TABLES = ['api_key', 'channel_file', 'channel_webhook', 'chat_file', 'group_member', 'knowledge_file', 'owui_ts_migration'];

/** What the 0.6.32 fixture holds in the shapes the upgrade must convert (read before migrating). */
interface LegacyData {
  groups: { id: string; user_ids: string[] }[];
  knowledge: { id: string; user_id: string; file_ids: string[] }[];
  users: { id: string; info: string | null; settings: string | null }[];
  counts: Record<string, number>;
}

function readLegacy(path: string): LegacyData {
  return withSqliteFile(path, (db) => {
    const tables = (db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name);
    return {
      groups: (db.prepare('select id, user_ids from "group"').all() as { id: string; user_ids: string }[]).map((g) => ({
        id: g.id,
        user_ids: JSON.parse(g.user_ids) as string[],
      })),
      knowledge: (db.prepare('select id, user_id, data from knowledge').all() as { id: string; user_id: string; data: string }[]).map((k) => ({
        id: k.id,
        user_id: k.user_id,
        file_ids: (JSON.parse(k.data) as { file_ids: string[] }).file_ids,
      })),
      users: db.prepare('select id, info, settings from "user"').all() as LegacyData['users'],
      counts: Object.fromEntries(tables.map((t) => [t, (db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n])),
    };
  });
}

function sqliteIndexesAndForeignKeys(path: string): Set<string> {
  const out = new Set<string>();
  for (const [table, { indexes, foreignKeys }] of sqliteShape(path)) {
    for (const index of indexes) if (index.origin === 'c') out.add(`${table}: ${index.name}`);
    out.add(`${table}: ${foreignKeys.length} foreign keys`);
  }
  return out;
}

/** Column descriptors per table in a dialect-neutral form: `name TYPE [NOT NULL]`, sorted. */
type ColumnSets = Map<string, string[]>;

function expectedColumnSets(dialect: 'sqlite' | 'postgres'): ColumnSets {
  const fixture = copyFixture('webui-0.6.43.db');
  try {
    const sets: ColumnSets = new Map();
    for (const [table, { columns }] of sqliteShape(fixture.path)) {
      sets.set(
        table,
        columns
          .map((c) => {
            const type = dialect === 'sqlite' ? c.type.toUpperCase() : postgresTypeFor(table, c.name, c.type);
            return `${c.name} ${type}${c.notnull ? ' NOT NULL' : ''}`;
          })
          .sort(),
      );
    }
    return sets;
  } finally {
    fixture.cleanup();
  }
}

interface Engine {
  readonly name: 'sqlite' | 'postgres';
  readonly skip: string | false;
  /** A Database holding the 0.6.32 fixture's schema and rows. */
  open(fixturePath: string): Promise<{
    database: Database;
    columnSets(): Promise<ColumnSets>;
    /** `table: index name` for every named index, and `table: N foreign keys`. */
    indexesAndForeignKeys(): Promise<Set<string>>;
    cleanup(): Promise<void>;
  }>;
}

const engines: Engine[] = [
  {
    name: 'sqlite',
    skip: NO_FIXTURES,
    async open(fixturePath) {
      const database = await openDatabase({ url: `sqlite:///${fixturePath}` });
      return {
        database,
        async columnSets() {
          const sets: ColumnSets = new Map();
          for (const [table, { columns }] of sqliteShape(fixturePath)) {
            sets.set(table, columns.map((c) => `${c.name} ${c.type.toUpperCase()}${c.notnull ? ' NOT NULL' : ''}`).sort());
          }
          return sets;
        },
        async indexesAndForeignKeys() {
          return sqliteIndexesAndForeignKeys(fixturePath);
        },
        cleanup: () => database.close(),
      };
    },
  },
  {
    name: 'postgres',
    skip: NO_FIXTURES || NO_PG,
    async open(fixturePath) {
      const pg = await freshPostgresSchema();
      await replicateSqliteToPostgres(fixturePath, pg.database.db);
      return {
        database: pg.database,
        async columnSets() {
          const sets: ColumnSets = new Map();
          for (const [table, { columns }] of await pgShape(pg.database.db)) {
            sets.set(table, columns.map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}`).sort());
          }
          return sets;
        },
        async indexesAndForeignKeys() {
          const out = new Set<string>();
          for (const [table, { indexes, foreignKeys }] of await pgShape(pg.database.db)) {
            for (const name of indexes.keys()) out.add(`${table}: ${name}`);
            out.add(`${table}: ${foreignKeys.length} foreign keys`);
          }
          return out;
        },
        cleanup: () => pg.cleanup(),
      };
    },
  },
];

async function countRows(db: Kysely<DB>, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(rows[0]?.n);
}

for (const engine of engines) {
  test(`${engine.name}: the 0.6.32 fixture is upgraded to 0.6.43 with its data`, { skip: engine.skip }, async () => {
    const copy = copyFixture('webui-0.6.32.db');
    const legacy = readLegacy(copy.path);
    const target = await engine.open(copy.path);
    try {
      const { db } = target.database;
      const outcome = await migrate(target.database, undefined, BASELINE_ONLY);
      assert.deepEqual(outcome, { status: 'upgraded', fromRevision: FROM, toRevision: HEAD, applied: ['0001_owui_0_6_43'] });
      assert.deepEqual(await db.selectFrom('alembic_version').selectAll().execute(), [{ version_num: HEAD }]);

      // user.api_key → api_key.
      assert.deepEqual(
        await db.selectFrom('api_key').select(['id', 'user_id', 'key', 'data', 'expires_at']).execute(),
        [{ id: `key_${UMA}`, user_id: UMA, key: UMA_KEY, data: null, expires_at: null }],
      );

      // group.user_ids → group_member.
      const members = await db.selectFrom('group_member').select(['group_id', 'user_id', 'created_at']).execute();
      const expectedMembers = legacy.groups.flatMap((g) => g.user_ids.map((u) => `${g.id}/${u}`)).sort();
      assert.equal(expectedMembers.length, 3, 'fixture sanity');
      assert.deepEqual(members.map((m) => `${m.group_id}/${m.user_id}`).sort(), expectedMembers);
      assert.ok(members.every((m) => typeof m.created_at === 'number' && m.created_at > 1.7e9));

      // knowledge.data.file_ids → knowledge_file; knowledge.data comes back empty.
      const files = await db.selectFrom('knowledge_file').select(['knowledge_id', 'file_id', 'user_id']).execute();
      const expectedFiles = legacy.knowledge.flatMap((k) => k.file_ids.map((f) => `${k.id}/${f}/${k.user_id}`)).sort();
      assert.equal(expectedFiles.length, 1, 'fixture sanity');
      assert.deepEqual(files.map((f) => `${f.knowledge_id}/${f.file_id}/${f.user_id}`).sort(), expectedFiles);
      assert.deepEqual(await db.selectFrom('knowledge').select('data').execute(), [{ data: null }]);

      // user: legacy columns gone, new ones present; info/settings survive the move to JSON.
      const userColumns = await listColumns(db, target.database.dialect, 'user');
      for (const gone of ['api_key', 'oauth_sub']) assert.ok(!userColumns.includes(gone), `user.${gone} dropped`);
      for (const added of ['oauth', 'timezone', 'presence_state', 'status_emoji', 'status_message', 'status_expires_at', 'profile_banner_image_url']) {
        assert.ok(userColumns.includes(added), `user.${added} added`);
      }
      assert.ok(!(await listColumns(db, target.database.dialect, 'group')).includes('user_ids'));
      const users = await db.selectFrom('user').select(['id', 'info', 'settings', 'oauth']).execute();
      assert.equal(users.length, legacy.users.length);
      for (const before of legacy.users) {
        const after = users.find((u) => u.id === before.id);
        assert.ok(after);
        assert.deepEqual(decodeJson(after.settings), decodeJson(before.settings), `settings of ${before.id}`);
        assert.deepEqual(decodeJson(after.info), decodeJson(before.info), `info of ${before.id}`);
        assert.equal(decodeJson(after.oauth), null);
      }

      // Nothing else lost.
      for (const [table, count] of Object.entries(legacy.counts)) assert.equal(await countRows(db, table), count, `rows of ${table}`);

      // Same tables and columns (name, type, NOT NULL) as a genuine 0.6.43 database.
      const want = expectedColumnSets(engine.name);
      const got = await target.columnSets();
      assert.deepEqual([...got.keys()].sort(), [...want.keys(), 'owui_ts_migration'].sort());
      for (const [table, columns] of want) assert.deepEqual(got.get(table), columns, `columns of ${table}`);

      // Every named index and every foreign key of a genuine 0.6.43 database.
      const fixture = copyFixture('webui-0.6.43.db');
      const wantIndexes = sqliteIndexesAndForeignKeys(fixture.path);
      fixture.cleanup();
      const gotIndexes = await target.indexesAndForeignKeys();
      for (const entry of wantIndexes) assert.ok(gotIndexes.has(entry), entry);

      assert.deepEqual(await migrate(target.database, undefined, BASELINE_ONLY), { status: 'current', fromRevision: HEAD, toRevision: HEAD, applied: [] });
    } finally {
      await target.cleanup();
      copy.cleanup();
    }
  });

  test(`${engine.name}: upgrade copes with data the Python revisions would choke on`, { skip: engine.skip }, async () => {
    const copy = copyFixture('webui-0.6.32.db');
    const target = await engine.open(copy.path);
    try {
      const { db } = target.database;
      const [group] = await db.selectFrom('group').select('id').orderBy('id').execute();
      const kb = await db.selectFrom('knowledge').select('id').executeTakeFirstOrThrow();
      const file = await db.selectFrom('file').select('id').where('user_id', '=', ADMIN).executeTakeFirstOrThrow();
      const channel = await db.selectFrom('channel').select('id').executeTakeFirstOrThrow();
      assert.ok(group);

      const old = db.withTables<{ user: { oauth_sub: string | null }; group: { user_ids: unknown } }>();
      await old.updateTable('user').set({ oauth_sub: 'google@1234@x' }).where('id', '=', ADMIN).execute();
      await old.updateTable('user').set({ oauth_sub: 'bare-sub' }).where('id', '=', PENDING).execute();
      await sql`update "user" set info = '{broken' where id = ${PENDING}`.execute(db);
      await old.updateTable('group').set({ user_ids: encodeJson([UMA, UMA, 'ghost-user', 7]) }).where('id', '=', group.id).execute();
      await db.updateTable('knowledge').set({ data: encodeJson({ file_ids: [file.id, 'missing-file', file.id] }) }).where('id', '=', kb.id).execute();
      // A channel member existing before 2f1211949ecc (upstream's NOT NULL joined_at fails on it).
      const joinedNs = 1759396400123456789n;
      await sql`insert into channel_member (id, channel_id, user_id, created_at) values ('cm-1', ${channel.id}, ${UMA}, ${joinedNs})`.execute(db);

      assert.equal((await migrate(target.database, undefined, BASELINE_ONLY)).status, 'upgraded');

      const oauth = await db.selectFrom('user').select(['id', 'oauth']).where('id', 'in', [ADMIN, PENDING, UMA]).execute();
      const oauthOf = (id: string) => decodeJson(oauth.find((u) => u.id === id)?.oauth);
      assert.deepEqual(oauthOf(ADMIN), { google: { sub: '1234@x' } });
      assert.deepEqual(oauthOf(PENDING), { oidc: { sub: 'bare-sub' } });
      assert.equal(oauthOf(UMA), null);
      const pending = await db.selectFrom('user').select('info').where('id', '=', PENDING).executeTakeFirstOrThrow();
      assert.equal(pending.info, null, 'unparseable JSONField text is dropped, not fatal');

      const members = await db.selectFrom('group_member').select('user_id').where('group_id', '=', group.id).execute();
      assert.deepEqual(members, [{ user_id: UMA }]);
      assert.deepEqual(await db.selectFrom('knowledge_file').select(['knowledge_id', 'file_id']).execute(), [{ knowledge_id: kb.id, file_id: file.id }]);

      const { rows } = await sql<{ n: number | string }>`select count(*) as n from channel_member where joined_at = ${joinedNs} and is_active = ${sql.lit(true)}`.execute(db);
      assert.equal(Number(rows[0]?.n), 1);
    } finally {
      await target.cleanup();
      copy.cleanup();
    }
  });

  test(`${engine.name}: a failing upgrade leaves the database exactly as it was`, { skip: engine.skip }, async () => {
    const copy = copyFixture('webui-0.6.32.db');
    const target = await engine.open(copy.path);
    try {
      const { db, dialect } = target.database;
      // Make the last revision (c440947495f3, chat_file) fail after all the others ran.
      await db.schema.createTable('chat_file').addColumn('id', 'text').execute();
      const tablesBefore = await listTables(db, dialect);

      await assert.rejects(migrate(target.database, undefined, BASELINE_ONLY), /chat_file/);

      assert.deepEqual(await db.selectFrom('alembic_version').selectAll().execute(), [{ version_num: FROM }]);
      assert.deepEqual(await listTables(db, dialect), tablesBefore);
      for (const table of NEW_TABLES.filter((t) => t !== 'chat_file')) assert.ok(!tablesBefore.has(table));
      assert.ok((await listColumns(db, dialect, 'user')).includes('api_key'));
      assert.ok((await listColumns(db, dialect, 'group')).includes('user_ids'));
      assert.ok((await listColumns(db, dialect, 'knowledge')).includes('data'));
    } finally {
      await target.cleanup();
      copy.cleanup();
    }
  });
}
