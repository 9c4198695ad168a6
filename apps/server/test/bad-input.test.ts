import { randomUUID } from 'node:crypto';
import { type ErrorCode, errorCodes, errorStatus } from '@frontdesk/protocol';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse, type RequestOptions } from './client.js';
import { makeOrg, makeStaff, makeSuperadmin, signIn, type TestUser } from './factories.js';
import { startTestServer, uniqueSuffix } from './harness.js';

/**
 * Bad input never gets a 500: every endpoint answers malformed, mistyped, oversized or unknown
 * input with a 4xx and the standard `{ error: { code, message, details? } }` body. The cases are
 * generated from the OpenAPI document, so new endpoints are covered as soon as they are documented.
 */

// The cases are generated from the live OpenAPI document, which vitest needs while it collects the
// tests: the file's one server therefore starts here rather than in beforeAll.
const server = await startTestServer({ loginLimits: { perIp: 10_000, perAccount: 1_000, windowSeconds: 60 } });
afterAll(() => server.close());
const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApiDocument;

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema: JsonSchema;
}
interface OpenApiOperation {
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

type ActorName = 'superadmin' | 'orgAdmin';
const actorNames: ActorName[] = ['superadmin', 'orgAdmin'];

interface Operation {
  name: string;
  method: string;
  template: string;
  pathParams: Parameter[];
  query: Parameter[];
  body: JsonSchema | undefined;
  /** Image uploads: the raw image is the body (`image/png`, `image/jpeg`, `image/webp`). */
  upload: boolean;
  /** Platform operations are the super admin's; everything else is tried as the org admin first. */
  platform: boolean;
  /** Guest-side operations: a staff session is no guest session, so staff get 401 there. */
  guestOnly: boolean;
}

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
}

const resolve = (schema: JsonSchema): JsonSchema => {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = doc.components?.schemas?.[name];
  if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
  return resolve(target);
};

/** The JSON types a schema accepts (`integer` counts as a kind of `number`). */
function typesOf(raw: JsonSchema): Set<string> {
  const schema = resolve(raw);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return new Set(alternatives.flatMap((alt) => [...typesOf(alt)]));
  if (schema.type) return new Set([schema.type].flat());
  if (schema.enum) return new Set(schema.enum.map((v) => (v === null ? 'null' : typeof v)));
  return new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
}

const jsonType = (value: unknown) =>
  Array.isArray(value)
    ? 'array'
    : value === null
      ? 'null'
      : typeof value === 'number'
        ? Number.isInteger(value)
          ? 'integer'
          : 'number'
        : typeof value;

/** A value of a JSON type the schema does not accept. */
function wrongValue(schema: JsonSchema): unknown {
  const accepted = typesOf(schema);
  const candidates: unknown[] = [12345, 'wrong-type', true, { wrong: 'type' }, ['wrong-type']];
  const value = candidates.find((v) => {
    const type = jsonType(v);
    return !accepted.has(type) && !(type === 'integer' && accepted.has('number'));
  });
  if (value === undefined) throw new Error(`no wrong value for ${JSON.stringify(schema)}`);
  return value;
}

const fits = (schema: JsonSchema, value: string) =>
  value.length >= (schema.minLength ?? 0) &&
  value.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY) &&
  (!schema.pattern || new RegExp(schema.pattern).test(value));

/** A minimal valid value: required properties only, so a case can break exactly one thing. */
function example(raw: JsonSchema, where: string): unknown {
  const schema = resolve(raw);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const first = alternatives.find((alt) => !typesOf(alt).has('null')) ?? alternatives[0];
    if (!first) throw new Error(`empty anyOf at ${where}`);
    return example(first, where);
  }
  if (schema.enum) return schema.enum[0];
  const type = [...typesOf(schema)][0];
  switch (type) {
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((key) => [key, example(schema.properties?.[key] ?? {}, `${where}.${key}`)]),
      );
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () => example(schema.items ?? {}, where));
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum === undefined ? 1 : schema.exclusiveMinimum + 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default: {
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'email') return `bad-input-${uniqueSuffix()}@example.test`;
      if (schema.format === 'uri') return 'https://example.test/logo.png';
      const candidates = [
        `v${uniqueSuffix()}x`,
        new Date(Date.now() + 86_400_000).toISOString(),
        '101',
        '+48 600 100 200',
        'UTC',
      ];
      const value = candidates.find((c) => fits(schema, c));
      if (value === undefined) throw new Error(`no example string for ${where}: ${JSON.stringify(schema)}`);
      return value;
    }
  }
}

/** Every declared body property, nested ones too, with its dotted path. */
function propertiesOf(raw: JsonSchema, prefix: string[] = []): { path: string[]; schema: JsonSchema }[] {
  const schema = resolve(raw);
  return Object.entries(schema.properties ?? {}).flatMap(([key, child]) => {
    const path = [...prefix, key];
    const resolved = resolve(child);
    return [{ path, schema: child }, ...(resolved.properties ? propertiesOf(resolved, path) : [])];
  });
}

/** A copy of `base` with `value` at `path`, creating (minimal valid) parent objects on the way. */
function withValue(base: unknown, root: JsonSchema, path: string[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let node = copy;
  let schema = resolve(root);
  for (const key of path.slice(0, -1)) {
    schema = resolve(schema.properties?.[key] ?? {});
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = example(schema, key);
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1) as string] = value;
  return copy;
}

const isUuid = (p: Parameter) => resolve(p.schema).format === 'uuid';

const operations: Operation[] = Object.entries(doc.paths).flatMap(([template, item]) =>
  Object.entries(item)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]) => ({
      name: `${method.toUpperCase()} ${template}`,
      method: method.toUpperCase(),
      template,
      pathParams: (op.parameters ?? []).filter((p) => p.in === 'path'),
      query: (op.parameters ?? []).filter((p) => p.in === 'query'),
      body: op.requestBody?.content['application/json']?.schema,
      upload: Boolean(op.requestBody?.content['image/png']),
      platform: op.tags?.includes('platform') ?? false,
      guestOnly: (op.security ?? []).some((scheme) => 'guestCookie' in scheme),
    })),
);

/** The operation's path with the given values, and valid (unknown) ones for the other parameters. */
function pathOf(op: Operation, values: Record<string, string> = {}): string {
  let path = op.template;
  for (const param of op.pathParams) {
    const value = values[param.name] ?? String(example(param.schema, param.name));
    path = path.replace(`{${param.name}}`, encodeURIComponent(value));
  }
  return path;
}

/** The actor whose refusal would not be about authorization: the super admin for platform endpoints. */
const naturalActor = (op: Operation): ActorName => (op.platform ? 'superadmin' : 'orgAdmin');
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

function queryCases(op: Operation): Case[] {
  return actorNames.flatMap((actor) =>
    op.query.flatMap((param) =>
      invalidQueryValues(param.schema).map((value) => ({
        name: `${actor}: ?${param.name}=${value.length > 20 ? `${value.slice(0, 10)}…(${value.length} chars)` : value}`,
        actor,
        method: op.method,
        path: `${pathOf(op)}?${new URLSearchParams({ [param.name]: value })}`,
        status: 400,
        code: 'validation_failed' as const,
        issuesAt: { in: 'querystring', path: param.name },
      })),
    ),
  );
}

const casesByOperation = operations
  .map((op) => ({
    name: op.name,
    op,
    cases: [
      ...(op.body ? bodyCases(op, op.body) : []),
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
  for (const name of actorNames) clients[name] = await signIn(server, accounts[name]);
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
  it.each(['GET /api/v1/audit-log?limit=-1', 'GET /api/v1/audit-log?limit=0', 'GET /api/v1/audit-log?before=-5'])(
    'an org admin: %s → 400 validation_failed',
    async (request) => {
      const [method = '', path = ''] = request.split(' ');
      const res = await clients.orgAdmin.request(method, path);
      expectStandardError(res, 400, 'validation_failed');
    },
  );

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
