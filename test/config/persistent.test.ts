// Open WebUI's precedence: a saved setting wins over its environment variable, unless persistence is
// off; `oauth.*` is read from the database only when ENABLE_OAUTH_PERSISTENT_CONFIG is on;
// RESET_CONFIG_ON_START forgets what was saved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, testEnv } from '../helpers/server.ts';

test('stored settings, persistence switches and reset on start', async () => {
  const env = testEnv({ WEBUI_NAME: 'Env Name', ENABLE_COMMUNITY_SHARING: 'false', GOOGLE_CLIENT_ID: 'env-client' });
  const first = await startServer(env, { keepData: true });
  await first.services.config.set({ ENABLE_COMMUNITY_SHARING: true, GOOGLE_CLIENT_ID: 'stored-client' });
  const stored = await first.services.config.exportDocument();
  assert.deepEqual((stored['ui'] as Record<string, unknown>)['enable_community_sharing'], true);
  await first.close();

  const reopened = await startServer(env, { keepData: true });
  assert.equal(reopened.services.config.get('ENABLE_COMMUNITY_SHARING'), true, 'the saved value wins over the env var');
  assert.equal(reopened.services.config.get('GOOGLE_CLIENT_ID'), 'env-client', 'oauth.* comes from env by default');
  await reopened.close();

  const oauthPersistent = await startServer({ ...env, ENABLE_OAUTH_PERSISTENT_CONFIG: 'true' }, { keepData: true });
  assert.equal(oauthPersistent.services.config.get('GOOGLE_CLIENT_ID'), 'stored-client');
  await oauthPersistent.close();

  const envOnly = await startServer({ ...env, ENABLE_PERSISTENT_CONFIG: 'false' }, { keepData: true });
  assert.equal(envOnly.services.config.get('ENABLE_COMMUNITY_SHARING'), false, 'persistence off: the env var wins');
  await envOnly.close();

  const reset = await startServer({ ...env, RESET_CONFIG_ON_START: 'true' });
  assert.equal(reset.services.config.get('ENABLE_COMMUNITY_SHARING'), false, 'reset: back to the env var');
  assert.deepEqual(await reset.services.config.exportDocument(), { version: 0, ui: {} });
  await reset.close();
});
