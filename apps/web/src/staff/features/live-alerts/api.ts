import type { Alert, AlertList, AlertSettings, UpdateAlertSettingsRequest } from '@frontdesk/protocol';
import { api } from '../../../api/client';
import { id, query } from '../../api-url';

export type { Alert, AlertSettings };

/** The alerts page's and the alert settings' calls. */
export const alertsApi = {
  list: (status: 'open' | 'acknowledged' | 'all', limit = 50) =>
    api<AlertList>(`/api/v1/alerts${query({ status, limit })}`),
  /** The same list (its status, every page) as a CSV file to download. */
  csvPath: (status: 'open' | 'acknowledged' | 'all') => `/api/v1/alerts.csv${query({ status })}`,
  acknowledge: (alertId: string) => api<Alert>(`/api/v1/alerts/${id(alertId)}/acknowledge`, { method: 'POST' }),
  settings: () => api<AlertSettings>('/api/v1/alert-settings'),
  updateSettings: (body: UpdateAlertSettingsRequest) =>
    api<AlertSettings>('/api/v1/alert-settings', { method: 'PATCH', body }),
};

export const alertsKeys = {
  all: ['alerts'] as const,
  list: (status: string) => ['alerts', 'list', status] as const,
  open: ['alerts', 'open-count'] as const,
  settings: ['alert-settings'] as const,
};
