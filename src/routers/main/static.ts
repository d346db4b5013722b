// /static/*: Open WebUI's static folder. Files come from STATIC_DIR, then the frontend build's
// static/ folder; the icons Open WebUI ships (favicon, logo, splash, user) are drawn when neither has
// them. Missing files fall through to the JSON 404.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { contentTypeOf, findFile } from '../../static-assets/files.ts';
import { generatedImage } from '../../static-assets/images.ts';

const PREFIX = '/static/';

/** Headers for anything served from a static folder: declared type only, SVG without scripts. */
function staticHeaders(reply: FastifyReply, name: string): FastifyReply {
  reply.header('Content-Type', contentTypeOf(name)).header('X-Content-Type-Options', 'nosniff');
  if (name.toLowerCase().endsWith('.svg')) reply.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  return reply;
}

export async function staticRoutes(app: FastifyInstance): Promise<void> {
  const { settings } = app.services;
  const roots = [settings.staticDir, join(settings.frontendBuildDir, 'static')].filter((d): d is string => Boolean(d));

  app.get(`${PREFIX}*`, async (request, reply) => {
    // The still-encoded path: decoded exactly once, by the containment check.
    const relative = (request.url.split('?')[0] ?? '').slice(PREFIX.length);
    const file = await findFile(roots, relative);
    if (file) {
      staticHeaders(reply, file.path).header('Content-Length', file.size).header('Last-Modified', file.mtime.toUTCString());
      return reply.send(createReadStream(file.path));
    }
    const image = generatedImage(relative);
    if (image) return staticHeaders(reply, relative).send(image);
    return reply.callNotFound();
  });
}
