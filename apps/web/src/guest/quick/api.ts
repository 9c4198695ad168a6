import type { GuestQuickAction } from '@frontdesk/protocol';
import { api } from '../../api/client';

export type { GuestQuickAction };

export interface QuickRequest {
  clientId: string;
  count?: number;
  time?: string;
  note?: string;
  photoId?: string;
}

/** The guest's quick requests: their hotel's list, and one tap (once per client id). */
export const quickApi = {
  list: () => api<{ actions: GuestQuickAction[] }>('/api/v1/guest/quick-actions').then((r) => r.actions),
  request: (actionId: string, body: QuickRequest) =>
    api<{ workItemId: string | null }>(`/api/v1/guest/quick-actions/${encodeURIComponent(actionId)}/request`, {
      body,
    }),
};

export const quickKeys = { list: ['guest', 'quick-actions'] as const };
