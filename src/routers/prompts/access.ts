// How the prompts router applies access control and the sharing permissions to prompts.
import { parseAccessControl, type OwnedResource } from '../../auth/access-control.ts';
import type { Services } from '../../services.ts';
import type { PromptModel } from '../../stores/prompts.ts';
import type { UserModel } from '../../stores/users.ts';

export type AccessControlValue = Record<string, unknown> | null;

/** A prompt as the access checker sees it. */
export function owned(prompt: PromptModel): OwnedResource & { prompt: PromptModel } {
  return { user_id: prompt.user_id, access_control: parseAccessControl(prompt.access_control), prompt };
}

/**
 * The access_control a new prompt gets. When the body has none (the web client's JSON import sends
 * none), Open WebUI makes the prompt public; a caller who may not publish prompts gets a private one
 * instead of a refusal. An explicit value must be allowed by the sharing permissions (403 otherwise).
 */
export async function accessForNew(services: Services, user: UserModel, requested: AccessControlValue | undefined): Promise<AccessControlValue> {
  if (requested === undefined) {
    const mayPublish = user.role === 'admin' || (await services.permissions.has(user.id, 'sharing.public_prompts'));
    return mayPublish ? null : {};
  }
  await services.access.assertMaySet(user, 'prompts', parseAccessControl(requested));
  return requested;
}

/**
 * The access_control after an update. Omitted keeps the stored one (Open WebUI would make the
 * prompt public). A changed value must be allowed by the sharing permissions; resending the stored
 * one is always fine, so a collaborator without sharing rights can still edit a shared prompt.
 */
export async function accessForUpdate(services: Services, user: UserModel, prompt: PromptModel, requested: AccessControlValue | undefined): Promise<AccessControlValue> {
  if (requested === undefined) return prompt.access_control;
  const next = parseAccessControl(requested);
  if (JSON.stringify(next) !== JSON.stringify(parseAccessControl(prompt.access_control))) {
    await services.access.assertMaySet(user, 'prompts', next);
  }
  return requested;
}
