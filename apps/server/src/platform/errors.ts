import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { type ErrorBody, type ErrorCode, errorStatus } from '@frontdesk/protocol';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

/** A refusal the client can act on: a stable code, a human message, optional details. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

/**
 * The refusals any route or socket event may answer with, raised by the platform (validation,
 * authentication, CSRF, limits, framework errors) or by any module (not found, forbidden …). Every
 * other code belongs to the modules that declare it in their manifest (modules.test.ts checks it).
 */
export const platformErrorCodes = [
  'validation_failed',
  'malformed_json',
  'bad_request',
  'unauthenticated',
  'session_expired',
  // a guest's session whose stay is over, refused like an expired staff session
  'stay_ended',
  // an API key that is unknown or revoked, or lacks the scope a route declares (platform/auth.ts)
  'api_key_invalid',
  'api_key_scope_missing',
  // a POST's Idempotency-Key used with another request, or whose first request still runs (platform/idempotency.ts)
  'idempotency_key_reused',
  'idempotency_key_in_flight',
  'forbidden',
  'csrf_failed',
  'not_found',
  'method_not_allowed',
  'request_timeout',
  'conflict',
  'payload_too_large',
  'uri_too_long',
  'unsupported_media_type',
  'rate_limited',
  'headers_too_large',
  'internal_error',
  'unavailable',
] as const satisfies readonly ErrorCode[];

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message);

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

const fastifyCodes: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['malformed_json', 'The request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['malformed_json', 'The request body is empty but declared as JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', 'The request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'Send the request body as application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad_request', 'The Content-Length header does not match the body'],
};

/** One error shape everywhere: `{ error: { code, message, details? } }` with the matching status. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      const retryAfter = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (err.code === 'rate_limited' && retryAfter) reply.header('retry-after', String(retryAfter));
      return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        in: err.validationContext,
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: v.message,
        // the kind of problem and its bound, so a client can say it in the user's language
        code: v.keyword,
        ...issueBounds(v.params),
      }));
      const first = issues[0];
      const message = first
        ? `Invalid ${first.in}${first.path ? ` field "${first.path}"` : ''}: ${first.message}`
        : 'Invalid request';
      return reply.status(400).send(errorBody('validation_failed', message, { issues }));
    }
    const known = err.code ? fastifyCodes[err.code] : undefined;
    if (known) {
      const [code, message] = known;
      return reply.status(errorStatus[code]).send(errorBody(code, message));
    }
    if (err instanceof SyntaxError) {
      return reply.status(400).send(errorBody('malformed_json', 'The request body is not valid JSON'));
    }
    if (isUniqueViolation(err)) {
      return reply.status(409).send(errorBody('conflict', 'This conflicts with an existing record'));
    }
    if (!isResponseSerializationError(err) && err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(errorBody('bad_request', err.message));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('internal_error', 'Something went wrong on our side'));
  });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send(errorBody('not_found', `No route for ${req.method} ${req.url.split('?')[0]}`));
  });
}

/** What a client needs to word an issue itself: the bound of a too_small / too_big, what it applies to, the format. */
function issueBounds(params: Record<string, unknown>) {
  const facts: { minimum?: number; maximum?: number; origin?: string; format?: string } = {};
  if (typeof params.minimum === 'number') facts.minimum = params.minimum;
  if (typeof params.maximum === 'number') facts.maximum = params.maximum;
  if (typeof params.origin === 'string') facts.origin = params.origin;
  if (typeof params.format === 'string') facts.format = params.format;
  return facts;
}

/**
 * Fastify's `frameworkErrors` option: what the router refuses before any route or hook runs — a
 * path that is not valid percent-encoding (FST_ERR_BAD_URL), a path parameter over the length
 * limit — answered in our shape instead of Fastify's own.
 */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const [code, message]: [ErrorCode, string] =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? ['uri_too_long', 'A part of the address is too long']
      : err.code === 'FST_ERR_BAD_URL'
        ? ['bad_request', 'The address is not valid percent-encoded UTF-8']
        : ['bad_request', 'The request could not be routed'];
  reply.status(errorStatus[code]).send(errorBody(code, message));
}

/** The router's limit on one path parameter (Fastify's `maxParamLength` default). */
export const MAX_PATH_SEGMENT = 100;

/**
 * Refuses any path segment over the router's parameter limit with 414, whatever route matched.
 * The router says so itself only when nothing else matches: once the built web app is served, its
 * wildcard route catches `/api/v1/rooms/<200 characters>` and the answer would become a 404 — the
 * same request answered differently depending on whether the web app was built.
 */
export function refuseLongPathSegments(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?', 1)[0] ?? '';
    if (path.split('/').some((segment) => segment.length > MAX_PATH_SEGMENT))
      throw new AppError('uri_too_long', 'A part of the address is too long');
  });
}

/**
 * Fastify's `clientErrorHandler` option: requests Node's HTTP parser refuses (a malformed request
 * line or header, a bad Content-Length or chunk, headers over the size limit, a client too slow)
 * never reach Fastify, so the answer is written to the socket here, in our shape.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [code, message]: [ErrorCode, string] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? ['request_timeout', 'The request took too long to arrive']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? ['headers_too_large', 'The request headers (or the address) are too large']
        : ['bad_request', 'The request is not valid HTTP'];
  const status = errorStatus[code];
  const body = JSON.stringify(errorBody(code, message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | undefined;
  return e?.code === '23505' || e?.cause?.code === '23505';
}
