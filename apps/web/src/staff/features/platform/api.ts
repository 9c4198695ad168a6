import { api } from '../../../api/client';
import { id } from '../../api-url';
import type {
  CreateOrganizationRequest,
  CreateOrganizationResponse,
  PlanName,
  PlatformOrganization,
} from '../../types';

/** The platform page: organizations, plans and seats. */
export const platformApi = {
  platformOrganizations: () => api<PlatformOrganization[]>('/api/v1/platform/organizations'),
  createOrganization: (input: CreateOrganizationRequest) =>
    api<CreateOrganizationResponse>('/api/v1/platform/organizations', { body: input }),
  updatePlan: (orgId: string, change: { plan?: PlanName; seatLimit?: number; active?: boolean }) =>
    api<PlatformOrganization>(`/api/v1/platform/organizations/${id(orgId)}`, { method: 'PATCH', body: change }),
};

/** Cache keys of platform: its queries and the invalidations that match them. */
export const platformKeys = {
  platform: ['staff', 'platform-organizations'] as const,
};
