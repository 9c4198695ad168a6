import type { ApiKeyScope, ConversationVisibility, OrganizationKind, Role } from '@frontdesk/protocol';
import { AppError } from './errors.js';

/** A signed-in staff member (or platform super admin). */
export interface StaffActor {
  kind: 'staff';
  userId: string;
  email: string;
  name: string;
  orgId: string | null;
  /** What the organization is (a hotel, a service company): which features it has. Null without one. */
  orgKind: OrganizationKind | null;
  /** The organization's plan (what it includes: `planIncludes`). Null without one. */
  orgPlan: string | null;
  role: Role | null;
  superadmin: boolean;
  sessionId: string;
  /** The teams the staff member is in, as of the session's last resolution (each request; sockets: see realtime/). */
  teamIds: readonly string[];
  /** The organization's setting: agents see every conversation, or their teams' (admins always all). */
  conversationVisibility: ConversationVisibility;
}

/**
 * Whether the staff member sees every conversation of their organization, whatever its team:
 * admins always, agents when the organization's visibility is `all`. Otherwise they see those of
 * their teams, those of no team and the ones they hold (conversations' policy); the realtime rooms
 * follow the same rule.
 */
export const seesEveryConversation = (actor: StaffActor): boolean =>
  actor.role === 'admin' || actor.conversationVisibility === 'all';

/** A hotel guest, bound to one stay. */
export interface StayGuestActor {
  kind: 'guest';
  orgId: string;
  guestId: string;
  stayId: string;
  sessionId: string;
  access: 'active' | 'read_only';
}

/** An anonymous visitor who opened a public entry (a poster, the website). */
export interface VisitorActor {
  kind: 'visitor';
  orgId: string;
  visitorId: string;
  sessionId: string;
  access: 'active';
}

/** Whoever writes from the guest side of a conversation. */
export type GuestActor = StayGuestActor | VisitorActor;

/** Another system acting for one organization with an API key. */
export interface ApiClientActor {
  kind: 'api_client';
  orgId: string;
  /** The API key's id. */
  clientId: string;
  /** The key's name, as the admin gave it. */
  name: string;
  /** What the key may do (README "API keys"). */
  scopes: readonly ApiKeyScope[];
  /** The organization's name: what a message sent with the key is signed with. */
  orgName: string;
  orgSlug: string;
  /** Which features the organization has (stays are a hotel's). */
  orgKind: OrganizationKind;
}

/** Frontdesk itself: a scheduled job or a durable consumer, named for the audit log. */
export interface SystemActor {
  kind: 'system';
  process: string;
}

/** Nobody yet: a sign-in, a guest code or a visitor's first visit. */
export interface AnonymousActor {
  kind: 'anonymous';
}

/** Who is asking, as services see them. New kinds join this union. */
export type Actor = StaffActor | GuestActor | ApiClientActor | SystemActor | AnonymousActor;

/** The actor's organization, or a refusal for a platform account that has none. */
export function actorOrgId(actor: StaffActor): string {
  if (!actor.orgId) throw new AppError('forbidden', 'This account does not belong to an organization');
  return actor.orgId;
}

/**
 * Whose budget a sender spends and whose client ids are deduplicated together: one staff member,
 * guest or visitor, over all their sockets and nodes, or one API key.
 */
export const senderKeyOf = (actor: StaffActor | GuestActor | ApiClientActor): string =>
  actor.kind === 'staff'
    ? `user:${actor.userId}`
    : actor.kind === 'guest'
      ? `guest:${actor.guestId}`
      : actor.kind === 'visitor'
        ? `visitor:${actor.visitorId}`
        : `api:${actor.clientId}`;

/**
 * Who made a change, as a domain event names them: the staff member, or the API key (with
 * `byUserId` null; `byApiKeyId` is an optional field added for keys, absent for staff).
 */
export const changedBy = (
  actor: StaffActor | ApiClientActor,
): { byUserId: string } | { byUserId: null; byApiKeyId: string } =>
  actor.kind === 'staff' ? { byUserId: actor.userId } : { byUserId: null, byApiKeyId: actor.clientId };

/** The organization of a staff member (refusing a platform account) or of an API key. */
export const orgIdOf = (actor: StaffActor | ApiClientActor): string =>
  actor.kind === 'api_client' ? actor.orgId : actorOrgId(actor);
