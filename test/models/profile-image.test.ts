// GET /api/v1/models/model/profile/image?id=…: redirect, decoded data URL or the default picture.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { createModel, form } from './support.ts';

const PNG_MAGIC = '89504e47';
const TINY_GIF = 'R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==';

describe('models: profile image', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;

  async function image(account: Account | undefined, id: string) {
    const res = await fetch(`${server.url}/api/v1/models/model/profile/image?id=${encodeURIComponent(id)}`, {
      headers: account ? { Authorization: `Bearer ${account.token}` } : {},
      redirect: 'manual',
    });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
    await createModel(server, admin, form('remote', { access_control: null, meta: { profile_image_url: 'https://img.example.com/a.png' } }));
    await createModel(server, admin, form('inline', { access_control: null, meta: { profile_image_url: `data:image/gif;base64,${TINY_GIF}` } }));
    await createModel(server, admin, form('svg', { access_control: null, meta: { profile_image_url: 'data:image/svg+xml;base64,PHN2Zz48c2NyaXB0Pjwvc2NyaXB0Pjwvc3ZnPg==' } }));
    await createModel(server, admin, form('plain', { access_control: null }));
    await createModel(server, admin, form('private', { meta: { profile_image_url: 'https://img.example.com/secret.png' } }));
  });
  after(async () => {
    await server.close();
  });

  it('redirects to an http(s) picture', async () => {
    const { res } = await image(user, 'remote');
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), 'https://img.example.com/a.png');
    assert.equal(res.headers.get('cache-control'), 'no-cache, must-revalidate');
  });

  it('serves a raster data URL as its bytes, nosniff', async () => {
    const { res, bytes } = await image(user, 'inline');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/gif');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(bytes, Buffer.from(TINY_GIF, 'base64'));
  });

  it('serves the default PNG for SVG, no picture, unknown ids and models the caller may not read', async () => {
    for (const id of ['svg', 'plain', 'no-such-model', 'private']) {
      const { res, bytes } = await image(user, id);
      assert.equal(res.status, 200, id);
      assert.equal(res.headers.get('content-type'), 'image/png', id);
      assert.equal(bytes.subarray(0, 4).toString('hex'), PNG_MAGIC, id);
    }
    const { res } = await image(admin, 'private');
    assert.equal(res.status, 302, 'the owner side still gets the real picture');
  });

  it('needs credentials and an id', async () => {
    assert.equal((await image(undefined, 'remote')).res.status, 401);
    const noId = await server.request('GET', '/api/v1/models/model/profile/image', { token: user.token });
    assert.equal(noId.status, 422);
  });
});
