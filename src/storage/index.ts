// The storage STORAGE_PROVIDER names.
import type { StorageSettings } from '../config/storage-settings.ts';
import { LocalStorage } from './local.ts';
import { S3Storage } from './s3.ts';
import type { FileStorage } from './storage.ts';

export function createStorage(settings: StorageSettings): FileStorage {
  return settings.provider === 's3' && settings.s3 ? new S3Storage(settings.s3) : new LocalStorage(settings.uploadDir);
}
