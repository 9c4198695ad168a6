import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { passwordTokens, users } from '../../db/schema.js';
import { AppError } from '../../platform/errors.js';
import { hashPassword } from './passwords.js';
import { revokeUserSessions } from './sessions.js';
import { newToken, tokenId } from './tokens.js';

const LINK_TTL_MS = 72 * 3600 * 1000;

/** A one-time link to set a password; any earlier unused link of the user stops working. */
export async function issuePasswordLink(
  db: Db,
  publicUrl: string,
  userId: string,
  /** `alongside`: the links issued before keep working (the welcome e-mail's, beside the one shown on screen). */
  opts: { alongside?: boolean } = {},
) {
  const { token, id } = newToken();
  const expiresAt = new Date(Date.now() + LINK_TTL_MS);
  if (!opts.alongside)
    await db.delete(passwordTokens).where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)));
  await db.insert(passwordTokens).values({ id, userId, expiresAt });
  return { setPasswordUrl: `${publicUrl}/app/set-password?token=${token}`, expiresAt };
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
