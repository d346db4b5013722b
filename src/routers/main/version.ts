// /api/version, /api/version/updates and /api/changelog.
import type { FastifyInstance } from 'fastify';
import { verifiedUser } from '../../auth/guards.ts';
import { recentChanges } from '../../static-assets/changelog.ts';
import { latestVersion } from './version-check.ts';

export async function versionRoutes(app: FastifyInstance): Promise<void> {
  const { services } = app;
  const { version, settings } = services;

  app.get('/api/version', async () => ({ version, deployment_id: settings.deploymentId }));

  app.get('/api/version/updates', { preValidation: verifiedUser }, async () => {
    const url = settings.enableVersionUpdateCheck ? settings.versionUpdateUrl : undefined;
    return { current: version, latest: await latestVersion(version, url) };
  });

  app.get('/api/changelog', async () => recentChanges(5));
}
