// Request schemas of the groups router (Open WebUI's GroupForm, UserIdsForm and the list query).
import { z } from 'zod';
import { QueryBool } from '../../http/query.ts';

/** A JSON object (pydantic `dict`): arrays, strings and numbers are refused. */
const Dict = z.record(z.string(), z.unknown());

/** The query-string booleans FastAPI accepts, case-insensitive. */

export const GroupIdParams = z.object({ id: z.string().max(255) });

export const GroupListQuery = z.object({ share: QueryBool.optional() });

/** GroupForm and GroupUpdateForm (the same model upstream); unknown keys are ignored. */
export const GroupForm = z.object({
  name: z.string().max(255),
  description: z.string().max(10_000),
  permissions: Dict.nullish(),
  data: Dict.nullish(),
});

export const UserIdsForm = z.object({ user_ids: z.array(z.string().max(255)).max(10_000).nullish() });
