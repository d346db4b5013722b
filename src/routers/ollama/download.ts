// Model files for Ollama (admin): download a GGUF from Hugging Face or GitHub into UPLOAD_DIR with
// SSE progress, then hand it to the node as a blob.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync, unlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser } from '../../auth/guards.ts';
import { HTTPException } from '../../lib/errors.ts';
import type { OllamaConnection } from '../../providers/connections.ts';
import { ollamaAuthHeaders } from '../../providers/ollama-models.ts';
import { joinUrl } from '../../providers/upstream.ts';
import { connectionAt } from './routing.ts';
import { OptionalIdx, UrlForm } from './schemas.ts';

const ALLOWED_HOSTS = ['https://huggingface.co/', 'https://github.com/'];
const DOWNLOAD_TIMEOUT_MS = 600_000;
const BLOB_TIMEOUT_MS = 30_000;
/** One progress event per this many bytes (Open WebUI reads 1 MiB chunks). */
export const PROGRESS_STEP = 1024 * 1024;

export const sseEvent = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;
export const round2 = (x: number) => Math.round(x * 100) / 100;

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Downloads `fileUrl` to `filePath` (resuming a partial file), yielding SSE progress events, then
 * posts it to the node's blob store and yields `{done, blob, name}` (or `{error}`).
 */
export async function* downloadToNode(node: OllamaConnection, fileUrl: string, filePath: string, fileName: string): AsyncGenerator<string> {
  let current = existsSync(filePath) ? statSync(filePath).size : 0;
  const response = await fetch(fileUrl, {
    headers: current > 0 ? { Range: `bytes=${current}-` } : {},
    signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
  });
  if (!response.ok || !response.body) {
    yield sseEvent({ error: `Download failed: HTTP Error: ${response.status}` });
    return;
  }
  const total = Number(response.headers.get('content-length') ?? 0) + current;
  const out = createWriteStream(filePath, { flags: 'a' });
  let reported = current;
  try {
    for await (const chunk of Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)) {
      const data = chunk as Buffer;
      current += data.length;
      if (!out.write(data)) await once(out, 'drain');
      if (current - reported >= PROGRESS_STEP || current === total) {
        reported = current;
        yield sseEvent({ progress: total > 0 ? round2((current / total) * 100) : 0, completed: current, total });
      }
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  if (current !== total) return;

  const hash = await sha256Of(filePath);
  const blob = await fetch(joinUrl(node.url, `/api/blobs/sha256:${hash}`), {
    method: 'POST',
    headers: ollamaAuthHeaders(node),
    body: Readable.toWeb(createReadStream(filePath)) as unknown as ReadableStream,
    duplex: 'half',
    signal: AbortSignal.timeout(BLOB_TIMEOUT_MS),
  } as RequestInit).catch(() => undefined);
  if (!blob?.ok) {
    yield sseEvent({ error: 'Ollama: Could not create blob, Please try again.' });
    return;
  }
  unlinkSync(filePath);
  yield sseEvent({ done: true, blob: `sha256:${hash}`, name: fileName });
}

export async function downloadRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const uploadDir = join(services.settings.dataDir, 'uploads');

  const download = { preValidation: adminUser, schema: { body: UrlForm, params: OptionalIdx } };
  for (const path of ['/models/download', '/models/download/:url_idx']) {
    app.post(path, download, async (request, reply) => {
      const { url } = request.body;
      if (!ALLOWED_HOSTS.some((host) => url.startsWith(host))) {
        throw new HTTPException(400, 'Invalid file_url. Only URLs from allowed hosts are permitted.');
      }
      const node = connectionAt(services, request.params.url_idx ?? 0);
      // The file is named after the URL's last path segment (never a directory of ours).
      const fileName = basename(new URL(url).pathname);
      if (fileName === '' || fileName === '.' || fileName === '..') return null;
      mkdirSync(uploadDir, { recursive: true });
      reply.header('content-type', 'text/event-stream');
      return reply.send(Readable.from(downloadToNode(node, url, join(uploadDir, fileName), fileName)));
    });
  }
}
