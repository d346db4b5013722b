// Listings: which knowledge bases (and files in them) each user sees, write_access, owners, search
// filters, pagination, and admins with BYPASS_ADMIN_ACCESS_CONTROL off.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { KB, assert422, createKb, group, setUpdatedAt, shared, upload } from './support.ts';

const names = (body: { items: { name: string }[] }): string[] => body.items.map((i) => i.name).sort();

describe('knowledge listings: visibility, write_access, search', () => {
  let server: TestServer;
  let admin: Account;
  let owner: Account;
  let reader: Account;
  let stranger: Account;
  const kbs: Record<string, any> = {};
  const files: Record<string, any> = {};

  before(async () => {
    server = await startServer();
    ({ admin, user: owner } = await adminAndUser(server));
    reader = await addUser(server, admin, 'Rita Reader', 'reader@example.com', 'user');
    stranger = await addUser(server, admin, 'Stan Stranger', 'stranger@example.com', 'user');
    await group(server, admin, [owner], 'Owners', { workspace: { knowledge: true }, sharing: { knowledge: true, public_knowledge: true } });
    const readers = await group(server, admin, [reader], 'Readers');
    kbs['pub'] = await createKb(server, owner, { name: 'Public alpha', description: 'open to all', access_control: null });
    kbs['priv'] = await createKb(server, owner, { name: 'Private', description: 'mine ALPHA only', access_control: {} });
    kbs['groupRead'] = await createKb(server, owner, { name: 'Group read', description: '', access_control: shared({ read: { group_ids: [readers] } }) });
    kbs['userRead'] = await createKb(server, owner, { name: 'User read 100%', description: '', access_control: shared({ read: { user_ids: [stranger.id] } }) });
    kbs['groupWrite'] = await createKb(server, owner, { name: 'Group write', description: '', access_control: shared({ read: { group_ids: [readers] }, write: { group_ids: [readers] } }) });
    let t = 2000;
    for (const key of ['pub', 'priv', 'groupRead', 'userRead', 'groupWrite']) await setUpdatedAt(server, kbs[key].id, t++);

    const add = async (kb: string, file: any) => {
      const res = await server.request('POST', `${KB}/${kbs[kb].id}/file/add`, { token: owner.token, body: { file_id: file.id } });
      assert.equal(res.status, 200, res.text);
    };
    files['public'] = await upload(server, owner, 'public-notes.txt', 'Notes anyone may read.');
    files['private'] = await upload(server, owner, 'private-notes.txt', 'Notes only the owner may read.');
    files['team'] = await upload(server, owner, 'team-notes.txt', 'Notes for the readers group.');
    await add('pub', files['public']);
    await add('priv', files['private']);
    await add('groupRead', files['team']);
    await add('groupWrite', files['team']);
  });
  after(async () => {
    await server.close();
  });

  it('GET / lists what each user may read, newest change first, with the owner and write_access', async () => {
    const mine = await server.request('GET', `${KB}/`, { token: owner.token });
    assert.equal(mine.status, 200, mine.text);
    assert.equal(mine.body.total, 5);
    assert.deepEqual(
      mine.body.items.map((i: any) => i.name),
      ['Group write', 'User read 100%', 'Group read', 'Private', 'Public alpha'],
    );
    const first = mine.body.items[0];
    assert.deepEqual(Object.keys(first), ['id', 'user_id', 'name', 'description', 'meta', 'access_control', 'created_at', 'updated_at', 'user', 'write_access']);
    assert.deepEqual(first.user, { id: owner.id, name: 'Uma User', role: 'user', email: 'user@example.com' });
    assert.ok(mine.body.items.every((i: any) => i.write_access === true));

    const read = await server.request('GET', `${KB}/`, { token: reader.token });
    assert.deepEqual(
      read.body.items.map((i: any) => [i.name, i.write_access]),
      [
        ['Group write', true],
        ['Group read', false],
        ['Public alpha', false],
      ],
    );
    assert.equal(read.body.total, 3);

    const strange = await server.request('GET', `${KB}/`, { token: stranger.token });
    assert.deepEqual(names(strange.body), ['Public alpha', 'User read 100%']);

    // BYPASS_ADMIN_ACCESS_CONTROL is on by default: admins list everything (write_access still owner/grant).
    const byAdmin = await server.request('GET', `${KB}/`, { token: admin.token });
    assert.equal(byAdmin.body.total, 5);
    assert.ok(byAdmin.body.items.every((i: any) => i.write_access === false));

    assert.equal((await server.request('GET', `${KB}/`)).status, 401);
  });

  it('GET /search filters by name or description (case-insensitive, % literal) and by view_option', async () => {
    const search = async (account: Account, query: string) => (await server.request('GET', `${KB}/search${query}`, { token: account.token })).body;
    assert.deepEqual(names(await search(owner, '?query=alpha')), ['Private', 'Public alpha']);
    assert.deepEqual(names(await search(reader, '?query=alpha')), ['Public alpha']);
    assert.deepEqual(names(await search(owner, '?query=100%25')), ['User read 100%']);
    assert.deepEqual(names(await search(owner, '?query=%25')), ['User read 100%']);
    assert.equal((await search(owner, '?view_option=created')).total, 5);
    assert.equal((await search(owner, '?view_option=shared')).total, 0);
    assert.deepEqual(names(await search(reader, '?view_option=shared')), ['Group read', 'Group write', 'Public alpha']);
    assert.equal((await search(reader, '?view_option=created')).total, 0);
    assert.equal((await search(reader, '?view_option=anything')).total, 3, 'other values do not filter');
    const res = await server.request('GET', `${KB}/search?query=write`, { token: reader.token });
    assert.deepEqual(res.body.items.map((i: any) => [i.name, i.write_access]), [['Group write', true]]);
    assert.equal((await server.request('GET', `${KB}/search`)).status, 401);
    assert422(await server.request('GET', `${KB}/search?page=two`, { token: owner.token }), ['query', 'page']);
  });

  it('GET /search/files lists each file of the readable knowledge bases once, with its owner and content', async () => {
    const res = await server.request('GET', `${KB}/search/files`, { token: reader.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.total, 2);
    assert.deepEqual(res.body.items.map((f: any) => f.filename).sort(), ['public-notes.txt', 'team-notes.txt']);
    const team = res.body.items.find((f: any) => f.filename === 'team-notes.txt');
    assert.equal(team.id, files['team'].id);
    assert.equal(team.data.content, 'Notes for the readers group.');
    assert.deepEqual(team.user, { id: owner.id, name: 'Uma User', role: 'user', email: 'user@example.com' });
    assert.equal(team.meta.name, 'team-notes.txt');

    const searched = await server.request('GET', `${KB}/search/files?query=TEAM`, { token: reader.token });
    assert.deepEqual(searched.body.items.map((f: any) => f.filename), ['team-notes.txt']);

    const strange = await server.request('GET', `${KB}/search/files`, { token: stranger.token });
    assert.deepEqual(strange.body.items.map((f: any) => f.filename), ['public-notes.txt']);
    assert.equal((await server.request('GET', `${KB}/search/files`, { token: owner.token })).body.total, 3);
    // As upstream, this listing does not apply the admin bypass.
    assert.deepEqual((await server.request('GET', `${KB}/search/files`, { token: admin.token })).body.items.map((f: any) => f.filename), ['public-notes.txt']);
    assert.equal((await server.request('GET', `${KB}/search/files`)).status, 401);
  });
});

describe('knowledge listings: pagination, BYPASS_ADMIN_ACCESS_CONTROL=false', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;

  before(async () => {
    server = await startServer({ BYPASS_ADMIN_ACCESS_CONTROL: 'false', USER_PERMISSIONS_WORKSPACE_KNOWLEDGE_ACCESS: 'true' });
    ({ admin, user } = await adminAndUser(server));
    for (let i = 0; i < 32; i++) {
      const kb = await createKb(server, user, { name: `KB ${String(i).padStart(2, '0')}` });
      await setUpdatedAt(server, kb.id, 1000 + i);
    }
  });
  after(async () => {
    await server.close();
  });

  it('pages by 30, most recently updated first; pages below 1 are the first', async () => {
    const page = async (query: string) => (await server.request('GET', `${KB}/${query}`, { token: user.token })).body;
    const first = await page('');
    assert.equal(first.total, 32);
    assert.equal(first.items.length, 30);
    assert.equal(first.items[0].name, 'KB 31');
    assert.equal(first.items[29].name, 'KB 02');
    const second = await page('?page=2');
    assert.deepEqual(second.items.map((i: any) => i.name), ['KB 01', 'KB 00']);
    assert.equal(second.total, 32);
    assert.deepEqual((await page('?page=0')).items, first.items);
    assert.deepEqual((await page('?page=-4')).items, first.items);
    assert.equal((await page('?page=3')).items.length, 0);

    const searched = (await server.request('GET', `${KB}/search?view_option=created&page=2`, { token: user.token })).body;
    assert.deepEqual(searched.items.map((i: any) => i.name), ['KB 01', 'KB 00']);
    assert422(await server.request('GET', `${KB}/?page=x`, { token: user.token }), ['query', 'page']);
  });

  it('admins list only what they may read when BYPASS_ADMIN_ACCESS_CONTROL is off, but still open each one', async () => {
    const listed = (await server.request('GET', `${KB}/`, { token: admin.token })).body;
    assert.equal(listed.total, 0);
    const one = (await server.request('GET', `${KB}/`, { token: user.token })).body.items[0];
    const read = await server.request('GET', `${KB}/${one.id}`, { token: admin.token });
    assert.equal(read.body.id, one.id);
  });
});
