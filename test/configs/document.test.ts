// Configs export/import: the whole stored document, round trip, validation, persistence.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAndUser, startServer, testEnv, type Account, type TestServer } from '../helpers/server.ts';
import { BANNER, read } from './support.ts';

describe('configs: export and import', () => {
  let server: TestServer;
  let admin: Account;

  before(async () => {
    server = await startServer();
    ({ admin } = await adminAndUser(server));
  });
  after(async () => {
    await server.close();
  });

  it('exports what was saved; importing an export restores it', async () => {
    await server.request('POST', '/api/v1/configs/banners', { token: admin.token, body: { banners: [BANNER] } });
    await server.request('POST', '/api/v1/configs/connections', { token: admin.token, body: { ENABLE_DIRECT_CONNECTIONS: true, ENABLE_BASE_MODELS_CACHE: false } });
    const exported = await read(server, admin.token, '/export');
    assert.deepEqual(exported.ui.banners, [BANNER]);
    assert.equal(exported.direct.enable, true);

    // Change things after the export, then import it: the exported state comes back.
    await server.request('POST', '/api/v1/configs/banners', { token: admin.token, body: { banners: [] } });
    await server.request('POST', '/api/v1/configs/connections', { token: admin.token, body: { ENABLE_DIRECT_CONNECTIONS: false, ENABLE_BASE_MODELS_CACHE: true } });
    const imported = await server.request('POST', '/api/v1/configs/import', { token: admin.token, body: { config: exported } });
    assert.equal(imported.status, 200, imported.text);
    assert.deepEqual(imported.body, exported);
    assert.deepEqual(await read(server, admin.token, '/export'), exported);
    assert.deepEqual(await read(server, admin.token, '/banners'), [BANNER]);
    assert.deepEqual(await read(server, admin.token, '/connections'), { ENABLE_DIRECT_CONNECTIONS: true, ENABLE_BASE_MODELS_CACHE: false });
  });

  it('an import replaces the document: settings it lacks fall back to their defaults', async () => {
    const res = await server.request('POST', '/api/v1/configs/import', { token: admin.token, body: { config: { version: 0, ui: { banners: [] } } } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { version: 0, ui: { banners: [] } });
    assert.deepEqual(await read(server, admin.token, '/connections'), { ENABLE_DIRECT_CONNECTIONS: false, ENABLE_BASE_MODELS_CACHE: false });
  });

  it('rejects a config that is not an object with 422 and keeps the document', async () => {
    await server.request('POST', '/api/v1/configs/banners', { token: admin.token, body: { banners: [BANNER] } });
    const before = await read(server, admin.token, '/export');
    for (const body of [{}, { config: [1, 2] }, { config: 'x' }, { config: null }]) {
      const res = await server.request('POST', '/api/v1/configs/import', { token: admin.token, body });
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(res.body.detail[0].loc[1], 'config');
    }
    const malformed = await server.request('POST', '/api/v1/configs/import', { token: admin.token, raw: '{"config": {' });
    assert.equal(malformed.status, 422);
    assert.deepEqual(await read(server, admin.token, '/export'), before);
  });
});

it('an imported document survives a restart', async () => {
  const env = testEnv();
  const first = await startServer(env, { keepData: true });
  let admin: Account;
  const doc = { version: 0, ui: { banners: [BANNER], default_models: 'imported-model' } };
  try {
    ({ admin } = await adminAndUser(first));
    const res = await first.request('POST', '/api/v1/configs/import', { token: admin.token, body: { config: doc } });
    assert.equal(res.status, 200, res.text);
  } finally {
    await first.close();
  }
  const second = await startServer(env);
  try {
    assert.deepEqual(await read(second, admin.token, '/export'), doc);
    assert.equal((await read(second, admin.token, '/models')).DEFAULT_MODELS, 'imported-model');
  } finally {
    await second.close();
  }
});
