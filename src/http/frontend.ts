// The Open WebUI web client on the API's origin. With a build (FRONTEND_BUILD_DIR holding
// index.html) its files are served at `/`, and any other page path answers index.html so the
// single-page app can route it — except API prefixes and missing `.js` files, which stay 404.
// Without a build, `/` answers a short JSON note instead of a bare 404.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Settings } from '../config/settings.ts';
import { generatedImage } from '../static-assets/images.ts';
import { VERSION } from '../lib/version.ts';

export interface Frontend {
  /** Answers a request no route matched, when the frontend owns it; true when it answered. */
  fallback(request: FastifyRequest, reply: FastifyReply): boolean;
}

// Paths the app never hands to the web client, whatever the method.
const NOT_PAGES = ['/api', '/ollama', '/openai', '/ws', '/static', '/v1'];
// Images the client links at the root (default avatars, favicon), drawn when the build lacks them.
const ROOT_IMAGES = new Set(['favicon.png', 'favicon-dark.png', 'user.png', 'logo.png', 'splash.png', 'splash-dark.png']);

const isPage = (path: string): boolean => !NOT_PAGES.some((p) => path === p || path.startsWith(`${p}/`)) && !path.endsWith('.js');

function hasIndex(dir: string): boolean {
  try {
    return statSync(join(dir, 'index.html')).isFile();
  } catch {
    return false;
  }
}

// YouTube's hosts and 11-character video ids, for share links that become ?youtube=<id>.
const YOUTUBE_HOSTS = new Set(['youtu.be', 'm.youtube.com', 'youtube.com', 'www.youtube.com', 'www.youtube-nocookie.com', 'vid.plus']);

function youtubeId(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if (!['http:', 'https:'].includes(url.protocol) || !YOUTUBE_HOSTS.has(url.host)) return undefined;
  const id = url.pathname.endsWith('/watch') ? url.searchParams.get('v') : url.pathname.split('/').pop();
  return id?.length === 11 ? id : undefined;
}

/**
 * Open WebUI's page redirects: `…/watch?v=<id>` opens the video in a new chat, and the installed app's
 * share target (`?shared=<text>`) becomes a YouTube id, a URL to load or a prompt.
 */
function shareRedirect(path: string, query: URLSearchParams): string | undefined {
  const target = new URLSearchParams();
  const v = query.get('v');
  if (path.endsWith('/watch') && v !== null) target.set('youtube', v);
  const shared = query.get('shared');
  if (shared) {
    const link = /^https:\/\/\S+/.exec(shared)?.[0];
    const id = link ? youtubeId(link) : undefined;
    if (id) target.set('youtube', id);
    else if (link) target.set('load-url', link);
    else target.set('q', shared);
  }
  return target.size > 0 ? `/?${target.toString()}` : undefined;
}

export async function installFrontend(app: FastifyInstance, settings: Settings): Promise<Frontend> {
  const root = settings.frontendBuildDir;
  const built = hasIndex(root);
  if (built) {
    await app.register(fastifyStatic, { root, prefix: '/', wildcard: true, index: ['index.html'], redirect: false, list: false, dotfiles: 'ignore' });
    // Page requests only: an API query parameter named `shared` or `v` is none of the client's business.
    app.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET') return;
      const [path = '/', search = ''] = request.url.split('?', 2);
      if (!search || !isPage(path)) return;
      const location = shareRedirect(path, new URLSearchParams(search));
      if (location) return reply.redirect(location, 307);
    });
  } else {
    app.log.warn(`no frontend build at ${root} (index.html missing): serving the API only`);
  }

  return {
    fallback(request, reply) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const path = request.url.split('?')[0] ?? '/';
      const image = path.lastIndexOf('/') === 0 && ROOT_IMAGES.has(path.slice(1)) ? generatedImage(path.slice(1)) : undefined;
      if (image) {
        reply.code(200).type('image/png').send(image);
        return true;
      }
      if (!built) {
        if (path !== '/') return false;
        reply.code(200).send({
          status: true,
          name: settings.webuiName,
          version: VERSION,
          message: 'open-webui-ts is running without a web interface; set FRONTEND_BUILD_DIR to an Open WebUI build to serve it.',
        });
        return true;
      }
      if (!isPage(path)) return false;
      reply.code(200).sendFile('index.html');
      return true;
    },
  };
}
