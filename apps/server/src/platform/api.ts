import { type ApiKeyScope, ErrorBody } from '@frontdesk/protocol';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

/** The Fastify instance routes are declared on: zod schemas in, typed handlers out. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The error responses a route documents in OpenAPI beside its success. */
export function errors(...statuses: (400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429)[]) {
  return Object.fromEntries(statuses.map((status) => [status, ErrorBody])) as Record<number, typeof ErrorBody>;
}

export const staffSecurity: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { cookieAuth: [] }];

/** A route staff use and API keys with `scope` too: the scope is listed in OpenAPI (README "API keys"). */
export const staffOrKeySecurity = (scope: ApiKeyScope): { [scheme: string]: string[] }[] => [
  ...staffSecurity,
  { apiKeyAuth: [scope] },
];
