import { z } from 'zod';
import { Priority } from './chat.js';
import { Id, IsoDate } from './common.js';
import { LanguageTag, tagList } from './teams.js';

export const MAX_ROUTING_RULES = 100;
export const MAX_RULE_ROOMS = 200;
export const MAX_RULE_LANGUAGES = 20;
export const MAX_RULE_KEYWORDS = 30;

/**
 * Where a request came in: a guest's room QR (`room`), the organization's public entry (`public_entry`),
 * or `any` of them.
 */
export const RoutingEntry = z.enum(['any', 'room', 'public_entry']);
export type RoutingEntry = z.infer<typeof RoutingEntry>;

export const RoutingRuleName = z.string().trim().min(1).max(60);

/**
 * A word or phrase to look for in the first message, in lower case. Letters, digits, spaces,
 * apostrophes and hyphens only: a keyword matches whole words, whatever the case.
 */
export const RoutingKeyword = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[\p{L}\p{N}](?:[\p{L}\p{N}' -]{0,38}[\p{L}\p{N}])?$/u,
    "Letters and digits, with spaces, - or ' between (up to 40)",
  );

/** What a request must have for a rule to take it; an empty list or `false` asks nothing. */
export const RoutingConditions = z.strictObject({
  entry: RoutingEntry.default('any'),
  roomIds: z
    .array(Id)
    .max(MAX_RULE_ROOMS)
    .default([])
    .transform((ids) => [...new Set(ids)])
    .describe('Only requests from these rooms'),
  priorityRoomsOnly: z.boolean().default(false).describe('Only requests from rooms marked priority'),
  openHoursOnly: z
    .boolean()
    .default(false)
    .describe("Only while the rule's team is open: its business hours and holidays, on the organization's clock"),
  languages: tagList(LanguageTag, MAX_RULE_LANGUAGES).default([]).describe('Only guests of one of these languages'),
  keywords: tagList(RoutingKeyword, MAX_RULE_KEYWORDS)
    .default([])
    .describe('Only when the first message has one of these words or phrases'),
});
export type RoutingConditions = z.infer<typeof RoutingConditions>;

export const TeamRef = z.object({ id: Id, name: z.string() });

export const RoutingRule = z
  .object({
    id: Id,
    name: z.string(),
    position: z.number().int().describe('From 1: the first rule that matches routes the request'),
    conditions: z.object({
      entry: RoutingEntry,
      roomIds: z.array(Id),
      priorityRoomsOnly: z.boolean(),
      openHoursOnly: z.boolean(),
      languages: z.array(z.string()),
      keywords: z.array(z.string()),
    }),
    team: TeamRef,
    priority: Priority.nullable().describe('The priority it gives; null leaves it normal'),
    createdAt: IsoDate,
  })
  .meta({ id: 'RoutingRule' });
export type RoutingRule = z.infer<typeof RoutingRule>;

/** The rules in order and the team that takes what no rule matches. */
export const Routing = z
  .object({
    rules: z.array(RoutingRule),
    defaultTeam: TeamRef.nullable().describe('Takes the requests no rule matches; without one they go to no team'),
  })
  .meta({ id: 'Routing' });
export type Routing = z.infer<typeof Routing>;

export const CreateRoutingRuleRequest = z.strictObject({
  name: RoutingRuleName,
  conditions: RoutingConditions.default({
    entry: 'any',
    roomIds: [],
    priorityRoomsOnly: false,
    openHoursOnly: false,
    languages: [],
    keywords: [],
  }),
  teamId: Id,
  priority: Priority.nullable().default(null),
});
export type CreateRoutingRuleRequest = z.infer<typeof CreateRoutingRuleRequest>;

/** Fields left out keep their value; `conditions` given replace the rule's conditions as a whole. */
export const UpdateRoutingRuleRequest = z
  .strictObject({ name: RoutingRuleName, conditions: RoutingConditions, teamId: Id, priority: Priority.nullable() })
  .partial();
export type UpdateRoutingRuleRequest = z.infer<typeof UpdateRoutingRuleRequest>;

export const ReorderRoutingRulesRequest = z.strictObject({
  ids: z
    .array(Id)
    .min(1)
    .max(MAX_ROUTING_RULES)
    .refine((ids) => new Set(ids).size === ids.length, 'Each rule once')
    .describe('Rules in their new order; rules left out follow them, in the order they had'),
});

export const SetDefaultTeamRequest = z.strictObject({ teamId: Id.nullable() });

export const RoutingRuleIdParams = z.object({ id: Id });
