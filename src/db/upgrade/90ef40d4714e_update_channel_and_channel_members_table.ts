// Open WebUI 0.6.41: private/archived/deleted channels, member roles and invitations, webhooks.
import { addColumn, createTable } from '../schema/build.ts';
import type { ColumnSpec } from '../schema/spec.ts';
import { channelWebhookTable } from '../schema/tables-0.6.43.ts';
import type { UpgradeStep } from './step.ts';

const channelColumns: ColumnSpec[] = [
  { name: 'is_private', kind: 'boolean' },
  { name: 'archived_at', kind: 'bigint' },
  { name: 'archived_by', kind: 'text' },
  { name: 'deleted_at', kind: 'bigint' },
  { name: 'deleted_by', kind: 'text' },
  { name: 'updated_by', kind: 'text' },
];
const memberColumns: ColumnSpec[] = [
  { name: 'role', kind: 'text' },
  { name: 'invited_by', kind: 'text' },
  { name: 'invited_at', kind: 'bigint' },
];

export const updateChannelAndChannelMembersTable: UpgradeStep = {
  revision: '90ef40d4714e',
  parent: 'b10670c03dd5',
  description: 'channel privacy/archive/delete columns; channel_member role/invites; channel_webhook table',
  async up({ db, dialect }) {
    for (const column of channelColumns) await addColumn(db.schema, dialect, 'channel', column);
    for (const column of memberColumns) await addColumn(db.schema, dialect, 'channel_member', column);
    await createTable(db.schema, dialect, channelWebhookTable);
  },
};
