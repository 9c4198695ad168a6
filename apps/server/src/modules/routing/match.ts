import type { Priority, RoutingEntry } from '@frontdesk/protocol';

/** What routing knows of a request as it is opened. */
export interface RequestFacts {
  /** A guest writes from their room's QR; a visitor from the public entry. */
  entry: Exclude<RoutingEntry, 'any'>;
  roomId: string | null;
  roomNumber: string | null;
  roomPriority: boolean;
  language: string | null;
  vip: boolean;
  /** The first message. */
  text: string;
}

export interface RuleToMatch {
  id: string;
  name: string;
  entry: RoutingEntry;
  roomIds: string[];
  priorityRoomsOnly: boolean;
  /** Only while the rule's team is open (its business hours). */
  openHoursOnly: boolean;
  /** Whether the rule's team is open as the request comes in (read only for `openHoursOnly` rules). */
  teamOpen: boolean;
  languages: string[];
  keywords: string[];
  teamId: string;
  teamName: string;
  priority: Priority | null;
}

export interface RoutedBy {
  ruleId: string | null;
  ruleName: string | null;
  reason: string;
}

export interface Routed {
  teamId: string | null;
  teamName: string | null;
  priority: Priority;
  routedBy: RoutedBy;
}

const rank: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** The higher of two priorities. */
export const higher = (a: Priority, b: Priority): Priority => (rank[a] >= rank[b] ? a : b);

/** The first keyword found in the text as whole words, whatever the case and spacing. */
function keywordIn(text: string, keywords: string[]): string | undefined {
  const haystack = text.toLowerCase().replace(/\s+/g, ' ');
  return keywords.find((keyword) => {
    const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(haystack);
  });
}

/** A guest's `pt-br` speaks a rule's `pt`; a rule's `pt-br` wants exactly that. */
const speaks = (language: string | null, wanted: string[]) => {
  const own = language?.trim().toLowerCase();
  return own ? wanted.find((w) => own === w || own.startsWith(`${w}-`)) : undefined;
};

/** Why the rule takes the request, in plain words; undefined when it does not. */
export function whyRuleMatches(rule: RuleToMatch, facts: RequestFacts): string | undefined {
  const reasons: string[] = [];
  if (rule.entry !== 'any') {
    if (rule.entry !== facts.entry) return undefined;
    reasons.push(facts.entry === 'room' ? 'it came from a room QR' : 'it came through the public entry');
  }
  if (rule.roomIds.length) {
    if (!facts.roomId || !rule.roomIds.includes(facts.roomId)) return undefined;
    reasons.push(`it came from room ${facts.roomNumber ?? ''}`.trim());
  }
  if (rule.priorityRoomsOnly) {
    if (!facts.roomPriority) return undefined;
    reasons.push('it came from a priority room');
  }
  if (rule.openHoursOnly) {
    if (!rule.teamOpen) return undefined;
    reasons.push(`${rule.teamName} is open now`);
  }
  if (rule.languages.length) {
    const language = speaks(facts.language, rule.languages);
    if (!language) return undefined;
    reasons.push(`the guest speaks ${language}`);
  }
  if (rule.keywords.length) {
    const keyword = keywordIn(facts.text, rule.keywords);
    if (!keyword) return undefined;
    reasons.push(`the message mentions “${keyword}”`);
  }
  return reasons.length ? reasons.join(', ') : 'it takes every request';
}

/**
 * Where a new request goes: the first rule (in order) that matches sends it to its team with its
 * priority; else the default team takes it; else no team. VIP guests and priority rooms raise the
 * priority to at least high.
 */
export function routeRequest(
  rules: RuleToMatch[],
  defaultTeam: { id: string; name: string } | null,
  facts: RequestFacts,
): Routed {
  let routed: Routed | undefined;
  for (const rule of rules) {
    const why = whyRuleMatches(rule, facts);
    if (!why) continue;
    routed = {
      teamId: rule.teamId,
      teamName: rule.teamName,
      priority: rule.priority ?? 'normal',
      routedBy: { ruleId: rule.id, ruleName: rule.name, reason: `Rule “${rule.name}”: ${why}` },
    };
    break;
  }
  routed ??= {
    teamId: defaultTeam?.id ?? null,
    teamName: defaultTeam?.name ?? null,
    priority: 'normal',
    routedBy: {
      ruleId: null,
      ruleName: null,
      reason: defaultTeam ? 'No rule matched: the default team' : 'No rule matched and there is no default team',
    },
  };
  const raisedBy = facts.vip ? 'a VIP guest' : facts.roomPriority ? 'a priority room' : undefined;
  if (raisedBy && rank[routed.priority] < rank.high) {
    routed.priority = 'high';
    routed.routedBy.reason += `; high priority: ${raisedBy}`;
  }
  return routed;
}
