import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { domainEvents } from '../../db/schema.js';
import { recordEvent, transact } from './record.js';

let server: TestServer;
const seen: DomainEvent[] = [];
beforeAll(async () => {
  server = await startTestServer();
  server.ctx.events.subscribe('staff.removed', (event) => void seen.push(event));
});
afterAll(() => server?.close());

const removal = (userId: string) => ({
  type: 'staff.removed' as const,
  orgId: null,
  stream: `user:${userId}`,
  data: { userId, byUserId: randomUUID() },
});
const stored = (id: string) => server.ctx.db.select().from(domainEvents).where(eq(domainEvents.id, id));
const dispatched = (userId: string) => seen.filter((e) => e.type === 'staff.removed' && e.data.userId === userId);

describe('recording events', () => {
  it('stores and dispatches an event when its transaction commits, only then', async () => {
    const userId = randomUUID();
    let before: DomainEvent[] = [];
    const event = await transact(server.ctx.db, async (tx) => {
      const recorded = await recordEvent(tx, removal(userId));
      before = dispatched(userId);
      return recorded;
    });
    expect(before).toEqual([]);
    expect(dispatched(userId)).toEqual([event]);
    expect(await stored(event.id)).toHaveLength(1);
  });

  it('neither stores nor dispatches the events of a transaction that rolls back', async () => {
    const userId = randomUUID();
    let id = '';
    await expect(
      transact(server.ctx.db, async (tx) => {
        id = (await recordEvent(tx, removal(userId))).id;
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(dispatched(userId)).toEqual([]);
    expect(await stored(id)).toEqual([]);
  });

  it('holds a nested transaction’s events until the outer one commits, and drops them if it rolls back', async () => {
    const [kept, dropped] = [randomUUID(), randomUUID()];
    await transact(server.ctx.db, async (tx) => {
      await transact(tx, (inner) => recordEvent(inner, removal(kept)));
      await transact(tx, async (inner) => {
        await recordEvent(inner, removal(dropped));
        throw new Error('savepoint rolled back');
      }).catch(() => {});
      expect(dispatched(kept)).toEqual([]);
    });
    expect(dispatched(kept)).toHaveLength(1);
    expect(dispatched(dropped)).toEqual([]);
  });

  it('refuses to record where the event could not wait for the commit, and refuses a payload off the contract', async () => {
    await expect(recordEvent(server.ctx.db, removal(randomUUID()))).rejects.toThrow(/outside transact/);
    await expect(
      server.ctx.db.transaction((tx) => transact(tx, (inner) => recordEvent(inner, removal(randomUUID())))),
    ).rejects.toThrow(/not opened by transact/);
    await expect(
      transact(server.ctx.db, (tx) =>
        recordEvent(tx, { ...removal(randomUUID()), data: { userId: 'not-a-uuid', byUserId: randomUUID() } }),
      ),
    ).rejects.toThrow();
  });
});
