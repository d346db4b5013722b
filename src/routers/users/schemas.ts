// Request schemas of the users router (Open WebUI's UserSettings, UserStatus, UserUpdateForm,
// UserPermissions and the list queries).
import { z } from 'zod';
import { QueryPage } from '../../http/query.ts';
import { FORM_DEFAULT_PERMISSIONS, PERMISSION_LEAVES } from '../../auth/permission-defaults.ts';
import { EMAIL, IMAGE_URL, NAME, PASSWORD, ROLE } from '../auths/schemas.ts';

/** A JSON object (pydantic `dict`): arrays, strings and numbers are refused. */
const Dict = z.record(z.string(), z.unknown());


export const UserIdParams = z.object({ user_id: z.string().max(255) });

export const UserListQuery = z.object({
  query: z.string().max(1000).optional(),
  order_by: z.string().max(300).optional(),
  direction: z.string().max(32).optional(),
  page: QueryPage.optional(),
});

/** UserSettings: `ui` (an object, `{}` when absent) plus any other top-level keys, kept as sent. */
export const UserSettingsForm = z.looseObject({ ui: Dict.default({}) });

export const UserStatusForm = z.object({
  status_emoji: z.string().max(255).nullish(),
  status_message: z.string().max(10_000).nullish(),
  status_expires_at: z.number().int().nullish(),
});

export const UserInfoForm = Dict;

export const UserUpdateForm = z.object({
  role: ROLE,
  name: NAME,
  email: EMAIL,
  profile_image_url: IMAGE_URL,
  password: PASSWORD.nullish(),
});

/** One group of UserPermissions: each leaf a boolean with its pydantic default; unknown keys dropped. */
function permissionGroup(group: string) {
  const defaults = FORM_DEFAULT_PERMISSIONS[group] ?? {};
  return z.object(
    Object.fromEntries(PERMISSION_LEAVES.filter(([g]) => g === group).map(([, key]) => [key, z.boolean().default(defaults[key] ?? false)])),
  );
}

/** UserPermissions: the four groups are required, their leaves are not. */
export const UserPermissionsForm = z.object({
  workspace: permissionGroup('workspace'),
  sharing: permissionGroup('sharing'),
  chat: permissionGroup('chat'),
  features: permissionGroup('features'),
});
