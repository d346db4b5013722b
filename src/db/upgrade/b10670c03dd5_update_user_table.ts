// Open WebUI 0.6.41: user profile/status columns, user.info/settings become JSON, API keys move to
// the `api_key` table and `oauth_sub` becomes the `oauth` JSON map; user.api_key/oauth_sub dropped.
import { sql } from 'kysely';
import { addColumn, createTable } from '../schema/build.ts';
import type { ColumnSpec } from '../schema/spec.ts';
import { apiKeyTable } from '../schema/tables-0.6.43.ts';
import { encodeJson } from '../values.ts';
import { chunks, dropColumn, nowSeconds, parseLegacyJson, pythonTruthy } from './helpers.ts';
import type { UpgradeContext, UpgradeStep } from './step.ts';

const newUserColumns: ColumnSpec[] = [
  { name: 'profile_banner_image_url', kind: 'text' },
  { name: 'timezone', kind: 'varchar' },
  { name: 'presence_state', kind: 'varchar' },
  { name: 'status_emoji', kind: 'varchar' },
  { name: 'status_message', kind: 'text' },
  { name: 'status_expires_at', kind: 'bigint' },
  { name: 'oauth', kind: 'json' },
];

/**
 * JSONField TEXT → JSON. PostgreSQL casts in place (after clearing text that is not JSON). SQLite has no ALTER COLUMN TYPE, so (as
 * upstream) a `<column>_json` column is added, filled, and renamed over the old one; values that
 * are empty or unparseable in Python's eyes (`null`, `{}`, `[]`, garbage) become SQL NULL there.
 */
async function convertJsonFieldToJson({ db, dialect, log }: UpgradeContext, table: string, column: string): Promise<void> {
  if (dialect === 'postgres') {
    // Upstream's cast aborts the whole upgrade on one unparseable value; clear those first (the
    // SQLite path below drops them too).
    const { rows } = await sql<{ id: string; raw: string }>`select id, ${sql.ref(column)} as raw from ${sql.table(table)}
      where ${sql.ref(column)} is not null`.execute(db);
    const broken = rows.filter((r) => parseLegacyJson(r.raw) === undefined).map((r) => r.id);
    for (const id of broken) await sql`update ${sql.table(table)} set ${sql.ref(column)} = null where id = ${id}`.execute(db);
    if (broken.length > 0) log(`${table}.${column}: cleared ${broken.length} value(s) that are not JSON`);
    await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type json using ${sql.ref(column)}::json`.execute(db);
    return;
  }
  const temporary = `${column}_json`;
  await addColumn(db.schema, dialect, table, { name: temporary, kind: 'json' });
  const { rows } = await sql<{ id: string; raw: unknown }>`select id, ${sql.ref(column)} as raw from ${sql.table(table)}`.execute(db);
  for (const { id, raw } of rows) {
    const parsed = raw === null ? undefined : parseLegacyJson(raw);
    // Keep the stored text itself when it is worth keeping: it already is the JSON Python wrote.
    const value = pythonTruthy(parsed) ? (typeof raw === 'string' ? raw : JSON.stringify(parsed)) : null;
    await sql`update ${sql.table(table)} set ${sql.ref(temporary)} = ${value} where id = ${id}`.execute(db);
  }
  await dropColumn(db, dialect, table, column);
  await db.schema.alterTable(table).renameColumn(temporary, column).execute();
}

/** `provider@sub` → `{provider: {sub}}`; a bare sub belongs to the generic `oidc` provider. */
export function oauthFromLegacySub(oauthSub: string): Record<string, { sub: string }> {
  const at = oauthSub.indexOf('@');
  const [provider, sub] = at === -1 ? ['oidc', oauthSub] : [oauthSub.slice(0, at), oauthSub.slice(at + 1)];
  return { [provider]: { sub } };
}

export const updateUserTable: UpgradeStep = {
  revision: 'b10670c03dd5',
  parent: '2f1211949ecc',
  description: 'user profile/status/oauth columns; info/settings → JSON; api_key table from user.api_key',
  async up(context) {
    const { db, dialect, log } = context;
    for (const column of newUserColumns) await addColumn(db.schema, dialect, 'user', column);
    await convertJsonFieldToJson(context, 'user', 'info');
    await convertJsonFieldToJson(context, 'user', 'settings');
    await createTable(db.schema, dialect, apiKeyTable);

    const legacy = db.withTables<{ user: { api_key: string | null; oauth_sub: string | null } }>();
    const users = await legacy.selectFrom('user').select(['id', 'api_key', 'oauth_sub']).execute();

    for (const user of users) {
      if (!user.oauth_sub) continue;
      await db.updateTable('user').set({ oauth: encodeJson(oauthFromLegacySub(user.oauth_sub)) }).where('id', '=', user.id).execute();
    }

    const now = nowSeconds();
    const keys = users
      .filter((u): u is typeof u & { api_key: string } => Boolean(u.api_key))
      .map((u) => ({ id: `key_${u.id}`, user_id: u.id, key: u.api_key, created_at: now, updated_at: now }));
    for (const slice of chunks(keys)) await db.insertInto('api_key').values(slice).execute();
    log(`moved ${keys.length} API key(s) to api_key`);

    await dropColumn(db, dialect, 'user', 'api_key');
    await dropColumn(db, dialect, 'user', 'oauth_sub');
  },
};
