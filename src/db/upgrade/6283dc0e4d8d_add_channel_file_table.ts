// Open WebUI 0.6.42: files shared in channels (message_id follows in 81cc2ce44d79).
import { createTable } from '../schema/build.ts';
import type { TableSpec } from '../schema/spec.ts';
import { channelFileTable } from '../schema/tables-0.6.43.ts';
import type { UpgradeStep } from './step.ts';

const channelFileWithoutMessage: TableSpec = {
  ...channelFileTable,
  columns: channelFileTable.columns.filter((c) => c.name !== 'message_id'),
  foreignKeys: [],
};

export const addChannelFileTable: UpgradeStep = {
  revision: '6283dc0e4d8d',
  parent: '3e0e00844bb0',
  description: 'channel_file table',
  async up({ db, dialect }) {
    await createTable(db.schema, dialect, channelFileWithoutMessage);
  },
};
