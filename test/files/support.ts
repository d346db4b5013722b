// Uploading through the real multipart route, as the web UI does.
import type { TestServer } from '../helpers/server.ts';

export interface UploadOptions {
  type?: string;
  query?: string;
  metadata?: string;
}

export async function upload(server: TestServer, token: string | undefined, name: string, content: string | Uint8Array, options: UploadOptions = {}): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([content], { type: options.type ?? 'text/plain' }), name);
  if (options.metadata !== undefined) form.append('metadata', options.metadata);
  const res = await fetch(`${server.url}/api/v1/files/${options.query ?? ''}`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}

/** Waits until the file's processing ends; its final status. */
export async function processed(server: TestServer, token: string, id: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const res = await server.request('GET', `/api/v1/files/${id}/process/status`, { token });
    if (res.body.status !== 'pending') return res.body.status;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`file ${id} still pending`);
}
