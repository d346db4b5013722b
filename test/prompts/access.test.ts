// Who sees and changes which prompt: owners, admins, access_control grants, feature and sharing permissions.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAndUser, addUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { ERROR_MESSAGES, assertDetail, commandsOf, createPrompt, grant, listPrompts, shared, storedCommands, storedPrompt, type Prompt } from './support.ts';

const update = (server: TestServer, account: Account, command: string, body: Record<string, unknown>) =>
  server.request<Prompt>('POST', `/api/v1/prompts/command/${command}/update`, { token: account.token, body: { command: `/${command}`, title: 'T', content: 'C', ...body } });

describe('prompts: access control', () => {
  let server: TestServer;
  let admin: Account;
  let owner: Account;
  let other: Account;

  before(async () => {
    server = await startServer();
    ({ admin, user: owner } = await adminAndUser(server));
    other = await addUser(server, admin, 'Otto Other', 'other@example.com', 'user');
    await grant(server, admin, owner, 'Owners', { workspace: { prompts: true }, sharing: { prompts: true, public_prompts: true } });
    await grant(server, admin, other, 'Others', { workspace: { prompts: true } });
  });
  after(async () => {
    await server.close();
  });

  it("hides another user's private prompt: not listed, null on read, 401 on update and delete, unchanged", async () => {
    await createPrompt(server, owner, { command: '/secret', title: 'Secret', content: 'classified', access_control: {} });
    assert.ok(!commandsOf(await listPrompts(server, other)).includes('/secret'));
    assert.ok(!commandsOf(await listPrompts(server, other, '/api/v1/prompts/list')).includes('/secret'));
    const read = await server.request('GET', '/api/v1/prompts/command/secret', { token: other.token });
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body, null, 'nothing revealed');
    assertDetail(await update(server, other, 'secret', { title: 'Hacked', access_control: null }), 401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    assertDetail(await server.request('DELETE', '/api/v1/prompts/command/secret/delete', { token: other.token }), 401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    const stored = await storedPrompt(server, '/secret');
    assert.equal(stored?.['title'], 'Secret');
    assert.equal(stored?.['content'], 'classified');
  });

  it('lets admins see and change every prompt (BYPASS_ADMIN_ACCESS_CONTROL defaults on)', async () => {
    await createPrompt(server, owner, { command: '/owned', access_control: {} });
    assert.ok(commandsOf(await listPrompts(server, admin)).includes('/owned'));
    assert.ok(commandsOf(await listPrompts(server, admin, '/api/v1/prompts/list')).includes('/owned'));
    assert.equal((await server.request<Prompt>('GET', '/api/v1/prompts/command/owned', { token: admin.token })).body.command, '/owned');
    const res = await update(server, admin, 'owned', { title: 'By admin', access_control: {} });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.user_id, owner.id, 'the owner stays');
    assert.equal((await storedPrompt(server, '/owned'))?.['title'], 'By admin');
  });

  it('makes a public prompt (access_control null) readable by all but writable only by its owner', async () => {
    await createPrompt(server, owner, { command: '/public', access_control: null });
    assert.ok(commandsOf(await listPrompts(server, other)).includes('/public'));
    assert.ok(!commandsOf(await listPrompts(server, other, '/api/v1/prompts/list')).includes('/public'));
    assert.equal((await server.request<Prompt>('GET', '/api/v1/prompts/command/public', { token: other.token })).body.command, '/public');
    assertDetail(await update(server, other, 'public', { access_control: null }), 401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    assertDetail(await server.request('DELETE', '/api/v1/prompts/command/public/delete', { token: other.token }), 401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    assert.ok((await storedCommands(server)).includes('/public'));
  });

  it('grants read and write to listed users and groups', async () => {
    const groupId = await grant(server, admin, other, 'Readers', {});
    await createPrompt(server, owner, { command: '/for-group', access_control: shared({ read: { group_ids: [groupId] } }) });
    await createPrompt(server, owner, { command: '/for-other', access_control: shared({ read: { user_ids: [other.id] }, write: { user_ids: [other.id] } }) });

    const readable = commandsOf(await listPrompts(server, other));
    assert.ok(readable.includes('/for-group') && readable.includes('/for-other'));
    const writable = await listPrompts(server, other, '/api/v1/prompts/list');
    assert.ok(!commandsOf(writable).includes('/for-group'), 'read grant only');
    const forOther = writable.find((p) => p.command === '/for-other') as Prompt & { user: Record<string, unknown> };
    assert.deepEqual(forOther.user, { id: owner.id, name: 'Uma User', role: 'user', email: 'user@example.com' });

    assertDetail(await update(server, other, 'for-group', { access_control: shared({ read: { group_ids: [groupId] } }) }), 401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    // A writer without sharing permissions may edit while resending the same access_control…
    const edited = await update(server, other, 'for-other', { title: 'Edited', access_control: shared({ read: { user_ids: [other.id] }, write: { user_ids: [other.id] } }) });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.body.title, 'Edited');
    // …but not publish it.
    assertDetail(await update(server, other, 'for-other', { title: 'Published', access_control: null }), 403, ERROR_MESSAGES.ACCESS_PROHIBITED);
    assert.equal((await storedPrompt(server, '/for-other'))?.['title'], 'Edited');

    const deleted = await server.request('DELETE', '/api/v1/prompts/command/for-other/delete', { token: other.token });
    assert.equal(deleted.body, true);
    assert.ok(!(await storedCommands(server)).includes('/for-other'));
  });
});

describe('prompts: workspace and sharing permissions', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
  });
  after(async () => {
    await server.close();
  });

  it('refuses creation without workspace.prompts or workspace.prompts_import (401 UNAUTHORIZED), writing nothing', async () => {
    for (const path of ['/api/v1/prompts/create', '/api/prompts']) {
      assertDetail(await server.request('POST', path, { token: user.token, body: { command: '/nope', title: 'T', content: 'C', access_control: {} } }), 401, ERROR_MESSAGES.UNAUTHORIZED);
    }
    assert.deepEqual(await storedCommands(server), []);
  });

  it('allows creation with workspace.prompts_import alone', async () => {
    const groupId = await grant(server, admin, user, 'Importers', { workspace: { prompts_import: true } });
    const created = await createPrompt(server, user, { command: '/imported', access_control: {} });
    assert.equal(created.user_id, user.id);
    await server.request('POST', `/api/v1/groups/id/${groupId}/users/remove`, { token: admin.token, body: { user_ids: [user.id] } });
  });

  it('needs sharing.public_prompts to publish and sharing.prompts to share (403), writing nothing', async () => {
    const groupId = await grant(server, admin, user, 'Writers', { workspace: { prompts: true } });
    const other = await addUser(server, admin, 'Otto Other', 'other@example.com', 'user');
    assertDetail(await server.request('POST', '/api/v1/prompts/create', { token: user.token, body: { command: '/to-all', title: 'T', content: 'C', access_control: null } }), 403, ERROR_MESSAGES.ACCESS_PROHIBITED);
    const toOther = shared({ read: { user_ids: [other.id] } });
    assertDetail(await server.request('POST', '/api/v1/prompts/create', { token: user.token, body: { command: '/to-other', title: 'T', content: 'C', access_control: toOther } }), 403, ERROR_MESSAGES.ACCESS_PROHIBITED);
    assert.ok(!(await storedCommands(server)).some((c) => c === '/to-all' || c === '/to-other'));

    // Sharing only with oneself stays private.
    await createPrompt(server, user, { command: '/self-only', access_control: shared({ read: { user_ids: [user.id] } }) });
    assertDetail(await update(server, user, 'self-only', { access_control: toOther }), 403, ERROR_MESSAGES.ACCESS_PROHIBITED);

    await server.request('POST', `/api/v1/groups/id/${groupId}/update`, { token: admin.token, body: { name: 'Writers', description: '', permissions: { workspace: { prompts: true }, sharing: { prompts: true } } } });
    const sharedNow = await update(server, user, 'self-only', { access_control: toOther });
    assert.equal(sharedNow.status, 200, sharedNow.text);
    assert.ok(commandsOf(await listPrompts(server, other)).includes('/self-only'));
  });

  it('makes a prompt created without access_control private unless the caller may publish', async () => {
    const created = await server.request<Prompt>('POST', '/api/v1/prompts/create', { token: user.token, body: { command: '/no-acl', title: 'T', content: 'C' } });
    assert.equal(created.status, 200, created.text);
    assert.deepEqual(created.body.access_control, {});
    const byAdmin = await createPrompt(server, admin, { command: '/admin-no-acl' });
    assert.equal(byAdmin.access_control, null, 'public, as Open WebUI does');
  });

  it('lets an owner without workspace.prompts still edit and delete their prompts (as Open WebUI)', async () => {
    const groupId = await grant(server, admin, user, 'Temporary', { workspace: { prompts: true } });
    await createPrompt(server, user, { command: '/kept', access_control: {} });
    await server.request('DELETE', `/api/v1/groups/id/${groupId}/delete`, { token: admin.token });
    assert.equal((await update(server, user, 'kept', { title: 'Still mine' })).status, 200);
    assert.equal((await server.request('DELETE', '/api/v1/prompts/command/kept/delete', { token: user.token })).body, true);
  });
});

describe('prompts: BYPASS_ADMIN_ACCESS_CONTROL=false', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;

  before(async () => {
    server = await startServer({ BYPASS_ADMIN_ACCESS_CONTROL: 'false' });
    ({ admin, user } = await adminAndUser(server));
    await grant(server, admin, user, 'Writers', { workspace: { prompts: true }, sharing: { public_prompts: true } });
  });
  after(async () => {
    await server.close();
  });

  it("keeps other users' private prompts from admins, public ones stay readable", async () => {
    await createPrompt(server, user, { command: '/users-own', access_control: {} });
    await createPrompt(server, user, { command: '/users-public', access_control: null });
    const listed = commandsOf(await listPrompts(server, admin));
    assert.ok(!listed.includes('/users-own'));
    assert.ok(listed.includes('/users-public'));
    assert.ok(!commandsOf(await listPrompts(server, admin, '/api/v1/prompts/list')).includes('/users-public'), 'public is read-only');
    assert.equal((await server.request('GET', '/api/v1/prompts/command/users-own', { token: admin.token })).body, null);
    assertDetail(await update(server, admin, 'users-own', { access_control: {} }), 401, ERROR_MESSAGES.ACCESS_PROHIBITED);
  });
});
