// What GET /users/{id}/profile/image answers for a stored profile_image_url.
import { defaultAvatarPng } from '../../assets/default-avatar.ts';

export type ProfileImage =
  | { kind: 'redirect'; location: string }
  | { kind: 'bytes'; contentType: string; extension: string; bytes: Buffer };

/** Raster types served back inline; anything else (SVG above all: it can carry script) is not. */
const SAFE_RASTER: Record<string, { contentType: string; extension: string }> = {
  'image/png': { contentType: 'image/png', extension: 'png' },
  'image/jpeg': { contentType: 'image/jpeg', extension: 'jpg' },
  'image/jpg': { contentType: 'image/jpeg', extension: 'jpg' },
  'image/gif': { contentType: 'image/gif', extension: 'gif' },
  'image/webp': { contentType: 'image/webp', extension: 'webp' },
};

function defaultImage(): ProfileImage {
  return { kind: 'bytes', contentType: 'image/png', extension: 'png', bytes: defaultAvatarPng() };
}

/** A base64 `data:` URL of a safe raster type, decoded; null for anything else. */
function decodeDataUrl(url: string): ProfileImage | null {
  const comma = url.indexOf(',');
  if (comma === -1) return null;
  const [mediaType = '', ...params] = url.slice('data:'.length, comma).split(';');
  const safe = SAFE_RASTER[mediaType.trim().toLowerCase()];
  if (!safe || params.at(-1)?.trim().toLowerCase() !== 'base64') return null;
  const bytes = Buffer.from(url.slice(comma + 1), 'base64');
  return bytes.length ? { kind: 'bytes', ...safe, bytes } : null;
}

/** An external http(s) picture is a redirect, a data: URL its decoded bytes, anything else the default avatar. */
export function profileImageFor(url: string | null): ProfileImage {
  if (!url) return defaultImage();
  if (/^https?:\/\//i.test(url)) {
    try {
      return { kind: 'redirect', location: new URL(url).href };
    } catch {
      return defaultImage();
    }
  }
  if (/^data:image/i.test(url)) return decodeDataUrl(url) ?? defaultImage();
  return defaultImage();
}
