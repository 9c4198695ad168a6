import type { AssignedBy } from '@frontdesk/protocol';
import type { StaffActor } from '../../platform/actor.js';

/** How a request came to its assignee when a person moved it: taken, or handed over by `actor`. */
export function byHand(how: 'taken' | 'handed_over', actor: StaffActor): AssignedBy {
  return {
    how,
    mode: null,
    byName: how === 'handed_over' ? actor.name : null,
    load: null,
    capacity: null,
    reason: how === 'taken' ? `${actor.name} took it from the queue` : `${actor.name} handed it over`,
    at: new Date().toISOString(),
  };
}
