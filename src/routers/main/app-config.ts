// GET /api/config: what the web client needs before and after sign-in. Authentication is optional
// (Bearer header or `token` cookie); the payload grows from anonymous → pending → user/admin.
import type { FastifyInstance } from 'fastify';
import { optionalUser } from '../../auth/resolver.ts';
import type { Services } from '../../services.ts';
import type { UserModel } from '../../stores/users.ts';

// No OAuth providers or licence yet; the keys stay so the client's reads find them.
const OAUTH_PROVIDERS: Record<string, string> = {};
const LICENSE_METADATA = null;

/** `features` flags shown to every signed-in account, pending included. */
function accountFeatures(services: Services): Record<string, boolean> {
  const { config, settings } = services;
  const onedriveEnabled = config.get('ENABLE_ONEDRIVE_INTEGRATION');
  const { onedrive } = settings;
  return {
    enable_direct_connections: config.get('ENABLE_DIRECT_CONNECTIONS'),
    enable_folders: config.get('ENABLE_FOLDERS'),
    enable_channels: config.get('ENABLE_CHANNELS'),
    enable_notes: config.get('ENABLE_NOTES'),
    enable_web_search: config.get('ENABLE_WEB_SEARCH'),
    enable_code_execution: config.get('ENABLE_CODE_EXECUTION'),
    enable_code_interpreter: config.get('ENABLE_CODE_INTERPRETER'),
    enable_image_generation: config.get('ENABLE_IMAGE_GENERATION'),
    enable_autocomplete_generation: config.get('ENABLE_AUTOCOMPLETE_GENERATION'),
    enable_community_sharing: config.get('ENABLE_COMMUNITY_SHARING'),
    enable_message_rating: config.get('ENABLE_MESSAGE_RATING'),
    enable_user_webhooks: config.get('ENABLE_USER_WEBHOOKS'),
    enable_admin_export: settings.enableAdminExport,
    enable_admin_chat_access: settings.enableAdminChatAccess,
    enable_google_drive_integration: config.get('ENABLE_GOOGLE_DRIVE_INTEGRATION'),
    enable_onedrive_integration: onedriveEnabled,
    ...(onedriveEnabled ? { enable_onedrive_personal: onedrive.personal, enable_onedrive_business: onedrive.business } : {}),
  };
}

/** Top-level keys for role user/admin. */
function memberConfig(services: Services, user: UserModel, userCount: number): Record<string, unknown> {
  const { config, settings } = services;
  const { onedrive } = settings;
  return {
    default_models: config.get('DEFAULT_MODELS'),
    default_pinned_models: config.get('DEFAULT_PINNED_MODELS'),
    default_prompt_suggestions: config.get('DEFAULT_PROMPT_SUGGESTIONS'),
    user_count: userCount,
    code: { engine: config.get('CODE_EXECUTION_ENGINE') },
    audio: {
      tts: { engine: config.get('TTS_ENGINE'), voice: config.get('TTS_VOICE'), split_on: config.get('TTS_SPLIT_ON') },
      stt: { engine: config.get('STT_ENGINE') },
    },
    file: {
      max_size: config.get('FILE_MAX_SIZE'),
      max_count: config.get('FILE_MAX_COUNT'),
      image_compression: { width: config.get('FILE_IMAGE_COMPRESSION_WIDTH'), height: config.get('FILE_IMAGE_COMPRESSION_HEIGHT') },
    },
    // The defaults, not the user's group-merged permissions (those come with the session user).
    permissions: { ...config.get('USER_PERMISSIONS') },
    google_drive: { client_id: config.get('GOOGLE_DRIVE_CLIENT_ID'), api_key: config.get('GOOGLE_DRIVE_API_KEY') },
    onedrive: {
      client_id_personal: onedrive.clientIdPersonal,
      client_id_business: onedrive.clientIdBusiness,
      sharepoint_url: config.get('ONEDRIVE_SHAREPOINT_URL'),
      sharepoint_tenant_id: config.get('ONEDRIVE_SHAREPOINT_TENANT_ID'),
    },
    ui: {
      pending_user_overlay_title: config.get('PENDING_USER_OVERLAY_TITLE'),
      pending_user_overlay_content: config.get('PENDING_USER_OVERLAY_CONTENT'),
      response_watermark: config.get('RESPONSE_WATERMARK'),
    },
    license_metadata: LICENSE_METADATA,
    // Licensed seat count; there is no licence, so none.
    ...(user.role === 'admin' ? { active_entries: null } : {}),
  };
}

export async function appConfig(services: Services, user: UserModel | null): Promise<Record<string, unknown>> {
  const { config, settings, version } = services;
  const userCount = await services.users.count();
  const member = user !== null && (user.role === 'user' || user.role === 'admin');
  return {
    ...(user === null && userCount === 0 ? { onboarding: true } : {}),
    status: true,
    name: settings.webuiName,
    version,
    default_locale: String(config.get('DEFAULT_LOCALE')),
    oauth: { providers: OAUTH_PROVIDERS },
    features: {
      auth: settings.webuiAuth,
      auth_trusted_header: Boolean(settings.trustedEmailHeader),
      enable_signup_password_confirmation: settings.enableSignupPasswordConfirmation,
      enable_ldap: config.get('ENABLE_LDAP'),
      enable_api_keys: config.get('ENABLE_API_KEYS'),
      // Single-user mode never offers sign-up, whatever was saved (as Open WebUI forces it off).
      enable_signup: settings.webuiAuth && config.get('ENABLE_SIGNUP'),
      enable_login_form: config.get('ENABLE_LOGIN_FORM'),
      enable_websocket: settings.enableWebsocketSupport,
      enable_version_update_check: settings.enableVersionUpdateCheck,
      enable_public_active_users_count: settings.enablePublicActiveUsersCount,
      ...(user !== null ? accountFeatures(services) : {}),
    },
    ...(member
      ? memberConfig(services, user, userCount)
      : user?.role === 'pending'
        ? { ui: { pending_user_overlay_title: config.get('PENDING_USER_OVERLAY_TITLE'), pending_user_overlay_content: config.get('PENDING_USER_OVERLAY_CONTENT') } }
        : {}),
  };
}

export async function appConfigRoutes(app: FastifyInstance): Promise<void> {
  const { services } = app;
  // An unknown, expired or revoked token reads as anonymous: the client calls this before it knows.
  app.get('/api/config', async (request) => appConfig(services, await optionalUser(services, request)));
}
