// The files router: upload → processing → chunks, listing and search, access, content headers,
// content updates and deletion, with the bad inputs the issue names.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { after, before, beforeEach, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { processed, upload } from './support.ts';

const NOT_FOUND = "We could not find what you're looking for :/";
const TEXT = 'The aurora borealis appears near the magnetic poles.\n\nIt is caused by charged particles.';

describe('/api/v1/files', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  let other: Account;
  const uploads = (): string[] => readdirSync(server.services.settings.storage.uploadDir);

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
    other = await addUser(server, admin, 'Other', 'other@example.com', 'user');
  });
  after(async () => {
    await server.close();
  });
  beforeEach(async () => {
    await server.services.config.set({ ALLOWED_FILE_EXTENSIONS: [], FILE_MAX_SIZE: null, BYPASS_EMBEDDING_AND_RETRIEVAL: false });
  });

  it('upload: stored, answered at once as pending, then processed into file-{id} with the reference metadata', async () => {
    const res = await upload(server, user.token, 'aurora.txt', TEXT, { metadata: JSON.stringify({ language: 'en' }) });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const file = res.body;
    assert.equal(file.status, true);
    assert.equal(file.filename, 'aurora.txt');
    assert.equal(file.user_id, user.id);
    assert.deepEqual(file.data, { status: 'pending' });
    assert.deepEqual(file.meta, { name: 'aurora.txt', content_type: 'text/plain', size: Buffer.byteLength(TEXT), data: { language: 'en' } });
    assert.ok(uploads().includes(`${file.id}_aurora.txt`));

    assert.equal(await processed(server, user.token, file.id), 'completed');
    const got = await server.request('GET', `/api/v1/files/${file.id}`, { token: user.token });
    assert.equal(got.status, 200, got.text);
    assert.equal(got.body.data.content, TEXT);
    assert.equal(got.body.hash, createHash('sha256').update(TEXT).digest('hex'));
    assert.equal(got.body.meta.collection_name, `file-${file.id}`);

    const chunks = await server.services.retrieval.store.get(`file-${file.id}`);
    assert.equal(chunks.length, 1);
    assert.equal(chunks[0]?.text, TEXT);
    assert.deepEqual(chunks[0]?.metadata, {
      name: 'aurora.txt',
      created_by: user.id,
      file_id: file.id,
      source: 'aurora.txt',
      start_index: 0,
      hash: got.body.hash,
      embedding_config: { engine: '', model: 'sentence-transformers/all-MiniLM-L6-v2' },
    });
    const hits = await server.services.retrieval.store.searchText(`file-${file.id}`, 'charged particles', 3);
    assert.equal(hits[0]?.text, TEXT);
  });

  it('upload with process_in_background=false answers once processed; process=false stores only', async () => {
    const inline = await upload(server, user.token, 'inline.md', '# Title\n\nBody text', { query: '?process_in_background=false' });
    assert.equal(inline.status, 200);
    assert.equal(inline.body.data.status, 'completed');
    assert.equal(inline.body.data.content, '# Title\n\nBody text');

    const raw = await upload(server, user.token, 'raw.txt', 'just stored', { query: '?process=false' });
    assert.equal(raw.status, 200);
    assert.equal(raw.body.status, undefined);
    assert.deepEqual(raw.body.data, {});
    const status = await server.request('GET', `/api/v1/files/${raw.body.id}/process/status`, { token: user.token });
    assert.deepEqual(status.body, { status: 'pending' });
    const stream = await fetch(`${server.url}/api/v1/files/${raw.body.id}/process/status?stream=true`, { headers: { authorization: `Bearer ${user.token}` } });
    assert.equal(stream.status, 200);
    assert.equal(await stream.text(), '');
    assert.equal(await server.services.retrieval.store.hasCollection(`file-${raw.body.id}`), false);
  });

  it('status stream: SSE events the web UI merges, ending with completed', async () => {
    const res = await upload(server, user.token, 'stream.txt', 'streamed words here');
    const stream = await fetch(`${server.url}/api/v1/files/${res.body.id}/process/status?stream=true`, { headers: { authorization: `Bearer ${user.token}` } });
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
    const events = (await stream.text()).split('\n\n').filter(Boolean).map((line) => JSON.parse(line.replace(/^data: /, '')));
    assert.deepEqual(events.at(-1), { status: 'completed' });
    assert.ok(events.slice(0, -1).every((e) => e.status === 'pending'));
  });

  it('unprocessable uploads end failed with a readable error: image, empty file, binary garbage', async () => {
    const image = await upload(server, user.token, 'photo.png', new Uint8Array([137, 80, 78, 71]), { type: 'image/png' });
    assert.equal(await processed(server, user.token, image.body.id), 'failed');
    const imageStatus = await fetch(`${server.url}/api/v1/files/${image.body.id}/process/status?stream=true`, { headers: { authorization: `Bearer ${user.token}` } });
    assert.deepEqual(JSON.parse((await imageStatus.text()).replace(/^data: /, '')), { status: 'failed', error: 'File type image/png is not supported for processing' });

    const empty = await upload(server, user.token, 'empty.txt', '');
    assert.equal(await processed(server, user.token, empty.body.id), 'failed');
    const emptyFile = await server.request('GET', `/api/v1/files/${empty.body.id}`, { token: user.token });
    assert.equal(emptyFile.body.data.error, 'The content provided is empty. Please ensure that there is text or data present before proceeding.');

    const garbage = await upload(server, user.token, 'blob.bin', new Uint8Array([0, 1, 2, 0, 255, 0, 3, 0]), { type: 'application/octet-stream' });
    assert.equal(await processed(server, user.token, garbage.body.id), 'failed');
    const garbageFile = await server.request('GET', `/api/v1/files/${garbage.body.id}`, { token: user.token });
    assert.equal(typeof garbageFile.body.data.error, 'string');
    assert.equal(await server.services.retrieval.store.hasCollection(`file-${garbage.body.id}`), false);

    const corrupt = await upload(server, user.token, 'broken.pdf', '%PDF-1.4\nthis is no pdf at all', { type: 'application/pdf' });
    assert.equal(await processed(server, user.token, corrupt.body.id), 'failed');
    const corruptFile = await server.request('GET', `/api/v1/files/${corrupt.body.id}`, { token: user.token });
    assert.ok(corruptFile.body.data.error.length > 0, JSON.stringify(corruptFile.body.data));
  });

  it('refused uploads leave neither a row nor a blob: bad metadata, extension not allowed, over FILE_MAX_SIZE, no token', async () => {
    const rowsBefore = (await server.request('GET', '/api/v1/files/', { token: admin.token })).body.length;
    const blobsBefore = uploads().length;

    const badMeta = await upload(server, user.token, 'a.txt', 'x', { metadata: '{not json' });
    assert.equal(badMeta.status, 400);
    assert.deepEqual(badMeta.body, { detail: '[ERROR: Invalid metadata format]' });

    await server.services.config.set({ ALLOWED_FILE_EXTENSIONS: ['txt', 'pdf'] });
    const exe = await upload(server, user.token, 'tool.exe', 'MZ');
    assert.equal(exe.status, 400);
    assert.deepEqual(exe.body, { detail: '[ERROR: File type exe is not allowed]' });
    const upper = await upload(server, user.token, 'NOTES.TXT', 'x');
    assert.equal(upper.status, 400, 'the comparison is case-sensitive, as upstream');
    const storedOnly = await upload(server, user.token, 'tool.exe', 'MZ', { query: '?process=false' });
    assert.equal(storedOnly.status, 200, 'files not to be processed are not checked');
    await server.request('DELETE', `/api/v1/files/${storedOnly.body.id}`, { token: user.token });

    await server.services.config.set({ ALLOWED_FILE_EXTENSIONS: [], FILE_MAX_SIZE: 1 });
    const big = await upload(server, user.token, 'big.txt', 'x'.repeat(1024 * 1024 + 10));
    assert.equal(big.status, 400);
    assert.match(big.body.detail, /too large.*1 MB/);

    const anonymous = await upload(server, undefined, 'a.txt', 'x');
    assert.equal(anonymous.status, 401);

    assert.equal((await server.request('GET', '/api/v1/files/', { token: admin.token })).body.length, rowsBefore);
    assert.equal(uploads().length, blobsBefore);
  });

  it('list and search: own files (admins: all), content=false, case-insensitive globs, 404 text when none match', async () => {
    const mine = await upload(server, other.token, 'Report-2024.TXT', 'quarterly numbers', { query: '?process_in_background=false' });
    const own = await server.request('GET', '/api/v1/files/', { token: other.token });
    assert.deepEqual(own.body.map((f: { id: string }) => f.id), [mine.body.id]);
    assert.equal(own.body[0].data.content, 'quarterly numbers');
    const lean = await server.request('GET', '/api/v1/files/?content=false', { token: other.token });
    assert.deepEqual(lean.body[0].data, { status: 'completed' });
    const all = await server.request('GET', '/api/v1/files/', { token: admin.token });
    assert.ok(all.body.some((f: { id: string }) => f.id === mine.body.id));

    const found = await server.request('GET', '/api/v1/files/search?filename=report-*.txt', { token: other.token });
    assert.equal(found.status, 200, found.text);
    assert.deepEqual(found.body.map((f: { id: string }) => f.id), [mine.body.id]);
    const single = await server.request('GET', '/api/v1/files/search?filename=report-202?.tx[tT]&content=false', { token: other.token });
    assert.equal(single.body[0].data.content, undefined);
    const none = await server.request('GET', '/api/v1/files/search?filename=*.pdf', { token: other.token });
    assert.equal(none.status, 404);
    assert.deepEqual(none.body, { detail: 'No files found matching the pattern.' });
    const notOthers = await server.request('GET', '/api/v1/files/search?filename=aurora*', { token: other.token });
    assert.equal(notOthers.status, 404);
    const missing = await server.request('GET', '/api/v1/files/search', { token: other.token });
    assert.equal(missing.status, 422);
    for (const path of ['/api/v1/files/', '/api/v1/files/search?filename=*']) assert.equal((await server.request('GET', path)).status, 401);
  });

  it("another user's file is NOT_FOUND on every route; admins reach it", async () => {
    const file = (await upload(server, user.token, 'private.txt', 'secret plans', { query: '?process_in_background=false' })).body;
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/v1/files/${file.id}`],
      ['GET', `/api/v1/files/${file.id}/process/status`],
      ['GET', `/api/v1/files/${file.id}/data/content`],
      ['POST', `/api/v1/files/${file.id}/data/content/update`, { content: 'overwritten' }],
      ['GET', `/api/v1/files/${file.id}/content`],
      ['GET', `/api/v1/files/${file.id}/content/private.txt`],
      ['DELETE', `/api/v1/files/${file.id}`],
    ];
    for (const [method, path, body] of routes) {
      const res = await server.request(method, path, { token: other.token, body });
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.deepEqual(res.body, { detail: NOT_FOUND });
      assert.equal((await server.request(method, path, { body })).status, 401, `${method} ${path} without a token`);
    }
    assert.equal((await server.request('GET', `/api/v1/files/${file.id}/data/content`, { token: user.token })).body.content, 'secret plans');
    assert.equal((await server.request('GET', `/api/v1/files/${file.id}`, { token: admin.token })).status, 200);
    assert.equal((await server.request('GET', '/api/v1/files/no-such-id', { token: user.token })).status, 404);
  });

  it('content headers: text inline, PDFs inline, everything else (HTML too) an attachment, never sniffed', async () => {
    const get = (id: string, suffix = '') => fetch(`${server.url}/api/v1/files/${id}/content${suffix}`, { headers: { authorization: `Bearer ${user.token}` } });
    const text = (await upload(server, user.token, 'notes.txt', 'plain words', { query: '?process=false' })).body;
    const plain = await get(text.id);
    assert.equal(plain.status, 200);
    assert.equal(await plain.text(), 'plain words');
    assert.equal(plain.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(plain.headers.get('content-disposition'), null);
    assert.equal(plain.headers.get('x-content-type-options'), 'nosniff');

    const html = (await upload(server, user.token, 'évil page.html', '<script>alert(1)</script>', { type: 'text/html', query: '?process=false' })).body;
    const page = await get(html.id);
    assert.equal(page.headers.get('content-disposition'), "attachment; filename*=UTF-8''%C3%A9vil%20page.html");
    assert.match(page.headers.get('content-security-policy') ?? '', /^sandbox/);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');

    const pdf = (await upload(server, user.token, 'paper.pdf', '%PDF-1.4 fake', { type: 'application/pdf', query: '?process=false' })).body;
    const inline = await get(pdf.id);
    assert.equal(inline.headers.get('content-type'), 'application/pdf');
    assert.equal(inline.headers.get('content-disposition'), "inline; filename*=UTF-8''paper.pdf");
    const download = await get(pdf.id, '?attachment=true');
    assert.equal(download.headers.get('content-disposition'), "attachment; filename*=UTF-8''paper.pdf");
    const named = await get(text.id, '/anything.txt');
    assert.equal(named.headers.get('content-disposition'), "attachment; filename*=UTF-8''notes.txt");

    // /content/html renders only what an admin uploaded, in a sandbox without our origin.
    assert.equal((await get(html.id, '/html')).status, 404);
    const adminHtml = (await upload(server, admin.token, 'report.html', '<h1>hi</h1>', { type: 'text/html', query: '?process=false' })).body;
    const rendered = await fetch(`${server.url}/api/v1/files/${adminHtml.id}/content/html`, { headers: { authorization: `Bearer ${admin.token}` } });
    assert.equal(rendered.status, 200);
    assert.equal(await rendered.text(), '<h1>hi</h1>');
    assert.match(rendered.headers.get('content-security-policy') ?? '', /^sandbox allow-scripts/);
  });

  it('a missing blob is 400 "Error getting file content"', async () => {
    const file = (await upload(server, user.token, 'gone.txt', 'soon gone', { query: '?process=false' })).body;
    await server.services.storage.remove(file.path);
    const res = await server.request('GET', `/api/v1/files/${file.id}/content`, { token: user.token });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { detail: '[ERROR: Error getting file content]' });
  });

  it('data content update: the new text replaces the chunks; bad input is 422 and changes nothing', async () => {
    const file = (await upload(server, user.token, 'draft.txt', 'first draft', { query: '?process_in_background=false' })).body;
    const bad = await server.request('POST', `/api/v1/files/${file.id}/data/content/update`, { token: user.token, body: { content: 5 } });
    assert.equal(bad.status, 422);
    assert.ok(Array.isArray(bad.body.detail));
    const res = await server.request('POST', `/api/v1/files/${file.id}/data/content/update`, { token: user.token, body: { content: 'second<br/>draft' } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { content: 'second<br/>draft' });
    const chunks = await server.services.retrieval.store.get(`file-${file.id}`);
    assert.deepEqual(chunks.map((c) => c.text), ['second\ndraft']);
  });

  it('BYPASS_EMBEDDING_AND_RETRIEVAL: text extracted and completed, no chunks', async () => {
    await server.services.config.set({ BYPASS_EMBEDDING_AND_RETRIEVAL: true });
    const file = (await upload(server, user.token, 'bypass.txt', 'kept whole', { query: '?process_in_background=false' })).body;
    assert.equal(file.data.status, 'completed');
    assert.equal(file.data.content, 'kept whole');
    assert.equal(await server.services.retrieval.store.hasCollection(`file-${file.id}`), false);
  });

  it('delete: row, blob and collection go; delete all is admin-only', async () => {
    const file = (await upload(server, user.token, 'temp.txt', 'temporary text', { query: '?process_in_background=false' })).body;
    const res = await server.request('DELETE', `/api/v1/files/${file.id}`, { token: user.token });
    assert.deepEqual(res.body, { message: 'File deleted successfully' });
    assert.equal((await server.request('GET', `/api/v1/files/${file.id}`, { token: user.token })).status, 404);
    assert.equal(existsSync(file.path), false);
    assert.equal(await server.services.retrieval.store.hasCollection(`file-${file.id}`), false);

    const denied = await server.request('DELETE', '/api/v1/files/all', { token: user.token });
    assert.equal(denied.status, 401);
    assert.ok((await server.request('GET', '/api/v1/files/', { token: admin.token })).body.length > 0);
    const all = await server.request('DELETE', '/api/v1/files/all', { token: admin.token });
    assert.deepEqual(all.body, { message: 'All files deleted successfully' });
    assert.deepEqual((await server.request('GET', '/api/v1/files/', { token: admin.token })).body, []);
    assert.deepEqual(uploads(), []);
  });
});
