// PersistentConfig entries under `audio.*`: speech-to-text (`audio.stt.*`) and text-to-speech
// (`audio.tts.*`). Keys are the `app.state.config` names: STT_ENGINE for AUDIO_STT_ENGINE,
// TTS_VOICE for AUDIO_TTS_VOICE, and so on. OpenAI settings default to the official URL and the key
// paired with it.
import { bool, isObject, json, list, str } from '../entry.ts';
import { OPENAI_OFFICIAL_BASE_URL, officialOpenAIKey } from './openai.ts';

export const AUDIO_CONFIG = {
  // Speech-to-text: engine '' (local Whisper), openai, deepgram, azure or mistral.
  STT_ENGINE: str('AUDIO_STT_ENGINE', 'audio.stt.engine', ''),
  STT_MODEL: str('AUDIO_STT_MODEL', 'audio.stt.model', ''),
  // MIME types accepted for transcription; [] = the built-in audio/video defaults.
  STT_SUPPORTED_CONTENT_TYPES: list('AUDIO_STT_SUPPORTED_CONTENT_TYPES', 'audio.stt.supported_content_types', [], ','),
  STT_OPENAI_API_BASE_URL: str('AUDIO_STT_OPENAI_API_BASE_URL', 'audio.stt.openai.api_base_url', OPENAI_OFFICIAL_BASE_URL),
  STT_OPENAI_API_KEY: str('AUDIO_STT_OPENAI_API_KEY', 'audio.stt.openai.api_key', officialOpenAIKey),
  WHISPER_MODEL: str('WHISPER_MODEL', 'audio.stt.whisper_model', 'base'),
  WHISPER_VAD_FILTER: bool('WHISPER_VAD_FILTER', 'audio.stt.whisper_vad_filter', false),
  DEEPGRAM_API_KEY: str('DEEPGRAM_API_KEY', 'audio.stt.deepgram.api_key', ''),
  AUDIO_STT_AZURE_API_KEY: str('AUDIO_STT_AZURE_API_KEY', 'audio.stt.azure.api_key', ''),
  AUDIO_STT_AZURE_REGION: str('AUDIO_STT_AZURE_REGION', 'audio.stt.azure.region', ''),
  // Comma-separated locale list kept as one string.
  AUDIO_STT_AZURE_LOCALES: str('AUDIO_STT_AZURE_LOCALES', 'audio.stt.azure.locales', ''),
  AUDIO_STT_AZURE_BASE_URL: str('AUDIO_STT_AZURE_BASE_URL', 'audio.stt.azure.base_url', ''),
  // A number kept as a string; '' means the service default.
  AUDIO_STT_AZURE_MAX_SPEAKERS: str('AUDIO_STT_AZURE_MAX_SPEAKERS', 'audio.stt.azure.max_speakers', ''),
  AUDIO_STT_MISTRAL_API_KEY: str('AUDIO_STT_MISTRAL_API_KEY', 'audio.stt.mistral.api_key', ''),
  AUDIO_STT_MISTRAL_API_BASE_URL: str('AUDIO_STT_MISTRAL_API_BASE_URL', 'audio.stt.mistral.api_base_url', 'https://api.mistral.ai/v1'),
  AUDIO_STT_MISTRAL_USE_CHAT_COMPLETIONS: bool('AUDIO_STT_MISTRAL_USE_CHAT_COMPLETIONS', 'audio.stt.mistral.use_chat_completions', false),

  // Text-to-speech: engine '' (browser), openai, elevenlabs, azure or transformers.
  TTS_ENGINE: str('AUDIO_TTS_ENGINE', 'audio.tts.engine', ''),
  TTS_MODEL: str('AUDIO_TTS_MODEL', 'audio.tts.model', 'tts-1'),
  TTS_VOICE: str('AUDIO_TTS_VOICE', 'audio.tts.voice', 'alloy'),
  // punctuation, paragraphs or none
  TTS_SPLIT_ON: str('AUDIO_TTS_SPLIT_ON', 'audio.tts.split_on', 'punctuation'),
  TTS_API_KEY: str('AUDIO_TTS_API_KEY', 'audio.tts.api_key', ''),
  TTS_OPENAI_API_BASE_URL: str('AUDIO_TTS_OPENAI_API_BASE_URL', 'audio.tts.openai.api_base_url', OPENAI_OFFICIAL_BASE_URL),
  TTS_OPENAI_API_KEY: str('AUDIO_TTS_OPENAI_API_KEY', 'audio.tts.openai.api_key', officialOpenAIKey),
  TTS_OPENAI_PARAMS: json('AUDIO_TTS_OPENAI_PARAMS', 'audio.tts.openai.params', (): Record<string, unknown> => ({}), isObject),
  TTS_AZURE_SPEECH_REGION: str('AUDIO_TTS_AZURE_SPEECH_REGION', 'audio.tts.azure.speech_region', ''),
  TTS_AZURE_SPEECH_BASE_URL: str('AUDIO_TTS_AZURE_SPEECH_BASE_URL', 'audio.tts.azure.speech_base_url', ''),
  TTS_AZURE_SPEECH_OUTPUT_FORMAT: str('AUDIO_TTS_AZURE_SPEECH_OUTPUT_FORMAT', 'audio.tts.azure.speech_output_format', 'audio-24khz-160kbitrate-mono-mp3'),
} as const;
