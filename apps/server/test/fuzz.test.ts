import { randomInt } from 'node:crypto';
import { ErrorBody, errorStatus } from '@frontdesk/protocol';
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './client.js';
import {
  makeConversation,
  makeGuest,
  makeOrg,
  makeStaff,
  makeStay,
  makeSuperadmin,
  type TestUser,
} from './factories.js';
import { startTestServer, type TestServer } from './harness.js';
import {
  deeplyNested,
  Entries,
  hostileKey,
  hostileNumber,
  hostileString,
  hostileValue,
  percentEncode,
  spoiled,
  toJson,
  toPlain,
} from './hostile.js';
import { type JsonSchema, type OpenApiDocument, type Operation, openApi } from './openapi.js';
import { type Side, socketEvents } from './socket-events.js';
import { connect } from './sockets.js';

/**
 * Generated hostile input at every REST operation of the OpenAPI document and every socket event
 * of the protocol, as each kind of caller. Whatever comes in, the server never answers 5xx, every
 * refusal is in the standard error shape with the protocol's status, every event is acknowledged,
 * and the server is healthy afterwards. Each run's seed is printed: FUZZ_SEED=<seed> replays it;
 * FUZZ_RUNS (default 120) scales every run count, for a longer hunt.
 */

const SEED = Number(process.env.FUZZ_SEED ?? randomInt(2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const RUNS_PER_OPERATION = Math.max(1, Math.round(RUNS / 40));
/** The gateway's packet limit (32 KiB). */
const MAX_PACKET_BYTES = 32 * 1024;

let server: TestServer;
let doc: OpenApiDocument;
let owner: TestUser;
beforeAll(async () => {
  // the socket event budgets are tested in realtime/events.test.ts; here they would only stop the
  // fuzzing (and the health check after it) early
  const roomy = { perSocket: 100_000, perSender: 100_000 };
  server = await startTestServer(
    {},
    {
      CHAT_SEND_MAX_PER_SOCKET: '100000',
      CHAT_SEND_MAX_PER_SENDER: '100000',
      CHAT_EVENT_LIMITS: JSON.stringify(
        Object.fromEntries(
          ['sync', 'typing', 'receipts', 'actions', 'rate', 'presence', 'reactions'].map((g) => [g, roomy]),
        ),
      ),
    },
  );
  doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApiDocument;
  owner = await makeSuperadmin(server);
});
afterAll(() => server?.close());

const tokenOf = async (user: TestUser) => (await new ApiClient(server.url).login(user.email, user.password)).body.token;

/**
 * A fresh organization with a caller of each kind, and things of its own the fuzz may change or
 * delete (a room, a stay, a conversation, a staff member, a second organization): ids the callers'
 * own sessions depend on are never offered, so no run can take the ground from under the next.
 */
async function fixture() {
  const org = await makeOrg(server);
  const admin = await makeStaff(server, org, 'admin');
  const agent = await makeStaff(server, org, 'agent');
  const guest = await makeGuest(server, org);
  const target = await makeStay(server, org);
  const { conversation } = await makeConversation(server, {
    id: target.guest.id,
    orgId: org.id,
    stayId: target.stay.id,
    name: target.guest.name,
  });
  // the fuzz guest's own request, taken by the admin: both sides' events get past the policy checks
  const { conversation: shared } = await makeConversation(
    server,
    { id: guest.guestId, orgId: org.id, stayId: guest.stayId, name: 'Guest' },
    { assigneeId: admin.id },
  );
  const victim = await makeStaff(server, org, 'agent');
  const otherOrg = await makeOrg(server);
  return {
    org,
    tokens: {
      admin: await tokenOf(admin),
      agent: await tokenOf(agent),
      superadmin: await tokenOf(owner),
      guest: guest.token,
      anonymous: null,
    } as Record<Actor, string | null>,
    ids: [target.room.id, target.stay.id, target.guest.id, conversation.id, shared.id, victim.id, otherOrg.id],
    /** Ids for socket events, which mostly name a conversation: the shared one above all. */
    eventIds: [shared.id, shared.id, shared.id, conversation.id, admin.id, victim.id],
    slugs: [org.slug, otherOrg.slug],
  };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;
type Actor = 'admin' | 'agent' | 'guest' | 'anonymous' | 'superadmin';

/** What the fuzz sends: a value written as JSON, raw text, or raw bytes with a content type. */
type Body = { json: unknown } | { raw: string } | { bytes: Uint8Array; type: string } | undefined;

const RAW_BODIES = [
  '{"a":',
  '',
  'null',
  '"\\u0000"',
  '{"name":"\\ud800"}',
  '[[[[',
  '{"__proto__":{"admin":true}}',
  '\u0000',
];

/** A valid value when the walker can make one (it knows no pattern of optional fields like "101-120"). */
function exampleOrNothing(api: ReturnType<typeof openApi>, schema: JsonSchema, where: string): unknown {
  try {
    return api.example(schema, where);
  } catch {
    return undefined;
  }
}

type Api = ReturnType<typeof openApi>;
const OMIT = Symbol('omit');

/** A valid value: every property present, ids from the fixture's own things. */
function validFor(api: Api, schema: JsonSchema, where: string, ids: string[]): fc.Arbitrary<unknown> {
  const resolved = api.resolve(schema);
  if (resolved.properties) {
    const keys = Object.keys(resolved.properties);
    const fields = keys.map((key) => validFor(api, resolved.properties?.[key] ?? {}, `${where}.${key}`, ids));
    return fc
      .tuple(...fields)
      .map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]]).filter(([, v]) => v !== undefined)));
  }
  const example = exampleOrNothing(api, schema, where);
  return resolved.format === 'uuid' ? fc.constantFrom(...ids, example) : fc.constant(example);
}

/** What may stand where a valid value should: text with NUL or a lone surrogate above all. */
function hostileFor(api: Api, schema: JsonSchema, where: string, ids: string[]): fc.Arbitrary<unknown> {
  if (api.resolve(schema).properties) return valueFor(api, schema, where, ids);
  const example = exampleOrNothing(api, schema, where);
  const items = api.resolve(schema).items;
  return fc.oneof(
    ...(typeof example === 'string' ? [{ arbitrary: spoiled(example), weight: 6 }] : []),
    ...(Array.isArray(example) && typeof example[0] === 'string'
      ? [{ arbitrary: spoiled(example[0]).map((text) => [text]), weight: 6 }]
      : []),
    ...(items ? [{ arbitrary: fc.array(hostileFor(api, items, where, ids), { maxLength: 3 }), weight: 1 }] : []),
    { arbitrary: hostileString, weight: 2 },
    { arbitrary: hostileNumber, weight: 1 },
    { arbitrary: hostileValue, weight: 1 },
    { arbitrary: fc.constant(OMIT), weight: 1 },
  );
}

/**
 * Values for one schema: a valid value with one or two places spoiled (or left out), so each run
 * gets past everything but the one thing it tries; now and then an undeclared property.
 */
function valueFor(api: Api, schema: JsonSchema, where: string, ids: string[]): fc.Arbitrary<unknown> {
  const resolved = api.resolve(schema);
  const valid = validFor(api, schema, where, ids);
  if (!resolved.properties) return fc.oneof(valid, hostileFor(api, schema, where, ids));
  const props = resolved.properties;
  const keys = Object.keys(props);
  if (!keys.length) return fc.oneof(valid, hostileValue);
  const mutation = fc
    .constantFrom(...keys)
    .chain((key) => hostileFor(api, props[key] ?? {}, `${where}.${key}`, ids).map((value) => [key, value] as const));
  const mutated = fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 2 })).map(([base, changes]) => {
    const copy = { ...(base as Record<string, unknown>) };
    for (const [key, value] of changes) {
      if (value === OMIT) delete copy[key];
      else copy[key] = value;
    }
    return copy;
  });
  const extra = fc
    .tuple(valid, hostileKey, hostileValue)
    .map(([base, key, value]) => new Entries([...Object.entries(base as object), [key, value]]));
  return fc.oneof({ arbitrary: valid, weight: 1 }, { arbitrary: mutated, weight: 8 }, { arbitrary: extra, weight: 1 });
}

function bodyFor(api: ReturnType<typeof openApi>, op: Operation, ids: string[]): fc.Arbitrary<Body> {
  if (op.upload) {
    return fc.record({
      bytes: fc.uint8Array({ maxLength: 2048 }),
      type: fc.constantFrom('image/png', 'image/jpeg', 'image/webp', 'application/octet-stream', 'application/json'),
    });
  }
  const anything = fc.oneof(
    { arbitrary: hostileValue.map((json) => ({ json })), weight: 2 },
    { arbitrary: deeplyNested(4000).map((json) => ({ json })), weight: 1 },
    { arbitrary: fc.constantFrom(...RAW_BODIES).map((raw) => ({ raw })), weight: 1 },
  );
  if (!op.body) return fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: anything, weight: 1 });
  return fc.oneof(
    { arbitrary: valueFor(api, op.body, 'body', ids).map((json) => ({ json })), weight: 6 },
    { arbitrary: anything, weight: 2 },
  );
}

interface Request {
  method: string;
  path: string;
  body: Body;
}

function requestFor(api: ReturnType<typeof openApi>, op: Operation, fx: Fixture): fc.Arbitrary<Request> {
  const param = (name: string, schema: JsonSchema) =>
    fc
      .oneof(
        { arbitrary: fc.constantFrom(...(api.resolve(schema).format === 'uuid' ? fx.ids : fx.slugs)), weight: 8 },
        { arbitrary: fc.constantFrom(...fx.ids, ...fx.slugs).chain(spoiled), weight: 1 },
        { arbitrary: hostileString, weight: 3 },
        { arbitrary: fc.uuid(), weight: 1 },
      )
      .map((value) => [name, value] as const);
  const params = fc.tuple(...op.pathParams.map((p) => param(p.name, p.schema)));
  // declared parameters, mostly valid, sometimes spoiled; now and then a key nobody declared
  const declared = op.query.map((q) => {
    const valid = exampleOrNothing(api, q.schema, q.name);
    const text = valid === undefined ? 'x' : String(valid);
    const value = fc.oneof(
      { arbitrary: fc.constant(text), weight: 8 },
      { arbitrary: fc.constantFrom(...fx.ids), weight: api.resolve(q.schema).format === 'uuid' ? 8 : 0 },
      { arbitrary: spoiled(text), weight: 3 },
      { arbitrary: hostileString, weight: 2 },
    );
    return fc.option(
      value.map((v) => [q.name, v] as const),
      { nil: undefined, freq: 2 },
    );
  });
  const undeclared = fc.option(fc.tuple(hostileKey, hostileString), { nil: undefined, freq: 8 });
  const query = fc
    .tuple(fc.tuple(...declared), undeclared)
    .map(([pairs, extra]) => [...pairs, extra].filter((p): p is readonly [string, string] => p !== undefined));
  return fc.tuple(params, query, bodyFor(api, op, fx.ids)).map(([values, pairs, body]) => {
    let path = op.template;
    for (const [name, value] of values) path = path.replace(`{${name}}`, percentEncode(value));
    const search = pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
    return {
      method: op.method,
      path: search ? `${path}?${search}` : path,
      body: op.method === 'GET' ? undefined : body,
    };
  });
}

async function send(token: string | null, req: Request): Promise<{ status: number; type: string; text: string }> {
  const headers: Record<string, string> = { origin: new URL(server.url).origin };
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | Uint8Array | undefined;
  if (req.body && 'json' in req.body) body = toJson(req.body.json);
  else if (req.body && 'raw' in req.body) body = req.body.raw;
  else if (req.body) body = req.body.bytes;
  if (req.body) headers['content-type'] = 'type' in req.body ? req.body.type : 'application/json';
  const res = await fetch(`${server.url}${req.path}`, { method: req.method, headers, body });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

const show = (req: Request) =>
  `${req.method} ${req.path.slice(0, 300)} ${req.body && 'json' in req.body ? toJson(req.body.json).slice(0, 300) : ''}`;

/** Never a 5xx; every error in the standard shape, with the protocol's status for its code. */
function checkAnswer(req: Request, res: { status: number; type: string; text: string }): void {
  const seen = `${show(req)} → ${res.status} ${res.text.slice(0, 300)}`;
  if (res.status >= 500) throw new Error(`server error: ${seen}`);
  if (res.status < 400) return;
  if (!res.type.startsWith('application/json')) throw new Error(`error not JSON: ${seen}`);
  const parsed = ErrorBody.safeParse(JSON.parse(res.text));
  if (!parsed.success) throw new Error(`error not in our shape: ${seen}`);
  if (errorStatus[parsed.data.error.code] !== res.status) throw new Error(`status does not match the code: ${seen}`);
}

async function expectHealthy(fx: Fixture): Promise<void> {
  expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  const admin = await fetch(`${server.url}/api/v1/organization`, {
    headers: { authorization: `Bearer ${fx.tokens.admin}` },
  });
  expect(admin.status).toBe(200);
  const guest = await fetch(`${server.url}/api/v1/guest/session`, {
    headers: { authorization: `Bearer ${fx.tokens.guest}` },
  });
  expect(guest.status).toBe(200);
}

/** The operations meant for this caller, where input reaches the database rather than a 401/403. */
function ownOperation(actor: Actor, op: Operation): boolean {
  if (actor === 'superadmin') return op.platform;
  if (actor === 'guest') return op.guestOnly;
  if (actor === 'anonymous') return op.open;
  return !op.platform && !op.guestOnly && !op.open;
}

const actors: Actor[] = ['admin', 'agent', 'guest', 'anonymous', 'superadmin'];

describe('fuzzing every REST operation', () => {
  it.each(actors)('as %s: no 5xx, every error in our shape, healthy afterwards', async (actor) => {
    const fx = await fixture();
    const api = openApi(doc);
    // logging out would end the session the later runs need
    const ops = api.operations.filter((op) => !op.template.endsWith('/logout'));
    const statuses: Record<string, number> = {};
    // every operation gets its runs (a uniform pick would leave some untried), and the caller's own ones more
    const runsOf = (op: Operation) => (ownOperation(actor, op) ? RUNS_PER_OPERATION * 4 : RUNS_PER_OPERATION);
    const total = ops.reduce((sum, op) => sum + runsOf(op), 0);
    console.log(`fuzz REST as ${actor}: ${total} runs over ${ops.length} operations, seed ${SEED}`);
    for (const [index, op] of ops.entries()) {
      await fc.assert(
        fc.asyncProperty(requestFor(api, op, fx), async (req) => {
          const res = await send(fx.tokens[actor], req);
          checkAnswer(req, res);
          const answer = res.status < 400 ? `${String(res.status)[0]}xx` : JSON.parse(res.text).error.code;
          statuses[answer] = (statuses[answer] ?? 0) + 1;
        }),
        { numRuns: runsOf(op), seed: SEED + index },
      );
    }
    console.log(`fuzz REST as ${actor}: answers ${JSON.stringify(statuses)}`);
    await expectHealthy(fx);
  });
});

describe('fuzzing every socket event', () => {
  const open: Socket[] = [];
  afterAll(() => {
    for (const socket of open) socket.close();
  });

  it.each(['staff', 'guest'] as Side[])('as %s: every event acknowledged, never internal_error', async (side) => {
    const fx = await fixture();
    const api = openApi(doc);
    const auth = { token: side === 'staff' ? fx.tokens.admin : fx.tokens.guest };
    let socket = await connect(server.url, auth);
    open.push(socket);
    const events = socketEvents.filter((e) => e.sides.includes(side));
    const payloadsOf = (event: string, schema: JsonSchema) =>
      fc
        .oneof(
          { arbitrary: validFor(api, schema, event, fx.eventIds), weight: 2 },
          { arbitrary: valueFor(api, schema, event, fx.eventIds), weight: 8 },
          { arbitrary: hostileValue, weight: 1 },
          { arbitrary: deeplyNested(500), weight: 1 },
        )
        .map(toPlain)
        // a packet over the size limit closes the connection by design (engine.io's maxHttpBufferSize)
        .filter((payload) => (JSON.stringify(payload)?.length ?? 0) < MAX_PACKET_BYTES / 2);
    const answers: Record<string, number> = {};
    const runs = RUNS_PER_OPERATION * 20;
    console.log(
      `fuzz socket events as ${side}: ${runs * events.length} runs over ${events.length} events, seed ${SEED}`,
    );
    for (const [index, { event, schema }] of events.entries()) {
      await fc.assert(
        fc.asyncProperty(payloadsOf(event, schema), async (payload) => {
          const seen = () => `${event} ${JSON.stringify(payload)?.slice(0, 300)}`;
          // a fresh socket if an earlier (shrinking) run lost one, so each run is judged on its own
          if (!socket.connected) {
            socket = await connect(server.url, auth);
            open.push(socket);
          }
          const ack = await socket
            .timeout(5000)
            .emitWithAck(event, payload)
            .catch(() => {
              throw new Error(`no acknowledgement${socket.connected ? '' : ' (disconnected)'}: ${seen()}`);
            });
          if (ack?.ok === true) {
            answers.ok = (answers.ok ?? 0) + 1;
            return;
          }
          const error = ErrorBody.shape.error.safeParse(ack?.error);
          if (ack?.ok !== false || !error.success)
            throw new Error(`ack not in our shape: ${seen()} → ${JSON.stringify(ack)}`);
          if (error.data.code === 'internal_error') throw new Error(`internal_error: ${seen()}`);
          answers[error.data.code] = (answers[error.data.code] ?? 0) + 1;
        }),
        { numRuns: runs, seed: SEED + index },
      );
    }
    console.log(`fuzz socket events as ${side}: acks ${JSON.stringify(answers)}`);
    expect(socket.connected).toBe(true);
    const sync = await socket.timeout(5000).emitWithAck('sync', { since: {} });
    expect(sync.ok, JSON.stringify(sync)).toBe(true);
    await expectHealthy(fx);
  });

  it('refuses hostile handshake credentials with a code, never internal_error', async () => {
    const runs = Math.ceil(RUNS / 8);
    console.log(`fuzz socket handshakes: ${runs} runs, seed ${SEED}`);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostileString, hostileValue.map(toPlain)),
        fc.constantFrom(undefined, 'guest'),
        async (token, as) => {
          const seen = JSON.stringify(token)?.slice(0, 200);
          const timeout = new Promise<{ code: string }>((resolve) => {
            setTimeout(() => resolve({ code: 'no answer' }), 5000).unref();
          });
          const refusal = await Promise.race([
            connect(server.url, { token, as }).then(
              (socket) => {
                socket.close();
                return { code: 'connected' };
              },
              (err: { code?: string }) => err,
            ),
            timeout,
          ]);
          if (!refusal.code || refusal.code === 'connected' || refusal.code === 'internal_error') {
            throw new Error(`handshake with ${seen} → ${refusal.code}`);
          }
        },
      ),
      { numRuns: runs, seed: SEED },
    );
  });
});
