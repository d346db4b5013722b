// GET /users/{id}/profile/image: redirect for http(s) pictures, decoded bytes for safe raster
// data: URLs, the drawn default avatar for everything else.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { crc32 } from '../../src/assets/png.ts';
import { defaultAvatarPng } from '../../src/assets/default-avatar.ts';
import { assertDetail, cookieHeader, ERROR_MESSAGES } from './support.ts';

/** A PNG read chunk by chunk, with every CRC checked. */
function readPng(bytes: Buffer): { width: number; height: number; colourType: number; pixels: Buffer } {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.subarray(offset + 4, offset + 8).toString('latin1');
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    assert.equal(bytes.readUInt32BE(offset + 8 + length), crc32(bytes.subarray(offset + 4, offset + 8 + length)), `CRC of ${type}`);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colourType = data[9] ?? -1;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  assert.ok(ended, 'IEND present');
  return { width, height, colourType, pixels: inflateSync(Buffer.concat(idat)) };
}

const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

describe('users router: profile image', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;

  const setPicture = async (url: string) => {
    const res = await server.request('POST', '/api/v1/auths/update/profile', { token: user.token, body: { name: 'Uma User', profile_image_url: url } });
    assert.equal(res.status, 200, res.text);
  };
  const fetchImage = (headers?: Record<string, string>) =>
    fetch(`${server.url}/api/v1/users/${user.id}/profile/image`, { headers: headers ?? { Authorization: `Bearer ${admin.token}` }, redirect: 'manual' });

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
  });
  after(async () => server?.close());

  test('the default avatar: a valid 200×200 RGBA PNG, drawn once', async () => {
    const res = await fetchImage();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.deepEqual(bytes, defaultAvatarPng());
    assert.equal(defaultAvatarPng(), defaultAvatarPng(), 'cached');
    const png = readPng(bytes);
    assert.deepEqual([png.width, png.height, png.colourType], [200, 200, 6]);
    assert.equal(png.pixels.length, 200 * (1 + 200 * 4));
    // Corners are transparent (a disc), the centre of the head is opaque and light.
    const pixel = (x: number, y: number) => png.pixels.subarray(y * 801 + 1 + x * 4, y * 801 + 1 + x * 4 + 4);
    assert.equal(pixel(0, 0)[3], 0);
    assert.deepEqual([...pixel(100, 80)], [249, 250, 251, 255]);
    assert.deepEqual([...pixel(100, 20)], [209, 213, 219, 255]);
  });

  test('an http(s) picture → 302 to it', async () => {
    await setPicture('https://images.example.com/u/uma.jpg?size=200');
    const res = await fetchImage();
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), 'https://images.example.com/u/uma.jpg?size=200');
  });

  test('a base64 data: URL of a raster type → its bytes with its type', async () => {
    await setPicture(`data:image/png;base64,${TINY_PNG.toString('base64')}`);
    let res = await fetchImage();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), TINY_PNG);

    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    await setPicture(`data:image/jpeg;base64,${jpeg.toString('base64')}`);
    res = await fetchImage();
    assert.equal(res.headers.get('content-type'), 'image/jpeg');
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), jpeg);
  });

  test('an SVG (or any other non-raster) data: URL is never served; the default avatar is', async () => {
    for (const url of [
      `data:image/svg+xml;base64,${SVG.toString('base64')}`,
      `data:image/svg+xml,${encodeURIComponent(SVG.toString())}`,
      'data:image/png,not-base64',
      'data:image/png;base64,',
      'data:text/html;base64,PGgxPmhpPC9oMT4=',
      '/user.png',
      'javascript:alert(1)',
    ]) {
      await setPicture(url);
      const res = await fetchImage();
      assert.equal(res.status, 200, url);
      assert.equal(res.headers.get('content-type'), 'image/png', url);
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), defaultAvatarPng(), url);
    }
  });

  test('the token cookie is enough (an <img> tag sends no header)', async () => {
    const res = await fetchImage(cookieHeader(user.token));
    assert.equal(res.status, 200);
  });

  test('unknown user → 400 USER_NOT_FOUND', async () => {
    assertDetail(await server.request('GET', '/api/v1/users/no-such-user/profile/image', { token: user.token }), 400, ERROR_MESSAGES.USER_NOT_FOUND);
  });
});
