// The staff surface's types, taken from the protocol's schemas; the calls are in each feature's api.ts.
import type {
  Abilities,
  AddStaffResponse as AddStaffResponseSchema,
  AssignmentMode,
  AuditEntry as AuditEntrySchema,
  AuditPage as AuditPageSchema,
  BulkCreateRoomsResponse as BulkCreateRoomsResponseSchema,
  Conversation,
  ConversationCounts as ConversationCountsSchema,
  ConversationPage as ConversationPageSchema,
  ConversationVisibility,
  CreateCustomerRequest as CreateCustomerRequestSchema,
  CreatedCustomer as CreatedCustomerSchema,
  CreateOrganizationRequest as CreateOrganizationRequestSchema,
  CreateOrganizationResponse as CreateOrganizationResponseSchema,
  CreateRoutingRuleRequest as CreateRoutingRuleRequestSchema,
  CurrentUser,
  Customer,
  CustomerDetail as CustomerDetailSchema,
  CustomerField,
  CustomerList as CustomerListSchema,
  DuplicateHint,
  GuestDetails as GuestDetailsSchema,
  Language,
  LoginResponse as LoginResponseSchema,
  MessagePage as MessagePageSchema,
  OrganizationKind,
  OrganizationWithSeats as OrganizationWithSeatsSchema,
  PlanName,
  PlatformOrganization as PlatformOrganizationSchema,
  Priority,
  PublicEntry as PublicEntrySchema,
  PutCustomerFieldsRequest as PutCustomerFieldsRequestSchema,
  Role,
  Room,
  Routing,
  RoutingRule,
  SetBusinessHoursRequest as SetBusinessHoursRequestSchema,
  SetPasswordLink as SetPasswordLinkSchema,
  SetTeamMemberRequest as SetTeamMemberRequestSchema,
  StaffMember,
  Stay,
  Team,
  TeamMember,
  UpdateCustomerRequest as UpdateCustomerRequestSchema,
  UpdateOrganizationRequest as UpdateOrganizationRequestSchema,
} from '@frontdesk/protocol';
import type { z } from 'zod';

// Types only: the zod schemas stay out of the browser bundle.
export type {
  Abilities,
  AssignmentMode,
  Conversation,
  ConversationVisibility,
  CurrentUser,
  Customer,
  CustomerField,
  DuplicateHint,
  Language,
  OrganizationKind,
  PlanName,
  Priority,
  Role,
  Room,
  Routing,
  RoutingRule,
  StaffMember,
  Stay,
  Team,
  TeamMember,
};
export type TeamMembership = z.input<typeof SetTeamMemberRequestSchema>;
export type BusinessHoursInput = z.input<typeof SetBusinessHoursRequestSchema>;
export type RoutingRuleInput = z.input<typeof CreateRoutingRuleRequestSchema>;
export type ConversationStatus = Conversation['status'];
export type ConversationCounts = z.infer<typeof ConversationCountsSchema>;
export type ConversationPage = z.infer<typeof ConversationPageSchema>;
export type MessagePage = z.infer<typeof MessagePageSchema>;
export type Message = MessagePage['messages'][number];
export type OrganizationWithSeats = z.infer<typeof OrganizationWithSeatsSchema>;
export type OrganizationSettings = z.input<typeof UpdateOrganizationRequestSchema>;
export type PublicEntry = z.infer<typeof PublicEntrySchema>;
export type SetPasswordLink = z.infer<typeof SetPasswordLinkSchema>;
export type AddStaffResponse = z.infer<typeof AddStaffResponseSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditPage = z.infer<typeof AuditPageSchema>;
export type BulkCreateRoomsResponse = z.infer<typeof BulkCreateRoomsResponseSchema>;
export type PlatformOrganization = z.infer<typeof PlatformOrganizationSchema>;
export type CreateOrganizationRequest = z.input<typeof CreateOrganizationRequestSchema>;
export type CreateOrganizationResponse = z.infer<typeof CreateOrganizationResponseSchema>;
export type LoginResponse = z.infer<typeof LoginResponseSchema>;
export type GuestDetails = z.input<typeof GuestDetailsSchema>;
export type StayFilter = 'all_live' | 'current' | 'upcoming' | 'ended_today';
export type InboxTab = 'queued' | 'mine' | 'open' | 'resolved';
export type CustomerList = z.infer<typeof CustomerListSchema>;
export type CustomerDetail = z.infer<typeof CustomerDetailSchema>;
export type CreatedCustomer = z.infer<typeof CreatedCustomerSchema>;
export type CreateCustomerRequest = z.input<typeof CreateCustomerRequestSchema>;
export type UpdateCustomerRequest = z.input<typeof UpdateCustomerRequestSchema>;
export type CustomerFieldsInput = z.input<typeof PutCustomerFieldsRequestSchema>;
export type Address = NonNullable<Customer['serviceAddress']>;
