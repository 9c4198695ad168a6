import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshInstallation, startTestServer, type TestServer, usingPostgres } from '../../test/harness.js';
import { WebhookSender } from '../modules/webhooks/sender.js';
import { msUntilNextDue } from './next-due.js';

let server: TestServer;
let installation: Awaited<ReturnType<typeof freshInstallation>> | undefined;
beforeAll(async () => {
  // a database of its own: on a shared PostgreSQL other files queue deliveries of their own
  installation = usingPostgres ? await freshInstallation() : undefined;
  server = await startTestServer({}, { ...installation?.env });
});
afterAll(async () => {
  await server?.close();
  await installation?.drop();
});

describe('the next due time of a queue', () => {
  it('is null for an empty queue, 0 for a time passed, and the wait for a time to come', async () => {
    const { db } = server.ctx;
    expect(await msUntilNextDue(db, sql`select null::timestamptz where false`)).toBeNull();
    expect(await msUntilNextDue(db, sql`select now() - interval '1 minute'`)).toBe(0);
    const wait = await msUntilNextDue(
      db,
      sql`select * from (values (now() + interval '5 seconds'), (now() + interval '1 hour')) as t(at)`,
    );
    expect(wait).toBeGreaterThan(4_000);
    expect(wait).toBeLessThanOrEqual(5_000);
  });

  it('an idle webhook sender looks once and then waits to be woken, instead of every few milliseconds', async () => {
    const sender = new WebhookSender(server.ctx);
    let looks = 0;
    const look = sender.sendDue.bind(sender);
    sender.sendDue = () => {
      looks++;
      return look();
    };
    sender.wake();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await sender.stop();
    expect(looks).toBe(1);
  });
});
