import type { DomainEventOf, DomainEventType } from '@frontdesk/protocol';
import type { Db } from '../db/connection.js';
import type { Actor } from './actor.js';
import type { AppContext } from './context.js';
import type { LocalEvent } from './events.js';
import { announce, type NewEvent, recordEvent, transact } from './outbox/record.js';

/** Where a call came from, for the audit log and the logs: one request, socket event or job run. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  /** The HTTP request id (also sent back as `x-request-id`), the socket's event id, or the job run. */
  requestId: string | null;
}

/** What of the node every service may use besides the database: settings, files, limits, the log. */
export type ServiceEnv = Pick<AppContext, 'config' | 'files' | 'limits' | 'log'>;

/**
 * The one first argument of every service: who asks (`actor`), from where (`request`), the
 * database or the transaction the call runs in (`db`), and how the call records what it changed
 * (`transact`, `record`, `announce`). Routes, socket handlers and jobs build one and hand it over;
 * they never record events themselves.
 */
export interface ServiceContext<A extends Actor = Actor> extends ServiceEnv {
  readonly db: Db;
  readonly actor: A;
  readonly request: RequestMeta;
  /**
   * Runs `work` in a transaction (a savepoint when already inside one) with a context bound to
   * it; the events it records are dispatched in-process once the outermost transaction commits.
   */
  transact<T>(work: (tx: ServiceContext<A>) => Promise<T>): Promise<T>;
  /** Writes a domain event into this context's open transaction (see `transact`). */
  record<T extends DomainEventType>(event: NewEvent<T>): Promise<DomainEventOf<T>>;
  /** Dispatches a realtime-only event (a message, whose row is its log; a receipt) after commit. */
  announce(event: LocalEvent): void;
  /** The same call acting as someone else (e.g. the system finishing what a guest started). */
  as<B extends Actor>(actor: B): ServiceContext<B>;
}

class Context<A extends Actor> implements ServiceContext<A> {
  constructor(
    private readonly env: ServiceEnv,
    readonly db: Db,
    readonly actor: A,
    readonly request: RequestMeta,
  ) {}

  get config() {
    return this.env.config;
  }
  get files() {
    return this.env.files;
  }
  get limits() {
    return this.env.limits;
  }
  get log() {
    return this.env.log;
  }

  transact<T>(work: (tx: ServiceContext<A>) => Promise<T>): Promise<T> {
    return transact(this.db, (tx) => work(new Context(this.env, tx, this.actor, this.request)));
  }

  record<T extends DomainEventType>(event: NewEvent<T>): Promise<DomainEventOf<T>> {
    return recordEvent(this.db, event);
  }

  announce(event: LocalEvent): void {
    announce(this.db, event);
  }

  as<B extends Actor>(actor: B): ServiceContext<B> {
    return new Context(this.env, this.db, actor, this.request);
  }
}

export const noRequest: RequestMeta = { ip: null, userAgent: null, requestId: null };

/** A context for `actor` on the node's database (outside any transaction). */
export function serviceContext<A extends Actor>(app: AppContext, actor: A, request: RequestMeta): ServiceContext<A> {
  return new Context(app, app.db, actor, request);
}

/** Frontdesk itself at work: a job run or a durable consumer, named in the audit log. */
export function systemContext(app: AppContext, process: string, runId: string | null = null) {
  return serviceContext(app, { kind: 'system', process } as const, { ip: null, userAgent: null, requestId: runId });
}
