// Reading files: the caller's list (admins: everyone's), glob search, one file, its extracted text, and
// its processing status, as JSON or as the SSE stream the web UI follows after an upload.
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { HTTPException } from '../../lib/errors.ts';
import { globMatcher, type FilesStore } from '../../stores/files.ts';
import { accessibleFile, listed } from './lookup.ts';
import { ContentQuery, FileIdParams, SearchQuery, StatusQuery } from './schemas.ts';

const STATUS_POLL_MS = 500;
// Open WebUI gives up on a file after two hours of polls.
const STATUS_MAX_POLLS = 2 * 3600 * 2;

export function readRoutes(base: FastifyInstance, files: FilesStore): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const visibleTo = (request: Parameters<typeof userOf>[0]) => {
    const user = userOf(request);
    return files.list(user.role === 'admin' ? undefined : user.id);
  };

  app.get('/', { preValidation: verifiedUser, prefixTrailingSlash: 'slash', schema: { querystring: ContentQuery } }, async (request) =>
    (await visibleTo(request)).map((f) => listed(f, request.query.content)),
  );

  app.get('/search', { preValidation: verifiedUser, schema: { querystring: SearchQuery } }, async (request) => {
    const matches = globMatcher(request.query.filename.toLowerCase());
    const found = (await visibleTo(request)).filter((f) => matches(f.filename));
    if (found.length === 0) throw new HTTPException(404, 'No files found matching the pattern.');
    return found.map((f) => listed(f, request.query.content));
  });

  app.get('/:id', { preValidation: verifiedUser, schema: { params: FileIdParams } }, async (request) =>
    accessibleFile(services, files, request, request.params.id, 'read'),
  );

  app.get('/:id/data/content', { preValidation: verifiedUser, schema: { params: FileIdParams } }, async (request) => {
    const file = await accessibleFile(services, files, request, request.params.id, 'read');
    return { content: file.data['content'] ?? '' };
  });

  app.get('/:id/process/status', { preValidation: verifiedUser, schema: { params: FileIdParams, querystring: StatusQuery } }, async (request, reply) => {
    const file = await accessibleFile(services, files, request, request.params.id, 'read');
    if (!request.query.stream) return { status: file.data['status'] ?? 'pending' };
    // One event per poll until the file is done; a file without a status (legacy, or uploaded with
    // process=false) ends the stream at once. The stream stops when the client goes away.
    async function* events(): AsyncGenerator<string> {
      for (let poll = 0; poll < STATUS_MAX_POLLS; poll++) {
        const current = await files.get(file.id);
        const status = current?.data['status'];
        if (typeof status !== 'string') return;
        yield `data: ${JSON.stringify(status === 'failed' ? { status, error: current?.data['error'] ?? null } : { status })}\n\n`;
        if (status === 'completed' || status === 'failed') return;
        await sleep(STATUS_POLL_MS);
      }
    }
    return reply.type('text/event-stream').header('Cache-Control', 'no-cache').send(Readable.from(events()));
  });
}
