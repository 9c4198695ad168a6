import { filePath, type Role, type StaffMember } from '@frontdesk/protocol';
import type { users } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { staffPolicy } from './policy.js';

type UserRow = typeof users.$inferSelect;

/** The staff member's photo, as a path on this server, or null. */
export function photoUrlOf(user: { photoFileId: string | null }): string | null {
  return user.photoFileId ? filePath(user.photoFileId) : null;
}

/**
 * A staff member as `viewer` sees them, with whether the viewer may manage them, so the admin
 * page offers only the changes the services allow (they also refuse changes to oneself).
 */
export function presentStaff(user: UserRow, viewer: StaffActor): StaffMember {
  const member = { id: user.id, orgId: user.orgId, role: user.role as Role | null };
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    motto: user.motto,
    photoUrl: photoUrlOf(user),
    role: (user.role ?? 'agent') as StaffMember['role'],
    active: user.active,
    handlesConversations: staffPolicy.handlesConversations(user),
    manageable: user.id !== viewer.userId && staffPolicy.manage(viewer, member),
    passwordSet: user.passwordHash !== null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
