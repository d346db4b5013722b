// WEBUI_ADMIN_EMAIL / _PASSWORD / _NAME: create the admin account at start when the database has
// no users, so a deployment never opens with a public first-sign-up.
import type { Services } from '../services.ts';
import { hashPassword, passwordTooLong } from './passwords.ts';
import { ConfigError } from '../config/env-parse.ts';
import { EmailTakenError } from '../stores/users.ts';

export async function bootstrapAdmin(services: Services): Promise<void> {
  const admin = services.settings.admin;
  if (!admin || (await services.users.hasUsers())) return;
  if (passwordTooLong(admin.password)) throw new ConfigError('WEBUI_ADMIN_PASSWORD', 'longer than 72 bytes');
  try {
    await services.users.create({
      email: admin.email,
      name: admin.name,
      profileImageUrl: '/user.png',
      passwordHash: await hashPassword(admin.password),
      role: () => 'admin',
    });
    await services.config.set({ ENABLE_SIGNUP: false });
  } catch (e) {
    if (!(e instanceof EmailTakenError)) throw e; // another instance created it first
  }
}
