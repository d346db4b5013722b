// Where uploaded files live (STORAGE_PROVIDER and the S3_* variables, Open WebUI's names), read from
// the environment only. Google Cloud Storage and Azure Blob Storage are not supported: naming them
// stops the server rather than silently storing files elsewhere.
import { join } from 'node:path';
import { ConfigError, envBool, envOptionalStr, envStr, parseOneOf, type Env } from './env-parse.ts';

export interface S3Settings {
  bucket: string;
  keyPrefix: string;
  region: string | undefined;
  endpointUrl: string | undefined;
  /** Both set, or neither (the SDK's default credential chain: AWS_* variables, instance roles). */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  useAccelerateEndpoint: boolean;
  /** Path-style URLs (`endpoint/bucket/key`), which S3-compatible servers mostly need. */
  forcePathStyle: boolean;
  enableTagging: boolean;
}

export interface StorageSettings {
  provider: 'local' | 's3';
  /** Local files, and the folder local paths of another machine's database are looked up in. */
  uploadDir: string;
  s3: S3Settings | undefined;
}

/** S3_ADDRESSING_STYLE: `path`, `virtual`, or (unset, `auto`) path-style exactly when a custom endpoint is named. */
function forcePathStyle(env: Env, endpointUrl: string | undefined): boolean {
  const raw = envStr(env, 'S3_ADDRESSING_STYLE', 'auto').toLowerCase();
  const style = parseOneOf('S3_ADDRESSING_STYLE', raw, ['auto', 'path', 'virtual'] as const);
  return style === 'auto' ? endpointUrl !== undefined : style === 'path';
}

export function storageSettings(env: Env, dataDir: string): StorageSettings {
  const uploadDir = join(dataDir, 'uploads');
  const provider = parseOneOf('STORAGE_PROVIDER', envStr(env, 'STORAGE_PROVIDER', 'local').toLowerCase() || 'local', ['local', 's3', 'gcs', 'azure'] as const);
  if (provider === 'gcs' || provider === 'azure') throw new ConfigError('STORAGE_PROVIDER', `${provider} is not supported (use local or s3)`);
  if (provider === 'local') return { provider, uploadDir, s3: undefined };
  const bucket = envOptionalStr(env, 'S3_BUCKET_NAME');
  if (!bucket) throw new ConfigError('S3_BUCKET_NAME', 'is required with STORAGE_PROVIDER=s3');
  const accessKeyId = envOptionalStr(env, 'S3_ACCESS_KEY_ID');
  const secretAccessKey = envOptionalStr(env, 'S3_SECRET_ACCESS_KEY');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) throw new ConfigError('S3_ACCESS_KEY_ID', 'and S3_SECRET_ACCESS_KEY must be set together');
  const endpointUrl = envOptionalStr(env, 'S3_ENDPOINT_URL');
  return {
    provider,
    uploadDir,
    s3: {
      bucket,
      keyPrefix: envStr(env, 'S3_KEY_PREFIX', '').replace(/^\/+|\/+$/g, ''),
      region: envOptionalStr(env, 'S3_REGION_NAME'),
      endpointUrl,
      accessKeyId,
      secretAccessKey,
      useAccelerateEndpoint: envBool(env, 'S3_USE_ACCELERATE_ENDPOINT', false),
      forcePathStyle: forcePathStyle(env, endpointUrl),
      enableTagging: envBool(env, 'S3_ENABLE_TAGGING', false),
    },
  };
}
