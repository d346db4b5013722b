// The groups of a genuine Open WebUI 0.6.43 database (shared fixture), served and changed through
// the API: JSON written by Python (`null` text for None), existing memberships and permission trees.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Account, TestServer } from '../helpers/server.ts';
import { FIXTURE_BACKENDS, signinFixtureAccount, type FixtureServer } from '../helpers/owui-fixture.ts';
import { createGroup, getGroup, listGroups, memberIds } from './support.ts';

const ENGINEERING = '66080b8e-ed73-41f6-bc64-19a56a4b6d4e';
const RESEARCH = '99d5d7b3-e19f-4294-959b-954a46062eec';
const ADMIN_ID = '7e20e4d7-5e57-4d03-83e8-562d027d47c9';
const USER_ID = 'cf68a14b-7f7a-4a39-8d16-9ed02994bedb';
const PENDING_ID = '4ff66d65-998d-43fb-9965-3e3d77a3c760';

function fixtureSuite(label: string, skip: string | false, boot: () => Promise<FixtureServer>) {
  describe(`groups on the Open WebUI 0.6.43 fixture (${label})`, { skip }, () => {
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

    it('lists the stored groups with their members and decoded JSON', async () => {
      const groups = await listGroups(server, admin);
      assert.deepEqual(
        groups.map((g) => [g.name, g.member_count]),
        [['Research', 2], ['Engineering', 1]],
      );
      const engineering = groups.find((g) => g.id === ENGINEERING);
      assert.equal(engineering?.user_id, ADMIN_ID);
      assert.equal(engineering?.data, null, 'Python None stored as JSON null text');
      assert.equal((engineering?.permissions as { workspace: { models: boolean } }).workspace.models, true);
      assert.deepEqual(await memberIds(server, admin, RESEARCH), [USER_ID, PENDING_ID].sort());
      // Groups without data.config.share count as shared.
      assert.equal((await listGroups(server, admin, '?share=true')).length, 2);
      assert.equal((await listGroups(server, admin, '?share=false')).length, 0);
    });

    it("grants the stored groups' permissions to their members", async () => {
      assert.deepEqual((await listGroups(server, user)).map((g) => g.id).sort(), [ENGINEERING, RESEARCH].sort());
      const me = await server.request('GET', '/api/v1/auths/', { token: user.token });
      assert.equal(me.body.permissions.features.api_keys, true);
      assert.equal(me.body.permissions.workspace.models, true);
    });

    it('changes stored groups and adds new ones next to them', async () => {
      const add = await server.request('POST', `/api/v1/groups/id/${ENGINEERING}/users/add`, { token: admin.token, body: { user_ids: [PENDING_ID, USER_ID] } });
      assert.equal(add.status, 200, add.text);
      assert.equal(add.body.member_count, 2);
      const update = await server.request('POST', `/api/v1/groups/id/${RESEARCH}/update`, {
        token: admin.token,
        body: { name: 'Research', description: 'Reads papers', data: { config: { share: false } } },
      });
      assert.equal(update.status, 200, update.text);
      const research = await getGroup(server, admin, RESEARCH);
      assert.equal(research.description, 'Reads papers');
      assert.equal((research.permissions as { workspace: { knowledge: boolean } }).workspace.knowledge, true, 'permissions kept');
      assert.deepEqual((await listGroups(server, admin, '?share=false')).map((g) => g.id), [RESEARCH]);

      const fresh = await createGroup(server, admin, { name: 'Ops' });
      assert.deepEqual((await listGroups(server, admin)).map((g) => g.id).sort(), [ENGINEERING, RESEARCH, fresh.id].sort());
      const removed = await server.request('DELETE', `/api/v1/groups/id/${ENGINEERING}/delete`, { token: admin.token });
      assert.equal(removed.body, true);
      const me = await server.request('GET', '/api/v1/auths/', { token: user.token });
      assert.equal(me.body.permissions.features.api_keys, false, 'the deleted group no longer grants');
    });
  });
}

for (const { label, skip, boot } of FIXTURE_BACKENDS) fixtureSuite(label, skip, boot);
