import { createHmac } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { passwordTokens, users } from '../../db/schema.js';
import { AppError } from '../../platform/errors.js';
import { hashPassword } from './passwords.js';
import { revokeUserSessions } from './sessions.js';
import { newToken, tokenId } from './tokens.js';

const LINK_TTL_MS = 72 * 3600 * 1000;

/** A one-time link to set a password; any earlier unused link of the user stops working. */
export async function issuePasswordLink(db: Db, publicUrl: string, userId: string) {
  const { token, id } = newToken();
  const expiresAt = new Date(Date.now() + LINK_TTL_MS);
  await db.delete(passwordTokens).where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)));
  await db.insert(passwordTokens).values({ id, userId, expiresAt });
  return { setPasswordUrl: `${publicUrl}/app/set-password?token=${token}`, expiresAt };
}

/**
 * The token of the set-password link a welcome e-mail carries, derived from the event that asked
 * for it with the server's secret: the e-mail consumer finds it again later without the event
 * (which webhooks may see) carrying it.
 */
const mailedToken = (secret: string, eventId: string) =>
  createHmac('sha256', secret).update(`mailed-password-link:${eventId}`).digest('base64url');

/**
 * Issues, in the caller's transaction, the link the welcome e-mail of `eventId` will carry, beside
 * the one shown on screen (using either one makes the other useless).
 */
export async function issueMailedPasswordLink(db: Db, secret: string, userId: string, eventId: string): Promise<void> {
  const expiresAt = new Date(Date.now() + LINK_TTL_MS);
  await db.insert(passwordTokens).values({ id: tokenId(mailedToken(secret, eventId)), userId, expiresAt });
}

/** The welcome e-mail's link of `eventId`, while it is still unused and valid. */
export async function mailedPasswordLink(
  db: Db,
  config: { publicUrl: string; sessionSecret: string },
  eventId: string,
) {
  const token = mailedToken(config.sessionSecret, eventId);
  const [link] = await db
    .select({ expiresAt: passwordTokens.expiresAt })
    .from(passwordTokens)
    .where(
      and(
        eq(passwordTokens.id, tokenId(token)),
        isNull(passwordTokens.usedAt),
        gt(passwordTokens.expiresAt, new Date()),
      ),
    );
  return link
    ? { setPasswordUrl: `${config.publicUrl}/app/set-password?token=${token}`, expiresAt: link.expiresAt }
    : null;
}

/** Uses a set-password link once: sets the password and ends the user's other sessions. */
export async function setPasswordWithToken(db: Db, token: string, password: string): Promise<string> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [link] = await tx
      .update(passwordTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordTokens.id, tokenId(token)),
          isNull(passwordTokens.usedAt),
          gt(passwordTokens.expiresAt, new Date()),
        ),
      )
      .returning({ userId: passwordTokens.userId });
    if (!link) {
      throw new AppError('invalid_token', 'This link has expired or was already used. Ask your admin for a new one.');
    }
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, link.userId));
    // a link used makes its siblings (the e-mailed one, the one shown on screen) useless
    await tx.delete(passwordTokens).where(and(eq(passwordTokens.userId, link.userId), isNull(passwordTokens.usedAt)));
    await revokeUserSessions(tx, link.userId);
    return link.userId;
  });
}
