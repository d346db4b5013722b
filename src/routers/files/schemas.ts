// Request shapes of the files router.
import { z } from 'zod';
import { QueryBool } from '../../http/query.ts';

export const FileIdParams = z.object({ id: z.string() });
export const UploadQuery = z.object({ process: QueryBool.default(true), process_in_background: QueryBool.default(true) });
export const ContentQuery = z.object({ content: QueryBool.default(true) });
export const SearchQuery = z.object({ filename: z.string(), content: QueryBool.default(true) });
export const StatusQuery = z.object({ stream: QueryBool.default(false) });
export const AttachmentQuery = z.object({ attachment: QueryBool.default(false) });
export const ContentForm = z.object({ content: z.string() });
