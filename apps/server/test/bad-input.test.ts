import { randomUUID } from 'node:crypto';
import { type ErrorCode, errorCodes, errorStatus } from '@frontdesk/protocol';
import sharp from 'sharp';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse, type RequestOptions, rawHttp } from './client.js';
import { makeGuest, makeOrg, makeStaff, makeSuperadmin, signIn, type TestUser } from './factories.js';
import { startTestServer } from './harness.js';
import { type JsonSchema, type OpenApiDocument, type Operation, openApi } from './openapi.js';
import { type Side, socketEvents } from './socket-events.js';
import { ask, connect } from './sockets.js';

/**
 * Bad input never gets a 500: every endpoint answers malformed, mistyped, oversized or unknown
 * input with a 4xx and the standard `{ error: { code, message, details? } }` body. The cases are
 * generated from the OpenAPI document, so new endpoints are covered as soon as they are documented.
 */

// The cases are generated from the live OpenAPI document, which vitest needs while it collects the
// tests: the file's one server therefore starts here rather than in beforeAll.
const server = await startTestServer({
  loginLimits: { perIp: 10_000, perAccount: 1_000, perAccountAllAddresses: 10_000, windowSeconds: 60 },
});
afterAll(() => server.close());
const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApiDocument;

type ActorName = 'superadmin' | 'orgAdmin' | 'serviceAdmin';
/** Who sends the bodies: validation comes before anything an account may or may not do. */
const actorNames: ActorName[] = ['superadmin', 'orgAdmin'];

interface Case {
  name: string;
  actor: ActorName;
  method: string;
  path: string;
  body?: unknown;
  opts?: RequestOptions;
  status: number | number[];
  code: ErrorCode | ErrorCode[];
  /**
   * The validation issues must be about this place (`in` and dotted `path`). Issues at the body's root
   * are tolerated beside them: cross-field rules (say "give either range or numbers") are not in the
   * document, so the generated minimal body may break one of them too.
   */
  issuesAt?: { in: string; path: string; mentions?: string };
  /** All of these body properties must be named by some issue. */
  issuesCover?: string[];
  /** A 2xx answer is right too (the input was harmless after all); an error must still be a standard one. */
  orSuccess?: boolean;
}

const { resolve, typesOf, wrongValue, fits, example, propertiesOf, withValue, isUuid, operations, pathOf } =
  openApi(doc);

/** The actor whose refusal would not be about authorization: the super admin for platform endpoints. */
const naturalActor = (op: Operation): ActorName =>
  op.platform ? 'superadmin' : serviceOnly.test(op.template) ? 'serviceAdmin' : 'orgAdmin';
/** A service company's features: its admin asks there (a hotel's would be refused before the input mattered). */
const serviceOnly = /^\/api\/v1\/(customer|label|forms|leads)/;
const endsSession = (op: Operation) => op.template.endsWith('/logout');

const OVERSIZED = 'x'.repeat(100_000);
const OVER_BODY_LIMIT = 1024 * 1024 + 1024;

function bodyCases(op: Operation, body: JsonSchema): Case[] {
  const base = example(body, 'body');
  const path = pathOf(op);
  const cases: Case[] = [];
  const bad = 'validation_failed' as const;
  const schema = resolve(body);
  const topLevel = Object.keys(schema.properties ?? {});
  for (const actor of actorNames) {
    const c = (name: string, rest: Omit<Case, 'name' | 'actor' | 'method' | 'path'>) =>
      cases.push({ name: `${actor}: ${name}`, actor, method: op.method, path, ...rest });
    c('malformed JSON text', { opts: { raw: '{"oops": ' }, status: 400, code: 'malformed_json' });
    c('empty body declared as JSON', { opts: { raw: '' }, status: 400, code: 'malformed_json' });
    c('a JSON array', { body: [base], status: 400, code: bad, issuesAt: { in: 'body', path: '' } });
    c('a JSON string', { body: 'hello', status: 400, code: bad, issuesAt: { in: 'body', path: '' } });
    c('a JSON number', { body: 42, status: 400, code: bad, issuesAt: { in: 'body', path: '' } });
    c('JSON null', { body: null, status: 400, code: bad, issuesAt: { in: 'body', path: '' } });
    if (topLevel.length > 0) {
      const allWrong = Object.fromEntries(topLevel.map((key) => [key, wrongValue(schema.properties?.[key] ?? {})]));
      c('wrong types for every property', { body: allWrong, status: 400, code: bad, issuesCover: topLevel });
    }
    for (const prop of propertiesOf(body)) {
      const at = prop.path.join('.');
      c(`wrong type for "${at}"`, {
        body: withValue(base, body, prop.path, wrongValue(prop.schema)),
        status: 400,
        code: bad,
        issuesAt: { in: 'body', path: at },
      });
      if (typesOf(prop.schema).has('string')) {
        c(`a 100k-character "${at}"`, {
          body: withValue(base, body, prop.path, OVERSIZED),
          status: 400,
          code: bad,
          issuesAt: { in: 'body', path: at },
        });
      }
    }
    // The request schemas are strict: an unknown key is an error, not silently dropped.
    c('an unknown extra property', {
      body: { ...(base as object), unexpectedField: 'surprise' },
      status: 400,
      code: bad,
      issuesAt: { in: 'body', path: '', mentions: 'unexpectedField' },
    });
    for (const prop of propertiesOf(body).filter((p) => resolve(p.schema).properties)) {
      const at = prop.path.join('.');
      const nested = withValue(base, body, prop.path, {
        ...(example(prop.schema, at) as object),
        unexpectedField: 'surprise',
      });
      c(`an unknown extra property inside "${at}"`, {
        body: nested,
        status: 400,
        code: bad,
        issuesAt: { in: 'body', path: at, mentions: 'unexpectedField' },
      });
    }
  }
  return cases;
}

/** Media types and size limits are checked before authentication: one actor per operation is enough. */
function transportCases(op: Operation): Case[] {
  const actor = naturalActor(op);
  const path = pathOf(op);
  const json = JSON.stringify(op.body ? example(op.body, 'body') : {});
  const cases: Case[] = [
    {
      // Guards app.removeContentTypeParser('text/plain') in buildApp: with Fastify's built-in text/plain parser
      // a text/plain body is parsed as a string and reaches validation (400) or, on operations without a body
      // schema, the handler itself (POST /auth/logout answered 204 and ended the session).
      name: `${actor}: a text/plain body`,
      actor,
      method: op.method,
      path,
      opts: { raw: json, headers: { 'content-type': 'text/plain' } },
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: `${actor}: an application/xml body`,
      actor,
      method: op.method,
      path,
      opts: { raw: '<motto>hello</motto>', headers: { 'content-type': 'application/xml' } },
      status: 415,
      code: 'unsupported_media_type',
    },
  ];
  if (op.body) {
    cases.push({
      name: `${actor}: a body over the 1 MiB limit`,
      actor,
      method: op.method,
      path,
      opts: { raw: JSON.stringify({ padding: 'x'.repeat(OVER_BODY_LIMIT) }) },
      status: 413,
      code: 'payload_too_large',
    });
  } else {
    cases.push({
      name: `${actor}: malformed JSON text on an operation without a body`,
      actor,
      method: op.method,
      path,
      opts: { raw: '{"oops": ' },
      status: 400,
      code: 'malformed_json',
    });
  }
  return cases;
}

/** The default FILES_MAX_BYTES (5 MiB), plus one byte. */
const OVER_UPLOAD_LIMIT = 5 * 1024 * 1024 + 1;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The start of a real PNG (signature and header chunk), so it is taken for one until its pixels are read. */
const PNG_START = (
  await sharp({ create: { width: 16, height: 16, channels: 3, background: '#1f5f8b' } })
    .png()
    .toBuffer()
).subarray(0, 40);

/**
 * Image uploads: what the bytes really are decides, whatever the declared type; a body that is no
 * image at all, too large, or damaged is refused with its own code.
 */
function uploadCases(op: Operation): Case[] {
  const actor = naturalActor(op);
  const c = (name: string, rest: Omit<Case, 'name' | 'actor' | 'method' | 'path'>): Case => ({
    name: `${actor}: ${name}`,
    actor,
    method: op.method,
    path: pathOf(op),
    ...rest,
  });
  const image = (raw: string | Uint8Array, type = 'image/png') => ({ raw, headers: { 'content-type': type } });
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
  return [
    c('a text file declared as image/png', {
      opts: image('just text\n'),
      status: 415,
      code: 'unsupported_file_type',
    }),
    c('an SVG image', { opts: image(svg, 'image/svg+xml'), status: 415, code: 'unsupported_file_type' }),
    c('random bytes as application/octet-stream', {
      opts: image(new Uint8Array(512).fill(42), 'application/octet-stream'),
      status: 415,
      code: 'unsupported_file_type',
    }),
    c('a damaged PNG (its header, then garbage)', {
      opts: image(Buffer.concat([PNG_START, Buffer.alloc(256, 1)])),
      status: 422,
      code: 'invalid_image',
    }),
    c('an image body over the upload limit', {
      opts: image(Buffer.concat([PNG_SIGNATURE, Buffer.alloc(OVER_UPLOAD_LIMIT - PNG_SIGNATURE.length, 1)])),
      status: 413,
      code: 'file_too_large',
    }),
    c('a JSON object instead of an image', {
      body: { image: 'data:image/png;base64,AAAA' },
      status: 400,
      code: 'validation_failed',
      issuesAt: { in: 'body', path: '' },
    }),
    c('no body at all', { opts: { headers: {} }, status: 400, code: 'validation_failed' }),
  ];
}

const NOT_UUIDS = ['not-a-uuid', '12345', `${randomUUID()}0`];

function pathParamCases(op: Operation): Case[] {
  const cases: Case[] = [];
  const body = op.body ? example(op.body, 'body') : undefined;
  for (const actor of actorNames) {
    for (const param of op.pathParams) {
      const invalid = isUuid(param) ? NOT_UUIDS : ['Not_Valid!'].filter((v) => !fits(resolve(param.schema), v));
      for (const value of invalid) {
        cases.push({
          name: `${actor}: {${param.name}} = "${value}"`,
          actor,
          method: op.method,
          path: pathOf(op, { [param.name]: value }),
          body,
          status: 400,
          code: 'validation_failed',
          issuesAt: { in: 'params', path: param.name },
        });
      }
    }
    if (op.pathParams.some(isUuid) && !endsSession(op)) {
      // A well-formed id that names nothing. Only the platform's endpoints refuse an org admin outright;
      // an org-less super admin may be refused (403) on an organization's own endpoints.
      const natural = naturalActor(op) === actor;
      cases.push({
        name: `${actor}: unknown ${op.pathParams.filter(isUuid).map((p) => `{${p.name}}`)}`,
        actor,
        method: op.method,
        path: pathOf(op),
        body,
        status: op.guestOnly ? 401 : natural ? 404 : op.platform ? 403 : [404, 403],
        code: op.guestOnly
          ? 'unauthenticated'
          : natural
            ? 'not_found'
            : op.platform
              ? 'forbidden'
              : ['not_found', 'forbidden'],
      });
    }
  }
  return cases;
}

/** Values of a query parameter its schema refuses. */
function invalidQueryValues(raw: JsonSchema): string[] {
  const schema = resolve(raw);
  const types = typesOf(schema);
  const values: string[] = [];
  if (schema.enum) return ['not-an-option'];
  if (types.has('integer') || types.has('number')) {
    values.push('abc');
    if (types.has('integer') && !types.has('number')) values.push('1.5');
    if (schema.minimum !== undefined) values.push(String(schema.minimum - 1));
    if (schema.exclusiveMinimum !== undefined) values.push(String(schema.exclusiveMinimum));
    if (schema.maximum !== undefined) values.push(String(schema.maximum + 1));
    return values;
  }
  if (types.has('boolean')) return ['maybe'];
  if (schema.format === 'uuid') values.push('not-a-uuid');
  if (schema.format === 'date-time') values.push('yesterday');
  if (schema.pattern && !new RegExp(schema.pattern).test('Not_Valid!')) values.push('Not_Valid!');
  // Longer values would exceed Node's 16 KiB header limit and never reach the application.
  if (schema.maxLength !== undefined && schema.maxLength < 8_000) values.push('x'.repeat(schema.maxLength + 1));
  return values;
}

/** Valid values of the required query parameters, so that a case is refused for its one bad value alone. */
const requiredQuery = (op: Operation, except: string): Record<string, string> =>
  Object.fromEntries(
    op.query
      .filter((p) => p.required && p.name !== except)
      .map((p) => [p.name, String(example(p.schema, `query.${p.name}`))]),
  );

function queryCases(op: Operation): Case[] {
  return actorNames.flatMap((actor) =>
    op.query.flatMap((param) =>
      invalidQueryValues(param.schema).map((value) => ({
        name: `${actor}: ?${param.name}=${value.length > 20 ? `${value.slice(0, 10)}…(${value.length} chars)` : value}`,
        actor,
        method: op.method,
        path: `${pathOf(op)}?${new URLSearchParams({ ...requiredQuery(op, param.name), [param.name]: value })}`,
        status: 400,
        code: 'validation_failed' as const,
        issuesAt: { in: 'querystring', path: param.name },
      })),
    ),
  );
}

/**
 * Text no field may carry: PostgreSQL refuses NUL in text, and a lone UTF-16 surrogate breaks a
 * json column (the audit log). Every input is checked for them before its schema.
 */
const UNSTORABLE: [string, string, string][] = [
  ['a NUL', 'a\u0000b', 'NUL'],
  ['a lone high surrogate', 'x\ud800', 'surrogate'],
  ['a lone low surrogate', '\udc00y', 'surrogate'],
  ['a reversed surrogate pair', '\udc00\ud800', 'surrogate'],
];

/** Every place of a body that takes text: string properties (nested too) and items of string arrays. */
interface TextPlace {
  path: string[];
  /** The value to put at `path` to carry `text`. */
  holding: (text: string) => unknown;
  /** Where the refusal must point for that value. */
  issueAt: (text: string) => string;
}
function textPlaces(body: JsonSchema): TextPlace[] {
  return propertiesOf(body).flatMap(({ path, schema }): TextPlace[] => {
    const at = path.join('.');
    const items = resolve(schema).items;
    const values = resolve(schema).additionalProperties;
    if (typesOf(schema).has('string')) return [{ path, holding: (text) => text, issueAt: () => at }];
    if (items && typesOf(items).has('string')) return [{ path, holding: (text) => [text], issueAt: () => `${at}.0` }];
    if (typeof values === 'object') {
      // a record: its keys are text too
      const value = example(values, at);
      return [{ path, holding: (text) => ({ [`key${text}`]: value }), issueAt: (text) => `${at}.key${text}` }];
    }
    return [];
  });
}

function unstorableBodyCases(op: Operation, body: JsonSchema): Case[] {
  const base = example(body, 'body');
  const path = pathOf(op);
  return actorNames.flatMap((actor) => [
    ...textPlaces(body).flatMap((place) =>
      UNSTORABLE.map(([what, text, mentions]) => ({
        name: `${actor}: ${what} in "${place.path.join('.')}"`,
        actor,
        method: op.method,
        path,
        body: withValue(base, body, place.path, place.holding(text)),
        status: 400,
        code: 'validation_failed' as const,
        issuesAt: { in: 'body', path: place.issueAt(text), mentions },
      })),
    ),
    ...UNSTORABLE.slice(0, 2).map(([what, text, mentions]) => ({
      name: `${actor}: ${what} in a property name`,
      actor,
      method: op.method,
      path,
      body: { ...(base as object), [`key${text}`]: 'value' },
      status: 400,
      code: 'validation_failed' as const,
      issuesAt: { in: 'body', path: `key${text}`, mentions },
    })),
  ]);
}

/**
 * A URL carries bytes: NUL arrives as NUL (refused by the check, naming the parameter); a surrogate
 * can only be sent as its invalid UTF-8 bytes (ED A0 80), which are refused as a bad address or
 * arrive as U+FFFD — a 400 either way.
 */
function unstorableUrlCases(op: Operation): Case[] {
  const actor = naturalActor(op);
  const body = op.body ? example(op.body, 'body') : undefined;
  const nul: Omit<Case, 'name' | 'path' | 'issuesAt'> = {
    actor,
    method: op.method,
    body,
    status: 400,
    code: 'validation_failed',
  };
  const surrogate = { ...nul, code: ['validation_failed', 'bad_request'] as ErrorCode[] };
  return [
    ...op.pathParams.flatMap((param) => [
      {
        ...nul,
        name: `${actor}: a NUL in {${param.name}}`,
        path: pathOf(op, { [param.name]: 'a\u0000b' }),
        issuesAt: { in: 'params', path: param.name, mentions: 'NUL' },
      },
      {
        ...surrogate,
        name: `${actor}: a surrogate's bytes in {${param.name}}`,
        path: pathOf(op, { [param.name]: 'SURROGATE' }).replace('SURROGATE', '%ED%A0%80'),
      },
    ]),
    ...op.query.flatMap((param) => [
      {
        ...nul,
        name: `${actor}: ?${param.name}=a%00b`,
        path: `${pathOf(op)}?${new URLSearchParams(requiredQuery(op, param.name))}&${param.name}=a%00b`,
        issuesAt: { in: 'querystring', path: param.name, mentions: 'NUL' },
      },
      {
        ...surrogate,
        name: `${actor}: ?${param.name}=%ED%A0%80`,
        path: `${pathOf(op)}?${new URLSearchParams(requiredQuery(op, param.name))}&${param.name}=%ED%A0%80`,
        // the query parser may keep the undecodable bytes as they are, and a search for them finds nothing
        orSuccess: true,
      },
    ]),
  ];
}

const casesByOperation = operations
  .map((op) => ({
    name: op.name,
    op,
    cases: [
      ...(op.body ? bodyCases(op, op.body) : []),
      ...(op.body ? unstorableBodyCases(op, op.body) : []),
      ...unstorableUrlCases(op),
      ...pathParamCases(op),
      ...queryCases(op),
      ...(op.method === 'GET' ? [] : transportCases(op)),
      ...(op.upload ? uploadCases(op) : []),
    ],
  }))
  .filter((entry) => entry.cases.length > 0);

const clients = {} as Record<ActorName, ApiClient>;
const accounts = {} as Record<ActorName, TestUser>;

beforeAll(async () => {
  const org = await makeOrg(server);
  accounts.orgAdmin = await makeStaff(server, org, 'admin');
  accounts.superadmin = await makeSuperadmin(server);
  accounts.serviceAdmin = await makeStaff(server, await makeOrg(server, { kind: 'service' }), 'admin');
  for (const name of [...actorNames, 'serviceAdmin'] as const) clients[name] = await signIn(server, accounts[name]);
});

/** The standard error shape with a stable code whose status is the protocol's, and never a 5xx. */
function expectStandardError(res: ApiResponse, status: number | number[], code: ErrorCode | ErrorCode[]) {
  const seen = `${res.status} ${typeof res.body === 'string' ? res.body.slice(0, 200) : JSON.stringify(res.body)}`;
  expect(res.status, seen).toBeGreaterThanOrEqual(400);
  expect(res.status, seen).toBeLessThan(500);
  expect(res.headers.get('content-type') ?? '', seen).toMatch(/^application\/json/);
  expect(Object.keys(res.body ?? {}), seen).toEqual(['error']);
  const error = res.body.error as { code: ErrorCode; message: unknown; details?: unknown };
  expect(
    Object.keys(error).filter((k) => !['code', 'message', 'details'].includes(k)),
    seen,
  ).toEqual([]);
  expect(errorCodes, seen).toContain(error.code);
  expect(typeof error.message === 'string' && error.message.length > 0, seen).toBe(true);
  expect(res.status, `the protocol gives ${error.code} status ${errorStatus[error.code]}`).toBe(
    errorStatus[error.code],
  );
  expect([status].flat(), seen).toContain(res.status);
  expect([code].flat(), seen).toContain(error.code);
}

async function send(c: Case, op: Operation): Promise<ApiResponse> {
  // Calls that would end the session (logout) get a session of their own.
  const client = endsSession(op) ? await signIn(server, accounts[c.actor]) : clients[c.actor];
  return client.request(c.method, c.path, c.body, c.opts);
}

describe('bad input on every documented operation', () => {
  it('found operations to test in the OpenAPI document', () => {
    expect(casesByOperation.map((e) => e.name)).toEqual(
      expect.arrayContaining([
        'PATCH /api/v1/staff/{id}',
        'POST /api/v1/platform/organizations',
        'GET /api/v1/audit-log',
        'PUT /api/v1/organization/logo',
        'PUT /api/v1/me/photo',
        'GET /api/v1/platform/event-consumers',
      ]),
    );
  });

  describe.each(casesByOperation)('$name', ({ op, cases }) => {
    it.each(cases)('$name', async (c) => {
      const res = await send(c, op);
      if (c.orSuccess && res.status < 300) return;
      expectStandardError(res, c.status, c.code);
      const issues = (res.body.error.details as { issues?: { in: string; path: string; message: string }[] })?.issues;
      if (c.issuesAt) {
        const { in: where, path, mentions } = c.issuesAt;
        expect(
          issues?.some((i) => i.in === where && i.path === path),
          `expected an issue at ${where} "${path}": ${JSON.stringify(issues)}`,
        ).toBe(true);
        for (const issue of issues ?? []) {
          expect({ in: issue.in, path: [path, ''].includes(issue.path) }, JSON.stringify(issues)).toEqual({
            in: where,
            path: true,
          });
        }
        if (mentions)
          expect(
            issues?.some((i) => i.message.includes(mentions)),
            JSON.stringify(issues),
          ).toBe(true);
      }
      if (c.issuesCover) {
        const named = new Set(issues?.map((i) => i.path.split('.')[0]));
        expect([...named].sort(), JSON.stringify(issues)).toEqual(expect.arrayContaining(c.issuesCover));
      }
    });
  });
});

describe('bad input the document does not describe', () => {
  it.each([
    'GET /api/v1/audit-log?limit=-1',
    'GET /api/v1/audit-log?limit=0',
    'GET /api/v1/audit-log?before=-5',
    // sequence numbers are PostgreSQL integers: one past 2^31 - 1 must not reach the database
    `GET /api/v1/conversations/${randomUUID()}/messages?after=2147483648`,
    // a report's range: backwards, a day that does not exist, longer than three years
    'GET /api/v1/leads/report?from=2026-11-30&to=2026-11-01',
    'GET /api/v1/leads/report.csv?from=2026-02-29&to=2026-03-01',
    'GET /api/v1/leads/report?from=2020-01-01&to=2026-01-01',
    // service metrics: backwards, too long, hours over more than a month, an unknown grouping, a malformed id
    'GET /api/v1/reports/metrics?from=2026-11-30&to=2026-11-01',
    'GET /api/v1/reports/metrics?from=2024-01-01&to=2026-01-02',
    'GET /api/v1/reports/metrics?from=2026-01-01&to=2026-03-01&groupBy=hour',
    'GET /api/v1/reports/metrics?from=2026-01-01&to=2026-01-02&groupBy=week',
    'GET /api/v1/reports/metrics?from=2026-01-01&to=2026-01-02&teamId=reception',
    'GET /api/v1/reports/metrics?from=2026-02-30&to=2026-03-01',
    'GET /api/v1/reports/metrics?to=2026-03-01',
    'GET /api/v1/reports/metrics?from=0001-01-01&to=0001-01-02',
    'GET /api/v1/reports/metrics?from=9999-12-30&to=9999-12-31',
    // by tag and by entry point: both at once, an unknown entry point, a malformed tag
    'GET /api/v1/reports/metrics?from=2026-01-01&to=2026-01-02&groupBy=tag&entryPoint=room',
    'GET /api/v1/reports/metrics?from=2026-01-01&to=2026-01-02&entryPoint=lobby',
    'GET /api/v1/reports/metrics?from=2026-01-01&to=2026-01-02&tagId=vip',
    // business-hours timing: only all or business
    'GET /api/v1/reports/metrics?from=2026-01-01&to=2026-01-02&timing=office',
    // rated requests: backwards, a cursor it never gave out, too long a page
    'GET /api/v1/reports/ratings?from=2026-11-30&to=2026-11-01',
    'GET /api/v1/reports/ratings?from=2026-11-01&to=2026-11-30&before=yesterday',
    'GET /api/v1/reports/ratings?from=2026-11-01&to=2026-11-30&limit=1000',
    // downloads: the metrics table's range, the inbox list's tab and filters, a transcript's id
    'GET /api/v1/reports/metrics.csv?from=2026-11-30&to=2026-11-01&groupBy=agent',
    'GET /api/v1/reports/metrics.csv?from=2026-11-01&to=2026-11-30&groupBy=staff',
    'GET /api/v1/reports/metrics.csv?from=2026-11-01&to=2026-11-30&entryPoint=lobby',
    'GET /api/v1/reports/metrics.csv?from=2026-11-01&to=2026-11-30&timing=open',
    'GET /api/v1/reports/ratings.csv?from=2026-11-30&to=2026-11-01',
    'GET /api/v1/reports/ratings.csv?from=2026-11-01&to=2026-11-30&before=yesterday',
    'GET /api/v1/reports/ratings.csv?from=2026-11-01',
    'GET /api/v1/customers.csv?mine=maybe',
    `GET /api/v1/customers.csv?q=${'x'.repeat(101)}`,
    'GET /api/v1/conversations.csv?status=closed',
    'GET /api/v1/leads.csv?status=won',
    'GET /api/v1/work-items.csv?status=finished',
    'GET /api/v1/work-items.csv?from=yesterday',
    'GET /api/v1/work-items?unscheduled=soon',
    'GET /api/v1/leads.csv?formId=boiler',
    'GET /api/v1/conversations.csv?rated=yes',
    'GET /api/v1/conversations.csv?tag=vip',
    // the alerts list and its CSV: only open, acknowledged or all
    'GET /api/v1/alerts?status=closed',
    'GET /api/v1/alerts.csv?status=closed',
    'GET /api/v1/alerts.csv?status=',
    'GET /api/v1/conversations/not-an-id/transcript.txt',
    'GET /api/v1/stays/not-an-id/transcript.pdf',
  ])('an org admin: %s → 400 validation_failed', async (request) => {
    const [method = '', path = ''] = request.split(' ');
    const res = await clients.orgAdmin.request(method, path);
    expectStandardError(res, 400, 'validation_failed');
  });

  it.each([
    ['GET', '/api/v1/no-such-endpoint'],
    ['POST', '/api/v1/no-such-endpoint'],
    ['GET', '/api/v2/staff'],
    ['GET', `/api/v1/staff/${randomUUID()}/no-such-action`],
    ['POST', `/api/v1/staff/${randomUUID()}/promote`],
    ['GET', '/api/v1/staff/'],
  ])('%s %s → 404 not_found for everyone', async (method, path) => {
    for (const client of [new ApiClient(server.url), clients.orgAdmin, clients.superadmin]) {
      const res = await client.request(method, path);
      expectStandardError(res, 404, 'not_found');
    }
  });

  it.each([
    ['PUT', '/api/v1/staff'],
    ['DELETE', '/api/v1/organization'],
    ['PUT', '/api/v1/me'],
  ])('%s %s (a method the path does not have) → 404 or 405', async (method, path) => {
    const res = await clients.orgAdmin.request(method, path, {});
    expectStandardError(res, [404, 405], ['not_found', 'method_not_allowed']);
  });

  it('refuses a JSON body over the limit even without credentials', async () => {
    const res = await new ApiClient(server.url).request('POST', '/api/v1/auth/login', undefined, {
      raw: JSON.stringify({ email: 'a@example.test', password: 'x'.repeat(OVER_BODY_LIMIT) }),
    });
    expectStandardError(res, 413, 'payload_too_large');
  });

  it('refuses malformed JSON from an anonymous caller before anything else', async () => {
    const res = await new ApiClient(server.url).request('POST', '/api/v1/auth/login', undefined, { raw: '{"email":' });
    expectStandardError(res, 400, 'malformed_json');
  });
});

describe('framework refusals come out in the standard shape', () => {
  it.each(['/api/v1/stays/%E0%A4%A', '/api/v1/stays/%ED%A0%80', '/docs/%E0%A4%A', '/app/%E0%A4%A', '/files/%E0%A4%A'])(
    'GET %s (not valid percent-encoded UTF-8) → 400 bad_request',
    async (path) => {
      expectStandardError(await clients.orgAdmin.get(path), 400, 'bad_request');
    },
  );

  it('a path parameter over the router’s length limit → 414 uri_too_long', async () => {
    expectStandardError(await clients.orgAdmin.get(`/api/v1/stays/${'a'.repeat(500)}`), 414, 'uri_too_long');
  });

  const raw = (lines: string[], body = '') => `${lines.join('\r\n')}\r\nConnection: close\r\n\r\n${body}`;
  it.each([
    ['a request line that is not HTTP', raw(['HELLO']), 400, 'bad_request'],
    ['an unknown method', raw(['FROB /api/v1/stays HTTP/1.1', 'Host: x']), 400, 'bad_request'],
    [
      'a Content-Length that is not a number',
      raw(
        ['POST /api/v1/auth/login HTTP/1.1', 'Host: x', 'Content-Type: application/json', 'Content-Length: abc'],
        '{}',
      ),
      400,
      'bad_request',
    ],
    [
      'both Content-Length and Transfer-Encoding',
      raw(
        [
          'POST /api/v1/auth/login HTTP/1.1',
          'Host: x',
          'Content-Type: application/json',
          'Content-Length: 2',
          'Transfer-Encoding: chunked',
        ],
        '{}',
      ),
      400,
      'bad_request',
    ],
    [
      'a header name with a space',
      raw(['GET /api/v1/auth/me HTTP/1.1', 'Host: x', 'Bad Header: y']),
      400,
      'bad_request',
    ],
    [
      'headers over the size limit',
      raw(['GET /api/v1/auth/me HTTP/1.1', 'Host: x', `X-Big: ${'a'.repeat(20_000)}`]),
      431,
      'headers_too_large',
    ],
  ] as const)('%s → %i %s', async (_name, request, status, code) => {
    expectStandardError(await rawHttp(server.url, request), status, code);
  });

  it('HEAD on an unknown path → 404 with the JSON content type and no body', async () => {
    const res = await clients.orgAdmin.request('HEAD', '/api/v1/no-such-endpoint');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toBe('');
  });

  it.each(['OPTIONS', 'PROPFIND', 'PURGE'])('%s on an API path → 404 not_found', async (method) => {
    expectStandardError(await clients.orgAdmin.request(method, '/api/v1/stays'), 404, 'not_found');
  });
});

describe('text the unstorable-text check lets through', () => {
  it('keeps emoji (surrogate pairs), accents and other scripts as typed', async () => {
    const name = 'Zoë 😀 Łukasz 東京 \u200d';
    const res = await clients.orgAdmin.patch('/api/v1/me', { name });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.name).toBe(name.trim());
  });
});

interface SocketCase {
  name: string;
  side: Side;
  event: string;
  payload: unknown;
  issuePath: string;
  mentions: string;
}

/** Every text place of every event's payload, and a property name, on each socket that handles the event. */
const socketCases: SocketCase[] = socketEvents.flatMap(({ event, schema, sides }) => {
  const base = example(schema, event);
  return sides.flatMap((side) => [
    ...textPlaces(schema).flatMap((place) =>
      UNSTORABLE.map(([what, text, mentions]) => ({
        name: `${side}: ${event} with ${what} in "${place.path.join('.')}"`,
        side,
        event,
        payload: withValue(base, schema, place.path, place.holding(text)),
        issuePath: place.issueAt(text),
        mentions,
      })),
    ),
    ...UNSTORABLE.slice(0, 2).map(([what, text, mentions]) => ({
      name: `${side}: ${event} with ${what} in a property name`,
      side,
      event,
      payload: { ...(base as object), [`key${text}`]: 'value' },
      issuePath: `key${text}`,
      mentions,
    })),
    {
      name: `${side}: ${event} with a NUL as the whole payload`,
      side,
      event,
      payload: '\u0000',
      issuePath: '',
      mentions: 'NUL',
    },
  ]);
});

describe('bad input in socket events', () => {
  const sockets = {} as Record<Side, Socket>;
  beforeAll(async () => {
    const org = await makeOrg(server);
    const admin = await makeStaff(server, org, 'admin');
    const login = await new ApiClient(server.url).login(admin.email, admin.password);
    sockets.staff = await connect(server.url, { token: login.body.token });
    sockets.guest = await connect(server.url, { token: (await makeGuest(server, org)).token });
  });
  afterAll(() => {
    for (const socket of Object.values(sockets)) socket.close();
  });

  it('covers every event of the protocol', () => {
    expect(new Set(socketCases.map((c) => c.event))).toEqual(new Set(socketEvents.map((e) => e.event)));
  });

  // seq 2147483648 went to PostgreSQL's integer column and came back as internal_error (found by the fuzz test)
  const bounded = socketEvents.flatMap(({ event, schema, sides }) =>
    propertiesOf(schema).flatMap(({ path, schema: field }) => {
      const values = resolve(field).additionalProperties;
      const integer = typesOf(field).has('integer') ? resolve(field) : typeof values === 'object' ? values : undefined;
      if (!integer || !typesOf(integer).has('integer')) return [];
      return sides.map((side) => ({ side, event, path, integer, record: integer !== resolve(field) }));
    }),
  );

  it('bounds every integer of every event payload', () => {
    expect(bounded.length).toBeGreaterThan(0);
    for (const { event, path, integer } of bounded) expect(integer.maximum, `${event} ${path}`).toBeLessThan(2 ** 31);
  });

  it.each(bounded)('$side: $event with "$path" past its maximum → validation_failed', async (c) => {
    const key = randomUUID();
    const over = Math.min((c.integer.maximum ?? Number.MAX_SAFE_INTEGER) + 1, 2 ** 31);
    const schema = socketEvents.find((e) => e.event === c.event)?.schema ?? {};
    const payload = withValue(example(schema, c.event), schema, c.path, c.record ? { [key]: over } : over);
    const ack = await ask(sockets[c.side], c.event, payload);
    expect(ack, JSON.stringify(ack)).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const at = [...c.path, ...(c.record ? [key] : [])].join('.');
    expect(ack.error.details.issues.map((i: { path: string }) => i.path)).toContain(at);
  });

  it.each(socketCases)('$name → validation_failed naming the field', async (c) => {
    const ack = await ask(sockets[c.side], c.event, c.payload);
    expect(ack, JSON.stringify(ack)).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const issues = ack.error.details?.issues as { path: string; message: string }[];
    expect(issues?.map((i) => i.path)).toEqual([c.issuePath]);
    expect(ack.error.message).toContain(c.mentions);
  });
});
