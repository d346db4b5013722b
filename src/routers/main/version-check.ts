// "Is there a newer release?" for /api/version/updates. Open WebUI asks GitHub for its own latest
// release; we have no release feed of our own to ask, so the check only runs against a URL the
// operator names in VERSION_UPDATE_URL (GitHub's `releases/latest` JSON with `tag_name`, or a
// registry document with `version`). No URL, a slow or failing answer → the current version.

const TIMEOUT_MS = 1000;
const VERSION = /^v?(\d+\.\d+\.\d+[0-9A-Za-z.+-]{0,40})$/;

function versionIn(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const raw = typeof record['tag_name'] === 'string' ? record['tag_name'] : record['version'];
  return typeof raw === 'string' ? VERSION.exec(raw.trim())?.[1] : undefined;
}

export async function latestVersion(current: string, url: string | undefined): Promise<string> {
  if (!url) return current;
  try {
    const res = await fetch(url, { headers: { Accept: 'application/json' }, redirect: 'follow', signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!res.ok) return current;
    return versionIn(await res.json()) ?? current;
  } catch {
    return current;
  }
}
