// Files in an S3 bucket (AWS or an S3-compatible server), under S3_KEY_PREFIX. Uploads stream as a
// multipart upload of bounded parts; downloads stream the object body. Paths are Open WebUI's
// `s3://<bucket>/<key>`; unlike Open WebUI no local copy is kept.
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { pipeline, Readable, Transform } from 'node:stream';
import type { S3Settings } from '../config/storage-settings.ts';
import { safeKey, StoredFileMissing, type FileStorage, type StorageTags, type StoredFile } from './storage.ts';

/** An upload holds at most PART_SIZE × PARTS_IN_FLIGHT bytes of the file in memory (5 MB is S3's smallest part). */
const PART_SIZE = 5 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

/** S3 tag values allow letters, digits, spaces and `+ - = . _ : / @`. */
const tagValue = (value: string) => value.replace(/[^\p{L}\p{N} +\-=._:/@]/gu, '_').slice(0, 256);

export class S3Storage implements FileStorage {
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    const config: S3ClientConfig = {
      region: settings.region ?? 'us-east-1',
      forcePathStyle: settings.forcePathStyle,
      useAccelerateEndpoint: settings.useAccelerateEndpoint,
      // S3-compatible servers (MinIO, Ceph…) often reject the checksums recent SDKs add by default.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    };
    if (settings.endpointUrl) config.endpoint = settings.endpointUrl;
    if (settings.accessKeyId && settings.secretAccessKey) config.credentials = { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey };
    this.client = new S3Client(config);
  }

  async put(key: string, body: Readable, tags: StorageTags = {}): Promise<StoredFile> {
    const objectKey = [this.settings.keyPrefix, safeKey(key)].filter(Boolean).join('/');
    let size = 0;
    let broken: unknown;
    const counted = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        size += chunk.length;
        done(null, chunk);
      },
    });
    // A broken body breaks `counted` too, which fails the upload.
    pipeline(body, counted, (error) => (broken = error ?? undefined));
    const tagSet = this.settings.enableTagging ? Object.entries(tags).map(([Key, Value]) => ({ Key, Value: tagValue(String(Value)) })) : [];
    try {
      // A failed upload is aborted (its parts deleted) by the library.
      await new Upload({ client: this.client, params: { Bucket: this.settings.bucket, Key: objectKey, Body: counted }, tags: tagSet, partSize: PART_SIZE, queueSize: PARTS_IN_FLIGHT }).done();
    } catch (error) {
      // A broken body is the cause, whatever aborting the upload then said.
      throw broken ?? error;
    }
    return { path: `s3://${this.settings.bucket}/${objectKey}`, size };
  }

  async open(path: string): Promise<Readable> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(path) }));
      if (!(object.Body instanceof Readable)) throw new StoredFileMissing(path);
      return object.Body;
    } catch (error) {
      if (error instanceof NoSuchKey) throw new StoredFileMissing(path);
      throw error;
    }
  }

  async remove(path: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(path) }));
  }

  close(): void {
    this.client.destroy();
  }

  /** The object key of an `s3://bucket/key` path (Open WebUI's `_extract_s3_key`); only our bucket's objects are touched. */
  private keyOf(path: string): string {
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(path);
    if (!match || match[1] !== this.settings.bucket) throw new StoredFileMissing(path);
    return match[2] as string;
  }
}
