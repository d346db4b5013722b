// Admin settings of the auths router: general auth config, LDAP config, admin contact details.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { adminUser, currentUser } from '../../auth/guards.ts';
import { ADMIN_DURATION_PATTERN } from '../../lib/duration.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import type { Services } from '../../services.ts';
import { USER_ROLES, type UserRole } from '../../config/registry/core.ts';
import { AdminConfigForm, LdapConfigForm, LdapServerConfigForm } from './schemas.ts';

function adminConfig({ config }: Services) {
  return {
    SHOW_ADMIN_DETAILS: config.get('SHOW_ADMIN_DETAILS'),
    WEBUI_URL: config.get('WEBUI_URL'),
    ENABLE_SIGNUP: config.get('ENABLE_SIGNUP'),
    ENABLE_API_KEYS: config.get('ENABLE_API_KEYS'),
    ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS: config.get('ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS'),
    API_KEYS_ALLOWED_ENDPOINTS: config.get('API_KEYS_ALLOWED_ENDPOINTS'),
    DEFAULT_USER_ROLE: config.get('DEFAULT_USER_ROLE'),
    DEFAULT_GROUP_ID: config.get('DEFAULT_GROUP_ID'),
    JWT_EXPIRES_IN: config.get('JWT_EXPIRES_IN'),
    ENABLE_COMMUNITY_SHARING: config.get('ENABLE_COMMUNITY_SHARING'),
    ENABLE_MESSAGE_RATING: config.get('ENABLE_MESSAGE_RATING'),
    ENABLE_FOLDERS: config.get('ENABLE_FOLDERS'),
    ENABLE_CHANNELS: config.get('ENABLE_CHANNELS'),
    ENABLE_NOTES: config.get('ENABLE_NOTES'),
    ENABLE_USER_WEBHOOKS: config.get('ENABLE_USER_WEBHOOKS'),
    PENDING_USER_OVERLAY_TITLE: config.get('PENDING_USER_OVERLAY_TITLE'),
    PENDING_USER_OVERLAY_CONTENT: config.get('PENDING_USER_OVERLAY_CONTENT'),
    RESPONSE_WATERMARK: config.get('RESPONSE_WATERMARK'),
  };
}

function ldapServer({ config }: Services) {
  return {
    label: config.get('LDAP_SERVER_LABEL'),
    host: config.get('LDAP_SERVER_HOST'),
    port: config.get('LDAP_SERVER_PORT'),
    attribute_for_mail: config.get('LDAP_ATTRIBUTE_FOR_MAIL'),
    attribute_for_username: config.get('LDAP_ATTRIBUTE_FOR_USERNAME'),
    app_dn: config.get('LDAP_APP_DN'),
    // Open WebUI returned the bind password in clear; an admin re-saving sends it back, so we send
    // nothing and keep the stored one when the form leaves it empty.
    app_dn_password: '',
    search_base: config.get('LDAP_SEARCH_BASE'),
    search_filters: config.get('LDAP_SEARCH_FILTERS'),
    use_tls: config.get('LDAP_USE_TLS'),
    certificate_path: config.get('LDAP_CA_CERT_FILE'),
    validate_cert: config.get('LDAP_VALIDATE_CERT'),
    ciphers: config.get('LDAP_CIPHERS'),
  };
}

const REQUIRED_LDAP = ['label', 'host', 'attribute_for_mail', 'attribute_for_username', 'app_dn', 'search_base'] as const;

export async function adminRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const { config } = services;

  app.get('/admin/details', { preValidation: currentUser }, async () => {
    if (!config.get('SHOW_ADMIN_DETAILS')) throw new HTTPException(400, ERROR_MESSAGES.ACTION_PROHIBITED);
    const email = config.get('ADMIN_EMAIL');
    const admin = email ? await services.users.getByEmail(email) : await services.users.getFirst();
    return { name: admin?.name ?? null, email: email || admin?.email || null };
  });

  app.get('/admin/config', { preValidation: adminUser }, async () => adminConfig(services));

  app.post('/admin/config', { preValidation: adminUser, schema: { body: AdminConfigForm } }, async (request) => {
    const form: z.infer<typeof AdminConfigForm> = request.body;
    await config.set({
      SHOW_ADMIN_DETAILS: form.SHOW_ADMIN_DETAILS,
      WEBUI_URL: form.WEBUI_URL,
      ENABLE_SIGNUP: form.ENABLE_SIGNUP,
      ENABLE_API_KEYS: form.ENABLE_API_KEYS,
      ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS: form.ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS,
      API_KEYS_ALLOWED_ENDPOINTS: form.API_KEYS_ALLOWED_ENDPOINTS,
      ENABLE_FOLDERS: form.ENABLE_FOLDERS,
      ENABLE_CHANNELS: form.ENABLE_CHANNELS,
      ENABLE_NOTES: form.ENABLE_NOTES,
      // Like Open WebUI: an unknown role or a malformed duration leaves the setting as it was.
      ...((USER_ROLES as readonly string[]).includes(form.DEFAULT_USER_ROLE) ? { DEFAULT_USER_ROLE: form.DEFAULT_USER_ROLE as UserRole } : {}),
      DEFAULT_GROUP_ID: form.DEFAULT_GROUP_ID,
      ...(ADMIN_DURATION_PATTERN.test(form.JWT_EXPIRES_IN) ? { JWT_EXPIRES_IN: form.JWT_EXPIRES_IN } : {}),
      ENABLE_COMMUNITY_SHARING: form.ENABLE_COMMUNITY_SHARING,
      ENABLE_MESSAGE_RATING: form.ENABLE_MESSAGE_RATING,
      ENABLE_USER_WEBHOOKS: form.ENABLE_USER_WEBHOOKS,
      PENDING_USER_OVERLAY_TITLE: form.PENDING_USER_OVERLAY_TITLE ?? '',
      PENDING_USER_OVERLAY_CONTENT: form.PENDING_USER_OVERLAY_CONTENT ?? '',
      RESPONSE_WATERMARK: form.RESPONSE_WATERMARK ?? '',
    });
    return adminConfig(services);
  });

  app.get('/admin/config/ldap/server', { preValidation: adminUser }, async () => ldapServer(services));

  app.post('/admin/config/ldap/server', { preValidation: adminUser, schema: { body: LdapServerConfigForm } }, async (request) => {
    const form = request.body;
    for (const key of REQUIRED_LDAP) if (!form[key]) throw new HTTPException(400, `Required field ${key} is empty`);
    if (!form.app_dn_password && !config.get('LDAP_APP_PASSWORD')) throw new HTTPException(400, 'Required field app_dn_password is empty');
    await config.set({
      LDAP_SERVER_LABEL: form.label,
      LDAP_SERVER_HOST: form.host,
      LDAP_SERVER_PORT: form.port ?? null,
      LDAP_ATTRIBUTE_FOR_MAIL: form.attribute_for_mail,
      LDAP_ATTRIBUTE_FOR_USERNAME: form.attribute_for_username,
      LDAP_APP_DN: form.app_dn,
      ...(form.app_dn_password ? { LDAP_APP_PASSWORD: form.app_dn_password } : {}),
      LDAP_SEARCH_BASE: form.search_base,
      LDAP_SEARCH_FILTERS: form.search_filters,
      LDAP_USE_TLS: form.use_tls,
      LDAP_CA_CERT_FILE: form.certificate_path ?? null,
      LDAP_VALIDATE_CERT: form.validate_cert,
      LDAP_CIPHERS: form.ciphers ?? null,
    });
    return ldapServer(services);
  });

  app.get('/admin/config/ldap', { preValidation: adminUser }, async () => ({ ENABLE_LDAP: config.get('ENABLE_LDAP') }));

  app.post('/admin/config/ldap', { preValidation: adminUser, schema: { body: LdapConfigForm } }, async (request) => {
    await config.set({ ENABLE_LDAP: request.body.enable_ldap ?? false });
    return { ENABLE_LDAP: config.get('ENABLE_LDAP') };
  });
}
