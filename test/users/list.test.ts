// GET /users/ (admin, paged, with group ids), /users/search (anyone verified) and /users/all.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { addMembers, assert422, createGroup, seedUser, setUserTimes, sorted, USER_INFO_FIELDS, USER_MODEL_FIELDS } from './support.ts';

interface Listed {
  id: string;
  name: string;
  email: string;
  role: string;
  group_ids?: string[];
}
type Page = { users: Listed[]; total: number };

const SEEDED = 63; // with the admin and the user: 65 accounts, 3 pages of 30
const T0 = 1_700_000_000;

describe('users router: listing', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  // The seeded "Sort" accounts, by creation time (oldest first).
  const sortIds: string[] = [];

  const list = async (query: string, account: Account = admin): Promise<Page> => {
    const res = await server.request<Page>('GET', `/api/v1/users/${query}`, { token: account.token });
    assert.equal(res.status, 200, res.text);
    return res.body;
  };
  const search = async (query: string, account: Account = user): Promise<Page> => {
    const res = await server.request<Page>('GET', `/api/v1/users/search${query}`, { token: account.token });
    assert.equal(res.status, 200, res.text);
    return res.body;
  };

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
    // Names and emails run in opposite directions; creation times are one minute apart.
    for (let i = 0; i < SEEDED; i++) {
      const n = String(i).padStart(2, '0');
      const seeded = await seedUser(server, `Sort ${n}`, `z${String(SEEDED - 1 - i).padStart(2, '0')}@sort.example`, i % 3 === 0 ? 'pending' : 'user');
      await setUserTimes(server, seeded.id, { created_at: T0 + i * 60, updated_at: T0 + i * 60, last_active_at: T0 + ((i * 5) % SEEDED) * 60 });
      sortIds.push(seeded.id);
    }
  });
  after(async () => server?.close());

  test('admin list: 30 per page, total counts every user, pages do not overlap', async () => {
    const pages = [await list('?page=1'), await list('?page=2'), await list('?page=3')];
    assert.deepEqual(pages.map((p) => p.users.length), [30, 30, 5]);
    for (const p of pages) assert.equal(p.total, SEEDED + 2);
    const ids = pages.flatMap((p) => p.users.map((u) => u.id));
    assert.equal(new Set(ids).size, SEEDED + 2);
    const beyond = await list('?page=4');
    assert.deepEqual(beyond, { users: [], total: SEEDED + 2 });
  });

  test('page is clamped to at least 1; no page = page 1', async () => {
    const first = await list('?page=1');
    assert.deepEqual(await list('?page=0'), first);
    assert.deepEqual(await list('?page=-7'), first);
    assert.deepEqual(await list(''), first);
  });

  test('without filters: newest first', async () => {
    const { users } = await list('');
    // The admin and the user were created "now", the seeded ones in 2023.
    assert.deepEqual(users.slice(2, 5).map((u) => u.id), [sortIds[62], sortIds[61], sortIds[60]]);
  });

  test('each user carries the UserModel fields and its group ids', async () => {
    const groupA = await createGroup(server, admin, 'Alpha');
    const groupB = await createGroup(server, admin, 'Beta');
    await addMembers(server, admin, groupA, [user.id]);
    await addMembers(server, admin, groupB, [user.id]);
    const { users } = await list('?query=uma');
    assert.equal(users.length, 1);
    const [uma] = users as [Listed];
    assert.deepEqual(sorted(Object.keys(uma)), sorted([...USER_MODEL_FIELDS, 'group_ids']));
    assert.deepEqual(sorted(uma.group_ids ?? []), sorted([groupA, groupB]));
  });

  test('query matches name or email, case-insensitively; total counts the matches', async () => {
    const byName = await list('?query=SORT%200');
    assert.equal(byName.total, 10); // Sort 00 … Sort 09
    assert.ok(byName.users.every((u) => u.name.startsWith('Sort 0')));
    const byEmail = await list('?query=Z1');
    assert.equal(byEmail.total, 10);
    assert.ok(byEmail.users.every((u) => u.email.startsWith('z1')));
    assert.deepEqual(await list('?query=nobody-matches-this'), { users: [], total: 0 });
  });

  test('order_by name / email / created_at / last_active_at / role with direction', async () => {
    const names = (p: Page) => p.users.map((u) => u.name);
    const nameAsc = await list('?query=sort&order_by=name&direction=asc');
    assert.deepEqual(names(nameAsc), [...names(nameAsc)].sort());
    assert.equal(nameAsc.users[0]?.name, 'Sort 00');
    const nameDesc = await list('?query=sort&order_by=name&direction=desc');
    assert.equal(nameDesc.users[0]?.name, 'Sort 62');
    // Any direction other than asc is descending.
    assert.deepEqual(names(await list('?query=sort&order_by=name&direction=sideways')), names(nameDesc));
    const emailAsc = await list('?query=sort&order_by=email&direction=asc');
    assert.equal(emailAsc.users[0]?.email, 'z00@sort.example');
    assert.equal(emailAsc.users[0]?.name, 'Sort 62');
    const createdAsc = await list('?query=sort&order_by=created_at&direction=asc');
    assert.deepEqual(createdAsc.users.map((u) => u.id), sortIds.slice(0, 30));
    const activeDesc = await list('?query=sort&order_by=last_active_at');
    // last_active_at = T0 + ((i*5) mod 63) minutes: the largest (62 minutes) is i = 25.
    assert.equal(activeDesc.users[0]?.id, sortIds[25]);
    const roleAsc = await list('?query=sort&order_by=role&direction=asc');
    assert.equal(roleAsc.users[0]?.role, 'pending');
    const roleDesc = await list('?query=sort&order_by=role');
    assert.equal(roleDesc.users[0]?.role, 'user');
  });

  test('order_by group_id:<id> puts the members first (then by name); asc puts them last', async () => {
    const group = await createGroup(server, admin, 'Sorted');
    const members = [sortIds[40], sortIds[5], sortIds[22]] as string[];
    await addMembers(server, admin, group, members);
    const first = await list(`?query=sort&order_by=group_id:${group}`);
    assert.deepEqual(first.users.slice(0, 3).map((u) => u.name), ['Sort 05', 'Sort 22', 'Sort 40']);
    assert.equal(first.users[3]?.name, 'Sort 00');
    const last = await list(`?query=sort&order_by=group_id:${group}&direction=asc&page=3`);
    assert.deepEqual(last.users.slice(-3).map((u) => u.name), ['Sort 05', 'Sort 22', 'Sort 40']);
  });

  test('a page that is not an integer → 422', async () => {
    for (const bad of ['abc', '1.5', '']) {
      const res = await server.request('GET', `/api/v1/users/?page=${bad}`, { token: admin.token });
      assert422(res, 'int_type', ['query', 'page']);
    }
    const huge = await server.request('GET', '/api/v1/users/?page=99999999999', { token: admin.token });
    assert.equal(huge.status, 422);
  });

  test('search: any verified user, UserInfo fields only, paged and filtered the same way', async () => {
    const page1 = await search('?query=sort&order_by=name&direction=asc');
    assert.equal(page1.total, SEEDED);
    assert.equal(page1.users.length, 30);
    for (const u of page1.users) assert.deepEqual(sorted(Object.keys(u)), sorted(USER_INFO_FIELDS));
    assert.equal(page1.users[0]?.name, 'Sort 00');
    const page3 = await search('?query=sort&order_by=name&direction=asc&page=3');
    assert.deepEqual(page3.users.map((u) => u.name), ['Sort 60', 'Sort 61', 'Sort 62']);
    const everyone = await search('');
    assert.equal(everyone.total, SEEDED + 2);
    const res = await server.request('GET', '/api/v1/users/search?page=x', { token: user.token });
    assert422(res, 'int_type', ['query', 'page']);
  });

  test('search shows status fields as set', async () => {
    const res = await server.request('POST', '/api/v1/users/user/status/update', { token: user.token, body: { status_emoji: '🌴', status_message: 'On leave', status_expires_at: 1_900_000_000 } });
    assert.equal(res.status, 200, res.text);
    const [uma] = (await search('?query=uma', admin)).users;
    assert.deepEqual(uma, { id: user.id, name: 'Uma User', email: 'user@example.com', role: 'user', status_emoji: '🌴', status_message: 'On leave', status_expires_at: 1_900_000_000 });
  });

  test('all: every user as UserInfo, newest first', async () => {
    const res = await server.request<Page>('GET', '/api/v1/users/all', { token: admin.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.total, SEEDED + 2);
    assert.equal(res.body.users.length, SEEDED + 2);
    for (const u of res.body.users) assert.deepEqual(sorted(Object.keys(u)), sorted(USER_INFO_FIELDS));
    assert.deepEqual(res.body.users.slice(-2).map((u) => u.id), [sortIds[1], sortIds[0]]);
  });
});
