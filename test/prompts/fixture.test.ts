// The prompt of a genuine Open WebUI 0.6.43 database (shared fixture): a peewee-era table with an
// unused integer `id`, `access_control` written by Python as the JSON text `null` (public).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Account, TestServer } from '../helpers/server.ts';
import { FIXTURE_BACKENDS, signinFixtureAccount, type FixtureServer } from '../helpers/owui-fixture.ts';
import { ERROR_MESSAGES, assertDetail, commandsOf, createPrompt, listPrompts, type Prompt } from './support.ts';

const ADMIN_ID = '7e20e4d7-5e57-4d03-83e8-562d027d47c9';

function fixtureSuite(label: string, skip: string | false, boot: () => Promise<FixtureServer>) {
  describe(`prompts on the Open WebUI 0.6.43 fixture (${label})`, { skip }, () => {
    let server: TestServer;
    let cleanup: () => Promise<void>;
    let admin: Account;
    let user: Account;

    before(async () => {
      ({ server, cleanup } = await boot());
      admin = await signinFixtureAccount(server, 'admin@example.com', 'Admin-Passw0rd!');
      user = await signinFixtureAccount(server, 'user@example.com', 'User-Passw0rd!');
    });
    after(async () => {
      await server.close();
      await cleanup();
    });

    it('serves the stored public prompt to every verified user', async () => {
      const read = await server.request<Prompt>('GET', '/api/v1/prompts/command/summarize', { token: user.token });
      assert.equal(read.status, 200, read.text);
      assert.equal(read.body.command, '/summarize');
      assert.equal(read.body.user_id, ADMIN_ID);
      assert.equal(read.body.access_control, null);
      assert.equal(read.body.timestamp, 1766483836);
      assert.deepEqual(commandsOf(await listPrompts(server, user)), ['/summarize']);
      assert.deepEqual(commandsOf(await listPrompts(server, user, '/api/v1/prompts/list')), [], 'public is read-only');
      assertDetail(await server.request('DELETE', '/api/v1/prompts/command/summarize/delete', { token: user.token }), 401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    });

    it('adds, updates and deletes prompts next to it', async () => {
      const added = await createPrompt(server, admin, { command: '/translate', access_control: {} });
      assert.equal(added.command, '/translate');
      assertDetail(await server.request('POST', '/api/v1/prompts/create', { token: admin.token, body: { command: '/summarize', title: 'T', content: 'C' } }), 400, ERROR_MESSAGES.COMMAND_TAKEN);
      const updated = await server.request<Prompt>('POST', '/api/v1/prompts/command/summarize/update', { token: admin.token, body: { command: '/summarize', title: 'Summary', content: 'Shorter.' } });
      assert.equal(updated.status, 200, updated.text);
      assert.equal(updated.body.access_control, null, 'still public');
      assert.equal((await server.request('DELETE', '/api/v1/prompts/command/summarize/delete', { token: admin.token })).body, true);
      assert.deepEqual(commandsOf(await listPrompts(server, admin)), ['/translate']);
    });
  });
}

for (const { label, skip, boot } of FIXTURE_BACKENDS) fixtureSuite(label, skip, boot);
