import type { SsoSettings, UpdateSsoSettingsRequest } from '@frontdesk/protocol';
import { api } from '../../../api/client';

export type { SsoSettings };

/** The single sign-on settings' calls (admins). */
export const ssoApi = {
  settings: () => api<SsoSettings>('/api/v1/sso-settings'),
  update: (body: UpdateSsoSettingsRequest) => api<SsoSettings>('/api/v1/sso-settings', { method: 'PATCH', body }),
};

export const ssoKeys = { settings: ['sso-settings'] as const };
