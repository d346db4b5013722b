// Resource access control, one module for every resource that carries Open WebUI's
// `access_control` JSON (models, prompts, knowledge, tools, files, notes, channels):
//   null (SQL NULL or JSON null) → public: every verified user reads, only owner/admin write;
//   {}                           → private: owner (and admins) only;
//   {read: {group_ids, user_ids}, write: {group_ids, user_ids}} → those users and groups.
// Write does not imply read in `hasAccess` itself; callers ask for what they need.
import type { Settings } from '../config/settings.ts';
import { isObject } from '../lib/json.ts';
import { decodeJson } from '../db/values.ts';
import { ERROR_MESSAGES, HTTPException } from '../lib/errors.ts';
import type { GroupsStore } from '../stores/groups.ts';
import type { UserModel } from '../stores/users.ts';
import type { Permissions } from './permissions.ts';

export interface AccessGrant {
  group_ids?: string[];
  user_ids?: string[];
}

export type AccessControl = { read?: AccessGrant; write?: AccessGrant } | null;

export type AccessType = 'read' | 'write';

/** A resource as access checks see it. */
export interface OwnedResource {
  user_id: string;
  access_control: AccessControl;
}

/** Sharing kinds with `sharing.<kind>` / `sharing.public_<kind>` permissions. */
export type SharingKind = 'models' | 'prompts' | 'knowledge' | 'tools' | 'notes';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The stored column value as an AccessControl (both SQL NULL and the text `null` are public). */
export function parseAccessControl(stored: unknown): AccessControl {
  const value = decodeJson<unknown>(stored);
  if (!isObject(value)) return null;
  const grant = (g: unknown): AccessGrant | undefined => (isObject(g) ? { group_ids: strings(g['group_ids']), user_ids: strings(g['user_ids']) } : undefined);
  const result: { read?: AccessGrant; write?: AccessGrant } = {};
  const read = grant(value['read']);
  const write = grant(value['write']);
  if (read) result.read = read;
  if (write) result.write = write;
  return result;
}

/**
 * Open WebUI's has_access: public (null) grants read (and, non-strict, write); otherwise the user
 * must be listed, or be in a listed group, for that type.
 */
export function hasAccess(userId: string, groupIds: ReadonlySet<string>, type: AccessType, ac: AccessControl, strict = true): boolean {
  if (ac === null) return strict ? type === 'read' : true;
  const grant = ac[type];
  if (!grant) return false;
  return (grant.user_ids ?? []).includes(userId) || (grant.group_ids ?? []).some((g) => groupIds.has(g));
}

/** Whether an access_control reaches anyone but the owner (and how far), for the sharing permissions. */
function reach(ac: AccessControl, ownerId: string): 'public' | 'shared' | 'private' {
  if (ac === null) return 'public';
  for (const grant of [ac.read, ac.write]) {
    if (!grant) continue;
    if ((grant.group_ids ?? []).length > 0 || (grant.user_ids ?? []).some((u) => u !== ownerId)) return 'shared';
  }
  return 'private';
}

export class AccessChecker {
  constructor(
    private readonly groups: GroupsStore,
    private readonly permissions: Permissions,
    private readonly settings: Pick<Settings, 'bypassAdminAccessControl'>,
  ) {}

  async groupIdsOf(userId: string): Promise<Set<string>> {
    return new Set(await this.groups.groupIdsOfMember(userId));
  }

  /** Admins (unless BYPASS_ADMIN_ACCESS_CONTROL is off) and owners always; others by the ACL. */
  async can(user: UserModel, type: AccessType, resource: OwnedResource, groupIds?: ReadonlySet<string>): Promise<boolean> {
    if (user.role === 'admin' && this.settings.bypassAdminAccessControl) return true;
    if (resource.user_id === user.id) return true;
    return hasAccess(user.id, groupIds ?? (await this.groupIdsOf(user.id)), type, resource.access_control);
  }

  /** Keeps the resources the user may read or write (one group lookup for the whole list). */
  async filter<T extends OwnedResource>(user: UserModel, type: AccessType, resources: readonly T[]): Promise<T[]> {
    const groupIds = await this.groupIdsOf(user.id);
    const allowed: T[] = [];
    for (const r of resources) if (await this.can(user, type, r, groupIds)) allowed.push(r);
    return allowed;
  }

  /**
   * Sharing is gated by permissions (Open WebUI enforced this server-side only from 0.8.1): making a
   * resource public needs `sharing.public_<kind>`, sharing it with groups or other users needs
   * `sharing.<kind>`. Admins may always. Otherwise 403 ACCESS_PROHIBITED.
   */
  async assertMaySet(user: UserModel, kind: SharingKind, ac: AccessControl): Promise<void> {
    if (user.role === 'admin') return;
    const scope = reach(ac, user.id);
    if (scope === 'private') return;
    const needed = scope === 'public' ? `sharing.public_${kind}` : `sharing.${kind}`;
    if (!(await this.permissions.has(user.id, needed))) throw new HTTPException(403, ERROR_MESSAGES.ACCESS_PROHIBITED);
  }
}
