// The prompt of a genuine Open WebUI 0.6.43 database (shared fixture): a peewee-era table with an
// unused integer `id`, `access_control` written by Python as the JSON text `null` (public).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type Account, type TestServer } from '../helpers/server.ts';
import { replicateSqliteToPostgres } from '../db/pg-replica.ts';
import { NO_FIXTURES, NO_PG, PG_URL, copyFixture, freshPostgresSchema } from '../db/support.ts';
import { ERROR_MESSAGES, assertDetail, commandsOf, createPrompt, listPrompts, type Prompt } from './support.ts';

const ADMIN_ID = '7e20e4d7-5e57-4d03-83e8-562d027d47c9';

async function signin(server: TestServer, email: string, password: string): Promise<Account> {
  const res = await server.request('POST', '/api/v1/auths/signin', { body: { email, password } });
  assert.equal(res.status, 200, res.text);
  return { id: res.body.id, token: res.body.token, email, password, role: res.body.role };
}

function fixtureSuite(label: string, skip: string | false, boot: () => Promise<{ server: TestServer; cleanup: () => Promise<void> }>) {
  describe(`prompts on the Open WebUI 0.6.43 fixture (${label})`, { skip }, () => {
    let server: TestServer;
    let cleanup: () => Promise<void>;
    let admin: Account;
    let user: Account;

    before(async () => {
      ({ server, cleanup } = await boot());
      admin = await signin(server, 'admin@example.com', 'Admin-Passw0rd!');
      user = await signin(server, 'user@example.com', 'User-Passw0rd!');
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

fixtureSuite('SQLite', NO_FIXTURES, async () => {
  const copy = copyFixture('webui-0.6.43.db');
  const server = await startServer({ DATABASE_URL: copy.url });
  return { server, cleanup: async () => copy.cleanup() };
});

fixtureSuite('PostgreSQL', NO_FIXTURES || NO_PG, async () => {
  const copy = copyFixture('webui-0.6.43.db');
  const pg = await freshPostgresSchema();
  try {
    await replicateSqliteToPostgres(copy.path, pg.database.db);
  } finally {
    copy.cleanup();
  }
  const server = await startServer({ DATABASE_URL: PG_URL as string, DATABASE_SCHEMA: pg.schema });
  return { server, cleanup: () => pg.cleanup() };
});
