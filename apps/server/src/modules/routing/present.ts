import type { Routing, RoutingRule } from '@frontdesk/protocol';
import type { RoutingRuleWithTeam, RoutingWithRules } from './service.js';

export function presentRoutingRule(rule: RoutingRuleWithTeam, position: number): RoutingRule {
  return {
    id: rule.id,
    name: rule.name,
    position,
    conditions: {
      entry: rule.entry,
      roomIds: rule.roomIds,
      priorityRoomsOnly: rule.priorityRoomsOnly,
      openHoursOnly: rule.openHoursOnly,
      languages: rule.languages,
      keywords: rule.keywords,
    },
    team: { id: rule.teamId, name: rule.teamName },
    priority: rule.priority ?? null,
    createdAt: rule.createdAt.toISOString(),
  };
}

export function presentRouting(routing: RoutingWithRules): Routing {
  return {
    rules: routing.rules.map((rule, i) => presentRoutingRule(rule, i + 1)),
    defaultTeam: routing.defaultTeam,
  };
}
