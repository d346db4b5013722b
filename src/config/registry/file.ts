// PersistentConfig entries under `file.*`: client-side image compression before upload (null = off).
import { optInt } from '../entry.ts';

export const FILE_CONFIG = {
  FILE_IMAGE_COMPRESSION_WIDTH: optInt('FILE_IMAGE_COMPRESSION_WIDTH', 'file.image_compression_width'),
  FILE_IMAGE_COMPRESSION_HEIGHT: optInt('FILE_IMAGE_COMPRESSION_HEIGHT', 'file.image_compression_height'),
} as const;
