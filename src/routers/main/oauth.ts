// OAuth sign-in and tool-server OAuth routes. Open WebUI answers 404 for a provider or client that is
// not registered; none is registered until the OAuth flows are built, so these answer exactly that.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { verifiedUser } from '../../auth/guards.ts';
import { HTTPException } from '../../lib/errors.ts';

const Provider = z.object({ provider: z.string().max(255) });
const Client = z.object({ client_id: z.string().max(1024) });

const notRegistered = async (): Promise<never> => {
  throw new HTTPException(404, 'Not Found');
};

export async function oauthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/oauth/:provider/login', { schema: { params: Provider } }, notRegistered);
  app.get('/oauth/:provider/login/callback', { schema: { params: Provider } }, notRegistered);
  app.get('/oauth/:provider/callback', { schema: { params: Provider } }, notRegistered);
  app.get('/oauth/clients/:client_id/authorize', { preValidation: verifiedUser, schema: { params: Client } }, notRegistered);
  app.get('/oauth/clients/:client_id/callback', { preValidation: verifiedUser, schema: { params: Client } }, notRegistered);
}
