// PersistentConfig entries under `onedrive.*`: the OneDrive / SharePoint file picker.
import { bool, str } from '../entry.ts';

export const ONEDRIVE_CONFIG = {
  ENABLE_ONEDRIVE_INTEGRATION: bool('ENABLE_ONEDRIVE_INTEGRATION', 'onedrive.enable', false),
  ONEDRIVE_SHAREPOINT_URL: str('ONEDRIVE_SHAREPOINT_URL', 'onedrive.sharepoint_url', ''),
  ONEDRIVE_SHAREPOINT_TENANT_ID: str('ONEDRIVE_SHAREPOINT_TENANT_ID', 'onedrive.sharepoint_tenant_id', ''),
} as const;
