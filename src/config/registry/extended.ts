// Every PersistentConfig entry outside core.ts (auth, ui, webui, user, folders, channels, notes,
// ldap, webhook_url): connections, tasks, RAG and web search, files, images, audio, code, OAuth.
import { AUDIO_CONFIG } from './audio.ts';
import { CODE_CONFIG } from './code.ts';
import { DIRECT_CONFIG } from './direct.ts';
import { EVALUATION_CONFIG } from './evaluation.ts';
import { FILE_CONFIG } from './file.ts';
import { GOOGLE_DRIVE_CONFIG } from './google_drive.ts';
import { IMAGE_GENERATION_CONFIG } from './image_generation.ts';
import { MODELS_CONFIG } from './models.ts';
import { OAUTH_CONFIG } from './oauth.ts';
import { OLLAMA_CONFIG } from './ollama.ts';
import { ONEDRIVE_CONFIG } from './onedrive.ts';
import { OPENAI_CONFIG } from './openai.ts';
import { RAG_CONFIG } from './rag.ts';
import { TASK_CONFIG } from './task.ts';
import { TOOL_SERVER_CONFIG } from './tool_server.ts';
import { WEB_CONFIG } from './web.ts';

/** The group registries, by the top-level JSON key they cover (for tests and diagnostics). */
export const EXTENDED_GROUPS = {
  oauth: OAUTH_CONFIG,
  direct: DIRECT_CONFIG,
  ollama: OLLAMA_CONFIG,
  openai: OPENAI_CONFIG,
  models: MODELS_CONFIG,
  tool_server: TOOL_SERVER_CONFIG,
  evaluation: EVALUATION_CONFIG,
  task: TASK_CONFIG,
  code: CODE_CONFIG,
  google_drive: GOOGLE_DRIVE_CONFIG,
  onedrive: ONEDRIVE_CONFIG,
  rag: RAG_CONFIG,
  web: WEB_CONFIG,
  file: FILE_CONFIG,
  image_generation: IMAGE_GENERATION_CONFIG,
  audio: AUDIO_CONFIG,
} as const;

export const EXTENDED_CONFIG = {
  ...OAUTH_CONFIG,
  ...DIRECT_CONFIG,
  ...OLLAMA_CONFIG,
  ...OPENAI_CONFIG,
  ...MODELS_CONFIG,
  ...TOOL_SERVER_CONFIG,
  ...EVALUATION_CONFIG,
  ...TASK_CONFIG,
  ...CODE_CONFIG,
  ...GOOGLE_DRIVE_CONFIG,
  ...ONEDRIVE_CONFIG,
  ...RAG_CONFIG,
  ...WEB_CONFIG,
  ...FILE_CONFIG,
  ...IMAGE_GENERATION_CONFIG,
  ...AUDIO_CONFIG,
} as const;
