// Uploading a GGUF file to an Ollama node (admin). The multipart file is written to the upload
// folder while its sha256 is computed; the answer is then an SSE stream: progress as the node takes
// the blob (Open WebUI reports a re-read of the local file instead), then the model is created from
// it with `/api/create` and `{done, blob, name, model_created}` ends the stream (or `{error}`).
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser } from '../../auth/guards.ts';
import { RequestValidationError } from '../../http/validation.ts';
import type { OllamaConnection } from '../../providers/connections.ts';
import { ollamaAuthHeaders } from '../../providers/ollama-models.ts';
import { joinUrl, parseOrText, UpstreamHttpError } from '../../providers/upstream.ts';
import type { Services } from '../../services.ts';
import { PROGRESS_STEP, sseEvent, round2 } from './download.ts';
import { connectionAt } from './routing.ts';
import { OptionalIdx } from './schemas.ts';

const BLOB_FAILED = 'Ollama: Could not create blob, Please try again.';

interface SavedFile {
  path: string;
  name: string;
  size: number;
  sha256: string;
}

/** The file's bytes, passed on unchanged, counted and hashed on the way. */
function hashing(): Transform & { digest: () => { size: number; sha256: string } } {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  return Object.assign(tap, { digest: () => ({ size, sha256: hash.digest('hex') }) });
}

/**
 * Sends the saved file to the node's blob store, writing a progress event per PROGRESS_STEP bytes the
 * node has taken; the node's answer is bounded by the request timeout after the last byte it took.
 */
async function sendBlob(services: Services, node: OllamaConnection, file: SavedFile, events: PassThrough): Promise<void> {
  let sent = 0;
  let reported = 0;
  const progress = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      if (sent - reported >= PROGRESS_STEP || sent === file.size) {
        reported = sent;
        events.write(sseEvent({ progress: file.size > 0 ? round2((sent / file.size) * 100) : 100, total: file.size, completed: sent }));
      }
      done(null, chunk);
    },
  });
  const response = await services.providers.upstream.send(joinUrl(node.url, `/api/blobs/sha256:${file.sha256}`), {
    method: 'POST',
    headers: { ...ollamaAuthHeaders(node), 'content-type': 'application/octet-stream', 'content-length': String(file.size) },
    body: createReadStream(file.path).pipe(progress),
    timeoutMs: services.settings.upstreamTimeoutMs,
  });
  const text = await response.body.text();
  if (response.statusCode >= 400) throw new UpstreamHttpError(response.statusCode, parseOrText(text));
}

/** Creates the model `<file name without extension>` from the uploaded blob. */
async function createModel(services: Services, node: OllamaConnection, file: SavedFile): Promise<string> {
  const model = basename(file.name, extname(file.name));
  const response = await services.providers.upstream.send(joinUrl(node.url, '/api/create'), {
    method: 'POST',
    headers: ollamaAuthHeaders(node),
    body: { model, files: { [file.name]: `sha256:${file.sha256}` }, stream: false },
    timeoutMs: services.settings.upstreamTimeoutMs,
  });
  const text = await response.body.text();
  if (response.statusCode >= 400) throw new Error(`Failed to create model in Ollama. ${text}`);
  return model;
}

async function toNode(services: Services, node: OllamaConnection, file: SavedFile, events: PassThrough): Promise<void> {
  try {
    try {
      await sendBlob(services, node, file, events);
    } catch {
      throw new Error(BLOB_FAILED);
    }
    const model = await createModel(services, node, file);
    events.write(sseEvent({ done: true, blob: `sha256:${file.sha256}`, name: file.name, model_created: model }));
  } catch (error) {
    events.write(sseEvent({ error: error instanceof Error ? error.message : String(error) }));
  } finally {
    rmSync(file.path, { force: true });
    events.end();
  }
}

export async function uploadRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const uploadDir = join(services.settings.dataDir, 'uploads');

  for (const path of ['/models/upload', '/models/upload/:url_idx']) {
    app.post(path, { preValidation: adminUser, schema: { params: OptionalIdx } }, async (request, reply) => {
      const node = connectionAt(services, request.params.url_idx ?? 0);
      const part = request.isMultipart() ? await request.file({ limits: { fileSize: Infinity } }) : undefined;
      if (!part || part.fieldname !== 'file') {
        part?.file.resume();
        throw new RequestValidationError([{ type: 'missing', loc: ['body', 'file'], msg: 'Field required', input: null }]);
      }
      // Saved under a name of our own (concurrent uploads of one file name do not collide); the
      // model is named after the client's file name without its folders.
      const name = basename(part.filename || 'model.gguf');
      mkdirSync(uploadDir, { recursive: true });
      const saved = join(uploadDir, `${randomUUID()}-${name}`);
      const tap = hashing();
      try {
        await pipeline(part.file, tap, createWriteStream(saved));
      } catch (error) {
        rmSync(saved, { force: true });
        throw error;
      }
      const events = new PassThrough();
      void toNode(services, node, { path: saved, name, ...tap.digest() }, events);
      return reply.header('content-type', 'text/event-stream').send(events);
    });
  }
}
