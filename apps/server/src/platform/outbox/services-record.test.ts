import type { DomainEvent } from '@frontdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hoursFromNow, makeOrg, makeStaff, makeStay, signIn, signInWithToken } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { logout, resolveSession } from '../../modules/auth/index.js';
import { removeStaff, setStaffActive } from '../../modules/staff/index.js';
import { checkOut } from '../../modules/stays/index.js';
import type { StaffActor } from '../actor.js';
import { noRequest, serviceContext } from '../service-context.js';

/**
 * The service that changes state records the event, so every caller — a route, a socket handler,
 * a job, an API client, a future SSO hook — gets it. Here the services are called directly, as a
 * second caller would, and the node's listeners hear each event once.
 */
let server: TestServer;
const heard: DomainEvent[] = [];
beforeAll(async () => {
  // no Redis: the listeners' Redis-adapter broadcasts would still be in flight when the server closes
  server = await startTestServer({ redisUrl: undefined });
  for (const type of ['stay.ended', 'staff.signed_out', 'staff.deactivated', 'staff.removed'] as const)
    server.ctx.events.subscribe(type, (event) => void heard.push(event));
});
afterAll(() => server?.close());

const about = (stream: string) => heard.filter((e) => e.stream === stream).map((e) => [e.type, e.data]);

async function adminActor() {
  const org = await makeOrg(server);
  const user = await makeStaff(server, org, 'admin');
  const client = await signInWithToken(server, user);
  const actor = await resolveSession(server.ctx.db, client.token ?? '');
  if (!actor) throw new Error('no session');
  return { org, actor: actor as StaffActor, client };
}

const as = (actor: StaffActor) => serviceContext(server.ctx, actor, noRequest);

describe('services record their own events', () => {
  it('check-out, by any caller, ends the stay once', async () => {
    const { org, actor } = await adminActor();
    const { stay } = await makeStay(server, org);
    await checkOut(as(actor), stay.id);
    await checkOut(as(actor), stay.id);
    expect(about(`stay:${stay.id}`)).toEqual([
      ['stay.ended', { stayId: stay.id, roomId: stay.roomId, reason: 'checked_out' }],
    ]);
  });

  it('check-in to a room whose stay is overdue ends that stay too', async () => {
    const { org } = await adminActor();
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    // its check-out time passed a moment ago; no job has ended it yet
    const { stay } = await makeStay(server, org, { checkOutInHours: -0.001 });
    const next = await admin.post('/api/v1/stays', {
      roomId: stay.roomId,
      checkOutAt: hoursFromNow(24),
      guest: { name: 'Next guest' },
    });
    expect(next.status).toBe(201);
    expect(about(`stay:${stay.id}`)).toEqual([['stay.ended', { stayId: stay.id, roomId: stay.roomId, reason: 'due' }]]);
  });

  it('sign-out, deactivation and removal of staff end their sessions by event', async () => {
    const { actor } = await adminActor();
    await logout(as(actor));
    expect(about(`user:${actor.userId}`)).toEqual([
      ['staff.signed_out', { userId: actor.userId, sessionId: actor.sessionId }],
    ]);

    const { org, actor: admin } = await adminActor();
    const deactivated = await makeStaff(server, org, 'agent');
    await setStaffActive(as(admin), deactivated.id, false);
    const removed = await makeStaff(server, org, 'agent');
    await removeStaff(as(admin), removed.id);
    expect(about(`user:${deactivated.id}`)).toEqual([
      ['staff.deactivated', { userId: deactivated.id, byUserId: admin.userId }],
    ]);
    expect(about(`user:${removed.id}`)).toEqual([['staff.removed', { userId: removed.id, byUserId: admin.userId }]]);
  });
});
