// Files in knowledge bases: add (chunks copied, duplicates and foreign files refused), update,
// remove (with and without deleting the file), the paged file listing, batch add and reindex.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { ERROR_MESSAGES, KB, assert422, assertDetail, chunks, createKb, group, links, shared, upload } from './support.ts';

describe('knowledge: files', () => {
  let server: TestServer;
  let admin: Account;
  let owner: Account;
  let writer: Account;
  let stranger: Account;
  let writers: string;
  let n = 0;
  /** A processed upload with unique text (so no two files collide on DUPLICATE_CONTENT by accident). */
  const newFile = (account: Account, name = `doc-${++n}.txt`) => upload(server, account, name, `Document ${++n} written by ${account.email}: about knowledge.`);
  const add = (account: Account, kbId: string, fileId: string) => server.request('POST', `${KB}/${kbId}/file/add`, { token: account.token, body: { file_id: fileId } });
  const fileExists = async (id: string) => (await server.services.database.db.selectFrom('file').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

  before(async () => {
    server = await startServer();
    ({ admin, user: owner } = await adminAndUser(server));
    writer = await addUser(server, admin, 'Wendy Writer', 'writer@example.com', 'user');
    stranger = await addUser(server, admin, 'Stan Stranger', 'stranger@example.com', 'user');
    await group(server, admin, [owner], 'Owners', { workspace: { knowledge: true }, sharing: { knowledge: true } });
    writers = await group(server, admin, [writer], 'Writers');
  });
  after(async () => {
    await server.close();
  });
  beforeEach(async () => {
    await server.services.config.set({ FILE_MAX_COUNT: null });
  });

  it("file/add copies the file's chunks into the knowledge collection and links it", async () => {
    const kb = await createKb(server, owner);
    const file = await newFile(owner, 'guide.txt');
    const res = await add(owner, kb.id, file.id);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.id, kb.id);
    assert.equal(res.body.write_access, true);
    assert.equal(res.body.files.length, 1);
    assert.deepEqual(Object.keys(res.body.files[0]), ['id', 'hash', 'meta', 'created_at', 'updated_at']);
    assert.equal(res.body.files[0].id, file.id);
    assert.equal(res.body.files[0].meta.collection_name, kb.id);

    const copied = await chunks(server, kb.id);
    assert.equal(copied.length, 1);
    assert.equal(copied[0]?.text, file.data.content);
    assert.equal(copied[0]?.metadata['file_id'], file.id);
    assert.equal(copied[0]?.metadata['hash'], res.body.files[0].hash);
    assert.deepEqual(await links(server, kb.id), [file.id]);
  });

  it('file/add refuses the same content twice with the DUPLICATE_CONTENT text', async () => {
    const kb = await createKb(server, owner);
    const file = await upload(server, owner, 'same.txt', 'Exactly the same words.');
    assert.equal((await add(owner, kb.id, file.id)).status, 200);
    assertDetail(await add(owner, kb.id, file.id), 400, ERROR_MESSAGES.DUPLICATE_CONTENT);
    const twin = await upload(server, owner, 'twin.txt', 'Exactly the same words.');
    assertDetail(await add(owner, kb.id, twin.id), 400, ERROR_MESSAGES.DUPLICATE_CONTENT);
    assert.deepEqual(await links(server, kb.id), [file.id]);
    assert.equal((await chunks(server, kb.id)).length, 1);
  });

  it("file/add: someone else's file is answered as missing (400 NOT_FOUND) and nothing is copied", async () => {
    const kb = await createKb(server, owner);
    const foreign = await newFile(stranger);
    assertDetail(await add(owner, kb.id, foreign.id), 400, ERROR_MESSAGES.NOT_FOUND);
    assertDetail(await add(owner, kb.id, 'no-such-file'), 400, ERROR_MESSAGES.NOT_FOUND);
    assert.deepEqual(await links(server, kb.id), []);
    assert.deepEqual(await chunks(server, kb.id), []);
    // Nor through file/update or batch/add.
    assertDetail(await server.request('POST', `${KB}/${kb.id}/file/update`, { token: owner.token, body: { file_id: foreign.id } }), 400, ERROR_MESSAGES.NOT_FOUND);
    assertDetail(await server.request('POST', `${KB}/${kb.id}/files/batch/add`, { token: owner.token, body: [{ file_id: foreign.id }] }), 400, `File ${foreign.id} not found`);
    assert.deepEqual(await chunks(server, kb.id), []);
    assert.deepEqual(await links(server, kb.id), []);
    // A file readable through a knowledge base the caller may read can be added; admins may add any.
    const shelf = await createKb(server, admin, { access_control: null });
    assert.equal((await add(admin, shelf.id, foreign.id)).status, 200, 'admins read every file');
    assert.equal((await add(owner, kb.id, foreign.id)).status, 200, 'now readable through the public knowledge base');
  });

  it('file/add: unprocessed file 400 FILE_NOT_PROCESSED; no write access 400 ACCESS_PROHIBITED; missing knowledge 400 NOT_FOUND; bad input 422', async () => {
    const kb = await createKb(server, owner);
    const raw = await upload(server, owner, 'raw.txt', 'stored, never processed', '?process=false');
    assertDetail(await add(owner, kb.id, raw.id), 400, ERROR_MESSAGES.FILE_NOT_PROCESSED);
    const mine = await newFile(stranger);
    assertDetail(await add(stranger, kb.id, mine.id), 400, ERROR_MESSAGES.ACCESS_PROHIBITED);
    assertDetail(await add(owner, 'missing', mine.id), 400, ERROR_MESSAGES.NOT_FOUND);
    assert.equal((await server.request('POST', `${KB}/${kb.id}/file/add`, { body: { file_id: mine.id } })).status, 401);
    assert422(await server.request('POST', `${KB}/${kb.id}/file/add`, { token: owner.token, body: {} }), ['body', 'file_id']);
    assert422(await server.request('POST', `${KB}/${kb.id}/file/add`, { token: owner.token, body: { file_id: 7 } }), ['body', 'file_id']);
    assert.deepEqual(await links(server, kb.id), []);
  });

  it('a write grant (through a group) lets a collaborator add their own files', async () => {
    const kb = await createKb(server, owner, { access_control: shared({ read: { group_ids: [writers] }, write: { group_ids: [writers] } }) });
    const theirs = await newFile(writer);
    const res = await add(writer, kb.id, theirs.id);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.write_access, true);
    const link = await server.services.database.db.selectFrom('knowledge_file').select('user_id').where('knowledge_id', '=', kb.id).executeTakeFirst();
    assert.equal(link?.user_id, writer.id);
    // A read grant alone is not enough.
    const readOnly = await createKb(server, owner, { access_control: shared({ read: { user_ids: [writer.id] } }) });
    assertDetail(await add(writer, readOnly.id, (await newFile(writer)).id), 400, ERROR_MESSAGES.ACCESS_PROHIBITED);
  });

  it("file/update replaces the file's chunks with its current text", async () => {
    const kb = await createKb(server, owner);
    const file = await upload(server, owner, 'living.txt', 'First version of the text.');
    assert.equal((await add(owner, kb.id, file.id)).status, 200);
    const edited = await server.request('POST', `/api/v1/files/${file.id}/data/content/update`, { token: owner.token, body: { content: 'Second version of the text.' } });
    assert.equal(edited.status, 200, edited.text);

    const res = await server.request('POST', `${KB}/${kb.id}/file/update`, { token: owner.token, body: { file_id: file.id } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.files.length, 1);
    assert.deepEqual((await chunks(server, kb.id)).map((c) => c.text), ['Second version of the text.']);

    assertDetail(await server.request('POST', `${KB}/${kb.id}/file/update`, { token: stranger.token, body: { file_id: file.id } }), 400, ERROR_MESSAGES.ACCESS_PROHIBITED);
    assertDetail(await server.request('POST', `${KB}/${kb.id}/file/update`, { token: owner.token, body: { file_id: 'gone' } }), 400, ERROR_MESSAGES.NOT_FOUND);
    assertDetail(await server.request('POST', `${KB}/missing/file/update`, { token: owner.token, body: { file_id: file.id } }), 400, ERROR_MESSAGES.NOT_FOUND);
    assert.equal((await server.request('POST', `${KB}/${kb.id}/file/update`, { body: { file_id: file.id } })).status, 401);
    assert.deepEqual((await chunks(server, kb.id)).map((c) => c.text), ['Second version of the text.']);
  });

  it('file/remove?delete_file=false unlinks and removes its chunks (by file id and hash); the file stays', async () => {
    const kb = await createKb(server, owner);
    const file = await newFile(owner);
    const other = await newFile(owner);
    assert.equal((await add(owner, kb.id, file.id)).status, 200);
    assert.equal((await add(owner, kb.id, other.id)).status, 200);
    // A stray chunk carrying only the hash (as upstream, copies by hash go too).
    await server.services.retrieval.store.upsert(kb.id, [{ id: crypto.randomUUID(), text: 'stray copy', metadata: { hash: (await chunks(server, kb.id, { file_id: file.id }))[0]?.metadata['hash'] } }]);

    const res = await server.request('POST', `${KB}/${kb.id}/file/remove?delete_file=false`, { token: owner.token, body: { file_id: file.id } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.files.map((f: any) => f.id), [other.id]);
    assert.deepEqual(await links(server, kb.id), [other.id]);
    assert.deepEqual((await chunks(server, kb.id)).map((c) => c.metadata['file_id']), [other.id]);
    assert.ok(await fileExists(file.id));
    assert.equal((await chunks(server, `file-${file.id}`)).length, 1);
  });

  it('file/remove (delete_file defaults to true) also deletes the file row, its collection and its bytes', async () => {
    const kb = await createKb(server, owner);
    const file = await newFile(owner);
    assert.equal((await add(owner, kb.id, file.id)).status, 200);
    const stored = await server.services.database.db.selectFrom('file').select('path').where('id', '=', file.id).executeTakeFirstOrThrow();
    const blob = join(server.services.settings.storage.uploadDir, String(stored.path).split('/').pop() as string);
    assert.ok(existsSync(blob));

    assertDetail(await server.request('POST', `${KB}/${kb.id}/file/remove`, { token: stranger.token, body: { file_id: file.id } }), 400, ERROR_MESSAGES.ACCESS_PROHIBITED);
    assertDetail(await server.request('POST', `${KB}/missing/file/remove`, { token: owner.token, body: { file_id: file.id } }), 400, ERROR_MESSAGES.NOT_FOUND);
    assert.equal((await server.request('POST', `${KB}/${kb.id}/file/remove`, { body: { file_id: file.id } })).status, 401);
    assert422(await server.request('POST', `${KB}/${kb.id}/file/remove?delete_file=maybe`, { token: owner.token, body: { file_id: file.id } }), ['query', 'delete_file']);
    assert.deepEqual(await links(server, kb.id), [file.id], 'refusals change nothing');

    const res = await server.request('POST', `${KB}/${kb.id}/file/remove`, { token: owner.token, body: { file_id: file.id } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.files, []);
    assert.equal(await fileExists(file.id), false);
    assert.equal(await server.services.retrieval.store.hasCollection(`file-${file.id}`), false);
    assert.deepEqual(await chunks(server, kb.id), []);
    assert.equal(existsSync(blob), false);
  });

  it("file/remove cannot reach a file outside the knowledge base that the caller may not read: 400 NOT_FOUND, file kept", async () => {
    const kb = await createKb(server, owner);
    const foreign = await newFile(stranger);
    assertDetail(await server.request('POST', `${KB}/${kb.id}/file/remove`, { token: owner.token, body: { file_id: foreign.id } }), 400, ERROR_MESSAGES.NOT_FOUND);
    assert.ok(await fileExists(foreign.id));
    assert.equal((await chunks(server, `file-${foreign.id}`)).length, 1);
  });

  it('GET /{id}/files pages the files with who added them, filtered and ordered as asked', async () => {
    const kb = await createKb(server, owner, { access_control: shared({ read: { group_ids: [writers] }, write: { group_ids: [writers] } }) });
    const a = await newFile(owner, 'alpha.txt');
    const b = await newFile(owner, 'bravo.txt');
    const c = await newFile(writer, 'charlie.txt');
    for (const [who, f] of [[owner, a], [owner, b], [writer, c]] as const) assert.equal((await add(who, kb.id, f.id)).status, 200);
    const db = server.services.database.db;
    await db.updateTable('file').set({ updated_at: 3000, created_at: 10 }).where('id', '=', a.id).execute();
    await db.updateTable('file').set({ updated_at: 1000, created_at: 30 }).where('id', '=', b.id).execute();
    await db.updateTable('file').set({ updated_at: 2000, created_at: 20 }).where('id', '=', c.id).execute();

    const list = async (query = '', account = owner) => server.request('GET', `${KB}/${kb.id}/files${query}`, { token: account.token });
    const all = await list();
    assert.equal(all.status, 200, all.text);
    assert.equal(all.body.total, 3);
    assert.deepEqual(all.body.items.map((f: any) => f.filename), ['alpha.txt', 'charlie.txt', 'bravo.txt'], 'updated_at desc by default');
    const first = all.body.items[0];
    assert.equal(first.data.content, a.data.content, 'the editor reads the text from here');
    assert.deepEqual(first.user, { id: owner.id, name: 'Uma User', role: 'user', email: 'user@example.com' });
    assert.equal(all.body.items[1].user.id, writer.id, 'the user who added it');

    assert.deepEqual((await list('?order_by=name&direction=asc')).body.items.map((f: any) => f.filename), ['alpha.txt', 'bravo.txt', 'charlie.txt']);
    assert.deepEqual((await list('?order_by=name')).body.items.map((f: any) => f.filename), ['charlie.txt', 'bravo.txt', 'alpha.txt']);
    assert.deepEqual((await list('?order_by=created_at&direction=asc')).body.items.map((f: any) => f.filename), ['alpha.txt', 'charlie.txt', 'bravo.txt']);
    assert.deepEqual((await list('?query=RAV')).body.items.map((f: any) => f.filename), ['bravo.txt']);
    assert.deepEqual((await list('?view_option=created')).body.items.map((f: any) => f.filename), ['alpha.txt', 'bravo.txt']);
    assert.deepEqual((await list('?view_option=shared')).body.items.map((f: any) => f.filename), ['charlie.txt']);
    assert.deepEqual((await list('?view_option=created', writer)).body.items.map((f: any) => f.filename), ['charlie.txt']);
    assert.deepEqual((await list('?page=2')).body, { items: [], total: 3 });

    assertDetail(await list('', stranger), 400, ERROR_MESSAGES.ACCESS_PROHIBITED);
    assertDetail(await server.request('GET', `${KB}/missing/files`, { token: owner.token }), 400, ERROR_MESSAGES.NOT_FOUND);
    assert.equal((await server.request('GET', `${KB}/${kb.id}/files`)).status, 401);
    assert.equal((await list('', admin)).body.total, 3);
  });

  it('files/batch/add embeds the files in one batch and links them; problems are reported as warnings', async () => {
    const kb = await createKb(server, owner);
    const f1 = await newFile(owner);
    const f2 = await newFile(owner);
    const res = await server.request('POST', `${KB}/${kb.id}/files/batch/add`, { token: owner.token, body: [{ file_id: f1.id }, { file_id: f2.id }, { file_id: f1.id }] });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.files.map((f: any) => f.id).sort(), [f1.id, f2.id].sort());
    assert.equal(res.body.warnings, undefined);
    assert.deepEqual(await links(server, kb.id), [f1.id, f2.id].sort());
    const stored = await chunks(server, kb.id);
    assert.deepEqual(stored.map((c) => c.metadata['file_id']).sort(), [f1.id, f2.id].sort());
    assert.ok(stored.every((c) => typeof c.metadata['hash'] === 'string'));

    // Again: already there → warnings, nothing doubled.
    const f3 = await newFile(owner);
    const again = await server.request('POST', `${KB}/${kb.id}/files/batch/add`, { token: owner.token, body: [{ file_id: f1.id }, { file_id: f3.id }] });
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(again.body.warnings, { message: 'Some files failed to process', errors: [`${f1.id}: ${ERROR_MESSAGES.DUPLICATE_CONTENT}`] });
    assert.equal((await chunks(server, kb.id)).length, 3);
    assert.deepEqual(await links(server, kb.id), [f1.id, f2.id, f3.id].sort());

    // A file without extracted text is not linked.
    const raw = await upload(server, owner, 'raw.txt', 'never processed', '?process=false');
    const unprocessed = await server.request('POST', `${KB}/${kb.id}/files/batch/add`, { token: owner.token, body: [{ file_id: raw.id }] });
    assert.deepEqual(unprocessed.body.warnings.errors, [`${raw.id}: ${ERROR_MESSAGES.FILE_NOT_PROCESSED}`]);
    assert.equal((await links(server, kb.id)).includes(raw.id), false);
  });

  it('files/batch/add refuses missing files, too many files and bad input before writing anything', async () => {
    const kb = await createKb(server, owner);
    const f1 = await newFile(owner);
    const f2 = await newFile(owner);
    assertDetail(await server.request('POST', `${KB}/${kb.id}/files/batch/add`, { token: owner.token, body: [{ file_id: f1.id }, { file_id: 'ghost' }] }), 400, 'File ghost not found');
    await server.services.config.set({ FILE_MAX_COUNT: 1 });
    assertDetail(
      await server.request('POST', `${KB}/${kb.id}/files/batch/add`, { token: owner.token, body: [{ file_id: f1.id }, { file_id: f2.id }] }),
      400,
      '[ERROR: You can add at most 1 files at once]',
    );
    assert.equal((await server.request('POST', `${KB}/${kb.id}/files/batch/add`, { token: owner.token, body: [{ file_id: f1.id }] })).status, 200, 'within the limit');
    await server.services.config.set({ FILE_MAX_COUNT: null });
    assert422(await server.request('POST', `${KB}/${kb.id}/files/batch/add`, { token: owner.token, body: { file_id: f2.id } }), ['body']);
    assert422(await server.request('POST', `${KB}/${kb.id}/files/batch/add`, { token: owner.token, body: [{ id: f2.id }] }), ['body', 0, 'file_id']);
    assertDetail(await server.request('POST', `${KB}/${kb.id}/files/batch/add`, { token: stranger.token, body: [] }), 400, ERROR_MESSAGES.ACCESS_PROHIBITED);
    assertDetail(await server.request('POST', `${KB}/missing/files/batch/add`, { token: owner.token, body: [] }), 400, ERROR_MESSAGES.NOT_FOUND);
    assert.equal((await server.request('POST', `${KB}/${kb.id}/files/batch/add`, { body: [] })).status, 401);
    assert.deepEqual(await links(server, kb.id), [f1.id]);
    assert.deepEqual((await chunks(server, kb.id)).map((c) => c.metadata['file_id']), [f1.id]);
  });

  it('reindex (admins only) rebuilds every knowledge collection from its files', async () => {
    const kb = await createKb(server, owner);
    const file = await newFile(owner);
    assert.equal((await add(owner, kb.id, file.id)).status, 200);
    await server.services.retrieval.store.deleteCollection(kb.id);
    await server.services.retrieval.store.upsert(kb.id, [{ id: crypto.randomUUID(), text: 'leftover', metadata: { file_id: 'gone' } }]);

    assertDetail(await server.request('POST', `${KB}/reindex`, { token: owner.token }), 401, ERROR_MESSAGES.UNAUTHORIZED);
    assert.equal((await server.request('POST', `${KB}/reindex`)).status, 401);
    assert.deepEqual((await chunks(server, kb.id)).map((c) => c.text), ['leftover']);

    const res = await server.request('POST', `${KB}/reindex`, { token: admin.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body, true);
    assert.deepEqual((await chunks(server, kb.id)).map((c) => c.metadata['file_id']), [file.id]);
  });
});
