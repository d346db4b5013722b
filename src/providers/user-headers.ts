// ENABLE_FORWARD_USER_INFO_HEADERS: who is asking, for upstreams that account per user.
import type { Settings } from '../config/settings.ts';

export interface ForwardedUser {
  id: string;
  name: string;
  email: string;
  role: string;
}

export function userInfoHeaders(settings: Pick<Settings, 'forwardUserInfoHeaders'>, user: ForwardedUser, chatId?: string): Record<string, string> {
  if (!settings.forwardUserInfoHeaders) return {};
  return {
    'x-openwebui-user-name': encodeURIComponent(user.name),
    'x-openwebui-user-id': user.id,
    'x-openwebui-user-email': user.email,
    'x-openwebui-user-role': user.role,
    ...(chatId ? { 'x-openwebui-chat-id': chatId } : {}),
  };
}
