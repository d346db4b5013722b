// Everything a request handler may use, built once per app and decorated onto Fastify as `services`.
import type { Settings } from './config/settings.ts';
import type { PersistentConfig } from './config/persistent.ts';
import type { Database } from './db/connection.ts';
import type { RedisBus } from './infra/redis.ts';
import type { TokenSigner } from './auth/tokens.ts';
import type { TokenRevocation } from './auth/revocation.ts';
import type { RateLimiter } from './auth/rate-limit.ts';
import type { Permissions } from './auth/permissions.ts';
import type { UsersStore } from './stores/users.ts';
import type { AuthsStore } from './stores/auths.ts';
import type { ApiKeysStore } from './stores/api-keys.ts';
import type { GroupsStore } from './stores/groups.ts';
import type { OAuthSessionsStore } from './stores/oauth-sessions.ts';
import type { AccessChecker } from './auth/access-control.ts';
import type { ChatIndex } from './stores/chat-index/maintain.ts';
import type { Providers } from './providers/index.ts';
import type { Realtime } from './realtime/hub.ts';
import type { TaskRegistry } from './chat/tasks.ts';
import type { FileStorage } from './storage/storage.ts';
import type { OpenRetrieval } from './retrieval/index.ts';

export interface Services {
  readonly version: string;
  readonly startedAt: number;
  readonly settings: Settings;
  readonly config: PersistentConfig;
  readonly database: Database;
  readonly redis: RedisBus | undefined;
  readonly tokens: TokenSigner;
  readonly revocation: TokenRevocation;
  readonly signinLimiter: RateLimiter;
  readonly permissions: Permissions;
  readonly access: AccessChecker;
  readonly users: UsersStore;
  readonly auths: AuthsStore;
  readonly apiKeys: ApiKeysStore;
  readonly groups: GroupsStore;
  readonly oauthSessions: OAuthSessionsStore;
  readonly chatIndex: ChatIndex;
  readonly providers: Providers;
  readonly realtime: Realtime;
  readonly tasks: TaskRegistry;
  /** Uploaded files (local or S3). */
  readonly storage: FileStorage;
  /** Chunk store, extraction workers and the configured embedder. */
  readonly retrieval: OpenRetrieval;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}
