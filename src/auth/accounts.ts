// Account rules shared by sign-up, admin add-user, trusted-header and single-user sign-in.
import type { Services } from '../services.ts';
import { ERROR_MESSAGES, HTTPException } from '../lib/errors.ts';
import { postWebhook } from '../lib/webhook.ts';
import { EmailTakenError, type Role, type UserModel } from '../stores/users.ts';
import { hashPassword, passwordTooLong } from './passwords.ts';

/** Open WebUI's check: ends with @localhost, or starts like x@y.z. */
export function isValidEmail(email: string): boolean {
  return email.endsWith('@localhost') || /^[^@]+@[^@]+\.[^@]+/.test(email);
}

/** The problem with a new password, or null (length always; the regex only when enabled). */
export function passwordProblem(services: Services, password: string): string | null {
  if (passwordTooLong(password)) return ERROR_MESSAGES.PASSWORD_TOO_LONG;
  const { settings } = services;
  if (settings.enablePasswordValidation && !settings.passwordValidationPattern.test(password)) {
    return ERROR_MESSAGES.INVALID_PASSWORD(settings.passwordValidationHint || undefined);
  }
  return null;
}

export interface AccountInput {
  name: string;
  email: string;
  password: string;
  profileImageUrl: string;
  role: (isFirst: boolean) => Role;
}

/**
 * Validates and creates an account; the first account ever becomes admin atomically (see
 * UsersStore.create), after which sign-up is switched off, as Open WebUI does.
 */
export async function createAccount(services: Services, input: AccountInput): Promise<UserModel> {
  const email = input.email.toLowerCase();
  if (!isValidEmail(email)) throw new HTTPException(400, ERROR_MESSAGES.INVALID_EMAIL_FORMAT);
  if (await services.users.getByEmail(email)) throw new HTTPException(400, ERROR_MESSAGES.EMAIL_TAKEN);
  const problem = passwordProblem(services, input.password);
  if (problem) throw new HTTPException(400, problem);
  let created: { user: UserModel; isFirst: boolean };
  try {
    created = await services.users.create({
      email,
      name: input.name,
      profileImageUrl: input.profileImageUrl,
      passwordHash: await hashPassword(input.password),
      role: input.role,
    });
  } catch (e) {
    if (e instanceof EmailTakenError) throw new HTTPException(400, ERROR_MESSAGES.EMAIL_TAKEN);
    throw e;
  }
  if (created.isFirst) await services.config.set({ ENABLE_SIGNUP: false });
  const defaultGroup = services.config.get('DEFAULT_GROUP_ID');
  if (defaultGroup && (await services.groups.getById(defaultGroup))) await services.groups.addMembers(defaultGroup, [created.user.id]);
  return created.user;
}

export function announceSignup(services: Services, user: UserModel): void {
  const url = services.config.get('WEBHOOK_URL');
  if (!url) return;
  const message = `New user signed up: ${user.name}`;
  void postWebhook(services.settings.webuiName, url, message, { action: 'signup', message, user: JSON.stringify(user) });
}
