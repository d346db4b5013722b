// Response shapes the folders router filters to, as Open WebUI's response models do.
import type { FolderSummary } from '../../stores/folders.ts';

/** FolderNameIdResponse: `meta` narrowed to FolderMetadataResponse (`{icon}`). */
export function toFolderNameId(folder: FolderSummary): Record<string, unknown> {
  const icon = folder.meta?.['icon'];
  return {
    id: folder.id,
    name: folder.name,
    meta: folder.meta === null ? null : { icon: typeof icon === 'string' ? icon : null },
    parent_id: folder.parent_id,
    is_expanded: folder.is_expanded,
    created_at: folder.created_at,
    updated_at: folder.updated_at,
  };
}
