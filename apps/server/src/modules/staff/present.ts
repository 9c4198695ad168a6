import type { StaffMember } from '@frontdesk/protocol';
import type { users } from '../../db/schema.js';

type UserRow = typeof users.$inferSelect;

export function presentStaff(user: UserRow): StaffMember {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    motto: user.motto,
    role: (user.role ?? 'agent') as StaffMember['role'],
    active: user.active,
    passwordSet: user.passwordHash !== null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
