// File storage, local and S3 (against s3rver, an S3 server in a process of its own): the same
// contract for both (streamed put with its size, read back byte for byte, remove, missing files),
// Open WebUI's path forms, keys that cannot climb out of the uploads folder, an upload that fails
// half-way leaving nothing, object tags, and the STORAGE_PROVIDER settings.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { GetObjectTaggingCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ConfigError } from '../../src/config/env-parse.ts';
import { storageSettings } from '../../src/config/storage-settings.ts';
import { createStorage } from '../../src/storage/index.ts';
import { StoredFileMissing, type FileStorage } from '../../src/storage/storage.ts';
import { startS3Server, type S3Server } from './s3-server.ts';

const MB = 1024 * 1024;

/** `size` random bytes made as they are read, 64 KB at a time, and (once read) their sha256; `failAt` breaks the stream there. */
function randomStream(size: number, failAt?: number): { body: Readable; digest: () => string } {
  const hash = createHash('sha256');
  async function* generate() {
    for (let sent = 0; sent < size; sent += 64 * 1024) {
      if (failAt !== undefined && sent >= failAt) throw new Error('the client went away');
      const piece = randomBytes(Math.min(64 * 1024, size - sent));
      hash.update(piece);
      yield piece;
    }
  }
  return { body: Readable.from(generate()), digest: () => hash.digest('hex') };
}

async function digestOf(body: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of body) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('file storage', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'owui-storage-'));
  let s3server: S3Server;
  let endpoint = '';
  const stores: Record<string, FileStorage> = {};
  const s3Env = () => ({ STORAGE_PROVIDER: 's3', S3_BUCKET_NAME: 'owui', S3_KEY_PREFIX: 'open-webui/', S3_ENDPOINT_URL: endpoint, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_ENABLE_TAGGING: 'true' });

  before(async () => {
    mkdirSync(join(dataDir, 's3'));
    s3server = await startS3Server(join(dataDir, 's3'), 'owui');
    endpoint = s3server.endpoint;
    stores['local'] = createStorage(storageSettings({}, dataDir));
    stores['s3'] = createStorage(storageSettings(s3Env(), dataDir));
  });
  after(async () => {
    for (const store of Object.values(stores)) store.close();
    await s3server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const provider of ['local', 's3']) {
    it(`${provider}: a streamed file is stored with its size, read back byte for byte, and removed`, async () => {
      const store = stores[provider] as FileStorage;
      const { body, digest } = randomStream(12 * MB + 123);
      const stored = await store.put('f1_report.pdf', body, { 'OpenWebUI-User-Email': 'ada@example.com', 'OpenWebUI-File-Id': 'f1' });
      assert.equal(stored.size, 12 * MB + 123);
      assert.equal(stored.path, provider === 'local' ? join(dataDir, 'uploads', 'f1_report.pdf') : 's3://owui/open-webui/f1_report.pdf');
      assert.equal(await digestOf(await store.open(stored.path)), digest());
      await store.remove(stored.path);
      await assert.rejects(store.open(stored.path), StoredFileMissing);
      await store.remove(stored.path);
    });

    it(`${provider}: a 200 MB upload streams through (memory grows by far less than the file)`, async () => {
      const store = stores[provider] as FileStorage;
      const inUse = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
      const baseline = inUse();
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, inUse())), 20);
      const { body, digest } = randomStream(200 * MB);
      const stored = await store.put('f4_big.bin', body);
      clearInterval(sampler);
      assert.equal(stored.size, 200 * MB);
      // Unreclaimed garbage counts too, so the bound is loose; a buffered file would add 200 MB.
      assert.ok(peak - baseline < 64 * MB, `grew by ${((peak - baseline) / MB).toFixed(0)} MB`);
      assert.equal(await digestOf(await store.open(stored.path)), digest());
      await store.remove(stored.path);
    });

    it(`${provider}: an upload that breaks half-way leaves nothing behind`, async () => {
      const store = stores[provider] as FileStorage;
      const { body } = randomStream(12 * MB, 7 * MB);
      await assert.rejects(store.put('f2_broken.bin', body), /went away/);
      if (provider === 'local') assert.equal(existsSync(join(dataDir, 'uploads', 'f2_broken.bin')), false);
      else {
        const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
        const listed = await client.send(new ListObjectsV2Command({ Bucket: 'owui' }));
        assert.deepEqual((listed.Contents ?? []).map((o) => o.Key).filter((k) => k?.includes('f2_broken')), []);
        client.destroy();
      }
    });

    it(`${provider}: a missing file is StoredFileMissing`, async () => {
      const store = stores[provider] as FileStorage;
      await assert.rejects(store.open(provider === 'local' ? join(dataDir, 'uploads', 'nope') : 's3://owui/open-webui/nope'), StoredFileMissing);
    });
  }

  it('local: a key never leaves the uploads folder; a path from another machine is found by name, nothing outside is read', async () => {
    const store = stores['local'] as FileStorage;
    const stored = await store.put('../../escape.txt', Readable.from([Buffer.from('hello')]));
    assert.equal(stored.path, join(dataDir, 'uploads', 'escape.txt'));
    assert.equal(existsSync(join(dataDir, 'escape.txt')), false);
    assert.equal(await digestOf(await store.open('/app/backend/data/uploads/escape.txt')), createHash('sha256').update('hello').digest('hex'));
    mkdirSync(join(dataDir, 'outside'), { recursive: true });
    writeFileSync(join(dataDir, 'outside', 'secret.txt'), 'secret');
    await assert.rejects(store.open(join(dataDir, 'outside', 'secret.txt')), StoredFileMissing);
    await store.remove(join(dataDir, 'outside', 'secret.txt'));
    assert.deepEqual(readdirSync(join(dataDir, 'outside')), ['secret.txt'], 'not removed');
  });

  it('s3: objects carry Open WebUI\'s tags (S3_ENABLE_TAGGING), values made safe; another bucket\'s path is not ours', async () => {
    const store = stores['s3'] as FileStorage;
    const stored = await store.put('f3_notes.txt', Readable.from([Buffer.from('notes')]), { 'OpenWebUI-User-Name': 'Ada <Admin>', 'OpenWebUI-File-Id': 'f3' });
    const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const tagging = await client.send(new GetObjectTaggingCommand({ Bucket: 'owui', Key: 'open-webui/f3_notes.txt' }));
    client.destroy();
    assert.deepEqual(Object.fromEntries((tagging.TagSet ?? []).map((t) => [t.Key, t.Value])), { 'OpenWebUI-User-Name': 'Ada _Admin_', 'OpenWebUI-File-Id': 'f3' });
    await assert.rejects(store.open('s3://someone-elses-bucket/open-webui/f3_notes.txt'), StoredFileMissing);
    await store.remove(stored.path);
  });

  it('settings: local by default under DATA_DIR/uploads; s3 needs a bucket and both keys or neither; gcs and azure are refused', () => {
    assert.deepEqual(storageSettings({}, '/data'), { provider: 'local', uploadDir: '/data/uploads', s3: undefined });
    const s3 = storageSettings({ STORAGE_PROVIDER: 'S3', S3_BUCKET_NAME: 'b', S3_KEY_PREFIX: '/docs/' }, '/data').s3;
    assert.equal(s3?.keyPrefix, 'docs');
    assert.equal(s3?.forcePathStyle, false, 'AWS itself: virtual-hosted');
    assert.equal(storageSettings({ STORAGE_PROVIDER: 's3', S3_BUCKET_NAME: 'b', S3_ENDPOINT_URL: 'http://minio:9000' }, '/data').s3?.forcePathStyle, true, 'an S3-compatible endpoint: path-style');
    assert.equal(storageSettings({ STORAGE_PROVIDER: 's3', S3_BUCKET_NAME: 'b', S3_ENDPOINT_URL: 'http://minio:9000', S3_ADDRESSING_STYLE: 'virtual' }, '/data').s3?.forcePathStyle, false);
    for (const env of [{ STORAGE_PROVIDER: 's3' }, { STORAGE_PROVIDER: 's3', S3_BUCKET_NAME: 'b', S3_ACCESS_KEY_ID: 'k' }, { STORAGE_PROVIDER: 'gcs' }, { STORAGE_PROVIDER: 'azure' }, { STORAGE_PROVIDER: 'ftp' }, { STORAGE_PROVIDER: 's3', S3_BUCKET_NAME: 'b', S3_ADDRESSING_STYLE: 'sideways' }]) {
      assert.throws(() => storageSettings(env, '/data'), ConfigError, JSON.stringify(env));
    }
  });
});
