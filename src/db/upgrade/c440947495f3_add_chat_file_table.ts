// Open WebUI 0.6.42: files attached to chats (head of 0.6.42/0.6.43).
import { createTable } from '../schema/build.ts';
import { chatFileTable } from '../schema/tables-0.6.43.ts';
import type { UpgradeStep } from './step.ts';

export const addChatFileTable: UpgradeStep = {
  revision: 'c440947495f3',
  parent: '81cc2ce44d79',
  description: 'chat_file table',
  async up({ db, dialect }) {
    await createTable(db.schema, dialect, chatFileTable);
  },
};
