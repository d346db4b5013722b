// GET /api/usage: how many people are active and which models are generating right now.
import type { FastifyInstance } from 'fastify';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { HTTPException } from '../../lib/errors.ts';
import { epochSeconds } from '../../lib/time.ts';

const ACTIVE_WINDOW_SECONDS = 180;

export async function usageRoutes(app: FastifyInstance): Promise<void> {
  const { services } = app;

  app.get('/api/usage', { preValidation: verifiedUser }, async (request) => {
    if (!services.settings.enablePublicActiveUsersCount && userOf(request).role !== 'admin') {
      throw new HTTPException(403, 'Access denied. Only administrators can view usage statistics.');
    }
    const since = epochSeconds() - ACTIVE_WINDOW_SECONDS;
    return { model_ids: await services.realtime.modelsInUse.list(), user_count: await services.users.countActiveSince(since) };
  });
}
