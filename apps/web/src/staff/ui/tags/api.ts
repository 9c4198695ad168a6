import type { CreateTagRequest, Tag, UpdateTagRequest } from '@frontdesk/protocol';
import { api } from '../../../api/client';
import { id } from '../../api-url';

export const tagsApi = {
  list: () => api<{ tags: Tag[] }>('/api/v1/tags').then((r) => r.tags),
  create: (body: CreateTagRequest) => api<Tag>('/api/v1/tags', { body }),
  update: (tagId: string, body: UpdateTagRequest) => api<Tag>(`/api/v1/tags/${id(tagId)}`, { method: 'PATCH', body }),
  remove: (tagId: string) => api<void>(`/api/v1/tags/${id(tagId)}`, { method: 'DELETE' }),
};

export const tagsKeys = { list: ['tags', 'list'] as const };
