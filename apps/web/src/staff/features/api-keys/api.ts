import type { ApiKey, ApiKeyScope, ApiKeyWithSecret } from '@frontdesk/protocol';
import { api } from '../../../api/client';
import { id } from '../../api-url';

export type { ApiKey, ApiKeyScope, ApiKeyWithSecret };

/** The API keys page's calls (admins). */
export const apiKeysApi = {
  list: async () => (await api<{ keys: ApiKey[] }>('/api/v1/api-keys')).keys,
  create: (body: { name: string; scopes: ApiKeyScope[] }) =>
    api<ApiKeyWithSecret>('/api/v1/api-keys', { method: 'POST', body }),
  revoke: (keyId: string) => api<ApiKey>(`/api/v1/api-keys/${id(keyId)}/revoke`, { method: 'POST' }),
};

export const apiKeysKeys = { list: ['api-keys'] as const };
