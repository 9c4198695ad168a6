import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import type { Database } from './db/connection.js';
import { resolveApiKey } from './modules/api-keys/index.js';
import { resolveSession } from './modules/auth/index.js';
import { contactLanguages, resolveGuestSession, resolveGuestSessions } from './modules/guest/index.js';
import { modules } from './modules/index.js';
import type { Api } from './platform/api.js';
import { installAuth } from './platform/auth.js';
import type { AppContext } from './platform/context.js';
import {
  clientErrorHandler,
  frameworkErrors,
  installErrorHandling,
  refuseLongPathSegments,
} from './platform/errors.js';
import { EventBus } from './platform/events.js';
import { diskStorage } from './platform/file-storage.js';
import { type NodeLifecycle, registerHealthRoutes } from './platform/health.js';
import { installIdempotency } from './platform/idempotency.js';
import { installMetrics, NodeMetrics } from './platform/metrics.js';
import { bindEventBus } from './platform/outbox/record.js';
import { registerOutboxRoutes } from './platform/outbox/routes.js';
import { limiterFactory } from './platform/rate-limit.js';
import { connectAdapterClients } from './platform/redis.js';
import { echoRequestId, requestIdOf } from './platform/request-id.js';
import { s3Storage } from './platform/s3-storage.js';
import { installSecurityHeaders } from './platform/security-headers.js';
import { refusingUnsafeText } from './platform/unsafe-text.js';
import { registerWebApp } from './platform/web.js';
import { Gateway } from './realtime/gateway.js';

export interface AppDeps {
  config: Config;
  database: Database;
  redis?: Redis;
  /** Pino options or `false`; tests pass their own. */
  logger?: boolean | object;
}

export const API_VERSION = '0.1.0';

/** Builds the HTTP application (not listening yet): every route, hook and plugin of a node. */
export async function buildApp(
  deps: AppDeps,
): Promise<{ app: FastifyInstance; ctx: AppContext; gateway: Gateway; lifecycle: NodeLifecycle }> {
  const { config, database } = deps;
  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy,
    genReqId: requestIdOf,
    bodyLimit: config.bodyLimitBytes,
    frameworkErrors,
    clientErrorHandler,
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
  });
  app.setValidatorCompiler(refusingUnsafeText(validatorCompiler));
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only; anything else is refused with 415 rather than half-understood.
  app.removeContentTypeParser('text/plain');
  installErrorHandling(app);
  echoRequestId(app);
  refuseLongPathSegments(app);
  await installSecurityHeaders(app, config);

  const limiter = limiterFactory(deps.redis, config.redisPrefix);
  const metrics = new NodeMetrics({ database: database.kind, redis: Boolean(deps.redis), version: API_VERSION });
  if (database.pool) metrics.watchPool(database.pool);
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    log: app.log,
    events: new EventBus(),
    metrics,
    files: config.fileStorage.driver === 's3' ? s3Storage(config.fileStorage.s3) : diskStorage(config.filesDir),
    availability: { available: async () => new Set(), present: async () => new Set() },
    sessions: {
      staff: resolveSession,
      guest: (db, token) => resolveGuestSession(db, token),
      guests: (db, tokens) => resolveGuestSessions(db, tokens),
      apiKey: resolveApiKey,
      contactLanguages,
    },
    limits: {
      login: {
        perIp: limiter('login-ip', config.loginLimits.perIp, config.loginLimits.windowSeconds),
        perAccountAndIp: limiter('login-account-ip', config.loginLimits.perAccount, config.loginLimits.windowSeconds),
        perAccount: limiter(
          'login-account',
          config.loginLimits.perAccountAllAddresses,
          config.loginLimits.windowSeconds,
        ),
      },
      guest: {
        codePerIp: limiter('guest-code-ip', config.guestLimits.codePerIp, config.guestLimits.codeWindowSeconds),
        codeFailuresPerOrg: limiter(
          'guest-code-org',
          config.guestLimits.codeFailuresPerOrg,
          config.guestLimits.codeWindowSeconds,
        ),
        codeAlertPerOrg: limiter('guest-code-org-alert', 1, config.guestLimits.codeWindowSeconds),
        visitorPerIp: limiter('visitor-ip', config.guestLimits.visitorPerIp, config.guestLimits.visitorWindowSeconds),
        labelAnswersPerLabel: limiter(
          'label-answer',
          config.guestLimits.labelAnswersPerLabel,
          config.guestLimits.labelAnswerWindowSeconds,
        ),
        labelAnswersPerIp: limiter(
          'label-answer-ip',
          config.guestLimits.labelAnswersPerIp,
          config.guestLimits.labelAnswerWindowSeconds,
        ),
        labelCodesPerLabel: limiter(
          'label-code',
          config.guestLimits.labelCodesPerLabel,
          config.guestLimits.labelCodeWindowSeconds,
        ),
        labelCodesPerIp: limiter(
          'label-code-ip',
          config.guestLimits.labelCodesPerIp,
          config.guestLimits.labelCodeWindowSeconds,
        ),
        quickActionsPerGuest: limiter(
          'quick-action-guest',
          config.quickActionLimits.perGuest,
          config.quickActionLimits.windowSeconds,
        ),
      },
      apiKeys: { requestsPerKey: limiter('api-key', config.apiKeyRequestsPerMinute, 60) },
      // a browser subscribes once per device and permission: 20 changes an hour is plenty for a person
      push: { changesPerOwner: limiter('push-subscriptions', 20, 3600) },
      attachments: {
        uploadsPerSender: limiter(
          'attachment-uploads',
          config.attachments.uploadsPerSender,
          config.attachments.uploadWindowSeconds,
        ),
      },
    },
  };

  // committed events of this database reach this node's listeners (the gateway) at once
  bindEventBus(database.db, ctx.events);
  ctx.events.tap('message.created', (event) => metrics.messageSent(event.data.sender.type));
  ctx.events.onError((_err, type) => metrics.listenerErrors.inc({ event: type }));

  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Frontdesk API',
        version: API_VERSION,
        description:
          'Guest and customer messaging. REST under /api/v1. Every POST accepts an `Idempotency-Key` header (1–255 visible ASCII characters): a retry with the same key and request gets the first answer again, marked `Idempotent-Replayed: true`, for 24 hours; the same key with another request is refused with 422 idempotency_key_reused, and while the first still runs with 409 idempotency_key_in_flight.',
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'The token returned by POST /api/v1/auth/login' },
          cookieAuth: { type: 'apiKey', in: 'cookie', name: 'fd_session' },
          guestCookie: { type: 'apiKey', in: 'cookie', name: 'fd_guest' },
          apiKeyAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API key (fdk_…) an admin created; each route lists the scope it needs',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  installAuth(app, ctx);
  installIdempotency(app, ctx);
  installMetrics(app, metrics);
  const redisClients = deps.redis ? await connectAdapterClients(deps.redis, app.log) : undefined;
  const lifecycle: NodeLifecycle = { draining: false };
  registerHealthRoutes(app, ctx, redisClients, lifecycle);

  const api = app.withTypeProvider() as unknown as Api;
  for (const domain of modules) await domain.routes?.(api, ctx);
  registerOutboxRoutes(api, ctx);
  await registerWebApp(app);

  const senderLimiter = limiter('chat-sender', config.chatLimits.perSender, config.chatLimits.perSenderWindowSeconds);
  const gateway = new Gateway(ctx, app, limiter, senderLimiter, redisClients, modules);
  for (const domain of modules) if (domain.reactions) ctx.events.listen(domain.reactions(ctx));
  app.addHook('preClose', async () => gateway.close());
  app.addHook('onClose', async () => {
    redisClients?.pub.disconnect();
    redisClients?.sub.disconnect();
  });
  return { app, ctx, gateway, lifecycle };
}
