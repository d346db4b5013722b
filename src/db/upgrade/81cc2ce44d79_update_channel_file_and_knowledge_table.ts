// Open WebUI 0.6.42: channel_file.message_id (FK to message) and an unused knowledge.data again.
import { sql } from 'kysely';
import { addColumn } from '../schema/build.ts';
import type { UpgradeStep } from './step.ts';

export const updateChannelFileAndKnowledgeTable: UpgradeStep = {
  revision: '81cc2ce44d79',
  parent: '6283dc0e4d8d',
  description: 'channel_file.message_id with fk_channel_file_message_id; knowledge.data JSON',
  async up({ db, dialect }) {
    if (dialect === 'sqlite') {
      // SQLite can only attach a foreign key to a new column inline (named as upstream names it).
      await sql`alter table channel_file add column message_id text
        constraint fk_channel_file_message_id references message (id) on delete cascade`.execute(db);
    } else {
      await addColumn(db.schema, dialect, 'channel_file', { name: 'message_id', kind: 'text' });
      await db.schema
        .alterTable('channel_file')
        .addForeignKeyConstraint('fk_channel_file_message_id', ['message_id'], 'message', ['id'], (fk) => fk.onDelete('cascade'))
        .execute();
    }
    await addColumn(db.schema, dialect, 'knowledge', { name: 'data', kind: 'json' });
  },
};
