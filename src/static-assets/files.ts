// Serving files from a directory the operator chose (the frontend build, STATIC_DIR) without
// directory listings, dotfiles or `..` escapes, and with content types from a fixed list.
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

/** The content type for a file name; unknown kinds are plain bytes, never sniffed as HTML. */
export function contentTypeOf(name: string): string {
  return CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The absolute path of `relative` (a URL path below the mount, still percent-encoded) inside
 * `root`, or undefined when it is malformed, names a dotfile, or leaves the root.
 */
export function safeJoin(root: string, relative: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const parts = decoded.split('/').filter((p) => p !== '');
  if (parts.length === 0 || parts.some((p) => p.startsWith('.'))) return undefined;
  const base = resolve(root);
  const full = resolve(join(base, ...parts));
  return full.startsWith(base + sep) ? full : undefined;
}

/** The first of `roots` holding `relative` as a regular file. */
export async function findFile(roots: readonly string[], relative: string): Promise<{ path: string; size: number; mtime: Date } | undefined> {
  for (const root of roots) {
    const path = safeJoin(root, relative);
    if (!path) return undefined;
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile()) return { path, size: info.size, mtime: info.mtime };
  }
  return undefined;
}
