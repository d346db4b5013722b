// Bad input to the prompts router: 422 with a FastAPI-shaped detail, and nothing written.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signup, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { assert422, createPrompt, storedCommands, storedPrompt } from './support.ts';

describe('prompts: bad input', () => {
  let server: TestServer;
  let admin: Account;

  before(async () => {
    server = await startServer();
    admin = await signup(server, 'Ada Admin', 'admin@example.com');
    await createPrompt(server, admin, { command: '/keep', title: 'Kept', content: 'kept', access_control: {} });
  });
  after(async () => {
    await server.close();
  });

  const create = (body: unknown) => server.request('POST', '/api/v1/prompts/create', { token: admin.token, body });
  const valid = { command: '/fine', title: 'T', content: 'C' };

  it('refuses commands that are empty, too long or not letters, digits, - and _', async () => {
    for (const command of ['', '/', 'two words', '/tab\there', 'a/b', '/ümlaut', '/dot.ted']) {
      assert422(await create({ ...valid, command }), 'value_error', ['body', 'command']);
    }
    for (const command of [`/${'x'.repeat(255)}`, 'x'.repeat(256)]) {
      assert422(await create({ ...valid, command }), 'string_too_long', ['body', 'command']);
    }
    // 255 letters fit the limit but not the column once the slash is added.
    assert422(await create({ ...valid, command: 'x'.repeat(255) }), 'value_error', ['body', 'command']);
    assert422(await create({ ...valid, command: 42 }), 'string_type', ['body', 'command']);
    assert422(await create({ title: 'T', content: 'C' }), 'missing', ['body', 'command']);
    // The longest command that fits the VARCHAR(255) column, with and without the slash.
    assert.equal((await create({ ...valid, command: `/${'y'.repeat(254)}` })).status, 200);
    assert.equal((await create({ ...valid, command: 'z'.repeat(254) })).status, 200);
    assert.deepEqual(await storedCommands(server), ['/keep', `/${'y'.repeat(254)}`, `/${'z'.repeat(254)}`]);
  });

  it('refuses a missing or oversized title or content and malformed access_control', async () => {
    assert422(await create({ command: '/a', content: 'C' }), 'missing', ['body', 'title']);
    assert422(await create({ command: '/a', title: 'T' }), 'missing', ['body', 'content']);
    assert422(await create({ ...valid, title: 'x'.repeat(1_001) }), 'string_too_long', ['body', 'title']);
    assert422(await create({ ...valid, content: ['not', 'text'] }), 'string_type', ['body', 'content']);
    assert422(await create({ ...valid, access_control: 'public' }), 'dict_type', ['body', 'access_control']);
    assert422(await create({ ...valid, access_control: { read: { user_ids: 'everyone' } } }), 'list_type', ['body', 'access_control', 'read', 'user_ids']);
    assert422(await create([valid]), 'model_attributes_type', ['body']);
    assert.ok(!(await storedCommands(server)).includes('/fine'));
  });

  it('refuses a bad update body and leaves the prompt as it was', async () => {
    const update = (body: unknown) => server.request('POST', '/api/v1/prompts/command/keep/update', { token: admin.token, body });
    assert422(await update({ title: 'T', content: 'C' }), 'missing', ['body', 'command']);
    assert422(await update({ command: '/keep', title: null, content: 'C' }), 'string_type', ['body', 'title']);
    assert422(await update({ command: '/keep', title: 'T', content: 'C', access_control: { write: null } }), 'dict_type', ['body', 'access_control', 'write']);
    const stored = await storedPrompt(server, '/keep');
    assert.equal(stored?.['title'], 'Kept');
    assert.equal(stored?.['content'], 'kept');
  });

  it('refuses an oversized command in the path', async () => {
    assert422(await server.request('GET', `/api/v1/prompts/command/${'x'.repeat(256)}`, { token: admin.token }), 'string_too_long', ['path', 'command']);
  });
});
