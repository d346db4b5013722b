// Two instances on one database and one Redis: a setting saved on one, or a reload asked of one,
// reaches the other without a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signup, testEnv, type TestServer } from '../helpers/server.ts';

async function eventually(check: () => Promise<boolean>, ms = 3000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

test('settings saved on one instance reach the other through Redis', { skip: !process.env['REDIS_URL'] && 'needs REDIS_URL' }, async () => {
  const env = testEnv();
  // A keeps the data on close; B, closed first, removes it.
  const a: TestServer = await startServer(env, { keepData: true });
  const b: TestServer = await startServer(env);
  try {
    const admin = await signup(a, 'Ada Admin', 'admin@example.com');
    const signupOpen = async (server: TestServer) => (await server.request('GET', '/api/config')).body.features.enable_signup as boolean;
    // The first sign-up on A closed sign-up; B learns it from A's save.
    assert.equal(await eventually(async () => (await signupOpen(b)) === false), true);

    const current = await a.request('GET', '/api/v1/auths/admin/config', { token: admin.token });
    const saved = await a.request('POST', '/api/v1/auths/admin/config', { token: admin.token, body: { ...current.body, ENABLE_SIGNUP: true } });
    assert.equal(saved.status, 200);
    assert.equal(await eventually(async () => (await signupOpen(b)) === true), true);

    // A change written straight to the table is picked up everywhere by /api/system/reload on one instance.
    await a.services.database.db.updateTable('config').set({ data: JSON.stringify({ version: 0, ui: { enable_signup: false } }) }).execute();
    const reload = await a.request('POST', '/api/system/reload', { token: admin.token });
    assert.deepEqual(reload.body, { status: true });
    assert.equal(await signupOpen(a), false);
    assert.equal(await eventually(async () => (await signupOpen(b)) === false), true);
  } finally {
    await b.close();
    await a.close();
  }
});
