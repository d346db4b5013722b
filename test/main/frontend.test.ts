// The web client's files: the SPA build and its fallback, /static with drawn defaults, the PWA
// manifest and OpenSearch description; plus what every response carries (404/405 JSON,
// X-Process-Time, security headers, CORS).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { startServer, type TestServer } from '../helpers/server.ts';

const INDEX = '<!doctype html><html><body>open webui test build</body></html>';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width, height and whether the image data inflates to the size the header promises. */
function pngInfo(bytes: Buffer): { width: number; height: number; complete: boolean } {
  assert.ok(bytes.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  return { width, height, complete: inflateSync(Buffer.concat(idat)).length === (width * 4 + 1) * height };
}

async function fetchBytes(server: TestServer, path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await fetch(server.url + path, { redirect: 'manual', ...init });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** GET with the path sent byte for byte (fetch would resolve `..` and `%2e%2e` itself). */
function rawGet(server: TestServer, path: string): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('with a frontend build', () => {
  let server: TestServer;
  let base: string;
  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'owui-build-'));
    writeFileSync(join(base, 'secret.txt'), 'outside the build');
    const build = join(base, 'build');
    mkdirSync(build);
    writeFileSync(join(build, 'index.html'), INDEX);
    mkdirSync(join(build, '_app', 'immutable'), { recursive: true });
    writeFileSync(join(build, '_app', 'immutable', 'start.js'), 'export const start = 1;');
    writeFileSync(join(build, '_app', 'version.json'), '{"version":"test"}');
    mkdirSync(join(build, 'static'));
    writeFileSync(join(build, 'static', 'favicon.png'), 'build favicon');
    writeFileSync(join(build, 'static', 'custom.css'), 'body{}');
    writeFileSync(join(build, 'static', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(build, 'static', '.secret'), 'hidden');
    server = await startServer({ FRONTEND_BUILD_DIR: build });
  });
  after(async () => {
    await server.close();
    rmSync(base, { recursive: true, force: true });
  });

  test('/ and client-side routes answer index.html', async () => {
    for (const path of ['/', '/c/0f6b1d4e', '/auth?redirect=%2F', '/workspace/models', '/admin/settings', '/s/share-id', '/notes/x/y']) {
      const res = await server.request('GET', path);
      assert.equal(res.status, 200, path);
      assert.equal(res.text, INDEX, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/, path);
    }
  });

  test('build files are served as they are', async () => {
    const js = await server.request('GET', '/_app/immutable/start.js');
    assert.equal(js.status, 200);
    assert.equal(js.text, 'export const start = 1;');
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    const version = await server.request('GET', '/_app/version.json');
    assert.deepEqual(version.body, { version: 'test' });
  });

  test('a missing .js file is a 404, not the page', async () => {
    const res = await server.request('GET', '/_app/immutable/missing.js');
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { detail: 'Not Found' });
  });

  test('API prefixes never fall back to the page', async () => {
    for (const path of ['/api/v1/nope', '/api/nope', '/ollama/api/nothing', '/ws/nothing', '/static/missing.png', '/v1/nothing']) {
      const res = await server.request('GET', path);
      assert.equal(res.status, 404, path);
      assert.deepEqual(res.body, { detail: 'Not Found' }, path);
    }
    // Every /openai/<path> is Open WebUI's forwarding catch-all, behind sign-in.
    const forwarded = await server.request('GET', '/openai/nothing');
    assert.equal(forwarded.status, 401);
    assert.equal(forwarded.body.detail, 'Not authenticated');
  });

  test('405 for a known path, 404 for an unknown one, whatever the method', async () => {
    assert.deepEqual((await server.request('DELETE', '/api/config')).body, { detail: 'Method Not Allowed' });
    assert.equal((await server.request('DELETE', '/api/config')).status, 405);
    assert.equal((await server.request('POST', '/c/some-chat')).status, 404);
    assert.equal((await server.request('POST', '/api/v1/nope')).status, 404);
  });

  test('/static prefers the build’s files and draws the rest', async () => {
    const favicon = await fetchBytes(server, '/static/favicon.png');
    assert.equal(favicon.status, 200);
    assert.equal(favicon.bytes.toString(), 'build favicon');
    assert.equal(favicon.headers.get('content-type'), 'image/png');
    const css = await server.request('GET', '/static/custom.css');
    assert.equal(css.text, 'body{}');
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    const svg = await server.request('GET', '/static/icon.svg');
    assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
    assert.match(svg.headers.get('content-security-policy') ?? '', /sandbox/);
    const logo = await fetchBytes(server, '/static/logo.png');
    assert.equal(logo.status, 200);
    assert.deepEqual(pngInfo(logo.bytes), { width: 500, height: 500, complete: true });
  });

  test('/static refuses dotfiles, traversal and directories', async () => {
    const escapes = ['../../secret.txt', '%2e%2e/%2e%2e/secret.txt', '..%2f..%2fsecret.txt', '%2e%2e%2f%2e%2e%2fsecret.txt', '..%5c..%5csecret.txt', '%252e%252e/%252e%252e/secret.txt'];
    for (const path of ['/static/.secret', '/static/', '/static', '/static/%00x', ...escapes.map((e) => `/static/${e}`)]) {
      const res = await rawGet(server, path);
      assert.equal(res.status, 404, path);
      assert.deepEqual(JSON.parse(res.text), { detail: 'Not Found' }, path);
    }
    // Outside /static the page may answer, but never with a file from outside the build.
    for (const path of escapes.map((e) => `/${e}`)) {
      const res = await rawGet(server, path);
      assert.doesNotMatch(res.text, /outside the build/, path);
    }
  });

  test('share links redirect into a new chat', async () => {
    const cases: [string, string][] = [
      ['/watch?v=dQw4w9WgXcQ', '/?youtube=dQw4w9WgXcQ'],
      ['/?shared=hello%20there', '/?q=hello+there'],
      ['/?shared=https%3A%2F%2Fexample.com%2Fa', '/?load-url=https%3A%2F%2Fexample.com%2Fa'],
      ['/?shared=https%3A%2F%2Fyoutu.be%2FdQw4w9WgXcQ', '/?youtube=dQw4w9WgXcQ'],
    ];
    for (const [from, to] of cases) {
      const res = await server.request('GET', from);
      assert.equal(res.status, 307, from);
      assert.equal(res.headers.get('location'), to, from);
    }
    // API query parameters are left alone.
    assert.equal((await server.request('GET', '/api/version?shared=x')).status, 200);
  });
});

describe('without a frontend build', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  test('/ explains that only the API is served; other pages are 404', async () => {
    const root = await server.request('GET', '/');
    assert.equal(root.status, 200);
    assert.equal(root.body.status, true);
    assert.equal(root.body.version, '0.6.43');
    assert.match(root.body.message, /FRONTEND_BUILD_DIR/);
    for (const path of ['/c/abc', '/auth', '/api/v1/nope', '/index.html']) {
      const res = await server.request('GET', path);
      assert.equal(res.status, 404, path);
      assert.deepEqual(res.body, { detail: 'Not Found' }, path);
    }
  });

  test('the icons Open WebUI ships are drawn', async () => {
    const sizes: Record<string, number> = {
      '/static/favicon.png': 256,
      '/static/favicon-dark.png': 256,
      '/static/logo.png': 500,
      '/static/splash.png': 256,
      '/static/user.png': 200,
      '/user.png': 200,
      '/favicon.png': 256,
    };
    for (const [path, size] of Object.entries(sizes)) {
      const res = await fetchBytes(server, path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-type'), 'image/png', path);
      assert.deepEqual(pngInfo(res.bytes), { width: size, height: size, complete: true }, path);
    }
    const head = await fetch(`${server.url}/static/logo.png`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal((await server.request('GET', '/static/nothing.png')).status, 404);
  });

  test('/manifest.json', async () => {
    const res = await server.request('GET', '/manifest.json');
    assert.equal(res.status, 200);
    assert.equal(res.body.name, 'Open WebUI');
    assert.equal(res.body.short_name, 'Open WebUI');
    assert.equal(res.body.start_url, '/');
    assert.equal(res.body.display, 'standalone');
    assert.equal(res.body.background_color, '#343541');
    assert.deepEqual(
      res.body.icons.map((i: Record<string, string>) => [i.src, i.sizes, i.type, i.purpose]),
      [
        ['/static/logo.png', '500x500', 'image/png', 'any'],
        ['/static/logo.png', '500x500', 'image/png', 'maskable'],
      ],
    );
    assert.deepEqual(res.body.share_target, { action: '/', method: 'GET', params: { text: 'shared' } });
  });

  test('/opensearch.xml without WEBUI_URL uses the request’s address', async () => {
    const res = await server.request('GET', '/opensearch.xml');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/xml/);
    assert.match(res.text, /<ShortName>Open WebUI<\/ShortName>/);
    assert.ok(res.text.includes(`template="${server.url}/?q={searchTerms}"`), res.text);
  });

  test('X-Process-Time on every response; no security headers unless configured', async () => {
    for (const path of ['/health', '/api/v1/nope', '/static/logo.png']) {
      const res = await server.request('GET', path);
      assert.match(res.headers.get('x-process-time') ?? '', /^\d+$/, path);
      for (const header of ['x-frame-options', 'strict-transport-security', 'referrer-policy', 'x-content-type-options', 'cache-control', 'permissions-policy']) {
        if (path.startsWith('/static') && header === 'x-content-type-options') continue;
        assert.equal(res.headers.get(header), null, `${path} ${header}`);
      }
    }
  });
});

describe('deployment headers', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({
      XFRAME_OPTIONS: 'sameorigin',
      HSTS: 'bogus',
      REFERRER_POLICY: 'no-such-policy',
      XCONTENT_TYPE: 'anything',
      CORS_ALLOW_ORIGIN: 'https://a.example',
      WEBUI_NAME: 'A & B <Chat>',
      WEBUI_URL: 'https://chat.example.com/',
    });
  });
  after(() => server.close());

  test('security headers: valid values kept, invalid ones replaced by the safe fallback', async () => {
    for (const path of ['/health', '/api/v1/nope', '/api/config']) {
      const res = await server.request('GET', path);
      assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN', path);
      assert.equal(res.headers.get('strict-transport-security'), 'max-age=31536000;includeSubDomains', path);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(res.headers.get('permissions-policy'), null, path);
    }
  });

  test('CORS: credentials for the listed origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/config`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
      });
    const allowed = await preflight('https://a.example');
    assert.ok(allowed.status === 204 || allowed.status === 200, String(allowed.status));
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://a.example');
    assert.equal(allowed.headers.get('access-control-allow-credentials'), 'true');
    const other = await preflight('https://b.example');
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const simple = await server.request('GET', '/api/version', { headers: { Origin: 'https://a.example' } });
    assert.equal(simple.headers.get('access-control-allow-origin'), 'https://a.example');
    assert.equal(simple.headers.get('access-control-allow-credentials'), 'true');
  });

  test('the name and URL are escaped in XML and kept in JSON', async () => {
    const xml = await server.request('GET', '/opensearch.xml');
    assert.match(xml.text, /<ShortName>A &amp; B &lt;Chat&gt; \(Open WebUI\)<\/ShortName>/);
    assert.ok(xml.text.includes('template="https://chat.example.com/?q={searchTerms}"'), xml.text);
    assert.ok(xml.text.includes('<moz:SearchForm>https://chat.example.com</moz:SearchForm>'), xml.text);
    const manifest = await server.request('GET', '/manifest.json');
    assert.equal(manifest.body.name, 'A & B <Chat> (Open WebUI)');
  });
});

describe('default CORS (*)', () => {
  test('any origin, never with credentials', async () => {
    const server = await startServer();
    try {
      const res = await fetch(`${server.url}/api/config`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://anywhere.example', 'Access-Control-Request-Method': 'GET' },
      });
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.equal(res.headers.get('access-control-allow-credentials'), null);
    } finally {
      await server.close();
    }
  });
});
