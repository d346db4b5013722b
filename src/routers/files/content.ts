// A file's bytes. Uploaded HTML must never run in our origin (stored XSS, an Open WebUI advisory
// class), so only PDFs (application/pdf) and text/plain are shown inline; everything else is an
// attachment, nothing is sniffed, and what is not a PDF gets a sandbox CSP. /content/html renders
// files an admin uploaded, in a sandbox without our origin (scripts run, tokens stay out of reach).
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import type { Services } from '../../services.ts';
import type { FileModel, FilesStore } from '../../stores/files.ts';
import { accessibleFile } from './lookup.ts';
import { AttachmentQuery, FileIdParams } from './schemas.ts';

const SANDBOX = 'sandbox';
const HTML_SANDBOX = 'sandbox allow-scripts allow-popups allow-forms allow-modals';

/** Python's urllib.parse.quote (RFC 5987 filename*): like encodeURIComponent, but `/` kept and `!'()*` escaped. */
function pyQuote(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, '/');
}

const displayName = (file: FileModel): string => (typeof file.meta['name'] === 'string' ? file.meta['name'] : file.filename);
const storedType = (file: FileModel): string | null => (typeof file.meta['content_type'] === 'string' ? file.meta['content_type'] : null);

async function openStored(services: Services, file: FileModel): Promise<Readable> {
  if (!file.path) throw new HTTPException(404, ERROR_MESSAGES.NOT_FOUND);
  return services.storage.open(file.path);
}

function send(reply: FastifyReply, body: Readable | string, type: string, disposition: string | null, csp: string | null): FastifyReply {
  reply.type(type).header('X-Content-Type-Options', 'nosniff');
  if (disposition) reply.header('Content-Disposition', disposition);
  if (csp) reply.header('Content-Security-Policy', csp);
  return reply.send(body);
}

export function contentRoutes(base: FastifyInstance, files: FilesStore): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;

  app.get('/:id/content', { preValidation: verifiedUser, schema: { params: FileIdParams, querystring: AttachmentQuery } }, async (request, reply) => {
    const file = await accessibleFile(services, files, request, request.params.id, 'read');
    let body: Readable;
    try {
      body = await openStored(services, file);
    } catch (error) {
      request.log.warn({ err: error, fileId: file.id }, 'file content unavailable');
      throw new HTTPException(400, ERROR_MESSAGES.DEFAULT('Error getting file content'));
    }
    const name = displayName(file);
    const type = storedType(file);
    const encoded = `filename*=UTF-8''${pyQuote(name)}`;
    if (!request.query.attachment && (type === 'application/pdf' || name.toLowerCase().endsWith('.pdf'))) {
      return send(reply, body, 'application/pdf', `inline; ${encoded}`, null);
    }
    if (!request.query.attachment && type === 'text/plain') return send(reply, body, 'text/plain; charset=utf-8', null, SANDBOX);
    return send(reply, body, type ?? 'application/octet-stream', `attachment; ${encoded}`, SANDBOX);
  });

  app.get('/:id/content/html', { preValidation: verifiedUser, schema: { params: FileIdParams } }, async (request, reply) => {
    const file = await files.get(request.params.id);
    const owner = file ? await services.users.getById(file.user_id) : null;
    if (!file || owner?.role !== 'admin') throw new HTTPException(404, ERROR_MESSAGES.NOT_FOUND);
    await accessibleFile(services, files, request, file.id, 'read');
    let body: Readable;
    try {
      body = await openStored(services, file);
    } catch {
      throw new HTTPException(400, ERROR_MESSAGES.DEFAULT('Error getting file content'));
    }
    return send(reply, body, storedType(file) ?? 'text/html; charset=utf-8', null, HTML_SANDBOX);
  });

  // The name segment is ignored (a download URL that ends in the file's name). A file without stored
  // bytes is offered as its extracted text.
  app.get('/:id/content/:file_name', { preValidation: verifiedUser, schema: { params: FileIdParams.extend({ file_name: FileIdParams.shape.id }) } }, async (request, reply) => {
    const file = await accessibleFile(services, files, request, request.params.id, 'read');
    const disposition = `attachment; filename*=UTF-8''${pyQuote(displayName(file))}`;
    if (!file.path) return send(reply, String(file.data['content'] ?? ''), 'text/plain; charset=utf-8', disposition, SANDBOX);
    let body: Readable;
    try {
      body = await openStored(services, file);
    } catch {
      throw new HTTPException(404, ERROR_MESSAGES.NOT_FOUND);
    }
    return send(reply, body, storedType(file) ?? 'application/octet-stream', disposition, SANDBOX);
  });
}
