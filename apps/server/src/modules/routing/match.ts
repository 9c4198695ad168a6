import type { Priority, RoutingEntry, RoutingFact } from '@frontdesk/protocol';

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
  /** In plain English, for the API, webhooks and the log. */
  reason: string;
  /** What the rule matched, for the desk to say in the reader's language. */
  because?: RoutingFact[];
  raisedBy?: 'vip' | 'priority_room';
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

/** What of the request the rule matches; undefined when it does not take it. */
export function factsRuleMatches(rule: RuleToMatch, facts: RequestFacts): RoutingFact[] | undefined {
  const matched: RoutingFact[] = [];
  if (rule.entry !== 'any') {
    if (rule.entry !== facts.entry) return undefined;
    matched.push({ kind: facts.entry === 'room' ? 'room_qr' : 'public_entry' });
  }
  if (rule.roomIds.length) {
    if (!facts.roomId || !rule.roomIds.includes(facts.roomId)) return undefined;
    matched.push({ kind: 'room', room: facts.roomNumber ?? '' });
  }
  if (rule.priorityRoomsOnly) {
    if (!facts.roomPriority) return undefined;
    matched.push({ kind: 'priority_room' });
  }
  if (rule.openHoursOnly) {
    if (!rule.teamOpen) return undefined;
    matched.push({ kind: 'team_open', team: rule.teamName });
  }
  if (rule.languages.length) {
    const language = speaks(facts.language, rule.languages);
    if (!language) return undefined;
    matched.push({ kind: 'language', language });
  }
  if (rule.keywords.length) {
    const keyword = keywordIn(facts.text, rule.keywords);
    if (!keyword) return undefined;
    matched.push({ kind: 'keyword', keyword });
  }
  return matched.length ? matched : [{ kind: 'every_request' }];
}

/** A matched fact in plain English (the desk says it in its reader's language from the fact itself). */
function inEnglish(fact: RoutingFact): string {
  switch (fact.kind) {
    case 'room_qr':
      return 'it came from a room QR';
    case 'public_entry':
      return 'it came through the public entry';
    case 'room':
      return `it came from room ${fact.room}`.trim();
    case 'priority_room':
      return 'it came from a priority room';
    case 'team_open':
      return `${fact.team} is open now`;
    case 'language':
      return `the guest speaks ${fact.language}`;
    case 'keyword':
      return `the message mentions “${fact.keyword}”`;
    case 'every_request':
      return 'it takes every request';
  }
}

/** Why the rule takes the request, in plain words; undefined when it does not. */
export function whyRuleMatches(rule: RuleToMatch, facts: RequestFacts): string | undefined {
  return factsRuleMatches(rule, facts)?.map(inEnglish).join(', ');
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
    const because = factsRuleMatches(rule, facts);
    if (!because) continue;
    routed = {
      teamId: rule.teamId,
      teamName: rule.teamName,
      priority: rule.priority ?? 'normal',
      routedBy: {
        ruleId: rule.id,
        ruleName: rule.name,
        reason: `Rule “${rule.name}”: ${because.map(inEnglish).join(', ')}`,
        because,
      },
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
  const raisedBy = facts.vip ? 'vip' : facts.roomPriority ? 'priority_room' : undefined;
  if (raisedBy && rank[routed.priority] < rank.high) {
    routed.priority = 'high';
    routed.routedBy.reason += `; high priority: ${raisedBy === 'vip' ? 'a VIP guest' : 'a priority room'}`;
    routed.routedBy.raisedBy = raisedBy;
  }
  return routed;
}
