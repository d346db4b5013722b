// Model files: download validation and the download-to-blob stream; upload is not supported yet.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { downloadToNode } from '../../src/routers/ollama/download.ts';
import type { OllamaConnection } from '../../src/providers/connections.ts';
import { ACCESS_PROHIBITED, hits, setup, type Setup } from './support.ts';

describe('ollama: model files', () => {
  let s: Setup;
  before(async () => {
    s = await setup(1);
  });
  after(async () => s.close());

  it('only downloads from Hugging Face or GitHub', async () => {
    const res = await s.server.request('POST', '/ollama/models/download', { token: s.admin.token, body: { url: 'https://evil.example.com/model.gguf' } });
    assert.equal(res.status, 400);
    assert.equal(res.body.detail, 'Invalid file_url. Only URLs from allowed hosts are permitted.');
    const lookalike = await s.server.request('POST', '/ollama/models/download/0', { token: s.admin.token, body: { url: 'https://huggingface.co.evil.com/x.gguf' } });
    assert.equal(lookalike.status, 400);
    const user = await s.server.request('POST', '/ollama/models/download', { token: s.user.token, body: { url: 'https://huggingface.co/x.gguf' } });
    assert.equal(user.status, 401);
    assert.equal(user.body.detail, ACCESS_PROHIBITED);
    const node = await s.server.request('POST', '/ollama/models/download/4', { token: s.admin.token, body: { url: 'https://huggingface.co/x.gguf' } });
    assert.equal(node.status, 404);
  });

  it('answers 501 for uploads (not supported yet), after the admin check', async () => {
    const form = new FormData();
    form.append('file', new Blob(['GGUF']), 'tiny.gguf');
    const upload = await fetch(`${s.server.url}/ollama/models/upload`, { method: 'POST', headers: { authorization: `Bearer ${s.admin.token}` }, body: form });
    assert.equal(upload.status, 501);
    const user = await fetch(`${s.server.url}/ollama/models/upload`, { method: 'POST', headers: { authorization: `Bearer ${s.user.token}` }, body: form });
    assert.equal(user.status, 401);
  });

  it('streams download progress, then stores the file as a blob on the node', async () => {
    const content = Buffer.alloc(3 * 1024 * 1024 + 5, 7);
    const files: Server = createServer((_req, res) => res.writeHead(200, { 'content-length': String(content.length) }).end(content));
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    const dir = mkdtempSync(join(tmpdir(), 'owui-dl-'));
    try {
      const address = files.address() as { port: number };
      const node = { url: s.nodes[0]!.url, key: 'sk-x' } as OllamaConnection;
      const path = join(dir, 'tiny.gguf');
      const events: Array<Record<string, unknown>> = [];
      for await (const line of downloadToNode(node, `http://127.0.0.1:${address.port}/tiny.gguf`, path, 'tiny.gguf')) {
        assert.match(line, /^data: .*\n\n$/);
        events.push(JSON.parse(line.slice(6)) as Record<string, unknown>);
      }
      const hash = createHash('sha256').update(content).digest('hex');
      assert.deepEqual(events.at(-1), { done: true, blob: `sha256:${hash}`, name: 'tiny.gguf' });
      assert.deepEqual(events.at(-2), { progress: 100, completed: content.length, total: content.length });
      assert.ok(events.length >= 4);
      assert.equal(hits(s.nodes[0]!, 'POST', `/api/blobs/sha256:${hash}`).length, 1);
      assert.equal(existsSync(path), false);
    } finally {
      files.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
