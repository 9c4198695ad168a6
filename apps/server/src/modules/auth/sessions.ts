import type { ConversationVisibility, Role } from '@frontdesk/protocol';
import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { organizations, sessions, teamMembers, users } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { newToken, tokenId } from './tokens.js';

/** Staff tokens are told apart from guest tokens (`g_`) by their prefix, so a bearer token is looked up once. */
export const STAFF_TOKEN_PREFIX = 's_';

export interface SessionInfo {
  ip: string | null;
  userAgent: string | null;
}

export async function createSession(db: Db, userId: string, ttlSeconds: number, info: SessionInfo) {
  const { token, id } = newToken(STAFF_TOKEN_PREFIX);
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  await db.insert(sessions).values({
    id,
    userId,
    expiresAt,
    ip: info.ip,
    userAgent: info.userAgent?.slice(0, 300) ?? null,
  });
  return { token, sessionId: id, expiresAt };
}

/**
 * The staff actor behind a session token, or null when the token is unknown, expired or revoked,
 * or the account or its organization has been deactivated since. The same query reads the teams
 * the member is in and the organization's conversation visibility, so that the conversations'
 * policy decides without asking the database again.
 */
export async function resolveSession(db: Db, token: string): Promise<StaffActor | null> {
  const id = tokenId(token);
  const [row] = await db
    .select({
      sessionId: sessions.id,
      userId: users.id,
      email: users.email,
      name: users.name,
      orgId: users.orgId,
      role: users.role,
      superadmin: users.superadmin,
      userActive: users.active,
      orgActive: organizations.active,
      conversationVisibility: organizations.conversationVisibility,
      orgKind: organizations.kind,
      orgPlan: organizations.plan,
      teamIds: sql<
        string[]
      >`array(select ${teamMembers.teamId}::text from ${teamMembers} where ${teamMembers.userId} = ${users.id})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(organizations, eq(organizations.id, users.orgId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date())))
    .limit(1);
  if (!row?.userActive) return null;
  if (row.orgId && !row.orgActive && !row.superadmin) return null;
  return {
    kind: 'staff',
    userId: row.userId,
    email: row.email,
    name: row.name,
    orgId: row.orgId,
    orgKind: row.orgKind ?? null,
    orgPlan: row.orgPlan ?? null,
    role: row.role as Role | null,
    superadmin: row.superadmin,
    sessionId: row.sessionId,
    teamIds: row.teamIds ?? [],
    conversationVisibility: (row.conversationVisibility ?? 'all') as ConversationVisibility,
  };
}

/**
 * A staff member acting without a session (a job finishing what they asked for, e.g. a scheduled
 * message): the same fields and the same refusals as `resolveSession` — null when the account or
 * its organization is no longer active.
 */
export async function staffActorOf(db: Db, userId: string, sessionId: string): Promise<StaffActor | null> {
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      orgId: users.orgId,
      role: users.role,
      superadmin: users.superadmin,
      userActive: users.active,
      orgActive: organizations.active,
      conversationVisibility: organizations.conversationVisibility,
      orgKind: organizations.kind,
      orgPlan: organizations.plan,
      teamIds: sql<
        string[]
      >`array(select ${teamMembers.teamId}::text from ${teamMembers} where ${teamMembers.userId} = ${users.id})`,
    })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.orgId))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row?.userActive || !row.orgId || !row.orgActive) return null;
  return {
    kind: 'staff',
    userId: row.userId,
    email: row.email,
    name: row.name,
    orgId: row.orgId,
    orgKind: row.orgKind ?? null,
    orgPlan: row.orgPlan ?? null,
    role: row.role as Role | null,
    superadmin: row.superadmin,
    sessionId,
    teamIds: row.teamIds ?? [],
    conversationVisibility: (row.conversationVisibility ?? 'all') as ConversationVisibility,
  };
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user at once, optionally keeping the one making the change. */
export async function revokeUserSessions(db: Db, userId: string, keepSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keepSessionId ? ne(sessions.id, keepSessionId) : undefined));
}

export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}
