import type { CreateQuickActionRequest, QuickAction, UpdateQuickActionRequest } from '@frontdesk/protocol';
import type { z } from 'zod';
import { api } from '../../../api/client';
import { id } from '../../api-url';

export type { QuickAction };
export type QuickActionInput = z.input<typeof CreateQuickActionRequest>;

/** The quick-actions tab's calls (admins). */
export const quickActionsApi = {
  list: async () => (await api<{ actions: QuickAction[] }>('/api/v1/quick-actions')).actions,
  create: (body: QuickActionInput) => api<QuickAction>('/api/v1/quick-actions', { method: 'POST', body }),
  update: (actionId: string, body: z.input<typeof UpdateQuickActionRequest>) =>
    api<QuickAction>(`/api/v1/quick-actions/${id(actionId)}`, { method: 'PATCH', body }),
  remove: (actionId: string) => api<void>(`/api/v1/quick-actions/${id(actionId)}`, { method: 'DELETE' }),
};

export const quickActionsKeys = { list: ['quick-actions'] as const };
