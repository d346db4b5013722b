// Upgrading an older Open WebUI 0.6.x database to the 0.6.43 schema: TypeScript ports of the
// upstream Alembic revisions after OLDEST_UPGRADABLE, in chain order.
import { addGroupMemberTable } from './37f288994c47_add_group_member_table.ts';
import { updateMessageAndChannelMemberTable } from './2f1211949ecc_update_message_and_channel_member_table.ts';
import { updateUserTable } from './b10670c03dd5_update_user_table.ts';
import { updateChannelAndChannelMembersTable } from './90ef40d4714e_update_channel_and_channel_members_table.ts';
import { addKnowledgeFileTable } from './3e0e00844bb0_add_knowledge_file_table.ts';
import { addChannelFileTable } from './6283dc0e4d8d_add_channel_file_table.ts';
import { updateChannelFileAndKnowledgeTable } from './81cc2ce44d79_update_channel_file_and_knowledge_table.ts';
import { addChatFileTable } from './c440947495f3_add_chat_file_table.ts';
import { ALEMBIC_HEAD, ALEMBIC_REVISIONS, OLDEST_UPGRADABLE } from './revisions.ts';
import type { UpgradeStep } from './step.ts';

export const UPGRADE_STEPS: readonly UpgradeStep[] = [
  addGroupMemberTable,
  updateMessageAndChannelMemberTable,
  updateUserTable,
  updateChannelAndChannelMembersTable,
  addKnowledgeFileTable,
  addChannelFileTable,
  updateChannelFileAndKnowledgeTable,
  addChatFileTable,
];

/**
 * The steps that bring `revision` to ALEMBIC_HEAD ([] at head). Throws a one-line error for
 * revisions we do not know (forks, Open WebUI ≥ 0.7) or cannot upgrade (older than 0.6.32).
 */
export function planUpgrade(revision: string): readonly UpgradeStep[] {
  const position = ALEMBIC_REVISIONS.findIndex((r) => r.revision === revision);
  if (position === -1) {
    throw new Error(
      `Unknown Alembic revision "${revision}" in alembic_version: not an Open WebUI 0.6.x database ` +
        `(a fork, or Open WebUI 0.7 or newer?); open-webui-ts only opens revisions ${OLDEST_UPGRADABLE} (0.6.32) ` +
        `to ${ALEMBIC_HEAD} (0.6.43) and has not changed this database.`,
    );
  }
  const oldest = ALEMBIC_REVISIONS.findIndex((r) => r.revision === OLDEST_UPGRADABLE);
  if (position < oldest) {
    throw new Error(
      `Alembic revision "${revision}" (Open WebUI ${ALEMBIC_REVISIONS[position]?.release}) is too old for open-webui-ts: ` +
        `upgrade the database with Open WebUI 0.6.32 to 0.6.43 first (start it once), then start open-webui-ts; ` +
        `nothing was changed.`,
    );
  }
  const start = UPGRADE_STEPS.findIndex((s) => s.parent === revision);
  return start === -1 ? [] : UPGRADE_STEPS.slice(start);
}
