import { z } from 'zod';
import { AttachmentLimits } from './attachments.js';
import { Email, HttpUrl, Id, IsoDate, Language, Motto, Password, PersonName, TimeZone } from './common.js';

export const roles = ['admin', 'agent', 'field'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** What an organization is: a hotel (rooms and stays) or a service company (customers and labels). */
export const organizationKinds = ['hotel', 'service'] as const;
export const OrganizationKind = z
  .enum(organizationKinds)
  .describe('`hotel`: rooms and stays; `service`: a service company with customers and QR labels');
export type OrganizationKind = z.infer<typeof OrganizationKind>;

/** What a plan can include beyond chat: `tasks` is work items (tasks, work orders, My work, dispatch). */
export const planFeatures = ['tasks'] as const;
export const PlanFeature = z
  .enum(planFeatures)
  .describe('`tasks`: tasks and work orders, My work, the dispatch board, quick actions that create tasks');
export type PlanFeature = z.infer<typeof PlanFeature>;

/**
 * The plans the platform sells: how many staff each seats by default and what it includes. The
 * platform owner may still give an organization another seat limit; the features follow the plan.
 */
export const planCatalogue = {
  free: { seats: 5, features: [] },
  team: { seats: 25, features: ['tasks'] },
  business: { seats: 100, features: ['tasks'] },
} as const satisfies Record<string, { seats: number; features: readonly PlanFeature[] }>;
export type PlanName = keyof typeof planCatalogue;
/** Each plan's default seat limit. */
export const plans = Object.fromEntries(Object.entries(planCatalogue).map(([name, plan]) => [name, plan.seats])) as {
  readonly [P in PlanName]: (typeof planCatalogue)[P]['seats'];
};
export const Plan = z.enum(Object.keys(planCatalogue) as [PlanName, ...PlanName[]]);

/** Whether a plan includes a feature (an unknown or missing plan includes nothing). */
export function planIncludes(plan: string | null | undefined, feature: PlanFeature): boolean {
  const entry = plan ? planCatalogue[plan as PlanName] : undefined;
  return (entry?.features as readonly PlanFeature[] | undefined)?.includes(feature) ?? false;
}

/** A staff member's photo: a path on this server (/api/v1/files/…), or null when they have none. */
export const PhotoUrl = z.string().nullable().describe('Path of the staff member’s photo on this server, or null');

export const Slug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'Lowercase letters, digits and dashes (2–40)')
  .min(2);

/**
 * Which conversations agents see: every one of the organization, or only those of their teams (and
 * those of no team, and the ones they hold). Admins always see all.
 */
export const ConversationVisibility = z
  .enum(['all', 'team'])
  .describe(
    'Agents see every conversation (`all`) or only their teams’, unteamed and their own (`team`); admins see all',
  );
export type ConversationVisibility = z.infer<typeof ConversationVisibility>;

export const Organization = z
  .object({
    id: Id,
    slug: Slug,
    kind: OrganizationKind,
    name: z.string(),
    motto: z.string(),
    logoUrl: z
      .string()
      .nullable()
      .describe('The uploaded logo (a path on this server, /api/v1/files/…) or an address an admin typed'),
    timezone: z.string(),
    language: Language,
    plan: Plan,
    features: z.array(PlanFeature).describe('What the organization’s plan includes'),
    seatLimit: z.number().int(),
    active: z.boolean(),
    publicEntryEnabled: z.boolean(),
    guestGraceHours: z.number().int(),
    reopenMinutes: z.number().int(),
    workReminderMinutes: z
      .number()
      .int()
      .describe('Work items remind their assignee this long before they are due; 0: never'),
    retentionDays: z
      .number()
      .int()
      .nullable()
      .describe('Conversations of ended stays and inactive customers are erased after this many days; null: kept'),
    conversationVisibility: ConversationVisibility,
    contactPhone: z.string(),
    contactEmail: z.string(),
    createdAt: IsoDate,
  })
  .meta({ id: 'Organization' });
export type Organization = z.infer<typeof Organization>;

export const Seats = z.object({ used: z.number().int(), limit: z.number().int() });

export const OrganizationWithSeats = Organization.extend({ seats: Seats }).meta({
  id: 'OrganizationWithSeats',
});

export const UpdateOrganizationRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    motto: Motto,
    logoUrl: HttpUrl.nullable().describe(
      'A logo hosted elsewhere; replaces an uploaded one (upload with PUT /api/v1/organization/logo instead)',
    ),
    timezone: TimeZone,
    language: Language,
    publicEntryEnabled: z.boolean(),
    guestGraceHours: z
      .number()
      .int()
      .min(0)
      .max(24 * 30),
    reopenMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    workReminderMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60),
    retentionDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .nullable()
      .describe(
        'Erase ended stays and inactive customers after this many days (README "Privacy (GDPR) operations"); null: keep',
      ),
    conversationVisibility: ConversationVisibility,
    contactPhone: z
      .string()
      .trim()
      .max(40)
      .describe('Shown to guests and customers who need to reach you another way (a blank label, for one)'),
    contactEmail: z.union([Email, z.literal('')]).describe('Shown beside the phone; empty for none'),
  })
  .partial();

export const StaffMember = z
  .object({
    id: Id,
    email: z.string(),
    name: z.string(),
    motto: z.string(),
    photoUrl: PhotoUrl,
    role: Role,
    active: z.boolean(),
    handlesConversations: z
      .boolean()
      .describe('Works the inbox and may be handed requests (an active admin or agent), as the server decides'),
    manageable: z
      .boolean()
      .describe('You may change their role, (de)activate them, issue them a set-password link or remove them'),
    passwordSet: z.boolean(),
    lastLoginAt: IsoDate.nullable(),
    createdAt: IsoDate,
  })
  .meta({ id: 'StaffMember' });
export type StaffMember = z.infer<typeof StaffMember>;

export const AddStaffRequest = z.strictObject({ email: Email, name: PersonName, role: Role });
export const ChangeRoleRequest = z.strictObject({ role: Role });
export const StaffIdParams = z.object({ id: Id });

export const SetPasswordLink = z.object({
  setPasswordUrl: z.string(),
  expiresAt: IsoDate,
});
export const AddStaffResponse = z.object({ staff: StaffMember, invite: SetPasswordLink });

export const Abilities = z
  .object({
    inbox: z.boolean().describe('Work the inbox: take, answer, hand over and resolve requests'),
    assignAnyConversation: z
      .boolean()
      .describe('Hand any request to a colleague; without it, only the requests this user holds'),
    resolveAnyConversation: z
      .boolean()
      .describe('Resolve any request; without it, only those this user holds or nobody has taken'),
    stays: z.boolean().describe('Check guests in and out and see the stays (hotels)'),
    customers: z.boolean().describe('See, add and change customers (service companies)'),
    manageCustomerFields: z.boolean().describe('Choose the extra fields of every customer record'),
    leads: z.boolean().describe('Work the requests customers send with request forms (service companies)'),
    manageForms: z.boolean().describe('Design and publish the request forms customers fill (service companies)'),
    leadReports: z.boolean().describe('Read where leads come from and what became of them (service companies)'),
    serviceMetrics: z
      .boolean()
      .describe(
        'Read the whole organization’s service metrics (GET /api/v1/reports/metrics); a team’s duty manager reads their team’s without it',
      ),
    teamMetrics: z
      .boolean()
      .describe(
        'Duty manager of a team: reads that team’s service metrics and ratings (GET /api/v1/reports/metrics?teamId=…), no other team’s',
      ),
    myMetrics: z
      .boolean()
      .describe(
        'Read their own service metrics and ratings, "My performance" (GET /api/v1/reports/metrics?agentId=<their own id>)',
      ),
    myWork: z
      .boolean()
      .describe('Do work items: "My work", the tasks and work orders given to this user or their teams'),
    manageStaff: z.boolean().describe('Add, change and remove staff members'),
    manageAdmins: z.boolean().describe('Make staff members admins and manage admins (platform super admins)'),
    manageRooms: z.boolean().describe('Add, flag and remove rooms'),
    manageTeams: z.boolean().describe('Create, rename and remove teams and choose their members'),
    manageOrganization: z.boolean().describe("Change the organization's settings and see its ratings"),
    viewAudit: z.boolean().describe("Read the organization's audit log"),
    managePrivacy: z
      .boolean()
      .describe('Export or erase a guest’s or customer’s data on their request (privacy:manage; admins)'),
    dispatch: z.boolean().describe('Plan the work: the dispatch board, reassigning and rescheduling work items'),
    platform: z.boolean().describe('Run the platform: every organization, its plan and seats'),
  })
  .meta({ id: 'Abilities' });
export type Abilities = z.infer<typeof Abilities>;

export const CurrentUser = z
  .object({
    id: Id,
    email: z.string(),
    name: z.string(),
    motto: z.string(),
    photoUrl: PhotoUrl,
    superadmin: z.boolean(),
    role: Role.nullable(),
    organization: Organization.nullable(),
    abilities: Abilities.describe('What this user may do, from the server’s policies: the app shows only these'),
    attachmentLimits: AttachmentLimits.describe('How many files, and how large, one message takes'),
  })
  .meta({ id: 'CurrentUser' });
export type CurrentUser = z.infer<typeof CurrentUser>;

export const LoginRequest = z.strictObject({
  email: Email,
  password: z.string().min(1).max(200),
});
export const LoginResponse = z.object({
  token: z.string().describe('Bearer token for API clients; browsers use the session cookie'),
  expiresAt: IsoDate,
  user: CurrentUser,
});

export const SetPasswordRequest = z.strictObject({ token: z.string().min(10).max(200), password: Password });
export const UpdateProfileRequest = z.strictObject({ name: PersonName, motto: Motto }).partial();
export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: Password,
});

/** Who made an audited change: a staff member, an API client, Frontdesk itself (a job) … */
export const AuditActorKind = z.enum(['staff', 'api_client', 'system', 'guest', 'visitor', 'anonymous']);
export type AuditActorKind = z.infer<typeof AuditActorKind>;

export const AuditEntry = z
  .object({
    id: z.number().int(),
    action: z.string(),
    /** Who acted: a staff member, an API client, or Frontdesk itself (a scheduled job). */
    actorKind: AuditActorKind,
    actorId: Id.nullable(),
    actorEmail: z.string().nullable(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    /** The request (its `x-request-id`), socket event or job run that made the change. */
    requestId: z.string().nullable(),
    createdAt: IsoDate,
  })
  .meta({ id: 'AuditEntry' });
export const AuditPage = z.object({ entries: z.array(AuditEntry), nextBefore: z.number().int().nullable() });

export const PlatformOrganization = Organization.extend({
  staffCount: z.number().int(),
  activeStaffCount: z.number().int(),
}).meta({ id: 'PlatformOrganization' });

export const CreateOrganizationRequest = z.strictObject({
  name: z.string().trim().min(1).max(120),
  slug: Slug,
  kind: OrganizationKind.default('hotel'),
  motto: Motto.optional(),
  timezone: TimeZone.default('UTC'),
  language: Language.default('en'),
  plan: Plan.default('free'),
  admin: z.strictObject({ email: Email, name: PersonName }),
});
export const CreateOrganizationResponse = z.object({
  organization: PlatformOrganization,
  admin: StaffMember,
  invite: SetPasswordLink,
});
export const UpdatePlanRequest = z
  .strictObject({
    plan: Plan,
    seatLimit: z.number().int().min(1).max(100_000),
    active: z.boolean(),
  })
  .partial();
export const OrgIdParams = z.object({ id: Id });

export const PublicEntry = z.object({
  enabled: z.boolean(),
  url: z.string().describe('Where the public QR leads: a short pre-chat form for anonymous visitors'),
  qrSvgUrl: z.string(),
  qrPngUrl: z.string(),
});
