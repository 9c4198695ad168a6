import type { SearchResult } from '@frontdesk/protocol';
import { api } from '../../../api/client';
import { query } from '../../api-url';

export interface SearchFilters {
  q: string;
  status?: string;
  tagId?: string;
  from?: string;
  to?: string;
}

export const searchApi = {
  search: (f: SearchFilters) => api<SearchResult>(`/api/v1/search${query({ ...f, limit: 30 })}`),
};
