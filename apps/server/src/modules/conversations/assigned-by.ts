import type { AssignedBy } from '@frontdesk/protocol';

/**
 * How a request came to its assignee when a colleague (`byName`) handed it over. A request its
 * assignee took from the queue keeps none: every message rewrites the conversation's row and
 * carries its view, so nothing is stored or sent that says only "taken".
 */
export function handedOverBy(byName: string): AssignedBy {
  return {
    how: 'handed_over',
    mode: null,
    byName,
    load: null,
    capacity: null,
    reason: `${byName} handed it over`,
    at: new Date().toISOString(),
  };
}
