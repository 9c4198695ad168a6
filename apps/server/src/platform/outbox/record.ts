import { randomUUID } from 'node:crypto';
import { DomainEvent, type DomainEventOf, type DomainEventType } from '@frontdesk/protocol';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/connection.js';
import { domainEvents } from '../../db/schema.js';
import type { EventBus, LocalEvent } from '../events.js';

/** An event as a service states it; the outbox adds its id, version and time. */
export interface NewEvent<T extends DomainEventType> {
  type: T;
  orgId: string | null;
  /** What the event is about, e.g. `stay:<id>`: events of one stream reach a consumer in order. */
  stream: string;
  data: DomainEventOf<T>['data'];
}

interface OpenTransaction {
  root: Db;
  /** Events to dispatch in-process once the outermost transaction commits. */
  pending: LocalEvent[];
}

const open = new WeakMap<Db, OpenTransaction>();
const buses = new WeakMap<Db, EventBus>();
const schemas = new Map(DomainEvent.options.map((o) => [o.shape.type.value, o]));

/** Where this database's committed events go in-process (one bus per node). */
export function bindEventBus(db: Db, bus: EventBus): void {
  buses.set(db, bus);
}

/**
 * Runs `work` in a transaction whose recorded events are dispatched in-process right after it
 * commits, and dropped if it rolls back. Nested inside another `transact` it becomes a savepoint
 * whose events join the outer transaction's. A transaction that records events must be opened
 * here: one opened with `db.transaction` directly is refused, since its events could not wait for
 * its commit.
 */
export async function transact<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const outer = open.get(db);
  if (!outer && db instanceof PgTransaction)
    throw new Error('transact() inside a transaction not opened by transact(): open the outer one with it');
  const root = outer?.root ?? db;
  const pending: LocalEvent[] = [];
  const result = await db.transaction(async (tx) => {
    open.set(tx as Db, { root, pending });
    return work(tx as Db);
  });
  if (outer) outer.pending.push(...pending);
  else for (const event of pending) dispatch(root, event);
  return result;
}

/** Writes a domain event into the transaction's outbox; it is dispatched after commit. */
export async function recordEvent<T extends DomainEventType>(tx: Db, input: NewEvent<T>): Promise<DomainEventOf<T>> {
  const context = open.get(tx);
  if (!context) throw new Error(`recordEvent(${input.type}) outside transact(): the event would never be dispatched`);
  const schema = schemas.get(input.type);
  if (!schema) throw new Error(`unknown domain event ${input.type}`);
  // parsed against the public contract before it is stored: a wrong payload fails the change
  const event = schema.parse({
    id: randomUUID(),
    type: input.type,
    version: schema.shape.version.value,
    orgId: input.orgId,
    stream: input.stream,
    occurredAt: new Date().toISOString(),
    data: input.data,
  }) as DomainEventOf<T>;
  await tx.insert(domainEvents).values({
    id: event.id,
    type: event.type,
    version: event.version,
    orgId: event.orgId,
    stream: event.stream,
    occurredAt: new Date(event.occurredAt),
    data: event.data as Record<string, unknown>,
  });
  context.pending.push(event);
  return event;
}

/**
 * Dispatches in-process an event whose durable record is not an outbox row: a message (the
 * messages table is its log) or a receipt (not durable at all). Inside `transact` it waits for
 * the commit like a recorded event; outside, the caller has committed already.
 */
export function announce(db: Db, event: LocalEvent): void {
  const context = open.get(db);
  if (context) context.pending.push(event);
  else if (db instanceof PgTransaction) throw new Error('announce() inside a transaction not opened by transact()');
  else dispatch(db, event);
}

function dispatch(root: Db, event: LocalEvent): void {
  buses.get(root)?.dispatch(event);
}
