import type { Redis } from 'ioredis';

export type PresenceStatus = 'online' | 'away' | 'offline';

interface Connection {
  count: number;
  heartbeat: number;
}
interface UserState {
  manual: 'online' | 'away';
  lastActive: number;
}

const STALE_MS = 90_000;

/**
 * Staff presence, shared by every node through Redis when it is configured. Each node keeps a
 * connection count per user with a heartbeat, so a node that dies stops counting after 90 s.
 * Status: offline without a live connection; away when set by hand or idle for `awayAfterMs`.
 */
export class Presence {
  private readonly local = new Map<string, Map<string, Connection>>(); // orgId → "userId|nodeId" → connection
  private readonly states = new Map<string, Map<string, UserState>>(); // orgId → userId → state

  constructor(
    private readonly redis: Redis | undefined,
    private readonly prefix: string,
    private readonly nodeId: string,
    private readonly awayAfterMs: number,
  ) {}

  private connKey = (orgId: string) => `${this.prefix}presence:conn:${orgId}`;
  private stateKey = (orgId: string) => `${this.prefix}presence:state:${orgId}`;
  private beatKey = (orgId: string) => `${this.prefix}presence:beat:${orgId}`;

  async connect(orgId: string, userId: string, delta: 1 | -1): Promise<void> {
    const field = `${userId}|${this.nodeId}`;
    const now = Date.now();
    if (this.redis) {
      // HINCRBY keeps concurrent connects of one user on this node exact
      const count = await this.redis.hincrby(this.connKey(orgId), field, delta);
      if (count <= 0) {
        await this.redis.hdel(this.connKey(orgId), field);
        await this.redis.hdel(this.beatKey(orgId), field);
      } else {
        await this.redis.hset(this.beatKey(orgId), field, String(now));
      }
    } else {
      const conns = this.local.get(orgId) ?? new Map<string, Connection>();
      this.local.set(orgId, conns);
      const conn = conns.get(field) ?? { count: 0, heartbeat: now };
      conn.count = Math.max(0, conn.count + delta);
      conn.heartbeat = now;
      if (conn.count === 0) conns.delete(field);
      else conns.set(field, conn);
    }
    if (delta === 1) await this.update(orgId, userId, { lastActive: now });
  }

  /** Manual online/away, and activity (which ends automatic away). */
  async update(orgId: string, userId: string, change: Partial<UserState>): Promise<void> {
    const current = (await this.readStates(orgId)).get(userId) ?? { manual: 'online', lastActive: Date.now() };
    const next = { ...current, ...change };
    if (this.redis) await this.redis.hset(this.stateKey(orgId), userId, JSON.stringify(next));
    else {
      const states = this.states.get(orgId) ?? new Map<string, UserState>();
      this.states.set(orgId, states);
      states.set(userId, next);
    }
  }

  /** Refreshes this node's heartbeat for the users it holds connections of. */
  async heartbeat(orgId: string, userIds: string[]): Promise<void> {
    const now = Date.now();
    for (const userId of userIds) {
      const field = `${userId}|${this.nodeId}`;
      if (this.redis) {
        await this.redis.hset(this.beatKey(orgId), field, String(now));
      } else {
        const conn = this.local.get(orgId)?.get(field);
        if (conn) conn.heartbeat = now;
      }
    }
  }

  /** Every staff member of the organization with a status other than offline. */
  async statuses(orgId: string): Promise<Map<string, PresenceStatus>> {
    const now = Date.now();
    let conns: (readonly [string, Connection])[];
    if (this.redis) {
      const counts = await this.redis.hgetall(this.connKey(orgId));
      const beats = await this.redis.hgetall(this.beatKey(orgId));
      conns = Object.entries(counts).map(
        ([field, n]) => [field, { count: Number(n), heartbeat: Number(beats[field] ?? 0) }] as const,
      );
    } else {
      conns = [...(this.local.get(orgId) ?? new Map<string, Connection>())];
    }
    const connected = new Set(
      conns.filter(([, c]) => c.count > 0 && now - c.heartbeat < STALE_MS).map(([field]) => field.split('|')[0] ?? ''),
    );
    const states = await this.readStates(orgId);
    const result = new Map<string, PresenceStatus>();
    for (const userId of connected) {
      const state = states.get(userId);
      const idle = state ? now - state.lastActive > this.awayAfterMs : false;
      result.set(userId, state?.manual === 'away' || idle ? 'away' : 'online');
    }
    return result;
  }

  /** What guests see: reception is online if anyone is, away if everyone connected is away. */
  async reception(orgId: string): Promise<PresenceStatus> {
    const statuses = [...(await this.statuses(orgId)).values()];
    if (statuses.includes('online')) return 'online';
    return statuses.length ? 'away' : 'offline';
  }

  private async readStates(orgId: string): Promise<Map<string, UserState>> {
    if (!this.redis) return this.states.get(orgId) ?? new Map();
    const raw = await this.redis.hgetall(this.stateKey(orgId));
    return new Map(Object.entries(raw).map(([k, v]) => [k, JSON.parse(v) as UserState]));
  }
}
