import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Database, Db } from '../db/connection.js';
import type { ApiClientActor, GuestActor, StaffActor } from './actor.js';
import type { EventBus } from './events.js';
import type { FileStorage } from './file-storage.js';
import type { Language } from './i18n.js';
import type { ApiKeyLimits, AttachmentLimits, GuestLimits, LoginLimiters, PushLimits } from './limits.js';
import type { NodeMetrics } from './metrics.js';

/**
 * How a presented token becomes an actor. The auth and guest modules provide them when the app is
 * built, so that the platform (request authentication, sockets) names no domain module.
 */
export interface SessionResolvers {
  staff(db: Db, token: string): Promise<StaffActor | null>;
  guest(db: Db, token: string): Promise<GuestActor | null>;
  /** Many guest tokens at once (socket revalidation): the live ones, by token. */
  guests(db: Db, tokens: string[]): Promise<Map<string, GuestActor>>;
  /** The languages guests and visitors read, by id, for the notices sent to them. */
  /** An API key (`fdk_…`): its client, or null when unknown or revoked. */
  apiKey(db: Db, key: string): Promise<ApiClientActor | null>;
  contactLanguages(db: Db, contacts: { guestIds: string[]; visitorIds: string[] }): Promise<Map<string, Language>>;
}

/**
 * Who of an organization's staff may be given work now: connected and not away. The realtime
 * gateway provides it from presence (shared by every node through Redis), so that services —
 * automatic assignment — need not know about sockets.
 */
export interface StaffAvailability {
  available(orgId: string): Promise<Set<string>>;
  /** Staff with a connection at all (online or away). */
  present(orgId: string): Promise<Set<string>>;
}

/** What route and socket handlers need to call services: built once per process in main/app. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  limits: {
    login: LoginLimiters;
    guest: GuestLimits;
    attachments: AttachmentLimits;
    apiKeys: ApiKeyLimits;
    push: PushLimits;
  };
  log: FastifyBaseLogger;
  events: EventBus;
  /** This node's Prometheus series (/metrics). */
  metrics: NodeMetrics;
  /** Where uploaded files' bytes are kept (FILE_STORAGE: FILES_DIR on disk, or an S3 bucket). */
  files: FileStorage;
  sessions: SessionResolvers;
  /** Set by the gateway when it starts; nobody is available before (see StaffAvailability). */
  availability: StaffAvailability;
}
