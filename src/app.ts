// buildApp: configuration → database → services → Fastify with every router. No listen();
// tests use a port or inject(), main.ts listens.
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import cors from '@fastify/cors';
import type { Env } from './config/env-parse.ts';
import { loadSettings, type Settings } from './config/settings.ts';
import { envConfigValues, PersistentConfig } from './config/persistent.ts';
import { openDatabase } from './db/connection.ts';
import { migrate } from './db/migrate.ts';
import { deleteAllConfig } from './stores/config.ts';
import { RedisBus } from './infra/redis.ts';
import { resolveSecretKey } from './auth/secret.ts';
import { TokenSigner } from './auth/tokens.ts';
import { MemoryRevocation, RedisRevocation } from './auth/revocation.ts';
import { RateLimiter } from './auth/rate-limit.ts';
import { Permissions } from './auth/permissions.ts';
import { AccessChecker } from './auth/access-control.ts';
import { UsersStore } from './stores/users.ts';
import { AuthsStore } from './stores/auths.ts';
import { ApiKeysStore } from './stores/api-keys.ts';
import { GroupsStore } from './stores/groups.ts';
import { OAuthSessionsStore } from './stores/oauth-sessions.ts';
import { ChatIndex } from './stores/chat-index/maintain.ts';
import { ModelsStore } from './stores/models.ts';
import { Providers } from './providers/index.ts';
import { Fernet } from './lib/fernet.ts';
import { installErrorHandling, installJsonParser } from './http/errors.ts';
import { zodValidatorCompiler } from './http/validation.ts';
import { installResponseHeaders } from './http/headers.ts';
import { installFrontend } from './http/frontend.ts';
import { installConfigSync } from './config/sync.ts';
import { bootstrapAdmin } from './auth/bootstrap.ts';
import { VERSION } from './lib/version.ts';
import type { Services } from './services.ts';
import { registerRouters } from './routers/index.ts';
import { Realtime } from './realtime/hub.ts';
import { createStorage } from './storage/index.ts';
import { TaskRegistry } from './chat/tasks.ts';
import { openRetrieval } from './retrieval/index.ts';

/**
 * The listen queue for new connections (uvicorn's default): with Node's 511, a burst of connections
 * while the event loop is busy relaying overflows it, and each dropped SYN costs the client a 1 s retry.
 */
export const LISTEN_BACKLOG = 2048;

export interface BuiltApp {
  app: FastifyInstance;
  services: Services;
  close(): Promise<void>;
}

/** Connects what the environment names and runs migrations; throws ConfigError on bad settings. */
export async function createServices(env: Env): Promise<Services> {
  const settings: Settings = loadSettings(env);
  const envValues = envConfigValues(env);
  const secret = resolveSecretKey(settings.secretKey, settings.secretKeyFile);
  const sessionCipher = Fernet.fromSecret(settings.oauthSessionKey ?? secret);
  const database = await openDatabase({
    url: settings.databaseUrl,
    schema: settings.databaseSchema,
    poolSize: settings.databasePoolSize,
    sqliteWal: settings.sqliteWal,
  });
  try {
    await migrate(database);
    if (settings.resetConfigOnStart) await deleteAllConfig(database);
    const config = await PersistentConfig.load(database, envValues, {
      enabled: settings.enablePersistentConfig,
      oauthEnabled: settings.enableOauthPersistentConfig,
    });
    const redis = settings.redisUrl ? await RedisBus.connect(settings.redisUrl, settings.redisKeyPrefix) : undefined;
    const groups = new GroupsStore(database);
    const permissions = new Permissions(groups, () => config.get('USER_PERMISSIONS'));
    const access = new AccessChecker(groups, permissions, settings);
    const retrieval = await openRetrieval(settings.retrieval, config, database);
    return {
      version: VERSION,
      startedAt: Date.now(),
      settings,
      config,
      database,
      redis,
      tokens: new TokenSigner(secret),
      revocation: redis ? new RedisRevocation(redis) : new MemoryRevocation(),
      signinLimiter: new RateLimiter(redis, { limit: 15, windowSeconds: 180, bucketSeconds: 60 }),
      permissions,
      access,
      users: new UsersStore(database),
      auths: new AuthsStore(database),
      apiKeys: new ApiKeysStore(database),
      groups,
      oauthSessions: new OAuthSessionsStore(database, sessionCipher),
      chatIndex: new ChatIndex(database),
      providers: new Providers(settings, config, new ModelsStore(database), access),
      realtime: new Realtime(),
      tasks: new TaskRegistry(redis),
      storage: createStorage(settings.storage),
      retrieval,
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function closeServices(services: Services): Promise<void> {
  services.tasks.close();
  await services.chatIndex.stop();
  await services.providers.close();
  services.storage.close();
  await services.retrieval.close();
  await services.redis?.close();
  await services.database.close();
}

export async function buildApp(env: Env = process.env): Promise<BuiltApp> {
  const services = await createServices(env);
  const app = Fastify({
    logger: { level: services.settings.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: 100 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 1000 },
    // Per-request log lines only in development; errors are always logged.
    logController: new LogController({ disableRequestLogging: services.settings.env !== 'dev' }),
  });
  try {
    await assemble(app, services);
  } catch (error) {
    // A failed start (e.g. a bad WEBUI_ADMIN_PASSWORD) leaves no connection open.
    await app.close().catch(() => undefined);
    await closeServices(services);
    throw error;
  }
  return {
    app,
    services,
    async close() {
      await app.close();
      await closeServices(services);
    },
  };
}

async function assemble(app: FastifyInstance, services: Services): Promise<void> {
  const { settings } = services;
  app.decorate('services', services);
  app.decorateRequest('principal', null);
  app.setValidatorCompiler(zodValidatorCompiler);

  await app.register(cookie);
  // Multipart bodies are parsed only when a route asks for them (request.file()), streamed, not buffered.
  await app.register(multipart);
  const wildcard = settings.corsAllowOrigins.includes('*');
  // A wildcard is never combined with credentials (Open WebUI's Starlette setup echoed any origin).
  await app.register(cors, { origin: wildcard ? '*' : settings.corsAllowOrigins, credentials: !wildcard });
  installJsonParser(app);
  installResponseHeaders(app, settings.securityHeaders);
  const frontend = await installFrontend(app, settings);
  installErrorHandling(app, frontend.fallback);
  // Swagger is loaded only in development, where the docs are served.
  if (settings.env === 'dev') await (await import('./http/docs.ts')).installDocs(app);

  await registerRouters(app);
  await bootstrapAdmin(services);
  await installConfigSync(services);
  services.chatIndex.start((message) => app.log.warn(message));
  services.providers.log = (message) => app.log.warn(message);
  await services.realtime.attach(app.server, services, (message) => app.log.warn(message));
  await services.tasks.listen();
  // Before the HTTP server waits for its connections to end: open websockets never would.
  app.addHook('preClose', () => services.realtime.close());
}
