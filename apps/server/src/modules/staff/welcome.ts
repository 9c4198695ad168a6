import type { Role } from '@frontdesk/protocol';
import type { StaffActor } from '../../platform/actor.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { issueMailedPasswordLink } from '../auth/index.js';

/**
 * Records, in the caller's transaction, that a staff member was added: the mail module welcomes
 * them with a set-password link of their own, issued here beside the one shown on screen.
 */
export async function recordStaffAdded(
  tx: ServiceContext<StaffActor>,
  added: { orgId: string; userId: string; role: Role },
): Promise<void> {
  const event = await tx.record({
    type: 'staff.added',
    orgId: added.orgId,
    stream: `user:${added.userId}`,
    data: { userId: added.userId, role: added.role, byUserId: tx.actor.userId },
  });
  await issueMailedPasswordLink(tx.db, tx.config.sessionSecret, added.userId, event.id);
}
