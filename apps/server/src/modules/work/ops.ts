import { and, eq } from 'drizzle-orm';
import { workOps } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import type { ServiceContext } from '../../platform/service-context.js';

/**
 * Runs a change once per client operation id: a phone replaying its offline queue sends the same
 * `opId` again and gets the first answer back, with nothing applied twice. The op row is claimed in
 * the change's own transaction (a concurrent replay waits for it, then finds it taken), so a change
 * that failed leaves no row and may be tried again.
 */
export async function once<T>(
  ctx: ServiceContext<StaffActor>,
  orgId: string,
  opId: string | undefined,
  status: number,
  work: (tx: ServiceContext<StaffActor>) => Promise<T>,
): Promise<{ status: number; result: T; replayed: boolean }> {
  const userId = ctx.actor.userId;
  return ctx.transact(async (tx) => {
    if (opId) {
      const claimed = await tx.db
        .insert(workOps)
        .values({ userId, opId, orgId, status })
        .onConflictDoNothing()
        .returning({ opId: workOps.opId });
      if (!claimed.length) {
        const [earlier] = await tx.db
          .select()
          .from(workOps)
          .where(and(eq(workOps.userId, userId), eq(workOps.opId, opId)));
        if (!earlier) throw new Error('work op vanished');
        return { status: earlier.status, result: earlier.result as T, replayed: true };
      }
    }
    const result = await work(tx);
    if (opId) {
      await tx.db
        .update(workOps)
        .set({ result: result as unknown })
        .where(and(eq(workOps.userId, userId), eq(workOps.opId, opId)));
    }
    return { status, result, replayed: false };
  });
}
