// The file a route names, when the caller may read or change it: Open WebUI answers 404 NOT_FOUND both
// when there is no such file and when the caller has no access, so ids cannot be probed.
import type { FastifyRequest } from 'fastify';
import type { AccessType } from '../../auth/access-control.ts';
import { userOf } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import type { Services } from '../../services.ts';
import type { FileModel, FilesStore } from '../../stores/files.ts';
import { mayAccessFile } from './access.ts';

export async function accessibleFile(services: Services, files: FilesStore, request: FastifyRequest, id: string, type: AccessType): Promise<FileModel> {
  const file = await files.get(id);
  if (!file || !(await mayAccessFile(services, userOf(request), file, type))) throw new HTTPException(404, ERROR_MESSAGES.NOT_FOUND);
  return file;
}

/** The listing form: `content=false` leaves out the extracted text. */
export function listed(file: FileModel, withContent: boolean): FileModel {
  if (withContent || !('content' in file.data)) return file;
  const { content: _content, ...data } = file.data;
  return { ...file, data };
}
