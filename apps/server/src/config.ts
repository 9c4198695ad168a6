import { createECDH, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

const positiveInt = z.coerce.number().int().positive();

/** EMBEDDED_DB_CACHE_MB's default: the embedded database's buffer cache (db/connection.ts says why so small). */
export const DEFAULT_EMBEDDED_CACHE_MB = 16;

/** A comma-separated list of web origins (`https://www.hotel.example`), as CSP's frame-ancestors takes them. */
const originList = z.string().transform((value, ctx) => {
  const origins = value
    .split(',')
    .map((item) => item.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  for (const origin of origins) {
    const url = URL.canParse(origin) ? new URL(origin) : undefined;
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin) {
      ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin like https://www.hotel.example` });
    }
  }
  return origins;
});
/** Socket events limited together, each with its own budget (realtime/event-limits.ts has the defaults). */
export const chatEventGroups = ['sync', 'typing', 'receipts', 'actions', 'rate', 'presence', 'reactions'] as const;
export type ChatEventGroup = (typeof chatEventGroups)[number];
export interface ChatEventBudget {
  perSocket: number;
  perSocketWindowSeconds: number;
  perSender: number;
  perSenderWindowSeconds: number;
}
const budget = z.strictObject({
  perSocket: z.number().int().positive(),
  perSocketWindowSeconds: z.number().int().positive(),
  perSender: z.number().int().positive(),
  perSenderWindowSeconds: z.number().int().positive(),
});
/** `CHAT_EVENT_LIMITS`: JSON overriding some of the budgets, e.g. `{"sync":{"perSocket":20}}`. */
const chatEventLimits = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"sync":{"perSocket":20}}' });
      return z.NEVER;
    }
  })
  .pipe(z.partialRecord(z.enum(chatEventGroups), budget.partial()));

/** Every setting Frontdesk reads from the environment, with its default. See README "Configuration". */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_PREFIX: z.string().default('frontdesk:'),
  DATA_DIR: z.string().default('./data'),
  EMBEDDED_DB_CACHE_MB: z.coerce
    .number()
    .int()
    .min(1, 'EMBEDDED_DB_CACHE_MB must be at least 1')
    .max(1024, 'EMBEDDED_DB_CACHE_MB must be at most 1024')
    .default(DEFAULT_EMBEDDED_CACHE_MB),
  EMBEDDED_MAINTENANCE_SECONDS: z.coerce
    .number()
    .int()
    .min(0, 'EMBEDDED_MAINTENANCE_SECONDS must be 0 (off) or more')
    .max(86_400, 'EMBEDDED_MAINTENANCE_SECONDS must be at most 86400 (a day)')
    .default(60),
  FILES_DIR: z.string().optional(),
  FILES_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024, 'FILES_MAX_BYTES must be at least 1024')
    .max(50 * 1024 * 1024, 'FILES_MAX_BYTES must be at most 52428800 (50 MiB)')
    .default(5 * 1024 * 1024),
  FILE_STORAGE: z.enum(['disk', 's3']).default('disk'),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: flag.default(false),
  S3_KEY_PREFIX: z
    .string()
    .regex(/^[\w./-]*$/, 'S3_KEY_PREFIX: letters, digits, _ . / - only')
    .default(''),
  ATTACHMENTS_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024, 'ATTACHMENTS_MAX_BYTES must be at least 1024')
    .max(200 * 1024 * 1024, 'ATTACHMENTS_MAX_BYTES must be at most 209715200 (200 MiB)')
    .default(20 * 1024 * 1024),
  ATTACHMENTS_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(50 * 1024 * 1024),
  ATTACHMENTS_MAX_PER_MESSAGE: z.coerce.number().int().min(1).max(20).default(5),
  ATTACHMENTS_UPLOADS_PER_SENDER: positiveInt.default(30),
  ATTACHMENTS_UPLOAD_WINDOW_SECONDS: positiveInt.default(10 * 60),
  ATTACHMENTS_UNSENT_HOURS: positiveInt.default(24),
  PRIVACY_EXPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024, 'PRIVACY_EXPORT_MAX_BYTES must be at least 1024')
    .default(500 * 1024 * 1024),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  SESSION_TTL_HOURS: positiveInt.default(24 * 7),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: flag.default(false),
  FRONTDESK_DEMO: flag.default(true),
  FRONTDESK_ADMIN_EMAIL: z.email().optional(),
  FRONTDESK_ADMIN_PASSWORD: z.string().min(10).optional(),
  LOGIN_MAX_PER_IP: positiveInt.default(30),
  LOGIN_MAX_PER_ACCOUNT: positiveInt.default(10),
  LOGIN_MAX_PER_ACCOUNT_ALL_ADDRESSES: positiveInt.default(500),
  LOGIN_WINDOW_SECONDS: positiveInt.default(15 * 60),
  BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024),
  GUEST_CODE_MAX_PER_IP: positiveInt.default(20),
  GUEST_CODE_FAILURES_ALERT_PER_ORG: positiveInt.default(300),
  GUEST_CODE_WINDOW_SECONDS: positiveInt.default(10 * 60),
  VISITOR_MAX_PER_IP: positiveInt.default(10),
  VISITOR_WINDOW_SECONDS: positiveInt.default(60 * 60),
  LABEL_ANSWER_MAX_PER_LABEL: positiveInt.default(5),
  LABEL_ANSWER_MAX_PER_IP: positiveInt.default(20),
  LABEL_ANSWER_WINDOW_SECONDS: positiveInt.default(15 * 60),
  LABEL_CODE_MAX_PER_LABEL: positiveInt.default(3),
  LABEL_CODE_MAX_PER_IP: positiveInt.default(10),
  LABEL_CODE_WINDOW_SECONDS: positiveInt.default(15 * 60),
  QUICK_ACTION_MAX_PER_GUEST: positiveInt.default(30),
  QUICK_ACTION_WINDOW_SECONDS: positiveInt.default(10 * 60),
  CHAT_SEND_MAX_PER_SOCKET: positiveInt.default(20),
  CHAT_SEND_SOCKET_WINDOW_SECONDS: positiveInt.default(10),
  CHAT_SEND_MAX_PER_SENDER: positiveInt.default(60),
  CHAT_SEND_SENDER_WINDOW_SECONDS: positiveInt.default(60),
  CHAT_EVENT_LIMITS: chatEventLimits.optional(),
  PRESENCE_AWAY_AFTER_SECONDS: positiveInt.default(5 * 60),
  STAFF_OFFLINE_HANDOVER_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(15),
  GUEST_EMBED_ORIGINS: originList.default([]),
  EVENTS_MAX_ATTEMPTS: positiveInt.default(10),
  EVENTS_RETRY_BASE_SECONDS: z.coerce.number().positive().default(5),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_SECURE: flag.optional(),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  MAIL_FROM: z.string().optional(),
  MAIL_MAX_ATTEMPTS: positiveInt.default(6),
  MAIL_RETRY_BASE_SECONDS: z.coerce.number().positive().default(30),
  MAIL_MESSAGE_DELAY_MINUTES: z.coerce
    .number()
    .min(0)
    .max(24 * 60)
    .default(5),
  WEBHOOK_ALLOW_PRIVATE: flag.default(false),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().positive().max(60).default(10),
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().positive().default(30),
  WEBHOOK_RETRY_HOURS: z.coerce.number().positive().max(72).default(24),
  WEBHOOK_MAX_ATTEMPTS: positiveInt.max(100).default(40),
  WEBHOOK_DISABLE_AFTER_GIVE_UPS: positiveInt.max(1000).default(3),
  WEBHOOK_KEEP_DAYS: positiveInt.max(365).default(30),
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, 'VAPID_PUBLIC_KEY: an uncompressed P-256 public key in base64url (87 characters)')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'VAPID_PRIVATE_KEY: a P-256 private key in base64url (43 characters)')
    .optional(),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:.+@.+|https:\/\/.+)$/, 'VAPID_SUBJECT: a mailto: address or an https:// URL')
    .optional(),
  PUSH_ALLOW_PRIVATE: flag.default(false),
  PUSH_TIMEOUT_SECONDS: z.coerce.number().positive().max(60).default(10),
  SSO_ALLOW_PRIVATE_ISSUER: flag.default(false),
  SSO_DISCOVERY_CACHE_SECONDS: z.coerce
    .number()
    .min(0)
    .max(24 * 3600)
    .default(600),
  API_KEY_REQUESTS_PER_MINUTE: positiveInt.max(100_000).default(600),
  TRANSLATION_PROVIDER: z.enum(['none', 'deepl', 'google', 'libretranslate']).default('none'),
  TRANSLATION_URL: z.url({ protocol: /^https?$/ }).optional(),
  TRANSLATION_API_KEY: z.string().optional(),
  TRANSLATION_TIMEOUT_SECONDS: z.coerce.number().positive().max(60).default(8),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000, 'SHUTDOWN_TIMEOUT_MS must be at least 1000')
    .max(10 * 60_000, 'SHUTDOWN_TIMEOUT_MS must be at most 600000 (10 minutes)')
    .default(25_000),
});

export type Env = z.input<typeof EnvSchema>;
/** The name of every setting above, for the checks of the deployment files under deploy/. */
export const settingNames: readonly string[] = Object.keys(EnvSchema.shape);

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  redisPrefix: string;
  dataDir: string;
  /** The embedded database's buffer cache in MB (PostgreSQL's shared_buffers inside PGlite). */
  embeddedCacheMb: number;
  /** How often the embedded database's grown tables are vacuumed and analysed, in seconds; 0 never. */
  embeddedMaintenanceSeconds: number;
  /** Uploaded images (logos, staff photos) on local disk. */
  filesDir: string;
  /** The largest image upload accepted, before re-encoding. */
  filesMaxBytes: number;
  /** Where uploaded files' bytes live: the local disk (filesDir) or an S3-compatible bucket. */
  fileStorage: { driver: 'disk' } | { driver: 's3'; s3: S3Settings };
  /** Files sent with messages: per file, per message (count and bytes), uploads per sender, unsent uploads kept. */
  attachments: {
    maxBytes: number;
    maxMessageBytes: number;
    maxPerMessage: number;
    uploadsPerSender: number;
    uploadWindowSeconds: number;
    unsentHours: number;
  };
  sessionSecret: string;
  sessionTtlSeconds: number;
  logLevel: string;
  trustProxy: boolean;
  demo: boolean;
  superadmin: { email: string; password: string } | undefined;
  loginLimits: {
    perIp: number;
    /** Failed sign-ins to one account from one address; the attacker's address is slowed, not the account. */
    perAccount: number;
    /** Failed sign-ins to one account from all addresses; past it, only addresses it signed in from before may try. */
    perAccountAllAddresses: number;
    windowSeconds: number;
  };
  guestLimits: {
    codePerIp: number;
    /** Wrong codes per organization per window before a warning is logged (a signal, never a lock). */
    codeFailuresPerOrg: number;
    codeWindowSeconds: number;
    visitorPerIp: number;
    visitorWindowSeconds: number;
    /** Wrong answers at one QR label (any address), and from one address (any label), per window. */
    labelAnswersPerLabel: number;
    labelAnswersPerIp: number;
    labelAnswerWindowSeconds: number;
    /** One-time codes e-mailed at one QR label (any address), and from one address (any label), per window. */
    labelCodesPerLabel: number;
    labelCodesPerIp: number;
    labelCodeWindowSeconds: number;
  };
  /** A guest's quick-action taps per window. */
  quickActionLimits: { perGuest: number; windowSeconds: number };
  chatLimits: ChatEventBudget;
  /** Budgets of the other socket events that differ from the defaults. */
  chatEventLimits: Partial<Record<ChatEventGroup, Partial<ChatEventBudget>>>;
  awayAfterSeconds: number;
  /** A staff member gone (no connection) this long has their open requests handed back to their teams; 0: never. */
  offlineHandoverMinutes: number;
  bodyLimitBytes: number;
  /** The most bytes of files a person's data export (zip) may carry (README "Privacy (GDPR) operations"). */
  privacyExportMaxBytes: number;
  /** Sites that may show the guest chat (/g/…) in a frame; every other page refuses to be framed. */
  guestEmbedOrigins: string[];
  /** Durable event consumers and jobs: tries of one event before it is parked, first retry delay (doubling). */
  events: { maxAttempts: number; retryBaseMs: number };
  mail: MailConfig;
  webhooks: WebhookConfig;
  push: PushConfig;
  /** Single sign-on (README "Single sign-on"). */
  sso: {
    /** Whether an issuer may be on loopback, private, link-local or unique-local addresses (SSRF guard off). */
    allowPrivateIssuer: boolean;
    /** How long a provider's discovery document is kept in memory; 0: fetched at every sign-in step. */
    discoveryCacheMs: number;
  };
  /** Requests one API key may make per minute (README "API keys"). */
  apiKeyRequestsPerMinute: number;
  /** How long a draining node (SIGTERM) may take before it exits anyway (README "Graceful drain"). */
  shutdownTimeoutMs: number;
  /** Machine translation of messages between a guest and the desk (README "Translation"); undefined: off. */
  translation: TranslationConfig | undefined;
}

/** The translation provider (README "Translation"). */
export interface TranslationConfig {
  provider: 'deepl' | 'google' | 'libretranslate';
  /** The provider's base URL (DeepL Free or Pro, Google, a self-hosted LibreTranslate). */
  url: string;
  apiKey: string | undefined;
  timeoutMs: number;
}

/** Where each provider answers when TRANSLATION_URL does not say (LibreTranslate has no default: it is self-hosted). */
const translationUrls = {
  deepl: (key: string | undefined) => (key?.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com'),
  google: () => 'https://translation.googleapis.com',
} as const;

/** Outgoing webhooks (README "Webhooks"). */
export interface WebhookConfig {
  /** Whether endpoints may be on loopback, private, link-local or unique-local addresses (SSRF guard off). */
  allowPrivate: boolean;
  timeoutMs: number;
  /** The first retry waits this long, then doubling up to an hour, for at most `retryWindowMs` or `maxAttempts`. */
  retryBaseMs: number;
  retryWindowMs: number;
  maxAttempts: number;
  /** An endpoint whose deliveries were given up this many times in a row is switched off and its admins told. */
  disableAfterGiveUps: number;
  /** Finished deliveries are deleted after this long. */
  keepMs: number;
}

/** Web push (README "Push notifications"). */
export interface PushConfig {
  /**
   * The VAPID key pair (base64url) the server signs its pushes with; browsers subscribe with the
   * public one. Without VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY the push module generates a pair on first
   * use and keeps it in DATA_DIR (`vapid-keys`), as the session secret is kept.
   */
  vapid: { keys: { publicKey: string; privateKey: string } | undefined; subject: string };
  /** Whether push endpoints may be plain http or on private addresses (a local push service in tests). */
  allowPrivate: boolean;
  timeoutMs: number;
}

/** Outgoing e-mail. Without `smtp` every e-mail is kept (stored, logged and listed), never sent. */
export interface MailConfig {
  smtp: { url: string } | { host: string; port: number; secure: boolean; user?: string; password?: string } | undefined;
  /** The From header, e.g. `Frontdesk <desk@hotel.example>`. */
  from: string;
  /** Tries of one e-mail before it is shown as failed; the first retry waits `retryBaseMs`, then doubles. */
  maxAttempts: number;
  retryBaseMs: number;
  /** How long after the first unseen message its reader has before one e-mail sums the burst up. */
  messageDelayMs: number;
}

export interface S3Settings {
  endpoint: string | undefined;
  bucket: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  forcePathStyle: boolean;
  keyPrefix: string;
}

export class ConfigError extends Error {}

/** Reads and validates the environment once; throws a ConfigError listing every bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.FRONTDESK_ADMIN_EMAIL === undefined) !== (e.FRONTDESK_ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('Invalid configuration:\n  FRONTDESK_ADMIN_EMAIL and FRONTDESK_ADMIN_PASSWORD go together');
  }
  if (e.FILE_STORAGE === 's3' && !e.S3_BUCKET) {
    throw new ConfigError('Invalid configuration:\n  S3_BUCKET is required when FILE_STORAGE=s3');
  }
  if ((e.S3_ACCESS_KEY_ID === undefined) !== (e.S3_SECRET_ACCESS_KEY === undefined)) {
    throw new ConfigError('Invalid configuration:\n  S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
  }
  if ((e.VAPID_PUBLIC_KEY === undefined) !== (e.VAPID_PRIVATE_KEY === undefined)) {
    throw new ConfigError('Invalid configuration:\n  VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together');
  }
  if (e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY && !vapidPairMatches(e.VAPID_PUBLIC_KEY, e.VAPID_PRIVATE_KEY)) {
    throw new ConfigError('Invalid configuration:\n  VAPID_PUBLIC_KEY is not the public key of VAPID_PRIVATE_KEY');
  }
  if (e.SMTP_URL && e.SMTP_HOST)
    throw new ConfigError('Invalid configuration:\n  SMTP_URL and SMTP_HOST: set one, not both');
  if ((e.SMTP_USER === undefined) !== (e.SMTP_PASSWORD === undefined) && !e.SMTP_URL) {
    throw new ConfigError('Invalid configuration:\n  SMTP_USER and SMTP_PASSWORD go together');
  }
  const translation = translationConfig(e);
  const dataDir = resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    dataDir,
    embeddedCacheMb: e.EMBEDDED_DB_CACHE_MB,
    embeddedMaintenanceSeconds: e.EMBEDDED_MAINTENANCE_SECONDS,
    filesDir: e.FILES_DIR ? resolve(e.FILES_DIR) : join(dataDir, 'files'),
    filesMaxBytes: e.FILES_MAX_BYTES,
    fileStorage:
      e.FILE_STORAGE === 's3' && e.S3_BUCKET
        ? {
            driver: 's3',
            s3: {
              endpoint: e.S3_ENDPOINT,
              bucket: e.S3_BUCKET,
              region: e.S3_REGION,
              credentials:
                e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
                  ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
                  : undefined,
              forcePathStyle: e.S3_FORCE_PATH_STYLE,
              keyPrefix: e.S3_KEY_PREFIX,
            },
          }
        : { driver: 'disk' },
    attachments: {
      maxBytes: e.ATTACHMENTS_MAX_BYTES,
      maxMessageBytes: e.ATTACHMENTS_MAX_MESSAGE_BYTES,
      maxPerMessage: e.ATTACHMENTS_MAX_PER_MESSAGE,
      uploadsPerSender: e.ATTACHMENTS_UPLOADS_PER_SENDER,
      uploadWindowSeconds: e.ATTACHMENTS_UPLOAD_WINDOW_SECONDS,
      unsentHours: e.ATTACHMENTS_UNSENT_HOURS,
    },
    sessionSecret: e.SESSION_SECRET ?? loadOrCreateSecret(dataDir),
    sessionTtlSeconds: e.SESSION_TTL_HOURS * 3600,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    demo: e.FRONTDESK_DEMO,
    superadmin:
      e.FRONTDESK_ADMIN_EMAIL && e.FRONTDESK_ADMIN_PASSWORD
        ? { email: e.FRONTDESK_ADMIN_EMAIL.toLowerCase(), password: e.FRONTDESK_ADMIN_PASSWORD }
        : undefined,
    loginLimits: {
      perIp: e.LOGIN_MAX_PER_IP,
      perAccount: e.LOGIN_MAX_PER_ACCOUNT,
      perAccountAllAddresses: e.LOGIN_MAX_PER_ACCOUNT_ALL_ADDRESSES,
      windowSeconds: e.LOGIN_WINDOW_SECONDS,
    },
    guestLimits: {
      codePerIp: e.GUEST_CODE_MAX_PER_IP,
      codeFailuresPerOrg: e.GUEST_CODE_FAILURES_ALERT_PER_ORG,
      codeWindowSeconds: e.GUEST_CODE_WINDOW_SECONDS,
      visitorPerIp: e.VISITOR_MAX_PER_IP,
      visitorWindowSeconds: e.VISITOR_WINDOW_SECONDS,
      labelAnswersPerLabel: e.LABEL_ANSWER_MAX_PER_LABEL,
      labelAnswersPerIp: e.LABEL_ANSWER_MAX_PER_IP,
      labelAnswerWindowSeconds: e.LABEL_ANSWER_WINDOW_SECONDS,
      labelCodesPerLabel: e.LABEL_CODE_MAX_PER_LABEL,
      labelCodesPerIp: e.LABEL_CODE_MAX_PER_IP,
      labelCodeWindowSeconds: e.LABEL_CODE_WINDOW_SECONDS,
    },
    quickActionLimits: { perGuest: e.QUICK_ACTION_MAX_PER_GUEST, windowSeconds: e.QUICK_ACTION_WINDOW_SECONDS },
    chatLimits: {
      perSocket: e.CHAT_SEND_MAX_PER_SOCKET,
      perSocketWindowSeconds: e.CHAT_SEND_SOCKET_WINDOW_SECONDS,
      perSender: e.CHAT_SEND_MAX_PER_SENDER,
      perSenderWindowSeconds: e.CHAT_SEND_SENDER_WINDOW_SECONDS,
    },
    chatEventLimits: e.CHAT_EVENT_LIMITS ?? {},
    awayAfterSeconds: e.PRESENCE_AWAY_AFTER_SECONDS,
    offlineHandoverMinutes: e.STAFF_OFFLINE_HANDOVER_MINUTES,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    privacyExportMaxBytes: e.PRIVACY_EXPORT_MAX_BYTES,
    guestEmbedOrigins: e.GUEST_EMBED_ORIGINS,
    events: { maxAttempts: e.EVENTS_MAX_ATTEMPTS, retryBaseMs: e.EVENTS_RETRY_BASE_SECONDS * 1000 },
    mail: {
      smtp: e.SMTP_URL
        ? { url: e.SMTP_URL }
        : e.SMTP_HOST
          ? {
              host: e.SMTP_HOST,
              port: e.SMTP_PORT ?? (e.SMTP_SECURE ? 465 : 587),
              secure: e.SMTP_SECURE ?? e.SMTP_PORT === 465,
              user: e.SMTP_USER,
              password: e.SMTP_PASSWORD,
            }
          : undefined,
      from: e.MAIL_FROM ?? `Frontdesk <frontdesk@${new URL(publicUrl).hostname}>`,
      maxAttempts: e.MAIL_MAX_ATTEMPTS,
      retryBaseMs: e.MAIL_RETRY_BASE_SECONDS * 1000,
      messageDelayMs: e.MAIL_MESSAGE_DELAY_MINUTES * 60_000,
    },
    webhooks: {
      allowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
      timeoutMs: e.WEBHOOK_TIMEOUT_SECONDS * 1000,
      retryBaseMs: e.WEBHOOK_RETRY_BASE_SECONDS * 1000,
      retryWindowMs: e.WEBHOOK_RETRY_HOURS * 3600_000,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      disableAfterGiveUps: e.WEBHOOK_DISABLE_AFTER_GIVE_UPS,
      keepMs: e.WEBHOOK_KEEP_DAYS * 86_400_000,
    },
    push: {
      vapid: {
        keys:
          e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY
            ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY }
            : undefined,
        subject: e.VAPID_SUBJECT ?? (publicUrl.startsWith('https://') ? publicUrl : 'mailto:frontdesk@localhost'),
      },
      allowPrivate: e.PUSH_ALLOW_PRIVATE,
      timeoutMs: e.PUSH_TIMEOUT_SECONDS * 1000,
    },
    sso: {
      allowPrivateIssuer: e.SSO_ALLOW_PRIVATE_ISSUER,
      discoveryCacheMs: e.SSO_DISCOVERY_CACHE_SECONDS * 1000,
    },
    apiKeyRequestsPerMinute: e.API_KEY_REQUESTS_PER_MINUTE,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    translation,
  };
}

function translationConfig(e: z.infer<typeof EnvSchema>): TranslationConfig | undefined {
  const provider = e.TRANSLATION_PROVIDER;
  if (provider === 'none') return undefined;
  if (provider !== 'libretranslate' && !e.TRANSLATION_API_KEY)
    throw new ConfigError(
      `Invalid configuration:\n  TRANSLATION_API_KEY is required when TRANSLATION_PROVIDER=${provider}`,
    );
  const url =
    e.TRANSLATION_URL ?? (provider === 'libretranslate' ? undefined : translationUrls[provider](e.TRANSLATION_API_KEY));
  if (!url)
    throw new ConfigError(
      'Invalid configuration:\n  TRANSLATION_URL is required when TRANSLATION_PROVIDER=libretranslate',
    );
  return {
    provider,
    url: url.replace(/\/+$/, ''),
    apiKey: e.TRANSLATION_API_KEY,
    timeoutMs: e.TRANSLATION_TIMEOUT_SECONDS * 1000,
  };
}

/** A secret that survives restarts: generated on first start and kept in DATA_DIR. */
function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    try {
      writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      // another process created it first: use theirs
      return readFileSync(file, 'utf8').trim();
    }
  }
}

/** Whether the public key is the private key's (a pasted pair from two different generations is refused). */
export function vapidPairMatches(publicKey: string, privateKey: string): boolean {
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(privateKey, 'base64url'));
    return ecdh.getPublicKey().toString('base64url') === publicKey;
  } catch {
    return false;
  }
}
