import { api } from '../../../api/client';
import { id, query } from '../../api-url';
import { sharedApi, sharedKeys } from '../../shared-api';
import type {
  AddStaffResponse,
  AssignmentMode,
  AuditPage,
  BulkCreateRoomsResponse,
  BusinessHoursInput,
  CustomerField,
  CustomerFieldsInput,
  OrganizationSettings,
  OrganizationWithSeats,
  PublicEntry,
  Role,
  Room,
  Routing,
  RoutingRule,
  RoutingRuleInput,
  SetPasswordLink,
  StaffMember,
  Team,
  TeamMembership,
} from '../../types';

/** What an admin sets on a team (the dialog sends them all). */
type TeamChange = {
  name?: string;
  description?: string;
  assignmentMode?: AssignmentMode;
  firstResponseMinutes?: number | null;
  nextResponseMinutes?: number | null;
  dutyManagerId?: string | null;
};

/** The admin pages: rooms, staff, teams, the organization’s settings and public entry, the audit log. */
export const adminApi = {
  addRooms: (input: { range: string; label?: string } | { numbers: string[]; label?: string }) =>
    api<BulkCreateRoomsResponse>('/api/v1/rooms/bulk', { body: input }),
  updateRoom: (roomId: string, change: { label?: string; priority?: boolean }) =>
    api<Room>(`/api/v1/rooms/${id(roomId)}`, { method: 'PATCH', body: change }),
  removeRoom: (roomId: string) => api<void>(`/api/v1/rooms/${id(roomId)}`, { method: 'DELETE' }),
  addStaff: (input: { email: string; name: string; role: Role }) =>
    api<AddStaffResponse>('/api/v1/staff', { body: input }),
  changeRole: (userId: string, role: Role) =>
    api<StaffMember>(`/api/v1/staff/${id(userId)}`, { method: 'PATCH', body: { role } }),
  setStaffActive: (userId: string, active: boolean) =>
    api<StaffMember>(`/api/v1/staff/${id(userId)}/${active ? 'activate' : 'deactivate'}`, { method: 'POST' }),
  resendLink: (userId: string) => api<SetPasswordLink>(`/api/v1/staff/${id(userId)}/password-link`, { method: 'POST' }),
  removeStaff: (userId: string) => api<void>(`/api/v1/staff/${id(userId)}`, { method: 'DELETE' }),
  /** A colleague's open requests back to their teams' queues, or to `userId`. */
  handOverStaff: (userId: string, body: { userId?: string; note?: string }) =>
    api<{ handedOver: number }>(`/api/v1/staff/${id(userId)}/handover`, { method: 'POST', body }),
  teams: sharedApi.teams,
  createTeam: (input: TeamChange & { name: string }) => api<Team>('/api/v1/teams', { body: input }),
  updateTeam: (teamId: string, change: TeamChange) =>
    api<Team>(`/api/v1/teams/${id(teamId)}`, { method: 'PATCH', body: change }),
  removeTeam: (teamId: string) => api<void>(`/api/v1/teams/${id(teamId)}`, { method: 'DELETE' }),
  setTeamMember: (teamId: string, userId: string, membership: TeamMembership) =>
    api<Team>(`/api/v1/teams/${id(teamId)}/members/${id(userId)}`, { method: 'PUT', body: membership }),
  setTeamHours: (teamId: string, hours: BusinessHoursInput) =>
    api<Team>(`/api/v1/teams/${id(teamId)}/hours`, { method: 'PUT', body: hours }),
  removeTeamMember: (teamId: string, userId: string) =>
    api<void>(`/api/v1/teams/${id(teamId)}/members/${id(userId)}`, { method: 'DELETE' }),
  routing: () => api<Routing>('/api/v1/routing-rules'),
  createRoutingRule: (input: RoutingRuleInput) => api<RoutingRule>('/api/v1/routing-rules', { body: input }),
  updateRoutingRule: (ruleId: string, change: Partial<RoutingRuleInput>) =>
    api<RoutingRule>(`/api/v1/routing-rules/${id(ruleId)}`, { method: 'PATCH', body: change }),
  removeRoutingRule: (ruleId: string) => api<void>(`/api/v1/routing-rules/${id(ruleId)}`, { method: 'DELETE' }),
  reorderRoutingRules: (ids: string[]) => api<Routing>('/api/v1/routing-rules/order', { method: 'PUT', body: { ids } }),
  setDefaultTeam: (teamId: string | null) =>
    api<Routing>('/api/v1/routing-rules/default-team', { method: 'PUT', body: { teamId } }),
  organization: () => api<OrganizationWithSeats>('/api/v1/organization'),
  updateOrganization: (change: OrganizationSettings) =>
    api<OrganizationWithSeats>('/api/v1/organization', { method: 'PATCH', body: change }),
  uploadLogo: (file: Blob) => api<OrganizationWithSeats>('/api/v1/organization/logo', { method: 'PUT', file }),
  removeLogo: () => api<OrganizationWithSeats>('/api/v1/organization/logo', { method: 'DELETE' }),
  publicEntry: () => api<PublicEntry>('/api/v1/organization/public-entry'),
  customerFields: () => api<{ fields: CustomerField[] }>('/api/v1/customer-fields').then((r) => r.fields),
  putCustomerFields: (body: CustomerFieldsInput) =>
    api<{ fields: CustomerField[] }>('/api/v1/customer-fields', { method: 'PUT', body }).then((r) => r.fields),
  auditLog: (before?: number, limit = 50) => api<AuditPage>(`/api/v1/audit-log${query({ before, limit })}`),
};

/** Cache keys of admin: its queries and the invalidations that match them. */
export const adminKeys = {
  organization: ['staff', 'organization'] as const,
  publicEntry: ['staff', 'public-entry'] as const,
  audit: ['staff', 'audit'] as const,
  teams: sharedKeys.teams,
  routing: ['staff', 'routing'] as const,
  customerFields: sharedKeys.customerFields,
};
