import { z } from 'zod';
import { PhotoUrl, Role } from './accounts.js';
import { Id, IsoDate } from './common.js';
import { BusinessHours } from './hours.js';
import { MAX_MEMBER_CAPACITY, MAX_MEMBER_LANGUAGES, MAX_MEMBER_SKILLS } from './team-limits.js';

export const TeamName = z.string().trim().min(1).max(60);
export const TeamDescription = z.string().trim().max(300);

/**
 * A language a member speaks, as a short language tag (`de`, `pt-br`), kept in lower case so routing
 * can compare it with a guest's language as it is.
 */
export const LanguageTag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/, 'A language tag like de, en or pt-br');

/** A free skill tag (`billing`, `spa`, `night shift`), trimmed and in lower case. */
export const SkillTag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._&+-]{0,31}$/u, 'Letters, digits, spaces and . _ & + - (up to 32)');

/** A list of tags, each once, in the order given. */
export const tagList = <T extends z.ZodType<string>>(tag: T, max: number) =>
  z
    .array(tag)
    .max(max)
    .transform((tags) => [...new Set(tags)]);

/**
 * How a team's queue is worked: agents take requests by hand (`manual`), or each new request goes
 * at once to the next agent in turn (`round_robin`) or to the one with the fewest open
 * conversations (`least_busy`) — only agents who are online, in the team and under capacity.
 */
export const assignmentModes = ['manual', 'round_robin', 'least_busy'] as const;
export const AssignmentMode = z.enum(assignmentModes);
export type AssignmentMode = z.infer<typeof AssignmentMode>;

/** A response-time target in minutes: up to a week. */
export const SlaMinutes = z
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 60);

/**
 * The team's response-time targets (SLA): how long a guest may wait for the first reply to a new
 * request, and for the next reply after writing again. A request waiting longer is escalated: its
 * priority is raised one step, the duty manager (a member, or the organization's admins when none
 * is chosen) is told at once, and the breach is recorded.
 */
export const TeamSla = z
  .object({
    firstResponseMinutes: z.number().int().nullable().describe('Null: no target'),
    nextResponseMinutes: z.number().int().nullable().describe('Null: no target'),
    dutyManagerId: Id.nullable().describe('A member told of escalations; null: the admins'),
  })
  .meta({ id: 'TeamSla' });

export const MemberCapacity = z.number().int().min(1).max(MAX_MEMBER_CAPACITY);

export const TeamMember = z
  .object({
    userId: Id,
    name: z.string(),
    photoUrl: PhotoUrl,
    role: Role,
    active: z.boolean().describe('A deactivated staff member keeps their memberships but takes no work'),
    capacity: z.number().int().describe('How many open conversations they take at once'),
    languages: z.array(z.string()),
    skills: z.array(z.string()),
  })
  .meta({ id: 'TeamMember' });
export type TeamMember = z.infer<typeof TeamMember>;

export const Team = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string(),
    assignmentMode: AssignmentMode,
    sla: TeamSla,
    members: z.array(TeamMember).describe('By name'),
    hours: BusinessHours.describe('When the team answers, on the organization’s clock, and its away message'),
    createdAt: IsoDate,
  })
  .meta({ id: 'Team' });
export type Team = z.infer<typeof Team>;

export const CreateTeamRequest = z.strictObject({
  name: TeamName,
  description: TeamDescription.default(''),
  assignmentMode: AssignmentMode.default('manual'),
});
export const UpdateTeamRequest = z
  .strictObject({
    name: TeamName,
    description: TeamDescription,
    assignmentMode: AssignmentMode,
    firstResponseMinutes: SlaMinutes.nullable(),
    nextResponseMinutes: SlaMinutes.nullable(),
    dutyManagerId: Id.nullable().describe('Must be a member of the team'),
  })
  .partial();
export type UpdateTeamRequest = z.infer<typeof UpdateTeamRequest>;

/**
 * Adds the staff member to the team or changes their membership. Omitted fields keep their value
 * (a new member starts with capacity 8, no languages and no skills).
 */
export const SetTeamMemberRequest = z
  .strictObject({
    capacity: MemberCapacity,
    languages: tagList(LanguageTag, MAX_MEMBER_LANGUAGES),
    skills: tagList(SkillTag, MAX_MEMBER_SKILLS),
  })
  .partial();
export type SetTeamMemberRequest = z.infer<typeof SetTeamMemberRequest>;

export const TeamIdParams = z.object({ id: Id });
export const TeamMemberParams = z.object({ id: Id, userId: Id });
