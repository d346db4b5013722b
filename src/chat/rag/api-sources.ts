// Sources for API clients, as Open WebUI sends them outside the web UI: a streamed answer starts with
// `data: {"sources": [...]}`, a whole one carries `sources` beside the completion. The answer itself
// comes from the provider code untouched; this onSend hook adds the sources recorded for the request.
import { PassThrough, Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Source } from './sources.ts';

const recorded = new WeakMap<FastifyRequest, Source[]>();

export function recordSources(request: FastifyRequest, sources: Source[]): void {
  if (sources.length > 0) recorded.set(request, sources);
}

export async function withSources(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  const sources = recorded.get(request);
  if (!sources || reply.statusCode !== 200) return payload;
  const type = String(reply.getHeader('content-type') ?? '');
  if (payload instanceof Readable && type.includes('text/event-stream')) {
    const out = new PassThrough();
    out.write(`data: ${JSON.stringify({ sources })}\n\n`);
    payload.on('error', (error) => out.destroy(error));
    out.on('close', () => payload.destroy());
    return payload.pipe(out);
  }
  if (typeof payload === 'string' && type.includes('application/json')) {
    try {
      const body: unknown = JSON.parse(payload);
      if (body && typeof body === 'object' && !Array.isArray(body)) return JSON.stringify({ ...body, sources });
    } catch {
      // not JSON after all: left as it is
    }
  }
  return payload;
}
