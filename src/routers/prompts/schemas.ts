// Request schemas of the prompts router (Open WebUI's PromptForm and the command path).
import { z } from 'zod';

/** Longest stored command: the column is VARCHAR(255) and holds the leading `/`. */
const COMMAND_MAX = 255;

/** Who a prompt is shared with; the only keys Open WebUI reads from each grant. */
const AccessGrant = z.object({
  group_ids: z.array(z.string().max(255)).max(10_000).optional(),
  user_ids: z.array(z.string().max(255)).max(10_000).optional(),
});

/** `null` = public, `{}` = private, else read/write grants (other keys are dropped). */
const AccessControlForm = z.object({ read: AccessGrant.optional(), write: AccessGrant.optional() }).nullable();

/**
 * A new command, with or without its leading `/` (the web client sends it with one), returned in the
 * stored form. Letters, digits, `-` and `_` only, as the web editor requires: anything else could
 * not be typed after `/` in the chat box nor used in the `/command/{command}` routes.
 */
const NewCommand = z
  .string()
  .max(COMMAND_MAX)
  .refine((c) => /^\/?[A-Za-z0-9_-]+$/.test(c), 'Only alphanumeric characters, hyphens and underscores are allowed in the command string.')
  .transform((c) => (c.startsWith('/') ? c : `/${c}`))
  .refine((c) => c.length <= COMMAND_MAX, `The command must be at most ${COMMAND_MAX - 1} characters after the "/".`);

const fields = {
  title: z.string().max(1_000),
  content: z.string().max(1_000_000),
  access_control: AccessControlForm.optional(),
};

export const PromptCreateForm = z.object({ command: NewCommand, ...fields });

/** The update form carries the command too, but it is ignored: commands cannot be renamed. */
export const PromptUpdateForm = z.object({ command: z.string().max(COMMAND_MAX), ...fields });

/** Routes take the command without its `/`. */
export const CommandParams = z.object({ command: z.string().max(COMMAND_MAX) });
