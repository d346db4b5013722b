// PersistentConfig entries under `google_drive.*`: the Google Drive file picker.
import { bool, str } from '../entry.ts';

export const GOOGLE_DRIVE_CONFIG = {
  ENABLE_GOOGLE_DRIVE_INTEGRATION: bool('ENABLE_GOOGLE_DRIVE_INTEGRATION', 'google_drive.enable', false),
  GOOGLE_DRIVE_CLIENT_ID: str('GOOGLE_DRIVE_CLIENT_ID', 'google_drive.client_id', ''),
  GOOGLE_DRIVE_API_KEY: str('GOOGLE_DRIVE_API_KEY', 'google_drive.api_key', ''),
} as const;
