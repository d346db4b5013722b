// The shapes the knowledge router answers with (Open WebUI's KnowledgeResponse,
// KnowledgeFilesResponse and KnowledgeFileListResponse).
import type { FileModel, FilesStore } from '../../stores/files.ts';
import type { FileMetadata, KnowledgeModel, KnowledgeUser, ListedFile, Paged } from '../../stores/knowledge.ts';

/** KnowledgeResponse: the record, `files` unset. */
export const knowledgeResponse = (knowledge: KnowledgeModel) => ({ ...knowledge, files: null });

/** KnowledgeFilesResponse: the record with its files (FileMetadataResponse, or null) and the write flag. */
export const knowledgeFilesResponse = (knowledge: KnowledgeModel, files: FileMetadata[] | null, writeAccess: boolean) => ({
  ...knowledge,
  files,
  write_access: writeAccess,
});

export type FileUserResponse = FileModel & { user: KnowledgeUser | null };

/** KnowledgeFileListResponse: the listed files as whole records (the web client edits `data.content` from it), each with its user. */
export async function fileListResponse(files: FilesStore, page: Paged<ListedFile>): Promise<{ items: FileUserResponse[]; total: number }> {
  const records = new Map((await files.getMany(page.items.map((i) => i.fileId))).map((f) => [f.id, f]));
  const items = page.items.flatMap((listed) => {
    const file = records.get(listed.fileId);
    return file ? [{ ...file, user: listed.user }] : [];
  });
  return { items, total: page.total };
}
