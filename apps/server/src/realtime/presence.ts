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
 *
 * Every node also keeps its own part in memory. While Redis is away, presence is what this node
 * sees (its own staff connections), and nothing that needs presence — a connection, a send —
 * fails; the heartbeat sweep writes this node's counts back once Redis is there again.
 */
export class Presence {
  private readonly local = new Map<string, Map<string, Connection>>(); // orgId → "userId|nodeId" → connection
  private readonly states = new Map<string, Map<string, UserState>>(); // orgId → userId → state

  constructor(
    private readonly redis: Redis | undefined,
    private readonly prefix: string,
    private readonly nodeId: string,
    private readonly awayAfterMs: number,
    /** Told of a Redis failure that is not an outage (those are logged once by the client watch). */
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  private connKey = (orgId: string) => `${this.prefix}presence:conn:${orgId}`;
  // a user's manual status and last activity are fields of their own, each written whole: a
  // read-merge-write of both let an activity write read before "away" and write after it, undoing it
  private manualKey = (orgId: string) => `${this.prefix}presence:manual:${orgId}`;
  private activeKey = (orgId: string) => `${this.prefix}presence:active:${orgId}`;
  private beatKey = (orgId: string) => `${this.prefix}presence:beat:${orgId}`;

  /** Runs a Redis command; `undefined` without Redis or when it fails. */
  private async shared<T>(command: (redis: Redis) => Promise<T>): Promise<T | undefined> {
    if (!this.redis) return undefined;
    try {
      return await command(this.redis);
    } catch (err) {
      if (this.redis.status === 'ready') this.onError(err);
      return undefined;
    }
  }

  async connect(orgId: string, userId: string, delta: 1 | -1): Promise<void> {
    const field = `${userId}|${this.nodeId}`;
    const now = Date.now();
    const conns = this.local.get(orgId) ?? new Map<string, Connection>();
    this.local.set(orgId, conns);
    const conn = conns.get(field) ?? { count: 0, heartbeat: now };
    conn.count = Math.max(0, conn.count + delta);
    conn.heartbeat = now;
    if (conn.count === 0) conns.delete(field);
    else conns.set(field, conn);
    // this node's own count is exact in memory; Redis gets the absolute value, so a write lost
    // during an outage is repaired by the next one (see heartbeat)
    await this.writeShared(orgId, field, conn);
    if (delta === 1) await this.update(orgId, userId, { lastActive: now });
  }

  private async writeShared(orgId: string, field: string, conn: Connection): Promise<void> {
    await this.shared(async (redis) => {
      if (conn.count <= 0) {
        await Promise.all([redis.hdel(this.connKey(orgId), field), redis.hdel(this.beatKey(orgId), field)]);
      } else {
        await Promise.all([
          redis.hset(this.connKey(orgId), field, String(conn.count)),
          redis.hset(this.beatKey(orgId), field, String(conn.heartbeat)),
        ]);
      }
    });
  }

  /** Manual online/away, and activity (which ends automatic away). */
  async update(orgId: string, userId: string, change: Partial<UserState>): Promise<void> {
    const states = this.states.get(orgId) ?? new Map<string, UserState>();
    this.states.set(orgId, states);
    states.set(userId, { ...(states.get(userId) ?? { manual: 'online', lastActive: Date.now() }), ...change });
    const { manual, lastActive } = change;
    await this.shared((redis) =>
      Promise.all([
        manual && redis.hset(this.manualKey(orgId), userId, manual),
        lastActive !== undefined && redis.hset(this.activeKey(orgId), userId, String(lastActive)),
      ]),
    );
  }

  /**
   * Refreshes this node's heartbeat for the users it holds connections of, and rewrites its
   * counts in Redis (which may have lost them in an outage or a restart).
   */
  async heartbeat(orgId: string, userIds: string[]): Promise<void> {
    const now = Date.now();
    const conns = this.local.get(orgId);
    for (const userId of userIds) {
      const field = `${userId}|${this.nodeId}`;
      const conn = conns?.get(field);
      if (!conn) continue;
      conn.heartbeat = now;
      await this.writeShared(orgId, field, conn);
      const state = this.states.get(orgId)?.get(userId);
      // only restores a state Redis lost; a newer one written through another node stays
      if (state) {
        await this.shared((redis) =>
          Promise.all([
            redis.hsetnx(this.manualKey(orgId), userId, state.manual),
            redis.hsetnx(this.activeKey(orgId), userId, String(state.lastActive)),
          ]),
        );
      }
    }
  }

  /** Every staff member of the organization with a status other than offline. */
  async statuses(orgId: string): Promise<Map<string, Exclude<PresenceStatus, 'offline'>>> {
    const now = Date.now();
    const everyNode = await this.shared(async (redis) => {
      const [counts, beats] = await Promise.all([
        redis.hgetall(this.connKey(orgId)),
        redis.hgetall(this.beatKey(orgId)),
      ]);
      return Object.entries(counts).map(
        ([field, n]) => [field, { count: Number(n), heartbeat: Number(beats[field] ?? 0) }] as const,
      );
    });
    const conns = everyNode ?? [...(this.local.get(orgId) ?? new Map<string, Connection>())];
    const connected = new Set(
      conns.filter(([, c]) => c.count > 0 && now - c.heartbeat < STALE_MS).map(([field]) => field.split('|')[0] ?? ''),
    );
    const states = await this.readStates(orgId);
    const result = new Map<string, Exclude<PresenceStatus, 'offline'>>();
    for (const userId of connected) {
      const state = states.get(userId);
      const idle = state ? now - state.lastActive > this.awayAfterMs : false;
      result.set(userId, state?.manual === 'away' || idle ? 'away' : 'online');
    }
    return result;
  }

  /** What guests see (see `receptionOf`). */
  async reception(orgId: string): Promise<PresenceStatus> {
    return receptionOf(await this.statuses(orgId));
  }

  private async readStates(orgId: string): Promise<Map<string, UserState>> {
    const raw = await this.shared((redis) =>
      Promise.all([redis.hgetall(this.manualKey(orgId)), redis.hgetall(this.activeKey(orgId))]),
    );
    if (!raw) return this.states.get(orgId) ?? new Map();
    const [manual, active] = raw;
    const states = new Map<string, UserState>();
    for (const userId of new Set([...Object.keys(manual), ...Object.keys(active)])) {
      states.set(userId, {
        manual: manual[userId] === 'away' ? 'away' : 'online',
        lastActive: Number(active[userId] ?? Date.now()),
      });
    }
    return states;
  }
}

/** What guests see of the staff's statuses: reception is online if anyone is, away if everyone connected is away. */
export function receptionOf(statuses: Map<string, Exclude<PresenceStatus, 'offline'>>): PresenceStatus {
  const all = [...statuses.values()];
  if (all.includes('online')) return 'online';
  return all.length ? 'away' : 'offline';
}
