// The access rules the models router applies, all through services.access.
import { parseAccessControl, type AccessChecker, type AccessType } from '../../auth/access-control.ts';
import type { ModelAccessRow, ModelRecord, ModelsStore } from '../../stores/models.ts';
import type { UserModel } from '../../stores/users.ts';

/** Owner, admin (with BYPASS_ADMIN_ACCESS_CONTROL) or an access_control grant of that type. */
export function canAccess(access: AccessChecker, user: UserModel, type: AccessType, model: ModelRecord): Promise<boolean> {
  return access.can(user, type, { user_id: model.user_id, access_control: parseAccessControl(model.access_control) });
}

/** The custom presets a user may edit, newest first (Open WebUI's get_models_by_user_id). */
export async function writableCustomIds(models: ModelsStore, access: AccessChecker, user: UserModel): Promise<string[]> {
  const rows = await models.searchCustom({ orderBy: 'created_at', direction: 'desc' });
  return (await access.filter(user, 'write', rows)).map((r) => r.id);
}

/**
 * The workspace list's filter: what the user may edit plus every public (null) preset, as Open
 * WebUI's SQL filter lists them (editing a public preset still needs write access).
 */
export async function listableRows(access: AccessChecker, user: UserModel, rows: readonly ModelAccessRow[]): Promise<ModelAccessRow[]> {
  const writable = new Set((await access.filter(user, 'write', rows)).map((r) => r.id));
  return rows.filter((r) => r.access_control === null || writable.has(r.id));
}

/**
 * Sharing permissions (`sharing.models` / `sharing.public_models`) apply when an access_control is
 * set or changed; saving a model with the sharing it already has needs none.
 */
export async function assertMayShare(access: AccessChecker, user: UserModel, next: unknown, current?: unknown): Promise<void> {
  const wanted = parseAccessControl(next);
  if (current !== undefined && JSON.stringify(wanted) === JSON.stringify(parseAccessControl(current))) return;
  await access.assertMaySet(user, 'models', wanted);
}

/**
 * Only admins write rows without a base model: such a row annotates the provider model of the same
 * id, and owning one would give a user that provider model whatever access the admin set for it.
 */
export function mayAnnotate(user: UserModel, fields: { base_model_id: string | null }): boolean {
  return fields.base_model_id !== null || user.role === 'admin';
}
