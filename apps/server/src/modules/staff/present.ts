import { filePath, type StaffMember } from '@frontdesk/protocol';
import type { users } from '../../db/schema.js';
import { staffPolicy } from './policy.js';

type UserRow = typeof users.$inferSelect;

/** The staff member's photo, as a path on this server, or null. */
export function photoUrlOf(user: { photoFileId: string | null }): string | null {
  return user.photoFileId ? filePath(user.photoFileId) : null;
}

export function presentStaff(user: UserRow): StaffMember {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    motto: user.motto,
    photoUrl: photoUrlOf(user),
    role: (user.role ?? 'agent') as StaffMember['role'],
    active: user.active,
    handlesConversations: staffPolicy.handlesConversations(user),
    passwordSet: user.passwordHash !== null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
