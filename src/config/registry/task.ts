// PersistentConfig entries under `task.*`: background generation tasks (titles, tags, follow-ups,
// search queries, autocomplete, image prompts, voice mode, tool selection) and the model they use.
// Every prompt template defaults to '' ("use the built-in template"); the built-in templates are in
// prompt-templates.ts.
import { bool, int, str } from '../entry.ts';

export const TASK_CONFIG = {
  TASK_MODEL: str('TASK_MODEL', 'task.model.default', ''),
  TASK_MODEL_EXTERNAL: str('TASK_MODEL_EXTERNAL', 'task.model.external', ''),
  // Titles, tags, follow-ups
  ENABLE_TITLE_GENERATION: bool('ENABLE_TITLE_GENERATION', 'task.title.enable', true),
  TITLE_GENERATION_PROMPT_TEMPLATE: str('TITLE_GENERATION_PROMPT_TEMPLATE', 'task.title.prompt_template', ''),
  ENABLE_TAGS_GENERATION: bool('ENABLE_TAGS_GENERATION', 'task.tags.enable', true),
  TAGS_GENERATION_PROMPT_TEMPLATE: str('TAGS_GENERATION_PROMPT_TEMPLATE', 'task.tags.prompt_template', ''),
  ENABLE_FOLLOW_UP_GENERATION: bool('ENABLE_FOLLOW_UP_GENERATION', 'task.follow_up.enable', true),
  FOLLOW_UP_GENERATION_PROMPT_TEMPLATE: str('FOLLOW_UP_GENERATION_PROMPT_TEMPLATE', 'task.follow_up.prompt_template', ''),
  IMAGE_PROMPT_GENERATION_PROMPT_TEMPLATE: str('IMAGE_PROMPT_GENERATION_PROMPT_TEMPLATE', 'task.image.prompt_template', ''),
  // Search / retrieval queries
  ENABLE_SEARCH_QUERY_GENERATION: bool('ENABLE_SEARCH_QUERY_GENERATION', 'task.query.search.enable', true),
  ENABLE_RETRIEVAL_QUERY_GENERATION: bool('ENABLE_RETRIEVAL_QUERY_GENERATION', 'task.query.retrieval.enable', true),
  QUERY_GENERATION_PROMPT_TEMPLATE: str('QUERY_GENERATION_PROMPT_TEMPLATE', 'task.query.prompt_template', ''),
  // Autocomplete; an input max length of -1 means unlimited.
  ENABLE_AUTOCOMPLETE_GENERATION: bool('ENABLE_AUTOCOMPLETE_GENERATION', 'task.autocomplete.enable', false),
  AUTOCOMPLETE_GENERATION_INPUT_MAX_LENGTH: int('AUTOCOMPLETE_GENERATION_INPUT_MAX_LENGTH', 'task.autocomplete.input_max_length', -1),
  AUTOCOMPLETE_GENERATION_PROMPT_TEMPLATE: str('AUTOCOMPLETE_GENERATION_PROMPT_TEMPLATE', 'task.autocomplete.prompt_template', ''),
  // Voice mode and tool selection
  VOICE_MODE_PROMPT_TEMPLATE: str('VOICE_MODE_PROMPT_TEMPLATE', 'task.voice.prompt_template', ''),
  TOOLS_FUNCTION_CALLING_PROMPT_TEMPLATE: str('TOOLS_FUNCTION_CALLING_PROMPT_TEMPLATE', 'task.tools.prompt_template', ''),
} as const;
