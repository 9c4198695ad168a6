import { randomUUID } from 'node:crypto';
import { serverEvents } from '@frontdesk/protocol';
import type { Redis } from 'ioredis';
import type { StaffActor } from '../platform/actor.js';
import type { StaffAvailability } from '../platform/context.js';
import { Presence, receptionOf } from './presence.js';
import { rooms } from './rooms.js';
import type { RealtimeServer, RealtimeSocket } from './types.js';

/**
 * Staff activity is written to presence at most this often per user and node. It only decides
 * "away after N minutes idle", and each write costs about eight Redis round trips on a cluster
 * (update, then the statuses read twice to broadcast): per reply, that was most of the Redis load.
 */
const TOUCH_EVERY_MS = 10_000;

/**
 * Who is there, told as it changes: staff hear their colleagues' statuses, guests whether
 * reception is online. Keeps the node's part of presence (see Presence) in step with its sockets.
 */
export class PresenceBroadcast {
  readonly presence: Presence;
  private readonly lastPresence = new Map<string, string>();
  private readonly touchedAt = new Map<string, number>(); // userId → last activity written
  private readonly touchEveryMs: number;

  constructor(
    private readonly io: RealtimeServer,
    redis: Redis | undefined,
    options: { redisPrefix: string; awayAfterSeconds: number },
    /** Runs work nobody awaits, logging a failure (see Gateway.background). */
    private readonly background: (work: Promise<unknown>, what: string) => void,
    onRedisError: (err: unknown) => void,
    /** Told when an organization's statuses changed (as this node saw them). */
    private readonly onChange: (orgId: string, present: string[]) => void = () => {},
  ) {
    this.presence = new Presence(
      redis,
      options.redisPrefix,
      randomUUID(),
      options.awayAfterSeconds * 1000,
      onRedisError,
    );
    this.touchEveryMs = Math.min(TOUCH_EVERY_MS, (options.awayAfterSeconds * 1000) / 10);
  }

  /** Who may be given work: staff connected and online (not away), as every node sees it. */
  readonly availability: StaffAvailability = {
    available: async (orgId) => {
      const statuses = await this.presence.statuses(orgId);
      return new Set([...statuses].filter(([, status]) => status === 'online').map(([userId]) => userId));
    },
    present: async (orgId) => new Set((await this.presence.statuses(orgId)).keys()),
  };

  /** A desk socket (admin or agent) connected: counted until it disconnects, and told who is there. */
  async staffConnected(socket: RealtimeSocket, orgId: string, userId: string): Promise<void> {
    await this.presence.connect(orgId, userId, 1);
    socket.on('disconnect', () => {
      this.background(
        this.presence.connect(orgId, userId, -1).then(() => this.broadcast(orgId)),
        'presence on disconnect',
      );
    });
    await this.broadcast(orgId);
    socket.emit(serverEvents.presence, { statuses: Object.fromEntries(await this.presence.statuses(orgId)) });
  }

  /** A guest or visitor connected: told whether reception is there. */
  async guestConnected(socket: RealtimeSocket, orgId: string): Promise<void> {
    socket.emit(serverEvents.reception, { status: await this.presence.reception(orgId) });
  }

  touch(actor: StaffActor): void {
    if (!actor.orgId) return;
    const orgId = actor.orgId;
    const now = Date.now();
    if (now - (this.touchedAt.get(actor.userId) ?? 0) < this.touchEveryMs) return;
    this.touchedAt.set(actor.userId, now);
    this.background(
      this.presence.update(orgId, actor.userId, { lastActive: Date.now() }).then(() => this.broadcast(orgId)),
      'presence on activity',
    );
  }

  async set(actor: StaffActor, status: 'online' | 'away'): Promise<void> {
    if (!actor.orgId) return;
    await this.presence.update(actor.orgId, actor.userId, { manual: status, lastActive: Date.now() });
    await this.broadcast(actor.orgId);
  }

  /** Tells staff who is online and guests whether reception is, when either changed. */
  async broadcast(orgId: string): Promise<void> {
    // one read of Redis for both (reception() would read the same four hashes again)
    const read = await this.presence.statuses(orgId);
    const statuses = Object.fromEntries(read);
    const reception = receptionOf(read);
    const key = JSON.stringify([statuses, reception]);
    if (this.lastPresence.get(orgId) === key) return;
    const receptionChanged = this.lastPresence.get(`${orgId}:reception`) !== reception;
    this.lastPresence.set(orgId, key);
    this.lastPresence.set(`${orgId}:reception`, reception);
    this.onChange(orgId, Object.keys(statuses));
    this.io.to(rooms.orgStaff(orgId)).emit(serverEvents.presence, { statuses });
    if (receptionChanged) this.io.to(rooms.orgGuests(orgId)).emit(serverEvents.reception, { status: reception });
  }

  /** Refreshes this node's heartbeats (and idle "away") for the staff connected to it. */
  async sweep(): Promise<void> {
    const byOrg = new Map<string, string[]>();
    for (const socket of this.io.of('/').sockets.values()) {
      const staff = socket.data.identity?.staff;
      if (staff?.orgId) byOrg.set(staff.orgId, [...(byOrg.get(staff.orgId) ?? []), staff.userId]);
    }
    for (const [orgId, userIds] of byOrg) {
      await this.presence.heartbeat(orgId, [...new Set(userIds)]);
      await this.broadcast(orgId);
    }
  }
}
