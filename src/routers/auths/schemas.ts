import { z } from 'zod';

const text = (max: number) => z.string().max(max);
export const EMAIL = text(255);
export const NAME = text(255);
/** Profile images arrive as data: URLs from the web client's avatar picker. */
export const IMAGE_URL = text(8 * 1024 * 1024);
export const PASSWORD = text(4096);
export const ROLE = z.enum(['pending', 'user', 'admin']);

export const SigninForm = z.object({ email: EMAIL, password: PASSWORD });
export const SignupForm = z.object({ name: NAME, email: EMAIL, password: PASSWORD, profile_image_url: IMAGE_URL.nullish().default('/user.png') });
export const AddUserForm = SignupForm.extend({ role: ROLE.nullish().default('pending') });
export const LdapForm = z.object({ user: text(255), password: PASSWORD });
export const UpdatePasswordForm = z.object({ password: PASSWORD, new_password: PASSWORD });
export const UpdateProfileForm = z.object({
  profile_image_url: IMAGE_URL,
  name: NAME,
  bio: text(10_000).nullish(),
  gender: text(255).nullish(),
  date_of_birth: z.iso.date().nullish(),
});

export const AdminConfigForm = z.object({
  SHOW_ADMIN_DETAILS: z.boolean(),
  WEBUI_URL: text(2048),
  ENABLE_SIGNUP: z.boolean(),
  ENABLE_API_KEYS: z.boolean(),
  ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS: z.boolean(),
  API_KEYS_ALLOWED_ENDPOINTS: text(10_000),
  DEFAULT_USER_ROLE: text(64),
  DEFAULT_GROUP_ID: text(255),
  JWT_EXPIRES_IN: text(64),
  ENABLE_COMMUNITY_SHARING: z.boolean(),
  ENABLE_MESSAGE_RATING: z.boolean(),
  ENABLE_FOLDERS: z.boolean(),
  ENABLE_CHANNELS: z.boolean(),
  ENABLE_NOTES: z.boolean(),
  ENABLE_USER_WEBHOOKS: z.boolean(),
  PENDING_USER_OVERLAY_TITLE: text(10_000).nullish(),
  PENDING_USER_OVERLAY_CONTENT: text(100_000).nullish(),
  RESPONSE_WATERMARK: text(10_000).nullish(),
});

export const LdapServerConfigForm = z.object({
  label: text(255),
  host: text(1024),
  port: z.number().int().min(1).max(65535).nullish(),
  attribute_for_mail: text(255).default('mail'),
  attribute_for_username: text(255).default('uid'),
  app_dn: text(1024),
  app_dn_password: text(1024),
  search_base: text(1024),
  search_filters: text(4096).default(''),
  use_tls: z.boolean().default(true),
  certificate_path: text(4096).nullish(),
  validate_cert: z.boolean().default(true),
  ciphers: text(1024).nullish().default('ALL'),
});

export const LdapConfigForm = z.object({ enable_ldap: z.boolean().nullish() });
