// App-level routes (Open WebUI's main.py), registered without a prefix: health, config, version,
// usage, webhook, PWA files, /static, the model catalogue, plus the monitoring and sign-in aliases
// from the seeds.
import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health.ts';
import { appConfigRoutes } from './app-config.ts';
import { versionRoutes } from './version.ts';
import { usageRoutes } from './usage.ts';
import { webhookRoutes } from './webhook.ts';
import { pwaRoutes } from './pwa.ts';
import { staticRoutes } from './static.ts';
import { systemRoutes } from './system.ts';
import { loginAliasRoutes } from './login-alias.ts';
import { oauthRoutes } from './oauth.ts';
import { modelCatalogueRoutes } from './models.ts';
import { chatCompletionRoutes } from './chat-completions.ts';
import { chatCompletedRoutes } from './chat-completed.ts';
import { taskRoutes } from './tasks.ts';

export async function mainRouter(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(appConfigRoutes);
  await app.register(versionRoutes);
  await app.register(usageRoutes);
  await app.register(webhookRoutes);
  await app.register(pwaRoutes);
  await app.register(staticRoutes);
  await app.register(systemRoutes);
  await app.register(loginAliasRoutes);
  await app.register(oauthRoutes);
  await app.register(modelCatalogueRoutes);
  await app.register(chatCompletionRoutes);
  await app.register(chatCompletedRoutes);
  await app.register(taskRoutes);
}
