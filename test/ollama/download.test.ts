// Model files: download validation and the download-to-blob stream; uploads to a node's blob store.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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

  const upload = (token: string | undefined, body: FormData | string, path = '/ollama/models/upload') =>
    fetch(`${s.server.url}${path}`, {
      method: 'POST',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}) },
      body,
    });
  const fileForm = (content: Buffer, name: string, field = 'file') => {
    const form = new FormData();
    form.append(field, new Blob([content]), name);
    return form;
  };
  const sseEvents = (text: string) =>
    text
      .split('\n\n')
      .filter(Boolean)
      .map((event) => JSON.parse(event.replace(/^data: /, '')) as Record<string, unknown>);
  const uploadDir = () => join(s.server.env['DATA_DIR']!, 'uploads');

  it('uploads a file: progress as the node takes the blob, then the model is created from it', async () => {
    const content = Buffer.alloc(3 * 1024 * 1024 + 5, 9);
    const hash = createHash('sha256').update(content).digest('hex');
    const res = await upload(s.admin.token, fileForm(content, '../../tiny-upload.gguf'), '/ollama/models/upload/0');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const events = sseEvents(await res.text());
    assert.deepEqual(events.at(-1), { done: true, blob: `sha256:${hash}`, name: 'tiny-upload.gguf', model_created: 'tiny-upload' });
    assert.deepEqual(events.at(-2), { progress: 100, total: content.length, completed: content.length });
    assert.ok(events.length >= 4, 'a progress event per MiB');
    // The mock checks the bytes against the digest, as Ollama does (400 otherwise).
    const blob = hits(s.nodes[0]!, 'POST', `/api/blobs/sha256:${hash}`);
    assert.equal(blob.length, 1);
    assert.deepEqual(blob[0]!.body, { bytes: content.length });
    const create = hits(s.nodes[0]!, 'POST', '/api/create').at(-1);
    assert.deepEqual(create?.body, { model: 'tiny-upload', files: { 'tiny-upload.gguf': `sha256:${hash}` }, stream: false });
    assert.deepEqual(readdirSync(uploadDir()), [], 'the local copy is removed');
  });

  it('reports a node that refuses the blob as an error event, and removes the local copy', async () => {
    s.nodes[0]!.script.failWith = { status: 500, body: { error: 'disk full' } };
    try {
      const res = await upload(s.admin.token, fileForm(Buffer.from('GGUF'), 'broken.gguf'));
      assert.equal(res.status, 200);
      assert.deepEqual(sseEvents(await res.text()).at(-1), { error: 'Ollama: Could not create blob, Please try again.' });
      assert.deepEqual(readdirSync(uploadDir()), []);
    } finally {
      s.nodes[0]!.script.failWith = undefined;
    }
  });

  it('upload: admins only, a known node, and a file field', async () => {
    const form = fileForm(Buffer.from('GGUF'), 'tiny.gguf');
    const before = hits(s.nodes[0]!, 'POST', '/api/create').length;
    assert.equal((await upload(undefined, form)).status, 401);
    const user = await upload(s.user.token, form);
    assert.equal(user.status, 401);
    assert.equal(((await user.json()) as { detail: string }).detail, ACCESS_PROHIBITED);
    assert.equal((await upload(s.admin.token, form, '/ollama/models/upload/3')).status, 404);
    for (const body of [fileForm(Buffer.from('GGUF'), 'tiny.gguf', 'document'), '{"file": "tiny.gguf"}']) {
      const missing = await upload(s.admin.token, body);
      assert.equal(missing.status, 422);
      assert.deepEqual(((await missing.json()) as { detail: unknown[] }).detail, [{ type: 'missing', loc: ['body', 'file'], msg: 'Field required', input: null }]);
    }
    assert.equal(hits(s.nodes[0]!, 'POST', '/api/create').length, before, 'nothing reached the node');
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
