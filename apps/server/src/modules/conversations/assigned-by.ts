import type { AssignedBy } from '@frontdesk/protocol';
import type { StaffActor } from '../../platform/actor.js';

/** How a request came to its assignee when a person moved it: taken, or handed over by `actor`. */
export function byHand(how: 'taken' | 'handed_over', by: StaffActor | string): AssignedBy {
  const name = typeof by === 'string' ? by : by.name;
  return {
    how,
    mode: null,
    byName: how === 'handed_over' ? name : null,
    load: null,
    capacity: null,
    reason: how === 'taken' ? `${name} took it from the queue` : `${name} handed it over`,
    at: new Date().toISOString(),
  };
}
