// Fetching user-supplied URLs: refused before any connection for bad schemes, credentials, filtered
// hosts and literal private/metadata addresses (also IPv4-mapped IPv6, NAT64 and numeric forms);
// refused at connect time for names that resolve to them; each redirect checked again; size and
// time limits. A local server stands in for the web (reachable only with private fetch allowed).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SafeFetcher, UnsafeUrlError } from '../../src/net/safe-fetch.ts';

const limits = { maxBytes: 1024 * 1024, timeoutMs: 2000 };

describe('safe fetch', () => {
  let server: Server;
  let port = 0;
  const strict = new SafeFetcher({ allowPrivate: false, filterList: [] });
  const local = new SafeFetcher({ allowPrivate: true, filterList: [] });

  before(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/page') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>hello</p>');
      if (url.pathname === '/big') return res.writeHead(200).end(Buffer.alloc(2 * 1024 * 1024, 97));
      if (url.pathname === '/redirect') return res.writeHead(302, { location: url.searchParams.get('to') ?? '/page' }).end();
      if (url.pathname === '/loop') return res.writeHead(301, { location: '/loop' }).end();
      // /slow: never answers.
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await Promise.all([strict.close(), local.close()]);
  });

  it('refuses before connecting: other schemes, credentials, literal private, loopback, link-local and metadata addresses in every spelling', () => {
    for (const url of [
      'file:///etc/passwd',
      'ftp://example.com/',
      'not a url',
      'http://user:secret@example.com/',
      `http://127.0.0.1:${port}/page`,
      'http://2130706433/',
      'http://0x7f.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:a9fe:a9fe]/',
      'http://[64:ff9b::a9fe:a9fe]/',
      'http://10.1.2.3/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/',
      'http://metadata.google.internal/',
      'http://0.0.0.0/',
    ]) {
      assert.throws(() => strict.check(url), UnsafeUrlError, url);
    }
    assert.equal(strict.check('https://example.com/a?b=c').hostname, 'example.com');
  });

  it('refuses at connect time a name that resolves to a private address (the address checked is the one connected to)', async () => {
    await assert.rejects(strict.fetch(`http://localhost:${port}/page`, limits), UnsafeUrlError);
  });

  it('with private fetch allowed: fetches a page; metadata addresses stay refused', async () => {
    const page = await local.fetch(`http://localhost:${port}/page`, limits);
    assert.deepEqual({ ...page, body: page.body.toString() }, { url: `http://localhost:${port}/page`, status: 200, contentType: 'text/html; charset=utf-8', body: '<p>hello</p>' });
    assert.throws(() => local.check('http://169.254.169.254/'), UnsafeUrlError);
    assert.throws(() => local.check('http://[::ffff:169.254.169.254]/'), UnsafeUrlError);
  });

  it('every redirect is checked again: to a metadata address refused, to a page followed, a loop cut off', async () => {
    await assert.rejects(local.fetch(`http://127.0.0.1:${port}/redirect?to=${encodeURIComponent('http://169.254.169.254/latest')}`, limits), /169\.254\.169\.254/);
    await assert.rejects(local.fetch(`http://127.0.0.1:${port}/redirect?to=${encodeURIComponent('file:///etc/passwd')}`, limits), UnsafeUrlError);
    const followed = await local.fetch(`http://127.0.0.1:${port}/redirect?to=/page`, limits);
    assert.equal(followed.url, `http://127.0.0.1:${port}/page`);
    await assert.rejects(local.fetch(`http://127.0.0.1:${port}/loop`, limits), /too many redirects/);
  });

  it('size and time limits', async () => {
    await assert.rejects(local.fetch(`http://127.0.0.1:${port}/big`, limits), /larger than/);
    await assert.rejects(local.fetch(`http://127.0.0.1:${port}/slow`, { ...limits, timeoutMs: 300 }));
  });

  it('WEB_FETCH_FILTER_LIST: `!host` blocks it and its subdomains; plain entries allow only those', () => {
    const blocking = new SafeFetcher({ allowPrivate: true, filterList: ['!example.com'] });
    assert.throws(() => blocking.check('https://api.example.com/'), /blocked/);
    assert.equal(blocking.check('https://notexample.com/').hostname, 'notexample.com');
    const allowing = new SafeFetcher({ allowPrivate: true, filterList: ['docs.example.org'] });
    assert.throws(() => allowing.check('https://example.com/'), /not in WEB_FETCH_FILTER_LIST/);
    assert.equal(allowing.check('https://docs.example.org/x').hostname, 'docs.example.org');
    void blocking.close();
    void allowing.close();
  });
});
