import type { Role } from '@frontdesk/protocol';
import { AppError } from './errors.js';

/** Who is asking: a signed-in staff member (or platform super admin), as services see them. */
export interface StaffActor {
  kind: 'staff';
  userId: string;
  email: string;
  name: string;
  orgId: string | null;
  role: Role | null;
  superadmin: boolean;
  sessionId: string;
  ip: string | null;
}

/** A hotel guest (bound to one stay) or an anonymous visitor, as services see them. */
export type GuestActor =
  | {
      kind: 'guest';
      orgId: string;
      guestId: string;
      stayId: string;
      sessionId: string;
      access: 'active' | 'read_only';
    }
  | { kind: 'visitor'; orgId: string; visitorId: string; sessionId: string; access: 'active' };

export type Actor = StaffActor;

/** The actor's organization, or a refusal for a platform account that has none. */
export function actorOrgId(actor: StaffActor): string {
  if (!actor.orgId) throw new AppError('forbidden', 'This account does not belong to an organization');
  return actor.orgId;
}
