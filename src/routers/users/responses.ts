// How the users router shapes users and groups on the wire.
import { FORM_DEFAULT_PERMISSIONS, PERMISSION_LEAVES, type PermissionTree } from '../../auth/permission-defaults.ts';
import type { GroupModel, GroupWithMemberCount } from '../../stores/groups.ts';
import type { UserModel } from '../../stores/users.ts';

/** Pydantic's UserSettings: `ui` is always present (`{}` when never set), other keys follow as stored. */
export function settingsOut(settings: Record<string, unknown> | null): Record<string, unknown> | null {
  return settings === null ? null : { ui: {}, ...settings };
}

/** A UserModel as Open WebUI serialises it. */
export function userOut<T extends UserModel>(user: T): T {
  return { ...user, settings: settingsOut(user.settings) };
}

/**
 * What any signed-in user may see of another account: how it presents itself, not its email,
 * OAuth identities, settings, private info or personal details (Open WebUI returned all of them).
 */
const PUBLIC_FIELDS = [
  'id',
  'name',
  'username',
  'role',
  'profile_image_url',
  'profile_banner_image_url',
  'bio',
  'presence_state',
  'status_emoji',
  'status_message',
  'status_expires_at',
] as const satisfies readonly (keyof UserModel)[];

export function publicProfile(user: UserModel): Pick<UserModel, (typeof PUBLIC_FIELDS)[number]> {
  return Object.fromEntries(PUBLIC_FIELDS.map((field) => [field, user[field]])) as Pick<UserModel, (typeof PUBLIC_FIELDS)[number]>;
}

/** A GroupModel (the store's listing also counts members, which this response does not carry). */
export function groupOut({ member_count: _count, ...group }: GroupWithMemberCount): GroupModel {
  return group;
}

/**
 * The stored default permissions read through the UserPermissions form, as Open WebUI's GET does:
 * exactly the form's leaves, each the stored boolean or the form's default.
 */
export function formPermissions(stored: Record<string, unknown>): PermissionTree {
  const tree: PermissionTree = {};
  for (const [group, key] of PERMISSION_LEAVES) {
    const section = stored[group];
    const value = section && typeof section === 'object' ? (section as Record<string, unknown>)[key] : undefined;
    (tree[group] ??= {})[key] = typeof value === 'boolean' ? value : (FORM_DEFAULT_PERMISSIONS[group]?.[key] ?? false);
  }
  return tree;
}
