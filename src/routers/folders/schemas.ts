// Request schemas of the folders router (Open WebUI's FolderForm, FolderUpdateForm, FolderParentIdForm,
// FolderIsExpandedForm and the delete query). Unknown body keys are ignored.
import { z } from 'zod';
import { QueryBool } from '../../http/query.ts';

/** A JSON object (pydantic `dict`): arrays, strings and numbers are refused. */
const Dict = z.record(z.string(), z.unknown());

/** The query-string booleans FastAPI accepts, case-insensitive. */

const FolderId = z.string().min(1).max(255);

/** A name the sidebar can show: not blank. */
const FolderName = z
  .string()
  .max(255)
  .refine((name) => name.trim() !== '', 'folder name must not be empty');

export const FolderIdParams = z.object({ id: FolderId });

/** `parent_id` is honoured (upstream ignores it and always creates at the root). */
export const FolderForm = z.object({
  name: FolderName,
  data: Dict.nullish(),
  meta: Dict.nullish(),
  parent_id: FolderId.nullish(),
});

/** A null field means "leave as it is". */
export const FolderUpdateForm = z.object({
  name: FolderName.nullish(),
  data: Dict.nullish(),
  meta: Dict.nullish(),
});

export const FolderParentIdForm = z.object({ parent_id: FolderId.nullish() });

export const FolderIsExpandedForm = z.object({ is_expanded: z.boolean() });

export const DeleteFolderQuery = z.object({ delete_contents: QueryBool.default(true) });
