// Open WebUI 0.6.41: channel membership state and pinned channel messages.
import { sql } from 'kysely';
import { addColumn } from '../schema/build.ts';
import type { ColumnSpec } from '../schema/spec.ts';
import { epochNanoseconds } from '../../lib/time.ts';
import type { UpgradeStep } from './step.ts';

const memberColumnsBeforeJoinedAt: ColumnSpec[] = [
  { name: 'status', kind: 'text' },
  { name: 'is_active', kind: 'boolean', notNull: true, default: { boolean: true } },
  { name: 'is_channel_muted', kind: 'boolean', notNull: true, default: { boolean: false } },
  { name: 'is_channel_pinned', kind: 'boolean', notNull: true, default: { boolean: false } },
  { name: 'data', kind: 'json' },
  { name: 'meta', kind: 'json' },
];
const memberColumnsAfterJoinedAt: ColumnSpec[] = [
  { name: 'left_at', kind: 'bigint' },
  { name: 'last_read_at', kind: 'bigint' },
  { name: 'updated_at', kind: 'bigint' },
];
const messageColumns: ColumnSpec[] = [
  { name: 'is_pinned', kind: 'boolean', notNull: true, default: { boolean: false } },
  { name: 'pinned_at', kind: 'bigint' },
  { name: 'pinned_by', kind: 'text' },
];

export const updateMessageAndChannelMemberTable: UpgradeStep = {
  revision: '2f1211949ecc',
  parent: '37f288994c47',
  description: 'channel_member status/flags/joined_at/…; message is_pinned/pinned_at/pinned_by',
  async up({ db, dialect, log }) {
    for (const column of memberColumnsBeforeJoinedAt) await addColumn(db.schema, dialect, 'channel_member', column);

    // Upstream adds `joined_at BIGINT NOT NULL` without a default, which both engines reject once
    // channel_member has rows. Members that exist already get joined_at = created_at (or now).
    const hasMembers = (await db.selectFrom('channel_member').select('id').limit(1).execute()).length > 0;
    if (!hasMembers) {
      await addColumn(db.schema, dialect, 'channel_member', { name: 'joined_at', kind: 'bigint', notNull: true });
    } else {
      log('channel_member has rows: back-filling joined_at from created_at');
      if (dialect === 'sqlite') {
        // SQLite cannot add NOT NULL later; a default of 0 is the price (every writer sets joined_at).
        await sql`alter table channel_member add column joined_at bigint not null default 0`.execute(db);
      } else {
        await addColumn(db.schema, dialect, 'channel_member', { name: 'joined_at', kind: 'bigint' });
      }
      await db
        .updateTable('channel_member')
        .set((eb) => ({ joined_at: eb.fn.coalesce('created_at', eb.val(epochNanoseconds())) }))
        .execute();
      if (dialect === 'postgres') {
        await db.schema.alterTable('channel_member').alterColumn('joined_at', (c) => c.setNotNull()).execute();
      }
    }

    for (const column of memberColumnsAfterJoinedAt) await addColumn(db.schema, dialect, 'channel_member', column);
    for (const column of messageColumns) await addColumn(db.schema, dialect, 'message', column);
  },
};
