import { senderTypes } from '@frontdesk/protocol';
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Which side a socket is on: a guest or visitor, or a staff member. */
export type SocketSide = 'guest' | 'staff';
/** How a socket event ended: acknowledged with data, refused with an error code, or failed on our side. */
export type SocketOutcome = 'ok' | 'refused' | 'error';

/** The timers of one socket event, one per outcome, made once per event name (no per-send labels). */
export type SocketEventTimers = Record<SocketOutcome, { observe(seconds: number): void }>;

/** Where each durable consumer is, read at scrape time (EventConsumers.lag). */
export interface ConsumerLag {
  consumer: string;
  /** Committed events of its types after its cursor (capped: see LAG_CAP in outbox/consumers.ts). */
  events: number;
  /** Age of the oldest of them; 0 when caught up. */
  seconds: number;
  /** Events it gave up on, waiting in parked_events. */
  parked: number;
}

/** What /readyz would say, read at scrape time (health.ts). */
export interface HealthState {
  ready: boolean;
  draining: boolean;
  database: 'ok' | 'down';
  redis: 'ok' | 'down' | 'not_configured';
}

/** PostgreSQL's connection pool right now (pg.Pool counts). */
export interface PoolState {
  total: number;
  idle: number;
  waiting: number;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const BATCH_BUCKETS = [1, 2, 5, 10, 25, 50, 100];
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300];

/**
 * The node's Prometheus series (README "Metrics"). Every name starts with `frontdesk_`; labels are
 * a handful of known values each (side, event name, outcome, consumer, job, route template) —
 * never an organization, a user or a conversation. A node is told apart by the scrape's `instance`
 * label (its id is in `frontdesk_node_info`). Counters and histograms on the hot paths; what costs a
 * query (consumer lag, health, pool) is read only when /metrics is scraped.
 */
export class NodeMetrics {
  readonly registry = new Registry();
  readonly socketConnections: Counter<'side'>;
  readonly socketDisconnections: Counter<'side'>;
  readonly messagesSent: Counter<'sender'>;
  /** Sends per statement of group commit (conversations/group-commit.ts). */
  readonly sendBatchSize: Histogram;
  /** Group commit: sends that found their request held by another transaction (retried), each time. */
  readonly sendBatchHeld: Counter;
  /** Group commit: sends it did not write, left to the full transaction. */
  readonly sendBatchFallbacks: Counter;
  /** Group commit: batches whose statement failed as a whole. */
  readonly sendBatchFailures: Counter;
  /** Requests opened per statement by the group commit of first messages. */
  readonly openBatchSize: Histogram;
  readonly openBatchFailures: Counter;
  /** Takes of queued requests per statement by group commit. */
  readonly takeBatchSize: Histogram;
  readonly takeBatchFailures: Counter;
  readonly consumerBatches: Counter<'consumer'>;
  readonly consumerBatchSize: Histogram<'consumer'>;
  readonly consumerFailures: Counter<'consumer'>;
  readonly consumerParked: Counter<'consumer'>;
  readonly jobRuns: Counter<'job'>;
  readonly jobFailures: Counter<'job'>;
  readonly jobDuration: Histogram<'job'>;
  readonly listenerErrors: Counter<'event'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly socketEventDuration: Histogram<'event' | 'outcome'>;
  private readonly socketTimers = new Map<string, SocketEventTimers>();
  private readonly messagesBySender = new Map<string, Counter.Internal>();
  private sockets: () => Record<SocketSide, number> = () => ({ guest: 0, staff: 0 });
  private consumerLag: () => Promise<ConsumerLag[]> = async () => [];
  private health: (() => Promise<HealthState>) | undefined;
  private pool: (() => PoolState) | undefined;

  constructor(node: { database: 'pglite' | 'postgres'; redis: boolean; version: string }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'frontdesk_' });
    const self = this;

    new Gauge({
      name: 'frontdesk_node_info',
      help: 'Always 1: what this node runs on (database kind, whether Redis is configured, API version)',
      labelNames: ['database', 'redis', 'version'] as const,
      registers,
    }).set({ database: node.database, redis: String(node.redis), version: node.version }, 1);

    new Gauge({
      name: 'frontdesk_sockets_connected',
      help: 'Sockets connected to this node now, by side (guest: guests and visitors; staff)',
      labelNames: ['side'] as const,
      registers,
      collect() {
        const counts = self.sockets();
        this.set({ side: 'guest' }, counts.guest);
        this.set({ side: 'staff' }, counts.staff);
      },
    });
    this.socketConnections = new Counter({
      name: 'frontdesk_socket_connections_total',
      help: 'Sockets admitted by this node (authenticated), by side',
      labelNames: ['side'] as const,
      registers,
    });
    this.socketDisconnections = new Counter({
      name: 'frontdesk_socket_disconnections_total',
      help: 'Sockets of this node that disconnected, by side',
      labelNames: ['side'] as const,
      registers,
    });
    this.socketEventDuration = new Histogram({
      name: 'frontdesk_socket_event_duration_seconds',
      help: 'From the receipt of a socket event to its acknowledgement, by event (message:send is a send) and outcome (ok, refused, error)',
      labelNames: ['event', 'outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.messagesSent = new Counter({
      name: 'frontdesk_messages_sent_total',
      help: 'Messages this node committed (socket or REST), by sender type (guest, visitor, staff, system)',
      labelNames: ['sender'] as const,
      registers,
    });
    for (const sender of senderTypes) this.messagesBySender.set(sender, this.messagesSent.labels(sender));

    this.sendBatchSize = new Histogram({
      name: 'frontdesk_send_batch_size',
      help: 'Messages written per statement and commit by group commit on this node (1 when the node is idle, more under load)',
      buckets: BATCH_BUCKETS,
      registers,
    });
    this.sendBatchHeld = new Counter({
      name: 'frontdesk_send_batch_held_total',
      help: 'Sends group commit found with their request held by another transaction (another batch, a take), each time: tried again in a later batch, after 5 times alone',
      registers,
    });
    this.sendBatchFallbacks = new Counter({
      name: 'frontdesk_send_batch_fallbacks_total',
      help: 'Sends group commit did not write, left to the full transaction (a first message: to the statement that opens its request): a queued request a staff reply takes, an ended stay, a retried client id, a request held too long, a failed batch',
      registers,
    });
    this.sendBatchFailures = new Counter({
      name: 'frontdesk_send_batch_failures_total',
      help: 'Batches of group commit whose statement failed as a whole (each of their sends then went through the full transaction)',
      registers,
    });
    this.openBatchSize = new Histogram({
      name: 'frontdesk_open_batch_size',
      help: 'First messages (each opening a request) written per statement and commit on this node (1 when the node is idle, more when many guests write at once)',
      buckets: BATCH_BUCKETS,
      registers,
    });
    this.openBatchFailures = new Counter({
      name: 'frontdesk_open_batch_failures_total',
      help: 'Batches of first messages whose statement failed as a whole (each then went through the full transaction)',
      registers,
    });
    this.takeBatchSize = new Histogram({
      name: 'frontdesk_take_batch_size',
      help: 'Takes of queued requests written per statement and commit on this node (1 when the node is idle, more when staff take many at once)',
      buckets: BATCH_BUCKETS,
      registers,
    });
    this.takeBatchFailures = new Counter({
      name: 'frontdesk_take_batch_failures_total',
      help: 'Batches of takes whose statement failed as a whole (each then went through the full transaction)',
      registers,
    });

    this.consumerBatches = new Counter({
      name: 'frontdesk_consumer_batches_total',
      help: 'Batches of events a durable consumer handled on this node',
      labelNames: ['consumer'] as const,
      registers,
    });
    this.consumerBatchSize = new Histogram({
      name: 'frontdesk_consumer_batch_size',
      help: 'Events per batch a durable consumer handled on this node',
      labelNames: ['consumer'] as const,
      buckets: BATCH_BUCKETS,
      registers,
    });
    this.consumerFailures = new Counter({
      name: 'frontdesk_consumer_failures_total',
      help: 'Failed tries of a durable consumer on this node (an event that threw, or a read of the log that failed)',
      labelNames: ['consumer'] as const,
      registers,
    });
    this.consumerParked = new Counter({
      name: 'frontdesk_consumer_parked_total',
      help: 'Events a durable consumer parked on this node after its last try',
      labelNames: ['consumer'] as const,
      registers,
    });
    // the three are read by one query round, made by whichever of them is collected first
    let reading: Promise<ConsumerLag[]> | undefined;
    const readLag = () => {
      reading ??= this.consumerLag()
        .catch(() => [])
        .finally(() => setImmediate(() => (reading = undefined)));
      return reading;
    };
    const lagGauge = (name: string, help: string, key: 'events' | 'seconds' | 'parked') =>
      new Gauge({
        name,
        help,
        labelNames: ['consumer'] as const,
        registers,
        async collect() {
          const rows = await readLag();
          this.reset();
          for (const row of rows) this.set({ consumer: row.consumer }, row[key]);
        },
      });
    lagGauge(
      'frontdesk_consumer_lag_events',
      'Committed events of its types a durable consumer has not handled yet (installation-wide: every node reports the same; capped at 10000)',
      'events',
    );
    lagGauge(
      'frontdesk_consumer_lag_seconds',
      'Age of the oldest event a durable consumer has not handled yet; 0 when caught up',
      'seconds',
    );
    lagGauge(
      'frontdesk_consumer_parked_events',
      'Events a durable consumer gave up on, waiting in parked_events (installation-wide)',
      'parked',
    );

    this.jobRuns = new Counter({
      name: 'frontdesk_job_runs_total',
      help: 'Runs of a scheduled job on this node, failed ones included',
      labelNames: ['job'] as const,
      registers,
    });
    this.jobFailures = new Counter({
      name: 'frontdesk_job_failures_total',
      help: 'Runs of a scheduled job on this node that failed (retried with backoff)',
      labelNames: ['job'] as const,
      registers,
    });
    this.jobDuration = new Histogram({
      name: 'frontdesk_job_duration_seconds',
      help: 'How long a run of a scheduled job took on this node',
      labelNames: ['job'] as const,
      buckets: JOB_BUCKETS,
      registers,
    });
    this.listenerErrors = new Counter({
      name: 'frontdesk_event_listener_errors_total',
      help: 'In-process listeners (realtime fan-out, reactions) that failed on an event this node dispatched, by event type',
      labelNames: ['event'] as const,
      registers,
    });

    let healthNow: Promise<HealthState | undefined> | undefined;
    const readHealth = () => {
      healthNow ??= (this.health?.() ?? Promise.resolve(undefined))
        .catch(() => undefined)
        .finally(() => setImmediate(() => (healthNow = undefined)));
      return healthNow;
    };
    new Gauge({
      name: 'frontdesk_ready',
      help: '1 when this node answers /readyz with 200 (database reachable, not draining)',
      registers,
      async collect() {
        this.set((await readHealth())?.ready ? 1 : 0);
      },
    });
    new Gauge({
      name: 'frontdesk_draining',
      help: '1 once this node is draining (SIGTERM)',
      registers,
      async collect() {
        this.set((await readHealth())?.draining ? 1 : 0);
      },
    });
    new Gauge({
      name: 'frontdesk_database_up',
      help: '1 when the database answers a query from this node',
      registers,
      async collect() {
        this.set((await readHealth())?.database === 'ok' ? 1 : 0);
      },
    });
    if (node.redis)
      new Gauge({
        name: 'frontdesk_redis_connected',
        help: '1 when every Redis connection of this node is up and answers (only with REDIS_URL)',
        registers,
        async collect() {
          this.set((await readHealth())?.redis === 'ok' ? 1 : 0);
        },
      });
    if (node.database === 'postgres') {
      const poolGauge = (name: string, help: string, key: keyof PoolState) =>
        new Gauge({
          name,
          help,
          registers,
          collect() {
            const state = self.pool?.();
            if (state) this.set(state[key]);
          },
        });
      poolGauge('frontdesk_db_pool_connections', 'PostgreSQL connections this node holds open (pool)', 'total');
      poolGauge('frontdesk_db_pool_idle_connections', 'Open PostgreSQL connections of this node not in use', 'idle');
      poolGauge(
        'frontdesk_db_pool_waiting_requests',
        'Queries of this node waiting for a PostgreSQL connection',
        'waiting',
      );
    }

    this.httpDuration = new Histogram({
      name: 'frontdesk_http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
  }

  /** The timers of one socket event name, made once and kept (the event names are the protocol's). */
  socketEvent(event: string): SocketEventTimers {
    let timers = this.socketTimers.get(event);
    if (!timers) {
      timers = {
        ok: this.socketEventDuration.labels(event, 'ok'),
        refused: this.socketEventDuration.labels(event, 'refused'),
        error: this.socketEventDuration.labels(event, 'error'),
      };
      this.socketTimers.set(event, timers);
    }
    return timers;
  }

  /** Counts a committed message by its sender type. */
  messageSent(sender: string): void {
    const counter = this.messagesBySender.get(sender);
    if (counter) counter.inc();
    else this.messagesSent.inc({ sender: 'other' });
  }

  /** A batch a durable consumer finished handling (size: its events). */
  consumerBatch(consumer: string, size: number): void {
    this.consumerBatches.inc({ consumer });
    this.consumerBatchSize.observe({ consumer }, size);
  }

  consumerFailed(consumer: string): void {
    this.consumerFailures.inc({ consumer });
  }

  consumerParkedEvent(consumer: string): void {
    this.consumerParked.inc({ consumer });
  }

  /** A finished run of a scheduled job. */
  jobRun(job: string, seconds: number, failed: boolean): void {
    this.jobRuns.inc({ job });
    if (failed) this.jobFailures.inc({ job });
    this.jobDuration.observe({ job }, seconds);
  }

  /** Where the sockets gauge reads its counts (the realtime gateway). */
  countSockets(source: () => Record<SocketSide, number>): void {
    this.sockets = source;
  }

  /** Where the consumer lag gauges read from (the node's durable consumers). */
  watchConsumers(source: () => Promise<ConsumerLag[]>): void {
    this.consumerLag = source;
  }

  /** Where readiness, database and Redis health are read from (health.ts). */
  watchHealth(source: () => Promise<HealthState>): void {
    this.health = source;
  }

  /** PostgreSQL's pool counts (db/connection.ts). */
  watchPool(source: () => PoolState): void {
    this.pool = source;
  }
}

/**
 * Prometheus metrics at /metrics: times every HTTP request by route template (`unmatched` for a
 * 404), and serves the registry. The route is open, as /healthz is: keep it off the public side of
 * the balancer (README "Metrics").
 */
export function installMetrics(app: FastifyInstance, metrics: NodeMetrics): void {
  app.addHook('onResponse', async (req, reply) => {
    metrics.httpDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
