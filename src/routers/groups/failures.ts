// How the groups router answers a write on a group that is not there. Open WebUI wraps it as 400
// `[ERROR: …]` and then wraps that again in its catch-all (`[ERROR: 400: [ERROR: …]]`); we answer
// the inner message once.
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import type { GroupsStore, GroupWithMemberCount } from '../../stores/groups.ts';

const FAILURES = {
  update: 'Error updating group',
  add: 'Error adding users to group',
  remove: 'Error removing users from group',
  delete: 'Error deleting group',
} as const;

export type GroupAction = keyof typeof FAILURES;

export function groupFailure(action: GroupAction): HTTPException {
  return new HTTPException(400, ERROR_MESSAGES.DEFAULT(FAILURES[action]));
}

/** The group as it is after a write; one deleted meanwhile is the same failure as a missing one. */
export async function groupAfter(groups: GroupsStore, id: string, action: GroupAction): Promise<GroupWithMemberCount> {
  const group = await groups.getWithMemberCount(id);
  if (!group) throw groupFailure(action);
  return group;
}
