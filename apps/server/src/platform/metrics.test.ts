import { clientEvents } from '@frontdesk/protocol';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGuest, makeOrg, makeStaff, signInWithToken } from '../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix, usingPostgres } from '../../test/harness.js';
import { scrape } from '../../test/metrics-scrape.js';
import { ask, eventually, socketsClosedAfterEach } from '../../test/sockets.js';
import { JobRunner } from './outbox/job-runner.js';

const suffix = uniqueSuffix();
/** A consumer held at its first event until the test lets it go: its lag is known while it waits. */
let release: () => void = () => {};
const gate = new Promise<void>((resolve) => {
  release = resolve;
});
const gated = `test-gated-${suffix}`;
/** A consumer that cannot handle the message "poison": it fails, is retried, and parks it. */
const poisoned = `test-poisoned-${suffix}`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(
    { events: { maxAttempts: 3, retryBaseMs: 10 } },
    {},
    {
      consumers: [
        { name: gated, types: ['message.created'], handle: () => gate },
        {
          name: poisoned,
          types: ['message.created'],
          handle: async (event) => {
            if (event.type === 'message.created' && event.data.text === 'poison') throw new Error('cannot digest');
          },
        },
      ],
    },
  );
});
afterAll(async () => {
  release();
  await server?.close();
});

const socketFor = socketsClosedAfterEach(() => server.url);

describe('/metrics', () => {
  it('counts sockets, sends and their latency, and consumer lag that goes to 0 after catch-up', async () => {
    const org = await makeOrg(server);
    const agent = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    const guest = await makeGuest(server, org);
    // an in-process listener that fails on every message: counted, and the send is not hurt
    server.ctx.events.subscribe('message.created', async () => {
      throw new Error('a broken listener');
    });
    const [staffSocket, guestSocket] = await Promise.all([
      socketFor({ token: agent.token }),
      socketFor({ token: guest.token }),
    ]);

    const before = await scrape(server.url);
    expect(before.value('frontdesk_sockets_connected{side="guest"}')).toBe(1);
    expect(before.value('frontdesk_sockets_connected{side="staff"}')).toBe(1);
    expect(before.value('frontdesk_socket_connections_total{side="guest"}')).toBe(1);
    expect(before.value('frontdesk_socket_connections_total{side="staff"}')).toBe(1);
    expect(before.value(`frontdesk_consumer_lag_events{consumer="${gated}"}`)).toBe(0);

    const sent = await ask(guestSocket, clientEvents.send, { text: 'The heating is off', clientId: 'metrics-0001' });
    expect(sent.ok).toBe(true);
    const conversationId = sent.data.conversation.id;
    expect((await ask(staffSocket, clientEvents.take, { conversationId })).ok).toBe(true);
    const reply = await ask(staffSocket, clientEvents.send, {
      conversationId,
      text: 'On it',
      clientId: 'metrics-0002',
    });
    expect(reply.ok).toBe(true);
    // a refused send (empty text, no files): timed with outcome "refused"
    const refused = await ask(guestSocket, clientEvents.send, { text: '', clientId: 'metrics-0003' });
    expect(refused.ok).toBe(false);

    const during = await scrape(server.url);
    expect(during.value('frontdesk_messages_sent_total{sender="guest"}')).toBe(1);
    expect(during.value('frontdesk_messages_sent_total{sender="staff"}')).toBe(1);
    // group commit wrote the reply; the first message opened its request, the way a batch cannot
    expect(during.value('frontdesk_send_batch_size_count')).toBe(2);
    expect(during.value('frontdesk_send_batch_fallbacks_total')).toBe(1);
    expect(during.value('frontdesk_send_batch_held_total')).toBe(0);
    expect(during.value('frontdesk_send_batch_failures_total')).toBe(0);
    // ... by a batch of first messages, of one
    expect(during.value('frontdesk_open_batch_size_count')).toBe(1);
    expect(during.value('frontdesk_open_batch_size_sum')).toBe(1);
    expect(during.value('frontdesk_open_batch_failures_total')).toBe(0);
    // and the take by a batch of takes
    expect(during.value('frontdesk_take_batch_size_count')).toBe(1);
    expect(during.value('frontdesk_take_batch_failures_total')).toBe(0);
    const messages = (['guest', 'visitor', 'staff', 'system'] as const).reduce(
      (sum, sender) => sum + (during.value(`frontdesk_messages_sent_total{sender="${sender}"}`) ?? 0),
      0,
    );
    expect(during.value('frontdesk_socket_event_duration_seconds_count{event="message:send",outcome="ok"}')).toBe(2);
    expect(during.value('frontdesk_socket_event_duration_seconds_count{event="message:send",outcome="refused"}')).toBe(
      1,
    );
    expect(
      during.value('frontdesk_socket_event_duration_seconds_bucket{le="+Inf",event="message:send",outcome="ok"}'),
    ).toBe(2);
    expect(
      during.value('frontdesk_socket_event_duration_seconds_sum{event="message:send",outcome="ok"}'),
    ).toBeGreaterThan(0);
    // every message this node committed reached the broken listener, and each failure was counted
    await eventually(
      async () =>
        (await scrape(server.url)).value('frontdesk_event_listener_errors_total{event="message.created"}') === messages,
    );
    // the gated consumer holds every message: none handled, all of them behind, the oldest a while ago
    expect(during.value(`frontdesk_consumer_lag_events{consumer="${gated}"}`)).toBe(messages);
    expect(during.value(`frontdesk_consumer_lag_seconds{consumer="${gated}"}`)).toBeGreaterThanOrEqual(0);
    expect(during.value(`frontdesk_consumer_batches_total{consumer="${gated}"}`)).toBeUndefined();

    release();
    await eventually(
      async () => (await scrape(server.url)).value(`frontdesk_consumer_lag_events{consumer="${gated}"}`) === 0,
    );
    const after = await scrape(server.url);
    expect(after.value(`frontdesk_consumer_lag_seconds{consumer="${gated}"}`)).toBe(0);
    expect(after.value(`frontdesk_consumer_batches_total{consumer="${gated}"}`)).toBeGreaterThanOrEqual(1);
    // the batches it handled hold exactly the messages committed since it started
    expect(after.value(`frontdesk_consumer_batch_size_sum{consumer="${gated}"}`)).toBe(messages);
    expect(after.value(`frontdesk_consumer_failures_total{consumer="${gated}"}`)).toBeUndefined();

    guestSocket.close();
    await eventually(async () => (await scrape(server.url)).value('frontdesk_sockets_connected{side="guest"}') === 0);
    const closed = await scrape(server.url);
    expect(closed.value('frontdesk_socket_disconnections_total{side="guest"}')).toBe(1);
    expect(closed.value('frontdesk_socket_disconnections_total{side="staff"}')).toBeUndefined();
    expect(closed.value('frontdesk_sockets_connected{side="staff"}')).toBe(1);
  });

  it('counts a failing consumer’s tries and the event it parks', async () => {
    const org = await makeOrg(server);
    const guest = await makeGuest(server, org);
    const guestSocket = await socketFor({ token: guest.token });
    expect((await ask(guestSocket, clientEvents.send, { text: 'poison', clientId: 'metrics-0101' })).ok).toBe(true);
    await eventually(
      async () => (await scrape(server.url)).value(`frontdesk_consumer_parked_events{consumer="${poisoned}"}`) === 1,
    );
    const after = await scrape(server.url);
    // three tries (EVENTS_MAX_ATTEMPTS here), then parked; the consumer went on past it
    expect(after.value(`frontdesk_consumer_failures_total{consumer="${poisoned}"}`)).toBe(3);
    expect(after.value(`frontdesk_consumer_parked_total{consumer="${poisoned}"}`)).toBe(1);
    await eventually(
      async () => (await scrape(server.url)).value(`frontdesk_consumer_lag_events{consumer="${poisoned}"}`) === 0,
    );
    expect(after.value(`frontdesk_consumer_parked_events{consumer="${gated}"}`)).toBe(0);
  });

  it('counts job runs, failures and durations by job', async () => {
    // a module's job, made due now, through the node's own runner (its timer may run it too)
    const [row] = (
      (await server.ctx.db.execute(
        sql`update jobs set next_run_at = now() where name = (select min(name) from jobs) returning name`,
      )) as unknown as { rows: { name: string }[] }
    ).rows;
    const job = row?.name ?? '';
    await server.background.jobs.runDue();
    const failing = `test-failing-job-${suffix}`;
    const runner = new JobRunner(
      server.ctx.db,
      [
        {
          name: failing,
          everyMs: 60_000,
          run: async () => {
            throw new Error('the job broke');
          },
        },
      ],
      { node: 'metrics-test', tickMs: 60_000, leaseMs: 60_000, retryBaseMs: 60_000, observer: server.ctx.metrics },
    );
    await runner.register();
    expect(await runner.runDue()).toEqual([failing]);

    const metrics = await scrape(server.url);
    const runs = metrics.value(`frontdesk_job_runs_total{job="${job}"}`);
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(metrics.value(`frontdesk_job_failures_total{job="${job}"}`)).toBeUndefined();
    expect(metrics.value(`frontdesk_job_duration_seconds_count{job="${job}"}`)).toBe(runs);
    expect(metrics.value(`frontdesk_job_runs_total{job="${failing}"}`)).toBe(1);
    expect(metrics.value(`frontdesk_job_failures_total{job="${failing}"}`)).toBe(1);
    expect(metrics.value(`frontdesk_job_duration_seconds_count{job="${failing}"}`)).toBe(1);
  });

  it('reports readiness, the database, Redis and the pool, and stays open as before (no credentials)', async () => {
    const metrics = await scrape(server.url);
    expect(metrics.value('frontdesk_ready')).toBe(1);
    expect(metrics.value('frontdesk_draining')).toBe(0);
    expect(metrics.value('frontdesk_database_up')).toBe(1);
    expect(
      metrics.value(
        `frontdesk_node_info{database="${server.database.kind}",redis="${Boolean(process.env.REDIS_URL)}",version="0.1.0"}`,
      ),
    ).toBe(1);
    if (process.env.REDIS_URL) expect(metrics.value('frontdesk_redis_connected')).toBe(1);
    else expect(metrics.text).not.toContain('frontdesk_redis_connected');
    if (usingPostgres) {
      expect(metrics.value('frontdesk_db_pool_connections')).toBeGreaterThanOrEqual(1);
      expect(metrics.value('frontdesk_db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
      expect(metrics.value('frontdesk_db_pool_waiting_requests')).toBe(0);
    } else expect(metrics.text).not.toContain('frontdesk_db_pool_');
    // HTTP durations by route template and status, not by the path asked for
    await fetch(`${server.url}/api/v1/conversations/00000000-0000-4000-8000-000000000000`);
    const http = await scrape(server.url);
    expect(http.text).toMatch(
      /frontdesk_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/conversations\/:id",status="401"\} 1/,
    );
    // no label carries an organization, a user or a conversation
    expect(http.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });
});
