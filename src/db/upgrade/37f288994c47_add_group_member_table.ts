// Open WebUI 0.6.37: group membership moves from the `group.user_ids` JSON array to `group_member`.
import { randomUUID } from 'node:crypto';
import { createTable } from '../schema/build.ts';
import { groupMemberTable } from '../schema/tables-0.6.43.ts';
import { chunks, dropColumn, nowSeconds, parseLegacyJson } from './helpers.ts';
import type { UpgradeStep } from './step.ts';

export const addGroupMemberTable: UpgradeStep = {
  revision: '37f288994c47',
  parent: 'a5c220713937',
  description: 'group_member table filled from group.user_ids; drop group.user_ids',
  async up({ db, dialect, log }) {
    await createTable(db.schema, dialect, groupMemberTable);

    const legacy = db.withTables<{ group: { user_ids: unknown } }>();
    const groups = await legacy.selectFrom('group').select(['id', 'user_ids']).execute();
    const userIds = new Set((await db.selectFrom('user').select('id').execute()).map((u) => u.id));
    const now = nowSeconds();

    for (const group of groups) {
      const members = parseLegacyJson(group.user_ids);
      if (!Array.isArray(members)) continue;
      // Unlike upstream, skip duplicates and deleted users: the unique constraint and the foreign
      // key on group_member would otherwise abort the whole upgrade.
      const unique = [...new Set(members.filter((m): m is string => typeof m === 'string'))];
      const missing = unique.filter((id) => !userIds.has(id));
      if (missing.length > 0) log(`group ${group.id}: skipping ${missing.length} member(s) without a user row`);
      const rows = unique
        .filter((id) => userIds.has(id))
        .map((user_id) => ({ id: randomUUID(), group_id: group.id, user_id, created_at: now, updated_at: now }));
      for (const slice of chunks(rows)) await db.insertInto('group_member').values(slice).execute();
    }

    await dropColumn(db, dialect, 'group', 'user_ids');
  },
};
