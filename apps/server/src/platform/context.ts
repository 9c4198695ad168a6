import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Database, Db } from '../db/connection.js';
import type { LoginLimiters } from '../modules/auth/service.js';
import type { FileStorage } from '../modules/files/storage.js';
import type { GuestLimits } from '../modules/guest/service.js';
import type { EventBus } from './events.js';

/** What route and socket handlers need to call services: built once per process in main/app. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  limits: { login: LoginLimiters; guest: GuestLimits };
  log: FastifyBaseLogger;
  events: EventBus;
  /** Where uploaded images are kept (FILES_DIR). */
  files: FileStorage;
}
