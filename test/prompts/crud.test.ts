// The prompts router's happy paths: create, list, read, update, delete, and the seed-004 forms.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAndUser, addUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { ERROR_MESSAGES, assertDetail, backdate, commandsOf, createPrompt, grant, listPrompts, nowSec, storedCommands, storedPrompt, type Prompt } from './support.ts';

describe('prompts: create, read, update, delete', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
    await grant(server, admin, user, 'Prompt writers', { workspace: { prompts: true } });
  });
  after(async () => {
    await server.close();
  });

  it('creates a prompt, stored with its leading slash, and reads it back without it', async () => {
    const before = nowSec();
    const created = await createPrompt(server, user, { command: '/summarize', title: 'Summarize', content: 'Summarize {{CLIPBOARD}}', access_control: {} });
    assert.deepEqual(Object.keys(created).sort(), ['access_control', 'command', 'content', 'timestamp', 'title', 'user_id']);
    assert.equal(created.command, '/summarize');
    assert.equal(created.user_id, user.id);
    assert.equal(created.title, 'Summarize');
    assert.equal(created.content, 'Summarize {{CLIPBOARD}}');
    assert.deepEqual(created.access_control, {});
    assert.ok(created.timestamp >= before && created.timestamp <= nowSec() + 1, 'timestamp in epoch seconds');

    const read = await server.request<Prompt>('GET', '/api/v1/prompts/command/summarize', { token: user.token });
    assert.equal(read.status, 200, read.text);
    assert.deepEqual(read.body, created);
    assert.equal((await storedPrompt(server, '/summarize'))?.['user_id'], user.id);
  });

  it('adds the leading slash when the body has none', async () => {
    const created = await createPrompt(server, user, { command: 'no-slash_2', access_control: {} });
    assert.equal(created.command, '/no-slash_2');
    assert.deepEqual(await storedCommands(server).then((c) => c.filter((x) => x.includes('no-slash'))), ['/no-slash_2']);
  });

  it('refuses a taken command with 400 COMMAND_TAKEN, with or without the slash, and keeps the original', async () => {
    await createPrompt(server, admin, { command: '/taken', title: 'First' });
    assertDetail(await server.request('POST', '/api/v1/prompts/create', { token: user.token, body: { command: '/taken', title: 'Second', content: 'x' } }), 400, ERROR_MESSAGES.COMMAND_TAKEN);
    assertDetail(await server.request('POST', '/api/v1/prompts/create', { token: admin.token, body: { command: 'taken', title: 'Third', content: 'x' } }), 400, ERROR_MESSAGES.COMMAND_TAKEN);
    const stored = await storedPrompt(server, '/taken');
    assert.equal(stored?.['title'], 'First');
    assert.equal(stored?.['user_id'], admin.id);
  });

  it('lists readable prompts newest first, and the writable ones with their owner', async () => {
    await createPrompt(server, user, { command: '/older', access_control: {} });
    await createPrompt(server, user, { command: '/newer', access_control: {} });
    await backdate(server, '/older', nowSec() - 3600);
    await backdate(server, '/newer', nowSec() - 60);

    const mine = await listPrompts(server, user);
    const order = mine.map((p) => p.command).filter((c) => c === '/older' || c === '/newer');
    assert.deepEqual(order, ['/newer', '/older']);
    const timestamps = mine.map((p) => p.timestamp);
    assert.deepEqual(timestamps, [...timestamps].sort((a, b) => b - a), 'timestamp desc');
    assert.ok(!('user' in (mine[0] as object)), 'GET / carries no user');

    const writable = await listPrompts(server, user, '/api/v1/prompts/list');
    const older = writable.find((p) => p.command === '/older') as Prompt & { user: Record<string, unknown> };
    assert.deepEqual(older.user, { id: user.id, name: 'Uma User', role: 'user', email: 'user@example.com' });
  });

  it('updates title, content and access_control, bumps the timestamp and never renames', async () => {
    await createPrompt(server, user, { command: '/editable', title: 'Old', content: 'old', access_control: {} });
    await backdate(server, '/editable', 1_000);
    const res = await server.request<Prompt>('POST', '/api/v1/prompts/command/editable/update', {
      token: user.token,
      body: { command: '/renamed', title: 'New', content: 'new', access_control: {} },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.command, '/editable');
    assert.equal(res.body.title, 'New');
    assert.equal(res.body.content, 'new');
    assert.ok(res.body.timestamp >= nowSec() - 5, 'timestamp bumped');
    assert.equal(await storedPrompt(server, '/renamed'), undefined);
    const read = await server.request<Prompt>('GET', '/api/v1/prompts/command/editable', { token: user.token });
    assert.deepEqual(read.body, res.body);
  });

  it('keeps the stored access_control when an update omits it', async () => {
    await createPrompt(server, user, { command: '/stays-private', access_control: {} });
    const res = await server.request<Prompt>('POST', '/api/v1/prompts/command/stays-private/update', { token: user.token, body: { command: '/stays-private', title: 'T', content: 'C' } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.access_control, {});
    const other = await addUser(server, admin, 'Otto Other', 'otto-crud@example.com', 'user');
    assert.ok(!commandsOf(await listPrompts(server, other)).includes('/stays-private'), 'still private');
  });

  it('deletes a prompt; afterwards it is gone (401 NOT_FOUND as Open WebUI answers)', async () => {
    await createPrompt(server, user, { command: '/doomed', access_control: {} });
    const res = await server.request('DELETE', '/api/v1/prompts/command/doomed/delete', { token: user.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body, true);
    assertDetail(await server.request('GET', '/api/v1/prompts/command/doomed', { token: user.token }), 401, ERROR_MESSAGES.NOT_FOUND);
    assertDetail(await server.request('DELETE', '/api/v1/prompts/command/doomed/delete', { token: user.token }), 401, ERROR_MESSAGES.NOT_FOUND);
    assertDetail(await server.request('POST', '/api/v1/prompts/command/doomed/update', { token: user.token, body: { command: '/doomed', title: 'T', content: 'C' } }), 401, ERROR_MESSAGES.NOT_FOUND);
    assert.equal(await storedPrompt(server, '/doomed'), undefined);
  });

  it('serves the seed-004 forms GET and POST /api/prompts, and nothing extra under /api/v1/prompts', async () => {
    const created = await server.request<Prompt>('POST', '/api/prompts', { token: user.token, body: { command: '/seed-form', title: 'Seed', content: 'S', access_control: {} } });
    assert.equal(created.status, 200, created.text);
    assert.equal(created.body.command, '/seed-form');
    assert.ok(commandsOf(await listPrompts(server, user, '/api/prompts')).includes('/seed-form'));
    assert.deepEqual(commandsOf(await listPrompts(server, user, '/api/prompts')), commandsOf(await listPrompts(server, user, '/api/v1/prompts/')));

    const v1 = await server.request('POST', '/api/v1/prompts/', { token: user.token, body: { command: '/v1-root', title: 'R', content: 'R', access_control: {} } });
    assert.equal(v1.status, 405, 'the seed form is only /api/prompts');
    assert.equal(await storedPrompt(server, '/v1-root'), undefined);
    assertDetail(await server.request('POST', '/api/prompts', { token: user.token, body: { command: '/seed-form', title: 'Again', content: 'x' } }), 400, ERROR_MESSAGES.COMMAND_TAKEN);
    assert.equal((await storedPrompt(server, '/seed-form'))?.['title'], 'Seed');
  });
});

describe('prompts: who may call', () => {
  let server: TestServer;
  let admin: Account;
  let pending: Account;

  before(async () => {
    server = await startServer();
    ({ admin } = await adminAndUser(server));
    pending = await addUser(server, admin, 'Pat Pending', 'pending@example.com', 'pending');
    await createPrompt(server, admin, { command: '/existing', access_control: null });
  });
  after(async () => {
    await server.close();
  });

  const body = { command: '/intruder', title: 'T', content: 'C' };
  const calls: [string, string, unknown?][] = [
    ['GET', '/api/v1/prompts/'],
    ['GET', '/api/v1/prompts/list'],
    ['POST', '/api/v1/prompts/create', body],
    ['GET', '/api/v1/prompts/command/existing'],
    ['POST', '/api/v1/prompts/command/existing/update', { ...body, command: '/existing' }],
    ['DELETE', '/api/v1/prompts/command/existing/delete'],
    ['GET', '/api/prompts'],
    ['POST', '/api/prompts', body],
  ];

  it('answers 401 Not authenticated without credentials', async () => {
    for (const [method, path, payload] of calls) {
      assertDetail(await server.request(method, path, { body: payload }), 401, 'Not authenticated', `${method} ${path}`);
    }
  });

  it('answers 401 ACCESS_PROHIBITED to a pending user', async () => {
    for (const [method, path, payload] of calls) {
      assertDetail(await server.request(method, path, { token: pending.token, body: payload }), 401, ERROR_MESSAGES.ACCESS_PROHIBITED, `${method} ${path}`);
    }
  });

  it('changed nothing', async () => {
    assert.deepEqual(await storedCommands(server), ['/existing']);
    assert.equal((await storedPrompt(server, '/existing'))?.['title'], 'A title');
  });
});
