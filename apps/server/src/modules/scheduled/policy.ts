import type { StaffActor } from '../../platform/actor.js';

/** Who may change a scheduled message: its author, or an admin (for a colleague who went home). */
export const scheduledPolicy = {
  change: (actor: StaffActor, s: { authorId: string }) => actor.role === 'admin' || s.authorId === actor.userId,
};
