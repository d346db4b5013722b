// The model record of a genuine Open WebUI 0.6.43 database (shared fixture), served and changed
// through the API: JSON written by Python, a group read grant, a boolean stored as 1.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Account, TestServer } from '../helpers/server.ts';
import { FIXTURE_BACKENDS, signinFixtureAccount, type FixtureServer } from '../helpers/owui-fixture.ts';
import { readModel, type Model } from './support.ts';

const ENGINEERING = '66080b8e-ed73-41f6-bc64-19a56a4b6d4e';
const ADMIN_ID = '7e20e4d7-5e57-4d03-83e8-562d027d47c9';

function fixtureSuite(label: string, skip: string | false, boot: () => Promise<FixtureServer>) {
  describe(`models on the Open WebUI 0.6.43 fixture (${label})`, { skip }, () => {
    let server: TestServer;
    let cleanup: () => Promise<void>;
    let admin: Account;
    let user: Account;
    let pending: Account;

    before(async () => {
      ({ server, cleanup } = await boot());
      admin = await signinFixtureAccount(server, 'admin@example.com', 'Admin-Passw0rd!');
      user = await signinFixtureAccount(server, 'user@example.com', 'User-Passw0rd!');
      pending = await signinFixtureAccount(server, 'pending@example.com', 'Pending-Passw0rd!');
    });
    after(async () => {
      await server.close();
      await cleanup();
    });

    it('reads the stored record as Open WebUI serialises it', async () => {
      const model = await readModel(server, admin, 'research-assistant');
      assert.equal(model?.user_id, ADMIN_ID);
      assert.equal(model?.base_model_id, 'llama3.2:3b');
      assert.equal(model?.name, 'Research Assistant');
      assert.equal(model?.is_active, true);
      assert.equal(model?.meta['description'], 'Answers questions using the team handbook.');
      assert.equal(model?.params['temperature'], 0.3);
      assert.deepEqual(model?.access_control, { read: { group_ids: [ENGINEERING], user_ids: [] }, write: { group_ids: [], user_ids: [] } });
    });

    it('grants read through the stored group, not write', async () => {
      assert.equal((await readModel(server, user, 'research-assistant'))?.id, 'research-assistant');
      const list = await server.request<{ items: Model[]; total: number }>('GET', '/api/v1/models/list', { token: user.token });
      assert.equal(list.body.total, 0, 'the workspace list shows what the user may edit');
      assert.equal((await server.request('GET', '/api/v1/models/model?id=research-assistant', { token: pending.token })).status, 401);
      const adminList = await server.request<{ items: Model[]; total: number }>('GET', '/api/v1/models/list', { token: admin.token });
      assert.deepEqual(adminList.body.items.map((m) => [m.id, m.user?.email]), [['research-assistant', 'admin@example.com']]);
    });

    it('toggles and updates the stored record', async () => {
      const toggled = await server.request<Model>('POST', '/api/v1/models/model/toggle?id=research-assistant', { token: admin.token });
      assert.equal(toggled.body.is_active, false);
      const model = (await readModel(server, admin, 'research-assistant')) as Model;
      const { user_id: _u, created_at: _c, updated_at: _up, ...form } = model;
      const res = await server.request<Model>('POST', '/api/v1/models/model/update', { token: admin.token, body: { ...form, name: 'Renamed' } });
      assert.equal(res.status, 200, res.text);
      const read = await readModel(server, admin, 'research-assistant');
      assert.equal(read?.name, 'Renamed');
      assert.equal(read?.is_active, false);
      assert.deepEqual(read?.meta, model.meta);
      assert.equal(read?.created_at, model.created_at);
    });
  });
}

for (const { label, skip, boot } of FIXTURE_BACKENDS) fixtureSuite(label, skip, boot);
