// What happens to an upload after it is stored (Open WebUI's process_uploaded_file): images and videos
// cannot be processed (unless an external extraction engine is configured), audio would need speech
// to text, everything else is extracted, split and indexed. Failures end as `data.status = failed`.
import type { Services } from '../../services.ts';
import type { FileModel, FilesStore } from '../../stores/files.ts';
import { processFile } from '../../retrieval/process-file.ts';

/** AUDIO_STT_SUPPORTED_CONTENT_TYPES, or audio/* and video/webm when empty (upstream's default). */
function isSpeech(services: Services, contentType: string): boolean {
  const listed = services.config.get('STT_SUPPORTED_CONTENT_TYPES').filter((t) => t !== '');
  const patterns = listed.length > 0 ? listed : ['audio/*', 'video/webm'];
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return patterns.some((p) => {
    const pattern = p.trim().toLowerCase();
    return pattern.endsWith('/*') ? type.startsWith(pattern.slice(0, -1)) : type === pattern;
  });
}

export async function processUpload(services: Services, files: FilesStore, file: FileModel): Promise<void> {
  const contentType = typeof file.meta['content_type'] === 'string' ? file.meta['content_type'] : '';
  const external = services.config.get('CONTENT_EXTRACTION_ENGINE') === 'external';
  let refusal: string | undefined;
  if (contentType && isSpeech(services, contentType)) refusal = 'Speech to text is not available on this server';
  else if (/^(image|video)\//.test(contentType) && !external) refusal = `File type ${contentType} is not supported for processing`;
  if (refusal) {
    await files.mergeData(file.id, { status: 'failed', error: refusal });
    return;
  }
  try {
    await processFile(services, files, file);
  } catch {
    // processFile recorded the failure on the file; the uploader reads it from the status.
  }
}

/** Runs processUpload after the answer; a failure to even record the outcome is logged, never thrown. */
export function processInBackground(services: Services, files: FilesStore, file: FileModel, log: { error(obj: unknown, msg: string): void }): void {
  processUpload(services, files, file).catch((error: unknown) => log.error({ err: error, fileId: file.id }, 'file processing could not record its outcome'));
}
