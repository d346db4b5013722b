// PersistentConfig entries under `image_generation.*` (text-to-image) and `images.edit.*` (image
// editing). Engines: openai, comfyui, automatic1111, gemini. OpenAI settings default to the official
// URL and the key paired with it; Gemini settings to GEMINI_API_BASE_URL / GEMINI_API_KEY.
import { type Env } from '../env-parse.ts';
import { bool, int, isArray, isObject, json, str } from '../entry.ts';
import { DEFAULT_COMFYUI_WORKFLOW } from './comfyui-workflow.ts';
import { OPENAI_OFFICIAL_BASE_URL, officialOpenAIKey } from './openai.ts';

const geminiBaseUrl = (env: Env): string => env['GEMINI_API_BASE_URL'] ?? '';
const geminiKey = (env: Env): string => env['GEMINI_API_KEY'] ?? '';
const emptyObject = (): Record<string, unknown> => ({});
const emptyList = (): unknown[] => [];

export const IMAGE_GENERATION_CONFIG = {
  ENABLE_IMAGE_GENERATION: bool('ENABLE_IMAGE_GENERATION', 'image_generation.enable', false),
  IMAGE_GENERATION_ENGINE: str('IMAGE_GENERATION_ENGINE', 'image_generation.engine', 'openai'),
  IMAGE_GENERATION_MODEL: str('IMAGE_GENERATION_MODEL', 'image_generation.model', ''),
  IMAGE_SIZE: str('IMAGE_SIZE', 'image_generation.size', '512x512'),
  IMAGE_STEPS: int('IMAGE_STEPS', 'image_generation.steps', 50),
  ENABLE_IMAGE_PROMPT_GENERATION: bool('ENABLE_IMAGE_PROMPT_GENERATION', 'image_generation.prompt.enable', true),
  // AUTOMATIC1111
  AUTOMATIC1111_BASE_URL: str('AUTOMATIC1111_BASE_URL', 'image_generation.automatic1111.base_url', ''),
  AUTOMATIC1111_API_AUTH: str('AUTOMATIC1111_API_AUTH', 'image_generation.automatic1111.api_auth', ''),
  AUTOMATIC1111_PARAMS: json('AUTOMATIC1111_PARAMS', 'image_generation.automatic1111.api_params', emptyObject, isObject),
  // ComfyUI: the workflow is JSON text; the nodes map workflow inputs to node ids.
  COMFYUI_BASE_URL: str('COMFYUI_BASE_URL', 'image_generation.comfyui.base_url', ''),
  COMFYUI_API_KEY: str('COMFYUI_API_KEY', 'image_generation.comfyui.api_key', ''),
  COMFYUI_WORKFLOW: str('COMFYUI_WORKFLOW', 'image_generation.comfyui.workflow', DEFAULT_COMFYUI_WORKFLOW),
  COMFYUI_WORKFLOW_NODES: json('COMFYUI_WORKFLOW_NODES', 'image_generation.comfyui.nodes', emptyList, isArray),
  // OpenAI. Upstream reads the extra request parameters from IMAGES_OPENAI_PARAMS.
  IMAGES_OPENAI_API_BASE_URL: str('IMAGES_OPENAI_API_BASE_URL', 'image_generation.openai.api_base_url', OPENAI_OFFICIAL_BASE_URL),
  IMAGES_OPENAI_API_VERSION: str('IMAGES_OPENAI_API_VERSION', 'image_generation.openai.api_version', ''),
  IMAGES_OPENAI_API_KEY: str('IMAGES_OPENAI_API_KEY', 'image_generation.openai.api_key', officialOpenAIKey),
  IMAGES_OPENAI_API_PARAMS: json(['IMAGES_OPENAI_PARAMS', 'IMAGES_OPENAI_API_PARAMS'], 'image_generation.openai.params', emptyObject, isObject),
  // Gemini
  IMAGES_GEMINI_API_BASE_URL: str('IMAGES_GEMINI_API_BASE_URL', 'image_generation.gemini.api_base_url', geminiBaseUrl),
  IMAGES_GEMINI_API_KEY: str('IMAGES_GEMINI_API_KEY', 'image_generation.gemini.api_key', geminiKey),
  // '' or predict (Imagen :predict), or generateContent
  IMAGES_GEMINI_ENDPOINT_METHOD: str('IMAGES_GEMINI_ENDPOINT_METHOD', 'image_generation.gemini.endpoint_method', ''),

  // Image editing
  ENABLE_IMAGE_EDIT: bool('ENABLE_IMAGE_EDIT', 'images.edit.enable', false),
  IMAGE_EDIT_ENGINE: str('IMAGE_EDIT_ENGINE', 'images.edit.engine', 'openai'),
  IMAGE_EDIT_MODEL: str('IMAGE_EDIT_MODEL', 'images.edit.model', ''),
  IMAGE_EDIT_SIZE: str('IMAGE_EDIT_SIZE', 'images.edit.size', ''),
  IMAGES_EDIT_OPENAI_API_BASE_URL: str('IMAGES_EDIT_OPENAI_API_BASE_URL', 'images.edit.openai.api_base_url', OPENAI_OFFICIAL_BASE_URL),
  IMAGES_EDIT_OPENAI_API_VERSION: str('IMAGES_EDIT_OPENAI_API_VERSION', 'images.edit.openai.api_version', ''),
  IMAGES_EDIT_OPENAI_API_KEY: str('IMAGES_EDIT_OPENAI_API_KEY', 'images.edit.openai.api_key', officialOpenAIKey),
  IMAGES_EDIT_GEMINI_API_BASE_URL: str('IMAGES_EDIT_GEMINI_API_BASE_URL', 'images.edit.gemini.api_base_url', geminiBaseUrl),
  IMAGES_EDIT_GEMINI_API_KEY: str('IMAGES_EDIT_GEMINI_API_KEY', 'images.edit.gemini.api_key', geminiKey),
  IMAGES_EDIT_COMFYUI_BASE_URL: str('IMAGES_EDIT_COMFYUI_BASE_URL', 'images.edit.comfyui.base_url', ''),
  IMAGES_EDIT_COMFYUI_API_KEY: str('IMAGES_EDIT_COMFYUI_API_KEY', 'images.edit.comfyui.api_key', ''),
  IMAGES_EDIT_COMFYUI_WORKFLOW: str('IMAGES_EDIT_COMFYUI_WORKFLOW', 'images.edit.comfyui.workflow', ''),
  IMAGES_EDIT_COMFYUI_WORKFLOW_NODES: json('IMAGES_EDIT_COMFYUI_WORKFLOW_NODES', 'images.edit.comfyui.nodes', emptyList, isArray),
} as const;
