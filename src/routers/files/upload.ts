// POST /api/v1/files/: a multipart upload (`file`, optional `metadata` JSON), streamed into storage as
// `<id>_<name>` (never held in memory), recorded, then processed in the background (or before the
// answer with process_in_background=false). A refused upload leaves neither a row nor a blob.
import { randomUUID } from 'node:crypto';
import { basename, extname } from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import type { Services } from '../../services.ts';
import type { FilesStore } from '../../stores/files.ts';
import type { UserModel } from '../../stores/users.ts';
import { linkToChannel } from './channel-link.ts';
import { processInBackground, processUpload } from './processing.ts';
import { UploadQuery } from './schemas.ts';

const MB = 1024 * 1024;

/** A MIME type as a browser may send it; anything else is stored as unknown. */
function cleanContentType(raw: string | undefined): string | null {
  const type = raw?.trim() ?? '';
  return /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=("[^"\r\n]*"|[\w.+-]+))*$/.test(type) ? type : null;
}

function parseMetadata(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined || raw === '') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed === null) return {};
    if (typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new HTTPException(400, ERROR_MESSAGES.DEFAULT('Invalid metadata format'));
}

/** RAG_ALLOWED_FILE_EXTENSIONS (case-sensitive, without the dot, as upstream), only for files to process. */
function assertExtensionAllowed(services: Services, name: string): void {
  const allowed = services.config.get('ALLOWED_FILE_EXTENSIONS').filter((e) => e !== '');
  const extension = extname(name).slice(1);
  if (allowed.length > 0 && !allowed.includes(extension)) throw new HTTPException(400, ERROR_MESSAGES.DEFAULT(`File type ${extension} is not allowed`));
}

interface StoredUpload {
  id: string;
  name: string;
  contentType: string | null;
  path: string;
  size: number;
  metadata: Record<string, unknown>;
}

/** Reads the multipart body: the file goes to storage as it arrives, fields are collected. */
async function receive(services: Services, request: FastifyRequest, user: UserModel, process: boolean): Promise<StoredUpload> {
  const maxMb = services.config.get('FILE_MAX_SIZE');
  const limit = maxMb !== null && maxMb > 0 ? maxMb * MB : Infinity;
  let stored: StoredUpload | undefined;
  let metadataText: string | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: limit, files: 1 } })) {
      if (part.type === 'field') {
        if (part.fieldname === 'metadata') metadataText = typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
        continue;
      }
      if (part.fieldname !== 'file' || stored) {
        part.file.resume();
        continue;
      }
      stored = await store(services, part, user, process);
      if (part.file.truncated) throw new HTTPException(400, ERROR_MESSAGES.FILE_TOO_LARGE(`${maxMb} MB`));
    }
    if (!stored) throw new HTTPException(400, ERROR_MESSAGES.DEFAULT('Error uploading file'));
    stored.metadata = parseMetadata(metadataText);
    return stored;
  } catch (error) {
    if (stored) await services.storage.remove(stored.path).catch(() => undefined);
    throw error instanceof HTTPException ? error : new HTTPException(400, ERROR_MESSAGES.DEFAULT('Error uploading file'));
  }
}

async function store(services: Services, part: MultipartFile, user: UserModel, process: boolean): Promise<StoredUpload> {
  const name = basename(part.filename.replace(/\\/g, '/'));
  if (name === '' || name === '.' || name === '..') throw new HTTPException(400, ERROR_MESSAGES.DEFAULT('Error uploading file'));
  if (process) assertExtensionAllowed(services, name);
  const id = randomUUID();
  const saved = await services.storage.put(`${id}_${name}`, part.file, {
    'OpenWebUI-User-Email': user.email,
    'OpenWebUI-User-Id': user.id,
    'OpenWebUI-User-Name': user.name,
    'OpenWebUI-File-Id': id,
  });
  return { id, name, contentType: cleanContentType(part.mimetype), path: saved.path, size: saved.size, metadata: {} };
}

export function uploadRoutes(base: FastifyInstance, files: FilesStore): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;

  app.post('/', { preValidation: verifiedUser, prefixTrailingSlash: 'slash', schema: { querystring: UploadQuery } }, async (request) => {
    if (!request.isMultipart()) throw new HTTPException(400, ERROR_MESSAGES.DEFAULT('Error uploading file'));
    const user = userOf(request);
    const { process, process_in_background: inBackground } = request.query;
    const upload = await receive(services, request, user, process);
    let file;
    try {
      file = await files.insert({
        id: upload.id,
        userId: user.id,
        filename: upload.name,
        path: upload.path,
        data: process ? { status: 'pending' } : {},
        meta: { name: upload.name, content_type: upload.contentType, size: upload.size, data: upload.metadata },
      });
    } catch (error) {
      await services.storage.remove(upload.path).catch(() => undefined);
      request.log.error({ err: error }, 'recording an upload failed');
      throw new HTTPException(400, ERROR_MESSAGES.DEFAULT('Error uploading file'));
    }
    const channelId = upload.metadata['channel_id'];
    if (typeof channelId === 'string') await linkToChannel(services, channelId, file.id, user.id);
    if (!process) return file;
    if (inBackground) {
      processInBackground(services, files, file, request.log);
      return { status: true, ...file };
    }
    await processUpload(services, files, file);
    return { status: true, ...((await files.get(file.id)) ?? file) };
  });
}
