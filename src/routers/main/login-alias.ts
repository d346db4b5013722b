// POST /api/auth/login: the sign-in route under the path some clients use (same body, rate limit,
// cookie and response as /api/v1/auths/signin).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { signin } from '../auths/session.ts';
import { SigninForm } from '../auths/schemas.ts';

export async function loginAliasRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  app.post('/api/auth/login', { schema: { body: SigninForm } }, async (request, reply) => signin(services, request, reply, request.body));
}
