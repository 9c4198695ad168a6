import type {
  CannedResponse,
  CannedScope,
  CreateCannedResponseRequest,
  UpdateCannedResponseRequest,
} from '@frontdesk/protocol';
import { api } from '../../../api/client';
import { id, query } from '../../api-url';
import { sharedKeys } from '../../shared-api';

/** The canned responses page's calls (the composer's search is sharedApi.cannedFor). */
export const cannedApi = {
  list: (scope: CannedScope) =>
    api<{ cannedResponses: CannedResponse[] }>(`/api/v1/canned-responses${query({ scope, limit: 200 })}`).then(
      (r) => r.cannedResponses,
    ),
  create: (body: CreateCannedResponseRequest) => api<CannedResponse>('/api/v1/canned-responses', { body }),
  update: (cannedId: string, body: UpdateCannedResponseRequest) =>
    api<CannedResponse>(`/api/v1/canned-responses/${id(cannedId)}`, { method: 'PATCH', body }),
  remove: (cannedId: string) => api<void>(`/api/v1/canned-responses/${id(cannedId)}`, { method: 'DELETE' }),
};

export const cannedKeys = {
  list: (scope: CannedScope) => [...sharedKeys.canned, 'list', scope] as const,
};
